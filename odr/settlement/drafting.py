"""The first draft of a settlement's terms, built from the agreed package. Pure; no I/O.

An agreed package says what each issue came to ("amount: 350000", "pay within: 30 days",
"apology: written"). A court needs more: who owes what to whom, by which exact date, how. The
draft fills in what the package implies, with plain defaults for the rest, and the parties then
check and complete it before signing. Nothing here is final: every field can be edited, and
every edit voids signatures already given.

Reading the package: a numeric issue whose unit is the case's currency is a payment from the
respondent to the claimant; a numeric issue in days sets the payment deadline (counted from the
agreement date); a numeric issue in months or instalments splits the payment into equal monthly
instalments; every other issue becomes an obligation of the respondent described by its label
and the agreed option.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from odr.settlement.division_terms import division_obligations, is_division

DEFAULT_PAYMENT_DAYS = 30
DEFAULT_ACCELERATION_DAYS = 15

_DAY_UNITS = {"day", "days", "күн", "дней", "дня", "день", "дн", "дн."}
_INSTALMENT_UNITS = {
    "month",
    "months",
    "instalment",
    "instalments",
    "installments",
    "ай",
    "бөлік",
    "месяц",
    "месяца",
    "месяцев",
    "мес",
    "мес.",
    "платежей",
    "платежа",
}
# Drafted wording in the case's language; the parties may rewrite it before signing.
_BANK_TRANSFER = {"kk": "банктік аударым", "ru": "банковский перевод", "en": "bank transfer"}
_AS_STATED = {
    "kk": "осы тармақта көрсетілгендей",
    "ru": "как указано в настоящем пункте",
    "en": "as stated in this clause",
}
_LEGAL_BASIS = {
    "civil": {
        "kk": "Қазақстан Республикасының Азаматтық кодексі",
        "ru": "Гражданский кодекс Республики Казахстан",
        "en": "Civil Code of the Republic of Kazakhstan",
    },
    "consumer": {
        "kk": "Қазақстан Республикасының «Тұтынушылардың құқықтарын қорғау туралы» Заңы",
        "ru": "Закон Республики Казахстан «О защите прав потребителей»",
        "en": "Law of the Republic of Kazakhstan on Consumer Protection",
    },
    "commercial": {
        "kk": "Қазақстан Республикасының Азаматтық кодексі",
        "ru": "Гражданский кодекс Республики Казахстан",
        "en": "Civil Code of the Republic of Kazakhstan",
    },
    "labour": {
        "kk": "Қазақстан Республикасының Еңбек кодексі",
        "ru": "Трудовой кодекс Республики Казахстан",
        "en": "Labour Code of the Republic of Kazakhstan",
    },
    "family": {
        "kk": "Қазақстан Республикасының «Неке (ерлі-зайыптылық) және отбасы туралы» Кодексі",
        "ru": "Кодекс Республики Казахстан «О браке (супружестве) и семье»",
        "en": "Code of the Republic of Kazakhstan on Marriage (Matrimony) and Family",
    },
}
_STATE_FEE = {
    "kk": "Әр тарап өз шығындарын өзі көтереді; мемлекеттік баж заңда белгіленген тәртіппен "
    "қайтарылады.",
    "ru": "Каждая сторона несёт свои расходы сама; государственная пошлина возвращается в "
    "порядке, установленном законом.",
    "en": "Each party bears its own costs; the state fee is refunded as the law provides.",
}


def legal_basis(category: str, language: str) -> str:
    texts = _LEGAL_BASIS.get(category, _LEGAL_BASIS["civil"])
    return texts.get(language, texts["en"])


_CURRENCY_ALIASES = {"kzt": "KZT", "тг": "KZT", "тенге": "KZT", "теңге": "KZT", "₸": "KZT"}


def _unit(issue: Mapping[str, Any]) -> str:
    return str(issue.get("range", {}).get("unit", "")).strip().lower()


def _currency_of(unit: str, case_currency: str) -> str | None:
    if unit.upper() == case_currency.upper():
        return case_currency.upper()
    alias = _CURRENCY_ALIASES.get(unit)
    return alias if alias == case_currency.upper() else None


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def instalment_schedule(total: Decimal, count: int, first_due: date) -> list[dict[str, Any]]:
    """Equal monthly instalments in whole units of currency; the last one takes the remainder."""
    if count < 1:
        raise ValueError("an instalment schedule needs at least one instalment")
    share = (total / count).quantize(Decimal("1"), rounding=ROUND_DOWN)
    amounts = [share] * (count - 1) + [total - share * (count - 1)]
    return [
        {
            "number": n,
            "due_date": add_months(first_due, n - 1).isoformat(),
            "amount": str(amount),
        }
        for n, amount in enumerate(amounts, 1)
    ]


def _number(value: str) -> Decimal:
    return Decimal(value)


def draft_terms(
    issues: Sequence[Mapping[str, Any]],
    package: Mapping[str, str],
    *,
    currency: str,
    agreed_on: date,
    language: str = "ru",
) -> dict[str, Any]:
    """Editable terms implied by ``package`` (issue name → agreed option) for the given case."""
    payments: list[tuple[Mapping[str, Any], Decimal]] = []
    days: int | None = None
    instalments: int | None = None
    actions: list[dict[str, Any]] = []
    for issue in issues:
        value = package.get(issue["name"])
        if value is None:
            continue
        unit = _unit(issue)
        if "range" in issue and _currency_of(unit, currency):
            payments.append((issue, _number(value)))
        elif "range" in issue and unit in _DAY_UNITS:
            days = int(_number(value))
        elif "range" in issue and unit in _INSTALMENT_UNITS:
            instalments = max(1, int(_number(value)))
        else:
            shown = (
                f"{value} {issue['range'].get('unit', '')}".strip() if "range" in issue else value
            )
            actions.append(
                {
                    "debtor": "respondent",
                    "creditor": "claimant",
                    "kind": "action",
                    "description": f"{issue['label']}: {shown}",
                    "amount": None,
                    "currency": currency.upper(),
                    "method": _AS_STATED.get(language, _AS_STATED["en"]),
                    "account": None,
                    "due_date": None,  # set below, once the deadline issue has been read
                    "instalments": [],
                }
            )
    due = agreed_on + timedelta(days=days if days is not None else DEFAULT_PAYMENT_DAYS)
    obligations: list[dict[str, Any]] = []
    for issue, amount in payments:
        schedule: list[dict[str, Any]] = []
        last_due = due
        if instalments and instalments > 1:
            schedule = instalment_schedule(amount, instalments, due)
            last_due = date.fromisoformat(schedule[-1]["due_date"])
        obligations.append(
            {
                "debtor": "respondent",
                "creditor": "claimant",
                "kind": "payment",
                "description": str(issue["label"]),
                "amount": str(amount),
                "currency": currency.upper(),
                "method": _BANK_TRANSFER.get(language, _BANK_TRANSFER["en"]),
                "account": None,
                "due_date": last_due.isoformat(),
                "instalments": schedule,
            }
        )
    for action in actions:
        action["due_date"] = due.isoformat()
    obligations.extend(actions)
    if is_division(issues):  # items shared out: who hands what to whom, and any equalisation
        obligations = division_obligations(
            issues, package, currency=currency, due=due, language=language
        )
    return {
        "obligations": obligations,
        "default_terms": {
            "acceleration_after_days": DEFAULT_ACCELERATION_DAYS,
            "penalty_percent_per_day": None,
        },
        "costs": {
            "allocation": "each_own",
            "state_fee_note": _STATE_FEE.get(language, _STATE_FEE["en"]),
        },
        "waiver_of_remaining_claims": True,
        "confidentiality": True,
        "singapore_convention_opt_in": False,
    }


def redraft(
    terms: Mapping[str, Any],
    issues: Sequence[Mapping[str, Any]],
    package: Mapping[str, str],
    *,
    currency: str,
    agreed_on: date,
    language: str = "ru",
) -> dict[str, Any]:
    """``terms`` drafted again for a new agreed package (an adopted improvement): what the
    package implies is redrafted, what the parties filled in that the package does not decide
    (their identities, the place, the court, the kind of document) is kept."""
    return {
        **terms,
        **draft_terms(issues, package, currency=currency, agreed_on=agreed_on, language=language),
    }
