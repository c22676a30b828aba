"""Texts of the joint-session notices (#15), in Kazakh, Russian and English.

``{when}`` is the session's start in Astana time (``odr.centre.sessions_rules.astana``), as the
texts say it; the attached invite holds the same moment in UTC. ``{meeting}`` and ``{place}`` are
"—" when the session has none. The invite, its update and its cancellation carry a ``.ics``
attachment (``calendar`` among their sealed parameters); the proposal and the reminder do not.
"""

from __future__ import annotations

_DETAILS = {
    "kk": "Уақыты: {when} (Астана уақыты), {minutes} минут.\nБейне байланыс: {meeting}\n"
    "Орны: {place}",
    "ru": "Время: {when} (время Астаны), {minutes} мин.\nВидеосвязь: {meeting}\nМесто: {place}",
    "en": "Time: {when} (Astana time), {minutes} minutes.\nVideo link: {meeting}\nPlace: {place}",
}

SESSION_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "session_proposed": {
        "kk": (
            "{reference}: бірлескен отырыс уақытын таңдаңыз",
            "Медиатор {reference} ісі бойынша бірлескен отырыстың бірнеше уақытын ұсынды. "
            "Істі ашып, өзіңізге ыңғайлы уақыттарды белгілеңіз.",
        ),
        "ru": (
            "{reference}: выберите время совместной встречи",
            "Медиатор предложил несколько вариантов времени совместной встречи по делу "
            "{reference}. Откройте дело и отметьте, когда вы можете участвовать.",
        ),
        "en": (
            "{reference}: choose a time for the joint session",
            "The mediator proposed times for a joint session in case {reference}. Open the "
            "case and mark the times you can attend.",
        ),
    },
    "session_invite": {
        "kk": (
            "{reference}: бірлескен отырыс {when}",
            "{reference} ісі бойынша бірлескен отырыс белгіленді.\n" + _DETAILS["kk"] + "\n"
            "Күнтізбеге қосу үшін тіркелген файлды ашыңыз.",
        ),
        "ru": (
            "{reference}: совместная встреча {when}",
            "Совместная встреча по делу {reference} назначена.\n" + _DETAILS["ru"] + "\n"
            "Чтобы добавить её в календарь, откройте вложенный файл.",
        ),
        "en": (
            "{reference}: joint session on {when}",
            "A joint session of case {reference} is set.\n" + _DETAILS["en"] + "\n"
            "Open the attached file to add it to your calendar.",
        ),
    },
    "session_updated": {
        "kk": (
            "{reference}: бірлескен отырыс уақыты өзгерді, {when}",
            "{reference} ісі бойынша бірлескен отырыс жаңа уақытқа ауыстырылды.\n"
            + _DETAILS["kk"]
            + "\nТіркелген файл күнтізбедегі жазбаны жаңартады.",
        ),
        "ru": (
            "{reference}: совместная встреча перенесена на {when}",
            "Совместная встреча по делу {reference} перенесена.\n" + _DETAILS["ru"] + "\n"
            "Вложенный файл обновит запись в вашем календаре.",
        ),
        "en": (
            "{reference}: joint session moved to {when}",
            "The joint session of case {reference} was moved.\n" + _DETAILS["en"] + "\n"
            "The attached file updates the entry in your calendar.",
        ),
    },
    "session_cancelled": {
        "kk": (
            "{reference}: бірлескен отырыс болмайды",
            "{when} белгіленген бірлескен отырыс өтпейді. Себебі: {reason}\n"
            "Тіркелген файл оны күнтізбеден алып тастайды.",
        ),
        "ru": (
            "{reference}: совместная встреча отменена",
            "Совместная встреча, назначенная на {when}, отменена. Причина: {reason}\n"
            "Вложенный файл уберёт её из вашего календаря.",
        ),
        "en": (
            "{reference}: joint session cancelled",
            "The joint session set for {when} is cancelled. Reason: {reason}\n"
            "The attached file removes it from your calendar.",
        ),
    },
    "session_reminder": {
        "kk": (
            "{reference}: ертең бірлескен отырыс",
            "Еске саламыз: {reference} ісі бойынша бірлескен отырыс ертең.\n" + _DETAILS["kk"],
        ),
        "ru": (
            "{reference}: завтра совместная встреча",
            "Напоминаем: завтра совместная встреча по делу {reference}.\n" + _DETAILS["ru"],
        ),
        "en": (
            "{reference}: joint session tomorrow",
            "A reminder: the joint session of case {reference} is tomorrow.\n" + _DETAILS["en"],
        ),
    },
}
