"""Who the parties to a settlement are, and which parties its terms may name. Pure; no I/O.

A settlement is between the parties who were still taking part when it was drafted from the
agreement: a party who withdrew before agreeing (``CaseParty.withdrawn_at``) did not agree to
anything and is not named, asked to sign or waited for. The roles are fixed in the draft as the
keys of ``terms["parties"]`` (each party's details, None until it gives them) and always read
back in party order (``odr.cases.parties.in_party_order``): a JSON object's key order is not
kept by every database. A party who withdraws later still drops out of the record, its
signatures and the count awaited, so the text the others sign names only who stays.

The terms name parties by their keys: an obligation's ``debtor`` and ``creditor``, the costs'
``allocation``. A key of no party of this settlement (``party7`` in a five-party case, a party
who withdrew) is refused at its field with the code ``unknown_party``. An action's debtor
``"both"`` (``odr.documents.record_obligations.JOINT``) means every party of the settlement
together.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from odr.cases.parties import in_party_order
from odr.documents.record_obligations import JOINT
from odr.persistence.models import Case, Settlement

UNKNOWN_PARTY = "unknown_party"
SHARED_COSTS = ("each_own", "split")
"""Costs allocations that name no party: each bears its own, or all in equal shares."""


def drafting_roles(case: Case) -> list[str]:
    """The roles a new settlement of ``case`` names: its parties who have not withdrawn."""
    return in_party_order(p.role for p in case.parties if p.withdrawn_at is None)


def settlement_roles(case: Case, settlement: Settlement) -> list[str]:
    """The roles of the settlement's parties, in party order, without any who withdrew since."""
    withdrawn = {p.role for p in case.parties if p.withdrawn_at is not None}
    return [r for r in in_party_order(settlement.terms["parties"]) if r not in withdrawn]


def sides(case: Case) -> dict[str, str]:
    """Each party's side (claimant, respondent or own), by role."""
    return {p.role: p.side for p in case.parties}


def display_names(case: Case) -> dict[str, str]:
    """Each party's name as the case shows it (before it gives its details), by role."""
    return {p.role: p.display_name for p in case.parties}


def unknown_parties(terms: Mapping[str, Any], roles: Sequence[str]) -> list[dict[str, str]]:
    """A problem at each field of ``terms`` that names a party not among ``roles``."""
    problems = []
    for n, o in enumerate(terms.get("obligations", [])):
        for name in ("debtor", "creditor"):
            role = o.get(name)
            if role is None or role in roles or (name == "debtor" and role == JOINT):
                continue
            problems.append(_problem(f"obligations[{n}].{name}", role))
    allocation = (terms.get("costs") or {}).get("allocation")
    if allocation is not None and allocation not in SHARED_COSTS and allocation not in roles:
        problems.append(_problem("costs.allocation", allocation))
    return problems


def _problem(field: str, role: str) -> dict[str, str]:
    message = f"{role} is not a party to this settlement"
    return {"field": field, "message": message, "code": UNKNOWN_PARTY}
