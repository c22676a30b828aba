"""Who may see and act on a case as centre staff. One rule, used by HTTP, the room and the
dashboard socket: the case's assigned mediator acts on it; a centre's administrators (and platform
administrators) may look at every case of the centre. Anyone else gets the same 404 as for a case
that does not exist, so a mediator of centre X cannot even learn that centre Y's case ids exist.

What a party shares "with the mediator" goes to the case's current mediator only
(``sees_shared_interests``): not to administrators, who look at the case without mediating it,
nor to a mediator the case was taken from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import STAFF, Role
from odr.errors import Forbidden, NotFound
from odr.persistence.models import (
    Case,
    CaseParty,
    CentreAdmin,
    Mediation,
    Mediator,
    MediatorAssignment,
    PartyInterests,
    PartySharing,
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
    if user.role == Role.ADMIN:
        return None
    rows = await db.scalars(select(CentreAdmin.centre_id).where(CentreAdmin.user_id == user.id))
    return list(rows)


async def is_centre_admin(db: AsyncSession, user: User, centre_id: str) -> bool:
    centres = await admin_centres(db, user)
    return centres is None or centre_id in centres


async def mediator_of(db: AsyncSession, user: User) -> Mediator | None:
    if user.role != Role.MEDIATOR:
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
    if user.role not in STAFF:
        raise NotFound(NOT_FOUND, code="case_not_found")
    # populate_existing: after an action, the same session must see what the action committed.
    mediation = await db.get(Mediation, case_id, populate_existing=True)
    if mediation is None:
        raise NotFound(NOT_FOUND, code="case_not_found")
    assigned = user.role == Role.MEDIATOR and await is_assigned_mediator(db, case_id, user.id)
    admin = await is_centre_admin(db, user, mediation.centre_id)
    if not (assigned or admin):
        raise NotFound(NOT_FOUND, code="case_not_found")
    case = await db.get_one(Case, case_id, populate_existing=True)
    await db.refresh(case, ["parties"])
    return StaffCase(case, mediation, assigned, admin)


def sees_shared_interests(staff: StaffCase) -> bool:
    """Whether the caller receives the interests parties chose to share with the mediator.

    The party's switch promises "the mediator", so only the mediator assigned now: the same
    person may also administer the centre, but administering alone is not enough."""
    return staff.assigned


async def shared_interests(db: AsyncSession, staff: StaffCase) -> list[tuple[str, dict[str, Any]]]:
    """(role, answers) of each party that shared its interests with the mediator, in the
    parties' order; empty for anyone but the case's current mediator."""
    if not sees_shared_interests(staff):
        return []
    rows = await db.execute(
        select(CaseParty.role, PartyInterests.answers)
        .join(
            PartySharing,
            (PartySharing.case_id == CaseParty.case_id)
            & (PartySharing.user_id == CaseParty.user_id),
        )
        .join(
            PartyInterests,
            (PartyInterests.case_id == CaseParty.case_id)
            & (PartyInterests.user_id == CaseParty.user_id),
        )
        .where(CaseParty.case_id == staff.case.id, PartySharing.interests_with_mediator.is_(True))
        .order_by(CaseParty.id)
    )
    return [(role, answers) for role, answers in rows]


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
