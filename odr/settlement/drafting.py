"""The first draft of a settlement's terms, built from the agreed package. Pure; no I/O.

An agreed package says what each issue came to ("amount: 350000", "pay within: 30 days",
"apology: written"). A court needs more: who owes what to whom, by which exact date, how. The
draft fills in what the package implies, with plain defaults for the rest, and the parties then
check and complete it before signing. Nothing here is final: every field can be edited, and
every edit voids signatures already given.

Reading the package: a numeric issue whose unit is the case's currency is a payment from the
respondent to the claimant; a numeric issue in days sets the payment deadline (counted from the
agreement date); a numeric issue in months or instalments splits the payment into equal monthly
instalments; every other issue becomes an action described by its label and the agreed option,
whose doer the draft leaves open (``debtor`` and ``creditor`` null).

Why an action's doer is left open: a package says *what* was agreed, not who does it. Money
claimed by the claimant is paid by the respondent (a claim is brought against it), but an option
such as "sell the flat and split the money", "the sofa stays with the buyer" or "written apology"
may be the respondent's act, the claimant's, or one both perform together (``debtor`` "both":
a joint action, ``odr.documents.record_obligations.Obligation``). Guessing from the option's
words was considered and refused: the words are the claimant's, in any of three languages, and "the
respondent sells the flat and the money is split" says "split" with one doer; a wrong guess is
the very defect this replaces (issue #13: a joint sale drafted as the respondent's duty). An
open doer costs the parties one choice on the settlement page: until it is made the settlement
lists ``obligations.N.debtor`` among its missing items and no record can be signed.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from odr.cases.parties import in_party_order
from odr.negotiating.division_aw import AgreedAdjustedWinner
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
# Choices are drafted as codes ({"code": "bank_transfer"}), which the document words in each of
# its languages: a word drafted in the case's language would otherwise reach the other column
# of a bilingual settlement ("Как: банктік аударым"). The parties may choose another code, or
# write their own text (then once per document language).
BANK_TRANSFER: dict[str, str] = {"code": "bank_transfer"}
AS_DESCRIBED: dict[str, str] = {"code": "as_described"}
# Costs: "each_own" already says who bears the costs; the state fee line says only what becomes
# of the fee, so the two sentences no longer repeat each other.
STATE_FEE: dict[str, str] = {"code": "refund_by_law"}
_LEGAL_BASIS = {
    "civil": "civil_code",
    "consumer": "consumer_protection_law",
    "commercial": "civil_code",
    "labour": "labour_code",
    "family": "marriage_family_code",
}


def legal_basis(category: str) -> dict[str, str]:
    """The law a case of this category is usually settled under, as a code from the known list
    (``odr.documents.record_texts.LegalBasisCode``)."""
    return {"code": _LEGAL_BASIS.get(category, "civil_code")}


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
    adjusted_winner: AgreedAdjustedWinner | None = None,
    parties: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Editable terms implied by ``package`` (issue name → agreed option) for the given case;
    ``adjusted_winner``: a division agreed as an Adjusted Winner proposal (division_terms);
    ``parties``: the settlement's parties (a division among three or more has no equalisation
    drafted)."""
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
                    "debtor": None,  # for the parties to choose: one of them, or both
                    "creditor": None,
                    "kind": "action",
                    "description": f"{issue['label']}: {shown}",
                    "amount": None,
                    "currency": currency.upper(),
                    "method": dict(AS_DESCRIBED),
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
                "method": dict(BANK_TRANSFER),
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
            issues,
            package,
            currency=currency,
            due=due,
            language=language,
            adjusted_winner=adjusted_winner,
            parties=parties,
        )
    return {
        "obligations": obligations,
        "default_terms": {
            "acceleration_after_days": DEFAULT_ACCELERATION_DAYS,
            "penalty_percent_per_day": None,
        },
        "costs": {
            "allocation": "each_own",
            "state_fee_note": dict(STATE_FEE),
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
    (their identities, the place, the court, the kind of document) is kept, and so is who the
    parties chose to perform an action the new package still has (the same description)."""
    named = terms.get("parties")
    drafted = draft_terms(
        issues,
        package,
        currency=currency,
        agreed_on=agreed_on,
        language=language,
        parties=in_party_order(named) if named else None,
    )
    chosen = {
        str(o["description"]): (o["debtor"], o["creditor"])
        for o in terms.get("obligations", [])
        if o.get("kind") == "action" and o.get("debtor") is not None
    }
    for o in drafted["obligations"]:
        if o["debtor"] is None and str(o["description"]) in chosen:
            o["debtor"], o["creditor"] = chosen[str(o["description"])]
    return {**terms, **drafted}
