"""Notice texts in Kazakh, Russian and English, by kind.

Parameters are filled with ``str.format_map``; a missing one shows as ``{name}`` rather than
failing, so a notice is never lost to a template typo. Unknown kinds are refused when enqueued.
"""

from __future__ import annotations

from typing import Any

from odr.notify.fulfilment_templates import FULFILMENT_TEMPLATES
from odr.notify.journey_templates import JOURNEY_TEMPLATES
from odr.notify.referral_templates import REFERRAL_TEMPLATES
from odr.notify.session_templates import SESSION_TEMPLATES
from odr.notify.staff_templates import STAFF_TEMPLATES

Texts = dict[str, tuple[str, str]]  # language → (subject, body)

TEMPLATES: dict[str, Texts] = {
    "case_assigned": {
        "kk": ("Жаңа іс: {reference}", "Сізге жаңа іс берілді: {reference} ({subject})."),
        "ru": ("Новое дело: {reference}", "Вам назначено новое дело: {reference} ({subject})."),
        "en": ("New case: {reference}", "A new case was assigned to you: {reference} ({subject})."),
    },
    "deadline_reminder": {
        "kk": (
            "{reference}: мерзімге {hours} сағат қалды",
            "{reference} ісі бойынша медиация мерзімі {deadline} аяқталады. "
            "Келісімге келу үшін бөлмеге кіріңіз.",
        ),
        "ru": (
            "{reference}: до срока осталось {hours} ч",
            "Срок медиации по делу {reference} истекает {deadline}. "
            "Зайдите в комнату переговоров, чтобы договориться.",
        ),
        "en": (
            "{reference}: {hours} hours to the deadline",
            "The mediation deadline of case {reference} is {deadline}. "
            "Open the negotiation room to reach an agreement.",
        ),
    },
    "deadline_expired": {
        "kk": ("{reference}: мерзім өтті", "{reference} ісі бойынша медиация мерзімі өтті."),
        "ru": ("{reference}: срок истёк", "Срок медиации по делу {reference} истёк."),
        "en": ("{reference}: deadline passed", "The mediation deadline of {reference} passed."),
    },
    "deadline_extended": {
        "kk": ("{reference}: мерзім ұзартылды", "Жаңа мерзім: {deadline}. Себебі: {reason}"),
        "ru": ("{reference}: срок продлён", "Новый срок: {deadline}. Причина: {reason}"),
        "en": ("{reference}: deadline extended", "New deadline: {deadline}. Reason: {reason}"),
    },
    "case_paused": {
        "kk": ("{reference}: медиация тоқтатылды", "Медиатор істі тоқтатты. Себебі: {reason}"),
        "ru": ("{reference}: медиация приостановлена", "Медиатор приостановил дело: {reason}"),
        "en": ("{reference}: mediation paused", "The mediator paused the case: {reason}"),
    },
    "mechanism_switch_proposed": {
        "kk": (
            "{reference}: медиатор келісудің басқа тәсілін ұсынады",
            "Медиатор {reference} ісін келісудің басқа тәсілімен жалғастыруды ұсынады. "
            "Істі ашып, келісіңіз немесе бас тартыңыз.",
        ),
        "ru": (
            "{reference}: медиатор предлагает другой способ договориться",
            "Медиатор предлагает продолжить дело {reference} другим способом. "
            "Откройте дело, чтобы согласиться или отказаться.",
        ),
        "en": (
            "{reference}: the mediator proposes another way to settle",
            "The mediator proposes to go on with case {reference} another way. "
            "Open the case to consent or decline.",
        ),
    },
    "mechanism_switched": {
        "kk": (
            "{reference}: келісу тәсілі өзгерді",
            "Барлық тараптар келісті: {reference} ісі жаңа тәсілмен жалғасады.",
        ),
        "ru": (
            "{reference}: способ договориться изменён",
            "Все стороны согласились: дело {reference} продолжается новым способом.",
        ),
        "en": (
            "{reference}: the way to settle changed",
            "Every party consented: case {reference} goes on the new way.",
        ),
    },
    "live_mediator_requested": {
        "kk": (
            "{reference}: тараптар медиаторды шақырады",
            "{reference} ісі бойынша жабық сауда-саттық келісімсіз аяқталды, тарап медиатормен "
            "тікелей сөйлескісі келеді. Істі ашып, байланысқа шығыңыз.",
        ),
        "ru": (
            "{reference}: стороны просят медиатора",
            "Закрытые торги по делу {reference} закончились без соглашения, и сторона просит "
            "живого медиатора. Откройте дело и свяжитесь со сторонами.",
        ),
        "en": (
            "{reference}: the parties ask for a mediator",
            "Blind bidding in case {reference} ended without settlement and a party asks for a "
            "live mediator. Open the case and get in touch with the parties.",
        ),
    },
    "court_chosen": {
        "kk": (
            "{reference}: тараптар сотты таңдады",
            "Жабық сауда-саттық келісімсіз аяқталды, екі тарап та сотты таңдады: медиация "
            "нәтижесіз аяқталды. Медиатор істі сотқа жібере алады.",
        ),
        "ru": (
            "{reference}: стороны выбрали суд",
            "Закрытые торги закончились без соглашения, и обе стороны выбрали суд: медиация "
            "завершена без соглашения. Медиатор может направить дело в суд.",
        ),
        "en": (
            "{reference}: the parties chose court",
            "Blind bidding ended without settlement and both parties chose court: the "
            "mediation ended without agreement. The mediator can refer the case to court.",
        ),
    },
    "case_resumed": {
        "kk": ("{reference}: медиация жалғасты", "Жаңа мерзім: {deadline}."),
        "ru": ("{reference}: медиация возобновлена", "Новый срок: {deadline}."),
        "en": ("{reference}: mediation resumed", "New deadline: {deadline}."),
    },
    "case_closed": {
        "kk": ("{reference}: медиация аяқталды", "Нәтиже: {outcome}. Пікіріңізді қалдырыңыз."),
        "ru": ("{reference}: медиация завершена", "Итог: {outcome}. Пожалуйста, оцените процесс."),
        "en": ("{reference}: mediation closed", "Outcome: {outcome}. Please rate the process."),
    },
    "case_referred": {
        "kk": ("{reference}: іс сотқа жіберілді", "Іс сотқа жіберілді."),
        "ru": ("{reference}: дело направлено в суд", "Дело направлено в суд."),
        "en": ("{reference}: referred to court", "The case was referred to court."),
    },
    "case_filed": {
        "kk": ("{reference}: іс тіркелді", "{reference} ісі тіркелді."),
        "ru": ("{reference}: дело зарегистрировано", "Дело {reference} зарегистрировано."),
        "en": ("{reference}: case filed", "Case {reference} was filed."),
    },
    "settlement_awaits_signature": {
        "kk": (
            "{reference}: келісімге қолыңыз күтілуде",
            "Басқа тарап татуласу келісіміне қол қойды. Мәтінді қарап, қол қойыңыз.",
        ),
        "ru": (
            "{reference}: ждём вашей подписи",
            "Одна из сторон подписала соглашение. Проверьте текст и подпишите его.",
        ),
        "en": (
            "{reference}: your signature is awaited",
            "Another party signed the settlement. Please review the text and sign it.",
        ),
    },
    "settlement_signed": {
        "kk": ("{reference}: келісім қол қойылды", "Татуласу келісіміне барлық тарап қол қойды."),
        "ru": ("{reference}: соглашение подписано", "Все стороны подписали соглашение."),
        "en": ("{reference}: settlement signed", "Every party signed the settlement."),
    },
    # The link carries a single-use token in its fragment; {minutes} is how long it works.
    "password_reset": {
        "kk": (
            "Kelisim: құпиясөзді қалпына келтіру",
            "Жаңа құпиясөз таңдау үшін сілтемені ашыңыз: {link}\n"
            "Сілтеме бір рет және {minutes} минут ішінде жұмыс істейді. "
            "Егер сіз сұрамасаңыз, бұл хатқа жауап бермеңіз: құпиясөзіңіз өзгермейді.",
        ),
        "ru": (
            "Kelisim: восстановление пароля",
            "Чтобы выбрать новый пароль, откройте ссылку: {link}\n"
            "Ссылка действует один раз и {minutes} минут. "
            "Если вы не запрашивали смену пароля, просто не отвечайте: пароль не изменится.",
        ),
        "en": (
            "Kelisim: reset your password",
            "To choose a new password, open this link: {link}\n"
            "The link works once, for {minutes} minutes. "
            "If you did not ask for this, ignore this e-mail: your password stays as it is.",
        ),
    },
}

