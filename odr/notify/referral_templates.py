"""Texts of the referral notices (#15), in Kazakh, Russian and English: the court registered a
case referred to it, under its own case number (``odr.court.referral_notices``)."""

from __future__ import annotations

REFERRAL_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "referral_acknowledged": {
        "kk": (
            "{reference}: сот істі тіркеді",
            "Сотқа жіберілген істі сот тіркеді.\nСот: {court}\nСоттағы іс нөмірі: {number}",
        ),
        "ru": (
            "{reference}: суд зарегистрировал дело",
            "Суд зарегистрировал направленное ему дело.\nСуд: {court}\nНомер дела в суде: {number}",
        ),
        "en": (
            "{reference}: the court registered the case",
            "The court registered the case referred to it.\nCourt: {court}\n"
            "The court's case number: {number}",
        ),
    },
}
