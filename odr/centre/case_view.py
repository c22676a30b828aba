"""One case as centre staff see it: its dashboard row, the room's public record, the mediators it
had, and what the parties shared with its current mediator. Read-only; no HTTP here.

Read in the request's session after any action on the case, so the answer shows what the action
committed (``staff_case`` re-reads the rows it returns).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import shared_interests, staff_case
from odr.centre.dashboard import dashboard_rows
from odr.centre.schemas import AssignmentOut, MediatorCase, RoomEvent, SharedInterests
from odr.persistence.models import CaseEvent, MediatorAssignment, User


async def mediator_case(
    db: AsyncSession,
    user: User,
    case_id: str,
    now: datetime,
    stalled_after_h: int,
    eds: tuple[bool, str] = (False, ""),
) -> MediatorCase:
    """The case as ``user`` may see it (404 otherwise); never a party's private interests unless
    that party shared them and ``user`` mediates the case now. ``eds``: whether the service takes
    EDS and where the browser finds NCALayer, for the mediator's EDS attestation."""
    staff = await staff_case(db, user, case_id)
    case = staff.case
    [row] = await dashboard_rows(db, user, now, stalled_after_h, [case.id])
    events = await db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    )
    shared = await shared_interests(db, staff)  # the case's current mediator only
    assignments = await db.scalars(
        select(MediatorAssignment)
        .where(MediatorAssignment.case_id == case.id)
        .order_by(MediatorAssignment.id)
    )
    m = staff.mediation
    return MediatorCase(
        case=row,
        issues=case.issues,
        paused_at=m.paused_at,
        outcome=m.outcome,
        attested_at=m.attested_at,
        mediation_contract_date=m.contract_date,
        events=[
            RoomEvent(seq=e.seq, event=e.type, role=e.actor_role, at=e.created_at, data=e.data)
            for e in events
        ],
        shared_interests=[SharedInterests(role=role, answers=answers) for role, answers in shared],
        assignments=[AssignmentOut.model_validate(a) for a in assignments],
        eds=eds[0],
        ncalayer_url=eds[1],
    )
