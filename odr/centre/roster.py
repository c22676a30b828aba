"""Who a case's parties are, as centre staff see them: every party in party order with its side,
whether it was invited, joined or withdrew, and when it last acted in the room.

A case has 2 to 10 parties (``odr/cases/parties.py``). Staff need all of them on one line of the
dashboard and in the case view: a party invited who has not joined is listed too, under the name
the claimant typed, as ``invited`` while the case waits for it and ``dropped`` once the claimant
started without it, so a mediator sees whom the case waits for and who never came. "Last
active" is the last room event the party made (an offer, a message, its interests stated, a
signature…): presence in the room is live and per instance, the log is what every instance
agrees on. Read-only, three queries for any number of cases.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.parties import RESPONDENT, default_side, party_number
from odr.cases.status import CaseStatus
from odr.centre.schemas import PartyOnCase
from odr.persistence.models import Case, CaseEvent, CaseParty, Invitation


async def rosters(db: AsyncSession, case_ids: Collection[str]) -> dict[str, list[PartyOnCase]]:
    """Each case's parties in party order, joined, withdrawn, invited or dropped (a party's
    key says its place, whoever joined first)."""
    if not case_ids:
        return {}
    last = await _last_active(db, case_ids)
    found: dict[str, dict[str, PartyOnCase]] = {case_id: {} for case_id in case_ids}
    parties = list(await db.scalars(select(CaseParty).where(CaseParty.case_id.in_(case_ids))))
    seated = {(p.case_id, p.role) for p in parties}
    for p in parties:
        found[p.case_id][p.role] = PartyOnCase(
            role=p.role,
            name=p.display_name,
            side=p.side,  # type: ignore[arg-type]
            state="withdrawn" if p.withdrawn_at is not None else "joined",
            joined_at=p.joined_at,
            withdrawn_at=p.withdrawn_at,
            last_active_at=last.get((p.case_id, p.role)),
        )
    invited = await db.execute(
        select(Invitation, Case.respondent_name, Case.status)
        .join(Case, Case.id == Invitation.case_id)
        .where(Invitation.case_id.in_(case_ids))
        .order_by(Invitation.created_at, Invitation.id)
    )
    for invitation, respondent_name, status in invited:
        role = invitation.role or RESPONDENT
        if (invitation.case_id, role) in seated:
            continue  # it joined: its own row says so
        # The latest link of a party names it; a party whose link the claimant's start revoked
        # (the case went ahead without it) was dropped.
        dropped = invitation.revoked_at is not None and status != CaseStatus.AWAITING_RESPONDENT
        found[invitation.case_id][role] = PartyOnCase(
            role=role,
            name=invitation.display_name or respondent_name,
            side=invitation.side or default_side(role),  # type: ignore[arg-type]
            state="dropped" if dropped else "invited",
            joined_at=None,
            withdrawn_at=None,
            last_active_at=None,
        )
    return {
        case_id: [roles[r] for r in sorted(roles, key=party_number)]
        for case_id, roles in found.items()
    }


async def _last_active(
    db: AsyncSession, case_ids: Collection[str]
) -> dict[tuple[str, str], datetime]:
    rows = await db.execute(
        select(CaseEvent.case_id, CaseEvent.actor_role, func.max(CaseEvent.created_at))
        .where(CaseEvent.case_id.in_(case_ids))
        .group_by(CaseEvent.case_id, CaseEvent.actor_role)
    )
    return {(case_id, role): at for case_id, role, at in rows if role}
