"""Texts of the notices to a centre's staff about cases that need a person: no mediator could
take a new case, an unassigned case ran out of time, a mediator left with cases open."""

from __future__ import annotations

STAFF_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "case_unassigned": {
        "kk": (
            "{reference}: бос медиатор табылмады",
            "{reference} ісіне ({subject}) істің тілін білетін, оның санатын қабылдайтын бос "
            "медиатор табылмады. Медиаторды өзіңіз тағайындаңыз.",
        ),
        "ru": (
            "{reference}: нет свободного медиатора",
            "Для дела {reference} ({subject}) не нашлось свободного медиатора, который владеет "
            "языком дела и берёт его категорию. Назначьте медиатора вручную.",
        ),
        "en": (
            "{reference}: no mediator available",
            "No available mediator speaks the language of case {reference} ({subject}) and "
            "takes its category. Assign a mediator by hand.",
        ),
    },
    "unassigned_case_expired": {
        "kk": (
            "{reference}: мерзім медиаторсыз өтті",
            "{reference} ісі ({subject}) бойынша медиация мерзімі өтті, ал медиатор "
            "тағайындалмаған еді.",
        ),
        "ru": (
            "{reference}: срок истёк без медиатора",
            "Срок медиации по делу {reference} ({subject}) истёк, а медиатор так и не был "
            "назначен.",
        ),
        "en": (
            "{reference}: deadline passed with no mediator",
            "The mediation deadline of case {reference} ({subject}) passed and no mediator was "
            "ever assigned.",
        ),
    },
    "case_needs_reassignment": {
        "kk": (
            "{reference}: жаңа медиатор керек",
            "{mediator} медиатор енді жұмыс істемейді; {reference} ісі ({subject}) қайта "
            "тағайындауды күтуде.",
        ),
        "ru": (
            "{reference}: нужен новый медиатор",
            "Медиатор {mediator} больше не работает; дело {reference} ({subject}) ждёт "
            "переназначения.",
        ),
        "en": (
            "{reference}: a new mediator is needed",
            "Mediator {mediator} no longer works here; case {reference} ({subject}) waits to "
            "be reassigned.",
        ),
    },
    "caucus_requested": {
        "kk": (
            "{reference}: тарап жеке әңгіме сұрайды",
            "{party} {reference} ісі бойынша сізден жеке әңгіме сұрап отыр. Істің бетінде "
            "оны ашуға немесе өтінішті қабылдамауға болады. Басқа тараптар бұл туралы білмейді.",
        ),
        "ru": (
            "{reference}: сторона просит о личном разговоре",
            "{party} просит вас о личном разговоре по делу {reference}. На странице дела его "
            "можно открыть или отклонить просьбу. Другие стороны об этом не знают.",
        ),
        "en": (
            "{reference}: a party asks for a private conversation",
            "{party} asks you for a private conversation in case {reference}. You can open it, "
            "or decline the request, on the case's page. The other parties do not know of it.",
        ),
    },
}
