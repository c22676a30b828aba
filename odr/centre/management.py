"""A centre's administrators manage its people: edit a mediator (certificate, languages,
categories, capacity), deactivate or reactivate one, list and remove the centre's
administrators. No HTTP here; each write is committed here.

Deactivating a mediator takes their open cases from them at once, in the same transaction: each
becomes unassigned (a ``mediator_assignments`` row says why and who), the mediator no longer
sees it, and the centre's administrators are told to reassign each one (``alerts.py``,
``case_needs_reassignment``). Leaving them assigned to someone who no longer works would leave
parties waiting on nobody; reassigning them automatically would hide the change from the
people responsible for it. Concluded cases keep their mediator (the record says who mediated).
A deactivated mediator takes no new case (``assignment.choose_mediator``) until reactivated.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CONCLUDED
from odr.centre.alerts import alert_admins
from odr.centre.assignment import unique_regions
from odr.centre.registry import centre_managed_by, mediators_out, require_platform_admin
from odr.centre.schemas import CentreAdminOut, MediatorChanged, MediatorUpdate
from odr.errors import NotFound
from odr.persistence.models import Case, CentreAdmin, Mediation, Mediator, MediatorAssignment, User

NO_SUCH_MEDIATOR = "there is no mediator with this id in this centre"
DEACTIVATED = "mediator deactivated: to be reassigned"


async def update_mediator(
    db: AsyncSession,
    by: User,
    centre_id: str,
    mediator_id: str,
    body: MediatorUpdate,
    now: datetime,
) -> MediatorChanged:
    """Change the given fields of a mediator of a centre ``by`` administers (404 otherwise)."""
    centre = await centre_managed_by(db, by, centre_id)
    mediator = await db.get(Mediator, mediator_id, with_for_update=_locking(db))
    if mediator is None or mediator.centre_id != centre.id:
        raise NotFound(NO_SUCH_MEDIATOR, code="mediator_not_found")
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    if "away_until" in body.model_fields_set and body.away_until is None:
        changes["away_until"] = None  # null ends a leave
    for field in ("languages", "categories"):
        if field in changes:
            changes[field] = list(dict.fromkeys(changes[field]))
    if "regions" in changes:
        changes["regions"] = unique_regions(changes["regions"])
    deactivating = changes.get("active") is False and mediator.active
    for field, value in changes.items():
        setattr(mediator, field, value)
    taken = await _take_open_cases(db, mediator, by, now) if deactivating else []
    await db.commit()
    out = next(m for m in await mediators_out(db, centre.id) if m.id == mediator.id)
    return MediatorChanged(mediator=out, unassigned_cases=taken)


async def _take_open_cases(
    db: AsyncSession, mediator: Mediator, by: User, now: datetime
) -> list[str]:
    rows = list(
        await db.execute(
            select(Mediation, Case)
            .join(Case, Case.id == Mediation.case_id)
            .where(Mediation.mediator_id == mediator.id, Case.status.not_in(CONCLUDED))
            .order_by(Case.created_at, Case.id)
        )
    )
    name = await db.scalar(select(User.display_name).where(User.id == mediator.user_id))
    for mediation, case in rows:
        mediation.mediator_id = None
        db.add(
            MediatorAssignment(
                case_id=case.id,
                mediator_id=None,
                previous_mediator_id=mediator.id,
                by_user_id=by.id,
                reason=DEACTIVATED,
                assigned_at=now,
            )
        )
        await alert_admins(
            db,
            mediation.centre_id,
            case,
            "case_needs_reassignment",
            f"off:{now.timestamp():.0f}",  # the case names its mediator; keys are ≤ 160
            now,
            mediator=name or "",
        )
    return [case.id for _, case in rows]


async def centre_admins(db: AsyncSession, by: User, centre_id: str) -> list[CentreAdminOut]:
    """The administrators of a centre ``by`` administers (404 otherwise)."""
    centre = await centre_managed_by(db, by, centre_id)
    rows = await db.execute(
        select(User.id, User.display_name, User.email)
        .join(CentreAdmin, CentreAdmin.user_id == User.id)
        .where(CentreAdmin.centre_id == centre.id)
        .order_by(User.display_name, User.id)
    )
    return [CentreAdminOut(user_id=i, name=n, email=e) for i, n, e in rows]


async def remove_centre_admin(db: AsyncSession, by: User, centre_id: str, user_id: str) -> None:
    """Stop ``user_id`` administering the centre (platform administrators); committed. The
    account stays; it no longer sees the centre's cases, mediators or analytics."""
    require_platform_admin(by)
    centre = await centre_managed_by(db, by, centre_id)
    removed = await db.execute(
        delete(CentreAdmin).where(
            CentreAdmin.centre_id == centre.id, CentreAdmin.user_id == user_id
        )
    )
    if removed.rowcount == 0:  # type: ignore[attr-defined]
        raise NotFound("this person does not administer the centre", code="admin_not_found")
    await db.commit()


def _locking(db: AsyncSession) -> bool:
    return db.get_bind().dialect.name != "sqlite"
