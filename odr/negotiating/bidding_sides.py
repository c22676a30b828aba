"""Blind bidding between two sides, each bidding as one. Pure; no I/O.

Blind bidding converges on one amount between one who demands and one who offers: the engine
(``negotiation.blind_bidding``) knows two bidders, ``claimant`` and ``respondent``. In a case
of several parties those are the two *sides* (``odr.cases.parties``): everyone on the claimant
side demands together, everyone on the respondent side offers together. A party on its ``own``
side has nobody to bid with or against in a two-sided auction, so a case with one cannot use
blind bidding (nor can one whose side is empty): :func:`sides_problem` says why, for the
choice at intake and for a switch.

**How a side bids as one** (the simplest rule members understand, docs/api.md): every member of
the side enters the side's bid for the round, and it counts once every member taking part has
entered the same amount. Until then any member may enter another amount (the others see what
each entered, their own side only, and enter it too, or not); once they agree it is sealed like
any bid. With one member per side (every two-party case) its bid counts at once, exactly as
before. What one side's members enter is never shown to the other side, nor whether they agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from negotiation import blind_bidding as bb

NEEDS_TWO_SIDES = "bidding_needs_two_sides"
"""The refusal's code: a party on its own side, or a side nobody stands on."""


def sides_problem(sides: Iterable[str]) -> str | None:
    """Why parties standing on ``sides`` (one entry per party, the claimant's included) cannot
    bid blind, or None when they can."""
    present = list(sides)
    if "own" in present:
        return (
            "blind bidding is between two sides, and a party stands on its own side: choose "
            "packages or fair division, or let that party join the claimant's or the "
            "respondent's side"
        )
    missing = [side for side in bb.ROLES if side not in present]
    if missing:
        return f"blind bidding needs a party on each side; nobody stands on the {missing[0]}'s"
    return None


@dataclass(frozen=True)
class SideRound:
    """One side's bid for one round, as its members entered it."""

    entered: Mapping[str, int]
    """Member role → the amount it entered (members taking part only)."""
    members: Sequence[str]
    """The side's members taking part, in party order."""

    @property
    def agreed(self) -> int | None:
        """The side's bid: the amount every member entered, once they all entered the same."""
        amounts = {self.entered.get(role) for role in self.members}
        if len(amounts) != 1 or None in amounts:
            return None
        return next(iter(amounts))

    def waiting_for(self, amount: int) -> list[str]:
        """The members who have not entered ``amount`` yet."""
        return [role for role in self.members if self.entered.get(role) != amount]


def side_rounds(
    entries: Iterable[tuple[str, int, int]], sides: Mapping[str, str]
) -> dict[int, dict[bb.Role, SideRound]]:
    """Round → side → its members' entries, from (member role, round, amount) rows; ``sides`` is
    every member taking part (role → side). Rows of anyone else (a withdrawn party) are left
    out."""
    members = {side: [r for r, s in sides.items() if s == side] for side in bb.ROLES}
    entered: dict[int, dict[str, dict[str, int]]] = {}
    for role, number, amount in entries:
        side = sides.get(role)
        if side in bb.ROLES:
            entered.setdefault(number, {}).setdefault(side, {})[role] = amount
    return {
        number: {
            side: SideRound(by_side.get(side, {}), members[side])
            for side in bb.ROLES
            if side in by_side
        }
        for number, by_side in entered.items()
    }


def agreed_bids(rounds: Mapping[int, Mapping[bb.Role, SideRound]]) -> dict[int, dict[bb.Role, int]]:
    """Round → side → the side's bid, for the sides whose members all entered the same amount:
    what the engine decides on."""
    bids: dict[int, dict[bb.Role, int]] = {}
    for number, by_side in rounds.items():
        for side, entries in by_side.items():
            if entries.agreed is not None:
                bids.setdefault(number, {})[side] = entries.agreed
    return bids
