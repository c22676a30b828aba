"""Centres, their mediators and administrators (no HTTP here). Each write is one call from its
route: who may make it (403, or 404 for a centre the caller does not administer), then the
change, committed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.accounts import find_user
from odr.auth.roles import STAFF, Role
from odr.centre.access import admin_centres, is_centre_admin, mediator_of
from odr.centre.assignment import mediator_loads, unique_regions
from odr.centre.schemas import CentreCreate, MediatorCreate, MediatorOut
from odr.errors import Conflict, Forbidden, NotFound
from odr.persistence.models import Centre, CentreAdmin, Mediator, User
from odr.persistence.upsert import insert_unless_present
from odr.settings import Settings

NO_SUCH_CENTRE = "there is no centre with this id that you administer"


def require_platform_admin(user: User) -> None:
    if user.role != Role.ADMIN:
        raise Forbidden("only an administrator can do this", code="role_not_allowed")


async def create_centre(
    db: AsyncSession, by: User, body: CentreCreate, settings: Settings, now: datetime
) -> Centre:
    """Register a centre (platform administrators only); committed."""
    require_platform_admin(by)
    if await db.scalar(select(Centre.id).where(Centre.name == body.name)):
        raise Conflict(f"a centre named {body.name!r} exists already", code="centre_exists")
    centre = Centre(
        name=body.name,
        region=body.region,
        languages=list(dict.fromkeys(body.languages)),
        deadline_days=body.deadline_days or settings.deadline_days,
        created_at=now,
    )
    db.add(centre)
    try:
        await db.flush()
    except IntegrityError:  # the same name registered at the same moment (a double click)
        raise Conflict(
            f"a centre named {body.name!r} exists already", code="centre_exists"
        ) from None
    await db.commit()
    return centre


async def centres_for(db: AsyncSession, user: User) -> list[Centre]:
    ids = await admin_centres(db, user)
    query = select(Centre).order_by(Centre.name)
    if ids is not None:
        mediator = await mediator_of(db, user)
        ids = [*ids, mediator.centre_id] if mediator else ids
        query = query.where(Centre.id.in_(ids))
    return list(await db.scalars(query))


async def centre_managed_by(db: AsyncSession, user: User, centre_id: str) -> Centre:
    """The centre if the caller administers it; 404 otherwise (as if it did not exist)."""
    centre = await db.get(Centre, centre_id)
    if centre is None or not await is_centre_admin(db, user, centre_id):
        raise NotFound(NO_SUCH_CENTRE, code="centre_not_found")
    return centre


async def add_mediator(
    db: AsyncSession, by: User, centre_id: str, body: MediatorCreate, now: datetime
) -> MediatorOut:
    """Register a mediator of a centre ``by`` administers (404 otherwise); committed."""
    centre = await centre_managed_by(db, by, centre_id)
    user = await find_user(db, body.email)
    if user is None or user.role != Role.MEDIATOR:
        raise NotFound(
            f"there is no mediator account {body.email}; create it with "
            "`odr create-user --role mediator` first",
            code="mediator_account_not_found",
        )
    mediator = Mediator(
        user_id=user.id,
        centre_id=centre.id,
        kind=body.kind,
        certificate_number=body.certificate_number,
        certificate_date=body.certificate_date,
        languages=list(dict.fromkeys(body.languages)),
        categories=list(dict.fromkeys(body.categories)),
        capacity=body.capacity,
        regions=unique_regions(body.regions),
        active=True,
        created_at=now,
    )
    db.add(mediator)
    try:
        await db.flush()
    except IntegrityError:
        raise Conflict(
            "this person is already a mediator of a centre", code="mediator_exists"
        ) from None
    await db.commit()
    return next(m for m in await mediators_out(db, centre.id) if m.id == mediator.id)


async def add_centre_admin(db: AsyncSession, by: User, centre_id: str, email: str) -> None:
    """Make a staff account an administrator of the centre (platform administrators, of a
    centre they administer); committed. Adding one twice changes nothing."""
    require_platform_admin(by)
    centre = await centre_managed_by(db, by, centre_id)
    user = await find_user(db, email)
    if user is None or user.role not in STAFF:
        raise NotFound(f"there is no staff account {email}", code="account_not_found")
    # Idempotent, also for two requests at once: the unique pair decides, not a prior read.
    await insert_unless_present(
        db, CentreAdmin, {"centre_id": centre.id, "user_id": user.id}, ("centre_id", "user_id")
    )
    await db.commit()


async def mediators_of(db: AsyncSession, by: User, centre_id: str) -> list[MediatorOut]:
    """The mediators of a centre ``by`` administers (404 otherwise), with their current load."""
    centre = await centre_managed_by(db, by, centre_id)
    return await mediators_out(db, centre.id)


async def mediators_out(db: AsyncSession, centre_id: str) -> list[MediatorOut]:
    rows = list(
        await db.execute(
            select(Mediator, User.display_name)
            .join(User, User.id == Mediator.user_id)
            .where(Mediator.centre_id == centre_id)
            .order_by(User.display_name)
        )
    )
    loads = await mediator_loads(db, [m.id for m, _ in rows])
    return [
        MediatorOut(
            id=m.id,
            user_id=m.user_id,
            name=name,
            centre_id=m.centre_id,
            kind=m.kind,
            certificate_number=m.certificate_number,
            certificate_date=m.certificate_date,
            languages=m.languages,
            categories=m.categories,
            capacity=m.capacity,
            active=m.active,
            regions=m.regions or [],
            away_until=m.away_until,
            load=loads[m.id],
        )
        for m, name in rows
    ]
