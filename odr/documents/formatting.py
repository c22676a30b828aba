"""How money, dates and instants are spelled in each document language.

Courts read amounts with thousands separators and the currency named in words the reader uses
(теңге, тенге, KZT); dates with the month in words so day and month cannot be swapped; instants
in UTC with the zone written out, because parties may sign from different time zones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

NBSP = "\u00a0"
MONTHS = {
    "kk": [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
CURRENCY_WORDS = {"kk": {"KZT": "теңге"}, "ru": {"KZT": "тенге"}, "en": {}}


def format_money(amount: str | Decimal, currency: str, language: str) -> str:
    """``1 800 000,00 теңге`` (kk), ``1 800 000,00 тенге`` (ru), ``KZT 1,800,000.00`` (en)."""
    whole, _, cents = f"{Decimal(amount):.2f}".partition(".")
    groups = f"{int(whole):,}"
    if language == "en":
        return f"{currency}{NBSP}{groups}.{cents}"
    word = CURRENCY_WORDS.get(language, {}).get(currency, currency)
    return f"{groups.replace(',', NBSP)},{cents}{NBSP}{word}"


def format_date(day: date, language: str) -> str:
    """``2025 жылғы 14 наурыз`` (kk), ``14 марта 2025 г.`` (ru), ``14 March 2025`` (en)."""
    month = MONTHS[language][day.month - 1]
    if language == "kk":
        return f"{day.year}{NBSP}жылғы {day.day}{NBSP}{month}"
    if language == "ru":
        return f"{day.day}{NBSP}{month} {day.year}{NBSP}г."
    return f"{day.day}{NBSP}{month} {day.year}"


def format_instant(moment: datetime) -> str:
    """``2025-03-13 15:42:00 UTC``: the same spelling in every language."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def format_rate(rate: str, language: str) -> str:
    """A percentage rate with the decimal separator of the language (``0,1`` in kk and ru)."""
    return rate if language == "en" else rate.replace(".", ",")
