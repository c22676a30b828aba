"""A mediator's declared conflict of interest: they leave the case at once, and it goes to the
next eligible mediator of the same centre, never back to anyone who declared one in it.

The Law on Mediation bars a mediator with a personal interest in the outcome; the mediator is
the one who knows, so they declare it (``POST /api/centre/cases/{id}/conflict {reason}``). The
declaration is an assignment row whose reason starts with ``assignment.CONFLICT``: that log is
what excludes them from the case for good, in automatic choice and in an administrator's
reassignment (409 ``mediator_conflicted``). With no one else eligible, the case waits unassigned
and the centre's administrators are told (``alerts.py``). The parties see that their mediator
changed, as for any reassignment, never the reason: the reason stays with the centre.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CONCLUDED
from odr.centre.access import require_mediator, staff_case
from odr.centre.alerts import alert_admins
from odr.centre.assignment import CONFLICT, choose_mediator, conflicted_mediators, tell_mediator
from odr.errors import Conflict
from odr.persistence.models import Case, Mediation, Mediator, MediatorAssignment, User
from odr.room.log import NewEvent
from odr.room.room import Room


async def declare_conflict(
    db: AsyncSession, room: Room, user: User, case_id: str, reason: str
) -> None:
    """``user``, the case's mediator, declares a conflict of interest (404 for a case it may not
    see, 403 if not its mediator); one ``Room.record`` transaction under the case lock."""
    staff = await staff_case(db, user, case_id)
    require_mediator(staff)
    await db.commit()  # the change runs in the room's transaction

    async def decide(db: AsyncSession) -> Sequence[NewEvent]:
        case = await db.get_one(Case, case_id)
        mediation = await db.get_one(Mediation, case_id)
        if case.status in CONCLUDED:
            raise Conflict(f"the case is {case.status}", code="case_closed")
        mine = await db.scalar(select(Mediator).where(Mediator.user_id == user.id))
        if mine is None or mediation.mediator_id != mine.id:
            return []  # declared already (a double click): nothing more to do
        now = room.services.clock()
        excluded = await conflicted_mediators(db, case.id) | {mine.id}
        successor = await choose_mediator(
            db,
            case.language,
            case.category,
            region=case.region,
            exclude=excluded,
            centre_id=mediation.centre_id,
            now=now,
        )
        mediation.mediator_id = successor.id if successor else None
        db.add(
            MediatorAssignment(
                case_id=case.id,
                mediator_id=mediation.mediator_id,
                previous_mediator_id=mine.id,
                by_user_id=user.id,
                reason=CONFLICT + reason,
                assigned_at=now,
            )
        )
        case.updated_at = now
        if successor is None:
            occasion = f"conflict:{now.timestamp():.0f}"
            await alert_admins(db, mediation.centre_id, case, "case_unassigned", occasion, now)
            return []
        await tell_mediator(db, successor, case, now)
        name = await db.scalar(select(User.display_name).where(User.id == successor.user_id))
        return [NewEvent("system", {"key": "mediator.changed", "mediator": name}, None, "system")]

    await room.record(case_id, decide)
