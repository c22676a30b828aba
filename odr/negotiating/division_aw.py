"""Adjusted Winner (two parties) as the room and the settlement see it. Pure; no I/O.

``negotiation.adjusted_winner`` shares the items so that each party gets the same number of its
own points (equitable), at least 50 of its 100 (envy-free), and no other sharing is better for
one without being worse for the other (efficient); to reach exactly equal shares it may split one
item in a fraction. This module turns that result into something the room can offer and a court
can enforce.

Why the split item becomes a payment or a sale: a settlement cannot saw a flat in two. The party
with the larger share of the split item (the *keeper*) keeps it whole and pays the other party
the other share of the item's agreed value (``compensation_tiyn``: rounded down to a whole tiyn,
as the equalisation is); or, if the parties prefer, the item is sold and the proceeds are divided
in the exact ratio of the shares (``Split.keeper_parts : Split.other_parts``, whole numbers: the
fraction reduced, so nothing is rounded). Each way is its own proposal, so the parties choose by
accepting one, as they accept any proposal; an item without an agreed value cannot be paid for,
so only its sale is proposed.

Why an Adjusted Winner agreement has no equalisation payment: the market-basis equalisation
(``odr.negotiating.division.equalisation``) would bring both shares to the same *money* value,
undoing the balance Adjusted Winner strikes in each party's own points; and a second payment
beside the compensation could run the other way. So an agreed Adjusted Winner package is settled
by its compensation payment alone (or its sale), and a package agreed in any other way by the
equalisation alone: never more than one payment line, hence one per direction at most. A
counter-offer that moves an item is no longer Adjusted Winner and is settled as any division.

What it tells each party: its own share in its own points, like the maximum-Nash-welfare
proposal. Equal shares are the mechanism's promise, so a party learns that the other's share is
worth as much to the other as its own is to it; and knowing the rule and its own points, a party
could work out what the other gives the split item from the ratio. The room's proposals are
public to both parties alike; docs/negotiation-mechanisms.md says so plainly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

from negotiation.adjusted_winner import AdjustedWinnerResult
from odr.negotiating.division import ROLES, agreed_values, item_names

CRITERION = "adjusted_winner"
"""The split item (if any) is kept by the larger share, who pays the other its share."""
SALE_CRITERION = "adjusted_winner_sale"
"""The split item is sold and the proceeds divided in the ratio of the shares."""
CRITERIA = (CRITERION, SALE_CRITERION)

Settle = Literal["compensation", "sale"]


@dataclass(frozen=True)
class Split:
    """The one item Adjusted Winner shares, and how the agreement settles it."""

    item: str
    keeper: str
    """The role with the larger share (on an exact half, the one holding the item, else the
    claimant): it keeps the item, or, on a sale, receives the larger part of the proceeds."""
    other: str
    keeper_parts: int
    other_parts: int
    """The shares as a reduced ratio: the keeper's share is keeper_parts / (keeper_parts +
    other_parts)."""
    settle: Settle

    @property
    def other_share(self) -> Fraction:
        return Fraction(self.other_parts, self.keeper_parts + self.other_parts)

    def percents(self) -> tuple[Decimal, Decimal]:
        """(keeper's, other's) share in percent with two decimals, adding up to exactly 100."""
        other = (Decimal(self.other_parts) * 100 / (self.keeper_parts + self.other_parts)).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        return Decimal(100) - other, other

    def as_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "keeper": self.keeper,
            "other": self.other,
            "keeper_parts": self.keeper_parts,
            "other_parts": self.other_parts,
            "settle": self.settle,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Split:
        return cls(
            item=str(data["item"]),
            keeper=str(data["keeper"]),
            other=str(data["other"]),
            keeper_parts=int(data["keeper_parts"]),
            other_parts=int(data["other_parts"]),
            settle="sale" if data["settle"] == "sale" else "compensation",
        )


@dataclass(frozen=True)
class AgreedAdjustedWinner:
    """The parties agreed an Adjusted Winner proposal as proposed (``split``: its shared item)."""

    split: Split | None


def compensation_tiyn(split: Split, value_tiyn: int) -> int:
    """What the keeper pays for the other's share of an item worth ``value_tiyn``: rounded down
    to a whole tiyn (a court order needs an exact amount)."""
    return value_tiyn * split.other_parts // (split.keeper_parts + split.other_parts)


def _split_of(
    result: AdjustedWinnerResult, items: Sequence[Mapping[str, Any]], settle: Settle
) -> Split | None:
    item = result.split_item
    if item is None:
        return None
    shares = result.shares[item]
    first, second = ROLES
    if shares[first] != shares[second]:
        keeper = first if shares[first] > shares[second] else second
    else:
        named = dict(zip(item_names(items), items, strict=True))
        held = named[item].get("held_by") if item in named else None
        keeper = held if held in ROLES else first
    other = second if keeper == first else first
    ratio = shares[keeper] / shares[other]  # reduced by Fraction
    return Split(item, keeper, other, ratio.numerator, ratio.denominator, settle)


def proposals(
    result: AdjustedWinnerResult, items: Sequence[Mapping[str, Any]], first_id: int
) -> list[dict[str, Any]]:
    """The Adjusted Winner proposals, numbered ``p{first_id}``…: each ``{id, criterion, choice,
    split}``, ``choice`` giving every item (the split one too) to the role that receives it
    whole. Without a split item: one proposal. With one: keep-and-pay (when the item has an
    agreed value) and sell-and-divide. ``split`` is stored, not logged: the room's event carries
    ``{id, criterion, choice}`` as every proposal does."""
    choice = {}
    for item, shares in result.shares.items():
        choice[item] = max(ROLES, key=lambda role: shares[role])
    ways: list[tuple[str, Split | None]] = []
    compensation = _split_of(result, items, "compensation")
    if compensation is None:
        ways.append((CRITERION, None))
    else:
        choice[compensation.item] = compensation.keeper
        if isinstance(agreed_values(items).get(compensation.item), int):
            ways.append((CRITERION, compensation))
        ways.append((SALE_CRITERION, _split_of(result, items, "sale")))
    return [
        {
            "id": f"p{first_id + n}",
            "criterion": criterion,
            "choice": dict(choice),
            "split": None if split is None else split.as_json(),
        }
        for n, (criterion, split) in enumerate(ways)
    ]


def explain(reader: str, result: AdjustedWinnerResult) -> list[dict[str, Any]]:
    """Why the sharing is fair to ``reader``, in its own points only (one decimal): what its
    share is worth to it, what the other share is worth to it, and that the shares are equal."""
    own = result.points[reader]
    return [
        {"key": "division.aw_own_share", "params": {"points": _one_decimal(own), "total": 100}},
        {"key": "division.their_share", "params": {"points": _one_decimal(100 - own)}},
        {"key": "division.aw_equal", "params": {}},
    ]


def settle_message(
    split: Split | None, items: Sequence[Mapping[str, Any]]
) -> dict[str, Any] | None:
    """The split item's compensation or sale as a UI message (public: the allocation's own
    terms and the agreed value), or None when no item is shared."""
    if split is None:
        return None
    keeper_percent, other_percent = split.percents()
    params: dict[str, Any] = {
        "item": split.item,
        "keeper": split.keeper,
        "other": split.other,
        "keeper_percent": str(keeper_percent),
        "other_percent": str(other_percent),
        "keeper_parts": split.keeper_parts,
        "other_parts": split.other_parts,
    }
    if split.settle == "sale":
        return {"key": "division.aw_sale", "params": params}
    value = agreed_values(items)[split.item]
    return {
        "key": "division.aw_compensation",
        "params": {**params, "tiyn": compensation_tiyn(split, value)},
    }


def _one_decimal(points: Fraction) -> float:
    return round(float(points), 1)
