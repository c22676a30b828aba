"""Which negotiation mechanism a case uses, and the one recommended from the case's shape.

The mechanism follows the dispute (docs/negotiation-mechanisms.md): several issues are negotiated
as packages (proposals, offers and counter-offers in the room); one money amount suits sealed
blind bidding; items to share out suit fair division. The claimant chooses at intake, guided by
:func:`recommend`; the respondent sees the choice before joining; a mediator may switch a stalled
case with both parties' consent. The database stores the enum's value (``cases.mechanism``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any


class Mechanism(StrEnum):
    PACKAGES = "packages"
    BIDDING = "bidding"
    DIVISION = "division"


def recommend(issues: Sequence[Mapping[str, Any]], items: Sequence[object] = ()) -> Mechanism:
    """The mechanism that fits a case's shape.

    Items to share out → division; exactly one issue that is a money range (a numeric range in a
    currency, not days or months) → blind bidding; anything else → packages.
    """
    if items:
        return Mechanism.DIVISION
    if len(issues) == 1 and _is_money(issues[0]):
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
