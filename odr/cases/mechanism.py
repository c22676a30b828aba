"""Which negotiation mechanism a case uses, and the one recommended from the case's shape.

The mechanism follows the dispute (docs/negotiation-mechanisms.md): several issues are negotiated
as packages (proposals, offers and counter-offers in the room); one money amount suits sealed
blind bidding; items to share out suit fair division. The claimant chooses at intake, guided by
:func:`recommend`; the respondent sees the choice before joining; a mediator may switch a stalled
case with both parties' consent. The database stores the enum's value (``cases.mechanism``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

from odr.negotiating.bidding_sides import NEEDS_TWO_SIDES, sides_problem


class Mechanism(StrEnum):
    PACKAGES = "packages"
    BIDDING = "bidding"
    DIVISION = "division"


def recommend(
    issues: Sequence[Mapping[str, Any]],
    items: Sequence[object] = (),
    sides: Iterable[str] | None = None,
) -> Mechanism:
    """The mechanism that fits a case's shape.

    Items to share out → division; exactly one issue that is a money range (a numeric range in a
    currency, not days or months) → blind bidding, unless the parties' ``sides`` (when known)
    are not two (``odr.negotiating.bidding_sides``); anything else → packages.
    """
    if items:
        return Mechanism.DIVISION
    two_sided = sides is None or sides_problem(sides) is None
    if len(issues) == 1 and _is_money(issues[0]) and two_sided:
        return Mechanism.BIDDING
    return Mechanism.PACKAGES


def _is_money(issue: Mapping[str, Any]) -> bool:
    numeric = issue.get("range")
    if not isinstance(numeric, Mapping):
        return False
    unit = str(numeric.get("unit") or "").strip().upper()
    return unit in MONEY_UNITS


MONEY_UNITS = frozenset({"KZT", "USD", "EUR", "RUB", "₸", "ТГ", "ТЕҢГЕ", "ТЕНГЕ"})
"""Units that make a numeric range a money amount (case-insensitive); days and months are not."""


Reason = Literal["items_to_divide", "one_money_amount", "several_issues", "no_money_amount"]
"""Why :func:`recommend` chose what it chose: a code the browser words in the reader's language."""


def recommendation(
    issues: Sequence[Mapping[str, Any]], items: Sequence[object] = ()
) -> tuple[Mechanism, Reason]:
    """:func:`recommend` with the reason, for "we recommend … because …" at intake."""
    chosen = recommend(issues, items)
    if chosen is Mechanism.DIVISION:
        return chosen, "items_to_divide"
    if chosen is Mechanism.BIDDING:
        return chosen, "one_money_amount"
    return chosen, "several_issues" if len(issues) > 1 else "no_money_amount"


@dataclass(frozen=True)
class Misfit:
    """Why a mechanism does not fit a case: a stable code and words for people."""

    code: str
    message: str


def misfit(
    mechanism: Mechanism,
    issues: Sequence[Mapping[str, Any]],
    items: Sequence[object],
    claim_amount: object | None,
    sides: Iterable[str] | None = None,
) -> Misfit | None:
    """Why ``mechanism`` cannot settle a case of this shape; None when it can. ``sides``: the
    side of every party (the claimant's too), when known: blind bidding is two-sided
    (``odr.negotiating.bidding_sides``).

    The claimant may choose other than the recommendation, but the choice must leave the
    mechanism something to work on: blind bidding converges on one amount (the case's one money
    issue, or its claim amount when no issue is money); fair division shares out items, and items
    mean nothing to the other two.
    """
    if mechanism is Mechanism.DIVISION:
        if not items:
            return Misfit(
                "division_needs_items", "fair division needs the items to share out (2 to 50)"
            )
        return None
    if items:
        return Misfit("items_need_division", "items to share out are only used by fair division")
    if mechanism is Mechanism.BIDDING:
        money = sum(1 for issue in issues if _is_money(issue))
        if money > 1 or (money == 0 and claim_amount is None):
            return Misfit(
                "bidding_needs_one_amount",
                "blind bidding needs exactly one money amount: one money issue, or the claim "
                "amount when no issue is about money",
            )
        problem = None if sides is None else sides_problem(sides)
        if problem is not None:
            return Misfit(NEEDS_TWO_SIDES, problem)
    return None
