"""Who a case's parties are: their keys, their sides, and how many a case may have.

A party's ``role`` is its key within the case, unique per case and never reused: the claimant
who opened the case is ``claimant``, the first party it invited ``respondent`` (so a two-party
case reads exactly as it always has), and further parties ``party3`` … ``party10`` in the order
they were invited. Everything keyed by party (proposals' private views, acceptances,
signatures, obligations' debtor and creditor) uses these keys.

A party's ``side`` says whom it stands with: the ``claimant`` side, the ``respondent`` side, or
its ``own`` (a co-heir who is nobody's ally). Sides matter where a mechanism is two-sided
(blind bidding: each side bids as one) and in how documents group the parties; a two-party
case's claimant is on the claimant side and its respondent on the respondent side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, Literal

CLAIMANT: Final = "claimant"
RESPONDENT: Final = "respondent"
MAX_PARTIES: Final = 10
"""Disputes among heirs or co-owners rarely have more; the engine is tested up to ten."""

Side = Literal["claimant", "respondent", "own"]
SIDES: Final[tuple[Side, ...]] = ("claimant", "respondent", "own")

ROLE_PATTERN: Final = r"^(claimant|respondent|party([3-9]|10))$"
"""Every key a party may have, for request models and the record's schema."""
_ROLE = re.compile(ROLE_PATTERN)


def party_role(number: int) -> str:
    """The key of the ``number``-th party (1 the claimant, 2 the first invited, …)."""
    if not 1 <= number <= MAX_PARTIES:
        raise ValueError(f"a case has 1 to {MAX_PARTIES} parties, not {number}")
    return {1: CLAIMANT, 2: RESPONDENT}.get(number, f"party{number}")


def party_number(role: str) -> int:
    """The inverse of ``party_role``: the order a party was added in, for sorting."""
    if not is_party_role(role):
        raise ValueError(f"not a party's key: {role!r}")
    return {CLAIMANT: 1, RESPONDENT: 2}.get(role) or int(role.removeprefix("party"))


def is_party_role(role: object) -> bool:
    return isinstance(role, str) and _ROLE.fullmatch(role) is not None


def in_party_order(roles: Iterable[str]) -> list[str]:
    """Roles sorted claimant, respondent, party3, … (string order would put party10 first)."""
    return sorted(roles, key=party_number)


def default_side(role: str) -> Side:
    """The side a party stands on unless its invitation said otherwise."""
    if role == CLAIMANT:
        return "claimant"
    if role == RESPONDENT:
        return "respondent"
    return "own"
