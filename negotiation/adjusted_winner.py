"""Adjusted Winner (Brams & Taylor, 1996) for two parties and divisible items.

Each item first goes to the party that gives it more points (ties to the first party). The party
with more points in total (the "winner") then hands items to the other, starting with those where
its advantage is smallest (lowest ratio own points / other's points), until the totals are equal;
the item at which they would cross is split in the exact fraction that equalises them. The result
is equitable (both get the same number of their own points), envy-free (each gets at least 50 of
its own 100 points, so it values its share at least as much as the other's), Pareto-optimal, and
splits at most one item. Arithmetic is exact (``Fraction``) so "equal" means equal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from negotiation.division_items import DivisionCase
from negotiation.errors import InvalidCase


@dataclass(frozen=True)
class AdjustedWinnerResult:
    shares: Mapping[str, Mapping[str, Fraction]]
    """Item → party → fraction of the item (0 to 1; each item's fractions sum to 1)."""
    points: Mapping[str, Fraction]
    """Each party's own points for its share (equal for both parties)."""
    split_item: str | None
    """The one item that is shared, if any."""


def adjusted_winner(case: DivisionCase) -> AdjustedWinnerResult:
    if len(case.parties) != 2:
        raise InvalidCase("Adjusted Winner divides between exactly two parties", field="parties")
    a, b = case.parties
    va, vb = case.points[a], case.points[b]
    share = {i: Fraction(1) if va[i] >= vb[i] else Fraction(0) for i in case.items}  # a's share

    def totals() -> tuple[Fraction, Fraction]:
        ta = sum((share[i] * va[i] for i in case.items), Fraction(0))
        tb = sum(((1 - share[i]) * vb[i] for i in case.items), Fraction(0))
        return ta, tb

    total_a, total_b = totals()
    winner, loser = (a, b) if total_a >= total_b else (b, a)
    vw, vl = case.points[winner], case.points[loser]
    winner_share = share if winner == a else {i: 1 - s for i, s in share.items()}
    held = [i for i in case.items if winner_share[i] == 1]
    # Smallest advantage first; an item the loser values at 0 (infinite ratio) goes last.
    held.sort(
        key=lambda i: (Fraction(vw[i], vl[i]) if vl[i] else Fraction(10**9), case.items.index(i))
    )
    gap = abs(total_a - total_b)
    split_item: str | None = None
    for item in held:
        if gap == 0:
            break
        swing = vw[item] + vl[item]  # moving the whole item changes the difference by this much
        if swing == 0:
            continue
        if swing >= gap:
            fraction = gap / swing  # the part of the item that moves to the loser
            winner_share[item] = 1 - fraction
            split_item = item if fraction < 1 else None
            gap = Fraction(0)
        else:
            winner_share[item] = Fraction(0)
            gap -= swing
    shares = {
        i: MappingProxyType({winner: winner_share[i], loser: 1 - winner_share[i]})
        for i in case.items
    }
    points = {
        p: sum((shares[i][p] * case.points[p][i] for i in case.items), Fraction(0))
        for p in case.parties
    }
    return AdjustedWinnerResult(MappingProxyType(shares), MappingProxyType(points), split_item)
