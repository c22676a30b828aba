"""Items to divide (family property), the parties' points, and checks on an allocation.

Each party spreads 100 points over the items (whole, non-negative numbers): points are easy to
explain ("how much of the whole is this worth to you?") and make valuations additive and
normalised, which is what maximum Nash welfare and Adjusted Winner assume.

Also here: the envy-free-up-to-one-item (EF1) checker and cash equalisation, both shared by the
indivisible (``negotiation.fair_division``) and divisible (``negotiation.adjusted_winner``) methods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from negotiation.errors import InvalidCase

POINTS_TOTAL = 100

Allocation = Mapping[str, tuple[str, ...]]
"""Party name → the items it receives (indivisible division)."""


@dataclass(frozen=True)
class DivisionCase:
    """Validated: ≥ 2 parties, ≥ 1 item, each party's points are integers ≥ 0 summing to 100."""

    parties: tuple[str, ...]
    items: tuple[str, ...]
    points: Mapping[str, Mapping[str, int]]

    def value(self, party: str, items: Sequence[str]) -> int:
        return sum(self.points[party][item] for item in items)


def parse_division(data: object) -> DivisionCase:
    """``{"items": [...], "parties": [{"name": ..., "points": {item: n}}]}`` → ``DivisionCase``."""
    if not isinstance(data, Mapping):
        raise InvalidCase("expected an object with items and parties")
    items = data.get("items")
    if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
        raise InvalidCase("give a non-empty list of item names", field="items")
    if len(set(items)) != len(items):
        raise InvalidCase("item names must be unique", field="items")
    parties = data.get("parties")
    if not isinstance(parties, list) or len(parties) < 2:
        raise InvalidCase("at least two parties are needed", field="parties")
    names: list[str] = []
    points: dict[str, Mapping[str, int]] = {}
    for index, party in enumerate(parties):
        where = f"parties[{index}]"
        if not isinstance(party, Mapping) or not isinstance(party.get("name"), str):
            raise InvalidCase("each party needs a name", field=f"{where}.name")
        name = party["name"]
        if name in points:
            raise InvalidCase(f"duplicate party {name!r}", field=f"{where}.name")
        points[name] = _parse_points(party.get("points"), items, f"{where}.points")
        names.append(name)
    return DivisionCase(tuple(names), tuple(items), MappingProxyType(points))


def make_division(points: Mapping[str, Mapping[str, int]]) -> DivisionCase:
    """Build a case from party → item → points (items in first-seen order)."""
    items: list[str] = []
    for table in points.values():
        items.extend(i for i in table if i not in items)
    return parse_division(
        {"items": items, "parties": [{"name": p, "points": dict(t)} for p, t in points.items()]}
    )


def _parse_points(raw: object, items: list[str], field: str) -> Mapping[str, int]:
    if not isinstance(raw, Mapping):
        raise InvalidCase("expected points per item", field=field)
    for key in raw:
        if key not in items:
            raise InvalidCase(f"unknown item {key!r}", field=f"{field}.{key}")
    table: dict[str, int] = {}
    for item in items:
        value = raw.get(item, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidCase(
                f"points are whole numbers ≥ 0 (got {value!r})", field=f"{field}.{item}"
            )
        table[item] = value
    total = sum(table.values())
    if total != POINTS_TOTAL:
        raise InvalidCase(f"points must add up to 100 (they add up to {total})", field=field)
    return MappingProxyType(table)


def envy_up_to_one_item(case: DivisionCase, allocation: Allocation) -> list[tuple[str, str]]:
    """Pairs (envious, envied) where the envy survives removing any single envied item."""
    violations: list[tuple[str, str]] = []
    for party in case.parties:
        own = case.value(party, allocation[party])
        for other in case.parties:
            bundle = allocation[other]
            if other == party or not bundle:
                continue
            best_single = max(case.points[party][item] for item in bundle)
            if case.value(party, bundle) - best_single > own:
                violations.append((party, other))
    return violations


def is_ef1(case: DivisionCase, allocation: Allocation) -> bool:
    """Envy-free up to one item: any envy disappears once one item leaves the envied bundle."""
    return not envy_up_to_one_item(case, allocation)


def cash_equalisation(
    shares: Mapping[str, Fraction | int],
    money_values: Mapping[str, Fraction | int],
    bundles: Mapping[str, Sequence[str]] | None = None,
    basis: Literal["points", "market"] = "points",
) -> dict[str, Fraction]:
    """Payments (positive = receives, negative = pays; they sum to 0) that equalise shares.

    ``basis="points"``: one point is worth 1/100 of the stated total money value of the items, and
    each party is brought to the average points share: ``pay_p = (mean - share_p) · total / 100``.
    ``basis="market"`` ignores points: each party is brought to the average stated money value of
    the bundles (``bundles`` required), as courts do when dividing common property equally. Points
    drive who gets what; only the market basis makes payments independent of reported points.
    """
    total = sum((Fraction(v) for v in money_values.values()), Fraction(0))
    if any(Fraction(v) < 0 for v in money_values.values()):
        raise InvalidCase("money values must be ≥ 0", field="money_values")
    parties = list(shares)
    if basis == "points":
        worth = {p: Fraction(shares[p]) * total / POINTS_TOTAL for p in parties}
    else:
        if bundles is None:
            raise InvalidCase("the market basis needs the bundles", field="bundles")
        worth = {
            p: sum((Fraction(money_values[i]) for i in bundles[p]), Fraction(0)) for p in parties
        }
    mean = sum(worth.values(), Fraction(0)) / len(parties)
    return {p: mean - worth[p] for p in parties}