TEMPLATES |= JOURNEY_TEMPLATES  # the invitation, its reminders, "they joined", "a new offer"
TEMPLATES |= STAFF_TEMPLATES  # a centre's staff: cases waiting for a mediator
TEMPLATES |= SESSION_TEMPLATES  # joint sessions: proposed, invites, reminder
TEMPLATES |= REFERRAL_TEMPLATES  # the court registered a referred case
TEMPLATES |= FULFILMENT_TEMPLATES  # a signed settlement's due dates, a missed one (#18)


class _Keep(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# A case's outcome travels as a code ("settled", "failed"); a letter says it in the reader's words.
OUTCOMES = {
    "kk": {"settled": "келісімге қол жеткізілді", "failed": "келісімге қол жеткізілмеді"},
    "ru": {"settled": "соглашение достигнуто", "failed": "соглашение не достигнуто"},
    "en": {"settled": "settled", "failed": "no agreement"},
}


def render(kind: str, language: str, params: dict[str, Any]) -> tuple[str, str]:
    """The subject and body of a notice, in ``language`` (Russian when it has no text)."""
    texts = TEMPLATES[kind]
    subject, body = texts.get(language) or texts["ru"]
    if "outcome" in params:
        words = OUTCOMES.get(language if language in texts else "ru", OUTCOMES["ru"])
        params = {**params, "outcome": words.get(params["outcome"], params["outcome"])}
    values = _Keep(params)
    return subject.format_map(values), body.format_map(values)
