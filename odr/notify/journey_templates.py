"""Texts of the notices around a negotiation (kk/ru/en): the invitation and its reminders, "they
joined", "a new offer while you were away". Part of ``templates.TEMPLATES``.

``{link}`` in an invitation is the respondent's single-use link (a secret parameter, sealed in
the outbox); the other notices link to their page through the outbox's ``path``. ``{expires}`` is
a date, ``dd.mm.yyyy``, as both Kazakh and Russian write it.
"""

from __future__ import annotations

JOURNEY_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "invitation": {
        "kk": (
            "{reference}: {claimant} сізді онлайн медиацияға шақырады",
            "{claimant} сізді «{subject}» дауын Kelisim онлайн медиациясы арқылы шешуге "
            "шақырады. Медиация сотқа бармай келісуге көмектеседі; қатысу ерікті.\n"
            "Істі қарап, қосылу үшін сілтемені ашыңыз: {link}\n"
            "Сілтеме {expires} дейін жарамды.",
        ),
        "ru": (
            "{reference}: {claimant} приглашает вас к онлайн-медиации",
            "{claimant} приглашает вас урегулировать спор «{subject}» через онлайн-медиацию "
            "Kelisim. Медиация помогает договориться без суда; участие добровольное.\n"
            "Чтобы посмотреть дело и присоединиться, откройте ссылку: {link}\n"
            "Ссылка действует до {expires}.",
        ),
        "en": (
            "{reference}: {claimant} invites you to online mediation",
            "{claimant} invites you to settle the dispute “{subject}” by online mediation on "
            "Kelisim. Mediation helps you agree without going to court; taking part is voluntary.\n"
            "To see the case and join, open this link: {link}\n"
            "The link works until {expires}.",
        ),
    },
    "invitation_reminder": {
        "kk": (
            "{reference}: шақыру туралы еске саламыз",
            "Еске саламыз: {claimant} сізді «{subject}» дауын Kelisim онлайн медиациясы арқылы "
            "шешуге шақырады.\nІсті қарап, қосылу үшін сілтемені ашыңыз: {link}\n"
            "Сілтеме {expires} дейін жарамды.",
        ),
        "ru": (
            "{reference}: напоминаем о приглашении",
            "Напоминаем: {claimant} приглашает вас урегулировать спор «{subject}» через "
            "онлайн-медиацию Kelisim.\nЧтобы посмотреть дело и присоединиться, откройте ссылку: "
            "{link}\nСсылка действует до {expires}.",
        ),
        "en": (
            "{reference}: a reminder of your invitation",
            "A reminder: {claimant} invites you to settle the dispute “{subject}” by online "
            "mediation on Kelisim.\nTo see the case and join, open this link: {link}\n"
            "The link works until {expires}.",
        ),
    },
    "respondent_joined": {
        "kk": (
            "{reference}: екінші тарап қосылды",
            "Екінші тарап ({respondent}) {reference} ісіне қосылды. Келіссөзді бастауға болады.",
        ),
        "ru": (
            "{reference}: вторая сторона присоединилась",
            "Вторая сторона ({respondent}) присоединилась к делу {reference}. "
            "Можно начинать переговоры.",
        ),
        "en": (
            "{reference}: the other party joined",
            "The other party ({respondent}) joined case {reference}. You can start negotiating.",
        ),
    },
    "new_offer": {
        "kk": (
            "{reference}: жаңа ұсыныс",
            "Сіз жоқта екінші тарап {reference} ісі бойынша жаңа ұсыныс жасады. "
            "Жауап беру үшін келіссөз бөлмесін ашыңыз.",
        ),
        "ru": (
            "{reference}: новое предложение",
            "Пока вас не было, другая сторона сделала новое предложение по делу {reference}. "
            "Откройте комнату переговоров, чтобы ответить.",
        ),
        "en": (
            "{reference}: a new offer",
            "While you were away, the other party made a new offer in case {reference}. "
            "Open the negotiation room to answer.",
        ),
    },
}
