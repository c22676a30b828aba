"""Who takes part in a case's negotiation now, and when "everyone" has stated what it must.

A case has two to ten parties (``odr.cases.parties``). The mechanisms wait for *every party
taking part*: joined (a ``case_parties`` row) and not withdrawn (``withdrawn_at`` is None). A
withdrawn party stays in the case's history but no proposal waits for its interests or points,
and no vote counts it. "Everyone" also needs the case to be open: while the claimant waits for
parties still invited, two who joined and stated are not everyone (the claimant starts the case
with those who joined, and then the proposals are computed for them).

When the parties taking part change (the case starts without someone, a party withdraws), the
proposals or the allocation are due again for those who remain: :func:`parties_changed` asks
for them; the services compute only if everyone left has stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.mechanism import Mechanism
from odr.cases.parties import party_number
from odr.cases.status import CaseStatus
from odr.errors import Conflict
from odr.persistence.models import Case, CaseParty

if TYPE_CHECKING:
    from odr.services import Services


@dataclass(frozen=True)
class Member:
    """A party taking part: its account, key, side and the name others know it by."""

    user_id: str
    role: str
    side: str
    display_name: str


async def taking_part(db: AsyncSession, case_id: str) -> list[Member]:
    """The parties of the case that joined and did not withdraw, in party order."""
    rows = await db.execute(
        select(CaseParty.user_id, CaseParty.role, CaseParty.side, CaseParty.display_name).where(
            CaseParty.case_id == case_id, CaseParty.withdrawn_at.is_(None)
        )
    )
    members = [Member(user_id, role, side, name) for user_id, role, side, name in rows]
    return sorted(members, key=lambda m: party_number(m.role))


def require_taking_part(case: Case, role: str) -> None:
    """Refuse a withdrawn party's private input (interests, points, a bid, a choice) with the
    code the room refuses its moves with: it no longer takes part, nothing of it would count."""
    party = next((p for p in case.parties if p.role == role), None)
    if party is not None and party.withdrawn_at is not None:
        raise Conflict(
            "you withdrew from the negotiation: the others negotiate on without you",
            code="not_a_party",
        )


def everyone_stated(status: str, roles: set[str], stated: set[str]) -> bool:
    """Every party taking part has stated, in an open case of at least two parties."""
    return status == CaseStatus.OPEN and len(roles) >= 2 and roles <= stated


def parties_changed(services: Services, case: Case) -> None:
    """The parties taking part changed (a start without someone, a withdrawal): compute the
    proposals (packages) or the allocation (division) again for those who remain, if they all
    stated theirs. Call after the change is committed."""
    if case.mechanism == Mechanism.PACKAGES:
        services.proposals.schedule(case.id)
    elif case.mechanism == Mechanism.DIVISION:
        services.division.schedule(case.id)
