"""Who may see and act on a case as centre staff. One rule, used by HTTP, the room and the
dashboard socket: the case's assigned mediator acts on it; a centre's administrators (and platform
administrators) may look at every case of the centre. Anyone else gets the same 404 as for a case
that does not exist, so a mediator of centre X cannot even learn that centre Y's case ids exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.errors import Forbidden, NotFound
from odr.persistence.models import (
    Case,
    CentreAdmin,
    Mediation,
    Mediator,
    MediatorAssignment,
    User,
)

NOT_FOUND = "there is no case with this id among your centre's cases"


@dataclass(frozen=True)
class StaffCase:
    case: Case
    mediation: Mediation
    assigned: bool  # the caller is the case's mediator
    admin: bool  # the caller administers the case's centre


async def admin_centres(db: AsyncSession, user: User) -> list[str] | None:
    """Centre ids the user administers; None means every centre (a platform administrator)."""
    if user.role == "admin":
        return None
    rows = await db.scalars(select(CentreAdmin.centre_id).where(CentreAdmin.user_id == user.id))
    return list(rows)


async def is_centre_admin(db: AsyncSession, user: User, centre_id: str) -> bool:
    centres = await admin_centres(db, user)
    return centres is None or centre_id in centres


async def mediator_of(db: AsyncSession, user: User) -> Mediator | None:
    if user.role != "mediator":
        return None
    return await db.scalar(select(Mediator).where(Mediator.user_id == user.id))


async def is_assigned_mediator(db: AsyncSession, case_id: str, user_id: str) -> bool:
    found = await db.scalar(
        select(Mediation.case_id)
        .join(Mediator, Mediator.id == Mediation.mediator_id)
        .where(Mediation.case_id == case_id, Mediator.user_id == user_id)
    )
    return found is not None


async def staff_case(db: AsyncSession, user: User, case_id: str) -> StaffCase:
    """The case as the caller may see it, or 404 (also for other centres' cases)."""
    if user.role not in ("mediator", "admin", "clerk"):
        raise NotFound(NOT_FOUND, code="case_not_found")
    # populate_existing: after an action, the same session must see what the action committed.
    mediation = await db.get(Mediation, case_id, populate_existing=True)
    if mediation is None:
        raise NotFound(NOT_FOUND, code="case_not_found")
    assigned = user.role == "mediator" and await is_assigned_mediator(db, case_id, user.id)
    admin = await is_centre_admin(db, user, mediation.centre_id)
    if not (assigned or admin):
        raise NotFound(NOT_FOUND, code="case_not_found")
    case = await db.get_one(Case, case_id, populate_existing=True)
    await db.refresh(case, ["parties"])
    return StaffCase(case, mediation, assigned, admin)


def require_mediator(staff: StaffCase) -> None:
    if not staff.assigned:
        raise Forbidden("only the case's mediator can do this", code="not_case_mediator")


async def mediator_names(db: AsyncSession, case_id: str) -> dict[str, str]:
    """Display names of everyone who has mediated the case (for the room's actor names)."""
    rows = await db.execute(
        select(User.id, User.display_name)
        .join(Mediator, Mediator.user_id == User.id)
        .join(MediatorAssignment, MediatorAssignment.mediator_id == Mediator.id)
        .where(MediatorAssignment.case_id == case_id)
    )
    return {user_id: name for user_id, name in rows}
