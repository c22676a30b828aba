"""The schedule of a signed settlement: one ``Due`` per instalment, or per obligation without.

Everything is read from the signed record, never from the editable terms: what the parties
signed is what they owe. Amounts become whole tiyn (``int``) here, once, exactly (the record
spells money with two decimals, ``"100000.00"``), so nothing downstream handles a decimal
string or a float.

A due's ``key`` names it for the API and the steps table: ``"2"`` for obligation 2 without
instalments, ``"1.3"`` for obligation 1's third instalment. Obligation and instalment numbers
are the record's own, so a key stays the same for as long as the signed record does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

KEY_PATTERN = r"[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2})?"
"""Every due key ``schedule_of`` makes (``"2"``, ``"1.3"``), matched whole."""

Kind = Literal["payment", "action", "transfer"]
Text = str | dict[str, str]
"""A description as the record holds it: one text, or one per language ({"kk": …, "ru": …})."""


@dataclass(frozen=True)
class Due:
    """One thing owed on one date: an instalment, or an obligation performed at once."""

    key: str
    obligation: int
    instalment: int | None
    kind: Kind
    debtor: str
    """The party key who performs, or ``both`` for a joint action."""
    creditor: str | None
    """The party key it is owed to; None exactly for a joint action."""
    due_date: date
    """The last day for performance: the due is late from the day after."""
    amount_tiyn: int | None
    """None for an action (or a transfer) without an amount."""
    currency: str
    description: Text

    @property
    def joint(self) -> bool:
        return self.debtor == "both"


@dataclass(frozen=True)
class DefaultTerms:
    """The settlement's default clause: how late is in default, and the daily penalty."""

    acceleration_after_days: int
    """A due more than this many days late is in default (the grace before acceleration)."""
    penalty_percent_per_day: Decimal | None
    """Percent of the overdue amount per day late, exact; None when the parties agreed none."""


def tiyn(amount: str | Decimal) -> int:
    """Whole tiyn of a money amount with at most two decimals; anything finer is refused."""
    value = Decimal(amount) * 100
    if not value.is_finite() or value != value.to_integral_value():
        raise ValueError(f"{amount!r} is not a whole number of tiyn")
    return int(value)


def spelled(amount_tiyn: int) -> str:
    """Whole tiyn spelled as the record spells money: ``10000000`` → ``"100000.00"``."""
    return f"{amount_tiyn // 100}.{amount_tiyn % 100:02d}"


def schedule_of(record: Mapping[str, Any]) -> list[Due]:
    """Every due of a signed record, by due date (ties in the record's order).

    An obligation with instalments is its instalments (their amounts add up to it, the record
    checks that); one without is a single due on its own due date.
    """
    dues: list[Due] = []
    for o in record["obligations"]:
        if not o.get("instalments"):
            amount = o.get("amount")
            dues.append(_due(o, None, o["due_date"], None if amount is None else tiyn(str(amount))))
        for i in o.get("instalments") or ():
            dues.append(_due(o, int(i["number"]), i["due_date"], tiyn(str(i["amount"]))))
    return sorted(dues, key=lambda d: d.due_date)


def _due(o: Mapping[str, Any], instalment: int | None, due: Any, amount: int | None) -> Due:
    number = int(o["number"])
    return Due(
        key=str(number) if instalment is None else f"{number}.{instalment}",
        obligation=number,
        instalment=instalment,
        kind=o["kind"],
        debtor=str(o["debtor"]),
        creditor=None if o["creditor"] is None else str(o["creditor"]),
        due_date=date.fromisoformat(str(due)),
        amount_tiyn=amount,
        currency=str(o["currency"]),
        description=_text(o["description"]),
    )


def _text(description: Any) -> Text:
    """One text, or the texts of the languages it is written in (a bilingual record spells the
    missing language as null)."""
    if isinstance(description, dict):
        return {str(k): str(v) for k, v in description.items() if v is not None}
    return str(description)


def default_terms_of(record: Mapping[str, Any]) -> DefaultTerms:
    """The record's default clause as numbers: the rate stays a ``Decimal``, never a float."""
    terms = record["default_terms"]
    rate = terms.get("penalty_percent_per_day")
    return DefaultTerms(
        acceleration_after_days=int(terms["acceleration_after_days"]),
        penalty_percent_per_day=None if rate is None else Decimal(str(rate)),
    )
