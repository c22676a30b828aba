"""Why an EDS signature is refused: one stable code per failure, said in kk, ru and en.

The code is what the API answers (``error.code`` of the 422) and what a stored signature's
record names; the browser says it from its own catalogue (locales/signing), and the texts here
serve whatever the server itself writes for a person (a report, a letter).
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    CMS_MALFORMED = "eds_cms_malformed"
    SIGNATURE_INVALID = "eds_signature_invalid"
    OLDER_VERSION = "eds_older_version"
    UNSUPPORTED_ALGORITHM = "eds_unsupported_algorithm"
    AUTHENTICATION_KEY = "eds_authentication_key"
    NOT_FOR_SIGNING = "eds_not_for_signing"
    UNKNOWN_ISSUER = "eds_unknown_issuer"
    EXPIRED = "eds_expired"
    NOT_YET_VALID = "eds_not_yet_valid"
    REVOKED = "eds_revoked"
    REVOCATION_UNKNOWN = "eds_revocation_unknown"
    CERTIFICATE_INVALID = "eds_certificate_invalid"
    WRONG_IIN = "eds_wrong_iin"
    WRONG_BIN = "eds_wrong_bin"
    PERSON_FOR_ORGANISATION = "eds_person_for_organisation"
    WRONG_SIGNATORY_IIN = "eds_wrong_signatory_iin"
    SIGNATORY_IIN_MISSING = "eds_signatory_iin_missing"


class EdsRefused(Exception):
    """The signature cannot be accepted; ``reason`` says why, ``detail`` is for the log."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


TEXTS: dict[Reason, dict[str, str]] = {
    Reason.CMS_MALFORMED: {
        "kk": "Қолтаңба оқылмады: NCALayer жауабы CMS қолтаңбасы емес.",
        "ru": "Подпись не прочитана: ответ NCALayer не является подписью CMS.",
        "en": "The signature could not be read: NCALayer's answer is not a CMS signature.",
    },
    Reason.SIGNATURE_INVALID: {
        "kk": "Қолтаңба сертификаттың кілтіне сәйкес келмейді.",
        "ru": "Подпись не соответствует ключу сертификата.",
        "en": "The signature does not match the certificate's key.",
    },
    Reason.OLDER_VERSION: {
        "kk": "Келісімнің ескі нұсқасына қол қойылған: қазіргі нұсқасына қайта қол қойыңыз.",
        "ru": "Подписана прежняя редакция соглашения: подпишите заново текущую редакцию.",
        "en": "An older version of the settlement was signed: sign the current one again.",
    },
    Reason.UNSUPPORTED_ALGORITHM: {
        "kk": "Бұл қолтаңба алгоритмі (мысалы, ГОСТ) әзірге қабылданбайды: RSA кілтін таңдаңыз.",
        "ru": "Этот алгоритм подписи (например, ГОСТ) пока не принимается: подпишите ключом RSA.",
        "en": "This signature algorithm (e.g. GOST) is not accepted yet: sign with an RSA key.",
    },
    Reason.AUTHENTICATION_KEY: {
        "kk": "Бұл аутентификация кілті (AUTH_…): қол қою кілтін (RSA_…) таңдаңыз.",
        "ru": "Это ключ аутентификации (AUTH_…): выберите ключ для подписи (RSA_…).",
        "en": "This is an authentication key (AUTH_…): choose your signing key (RSA_…).",
    },
    Reason.NOT_FOR_SIGNING: {
        "kk": "Сертификат қол қоюға арналмаған.",
        "ru": "Сертификат не предназначен для подписи.",
        "en": "The certificate is not meant for signing.",
    },
    Reason.UNKNOWN_ISSUER: {
        "kk": "Сертификатты сенімді куәландырушы орталық (ҰКО) бермеген.",
        "ru": "Сертификат выдан не доверенным удостоверяющим центром (НУЦ РК).",
        "en": "The certificate was not issued by a trusted certification authority (НУЦ РК).",
    },
    Reason.EXPIRED: {
        "kk": "Сертификаттың мерзімі өтіп кеткен.",
        "ru": "Срок действия сертификата истёк.",
        "en": "The certificate has expired.",
    },
    Reason.NOT_YET_VALID: {
        "kk": "Сертификат әлі күшіне енбеген.",
        "ru": "Сертификат ещё не вступил в силу.",
        "en": "The certificate is not valid yet.",
    },
    Reason.REVOKED: {
        "kk": "Сертификат кері қайтарылған.",
        "ru": "Сертификат отозван.",
        "en": "The certificate has been revoked.",
    },
    Reason.REVOCATION_UNKNOWN: {
        "kk": "Сертификаттың кері қайтарылмағанын тексеру мүмкін болмады: кейінірек қайталаңыз.",
        "ru": "Не удалось проверить, не отозван ли сертификат: повторите позже.",
        "en": "Whether the certificate is revoked could not be checked: try again later.",
    },
    Reason.CERTIFICATE_INVALID: {
        "kk": "Сертификат жарамсыз.",
        "ru": "Сертификат недействителен.",
        "en": "The certificate is not valid.",
    },
    Reason.WRONG_IIN: {
        "kk": "Сертификаттағы ЖСН келісімдегі ЖСН-ге сәйкес келмейді.",
        "ru": "ИИН в сертификате не совпадает с ИИН в соглашении.",
        "en": "The IIN in the certificate is not the IIN in the settlement.",
    },
    Reason.WRONG_BIN: {
        "kk": "Сертификаттағы БСН келісімдегі ұйымның БСН-іне сәйкес келмейді.",
        "ru": "БИН в сертификате не совпадает с БИН организации в соглашении.",
        "en": "The BIN in the certificate is not the organisation's BIN in the settlement.",
    },
    Reason.PERSON_FOR_ORGANISATION: {
        "kk": "Ұйым үшін ұйымның сертификатымен (БСН көрсетілген) қол қойыңыз.",
        "ru": "За организацию подписывайте сертификатом организации (с БИН).",
        "en": "Sign for an organisation with the organisation's certificate (with its BIN).",
    },
    # The organisation's BIN matched; the person the certificate was issued to did not. Said
    # without the certificate's IIN or the recorded one: which field differs is enough.
    Reason.WRONG_SIGNATORY_IIN: {
        "kk": (
            "Сертификаттағы БСН дұрыс, бірақ ЖСН келісімде ұйымның атынан қол қоюшы ретінде "
            "көрсетілген адамның ЖСН-і емес: сол адамның сертификатымен қол қойыңыз."
        ),
        "ru": (
            "БИН в сертификате верный, но ИИН не совпадает с ИИН лица, которое указано в "
            "соглашении как подписант от организации: подпишите сертификатом этого лица."
        ),
        "en": (
            "The BIN in the certificate is right, but its IIN is not the IIN of the person the "
            "settlement names as the organisation's signatory: sign with that person's certificate."
        ),
    },
    Reason.SIGNATORY_IIN_MISSING: {
        "kk": (
            "Ұйымның атынан қол қоюшының ЖСН-і көрсетілмеген: алдымен тарап деректерінде оны "
            "толтырыңыз."
        ),
        "ru": (
            "Не указан ИИН лица, подписывающего от имени организации: сначала укажите его в "
            "данных стороны."
        ),
        "en": (
            "The IIN of the person who signs for the organisation is not given: add it to the "
            "party's details first."
        ),
    },
}


def text(reason: Reason, language: str) -> str:
    """The reason in ``language`` (kk, ru, en), English for any other."""
    return TEXTS[reason].get(language, TEXTS[reason]["en"])
