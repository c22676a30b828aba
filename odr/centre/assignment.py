"""Automatic assignment of a new case to the least-loaded eligible mediator, and reassignment.

Eligible: active, speaks the case's language, takes its category, serves its region (by name,
or every region: a mediator with no regions), and has fewer active cases than its capacity. A
region's own mediators come before those serving every region. Least loaded: fewest active
cases, then the lowest share of capacity, then the largest capacity, then the longest-registered.
On PostgreSQL the eligible mediators' rows are locked while choosing, so two cases opened at once
cannot both take a mediator's last free place.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import Subquery, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CONCLUDED
from odr.centre.alerts import alert_admins
from odr.centre.deadlines import plan_deadline
from odr.errors import Conflict, NotFound
from odr.notify import enqueue_notice
from odr.notify.preferences import KAZAKHSTAN
from odr.persistence.models import (
    Case,
    CaseParty,
    Centre,
    Mediation,
    Mediator,
    MediatorAssignment,
    User,
)
from odr.settings import Settings


def active_cases_by_mediator() -> Subquery:
    """A subquery: mediator id → number of its cases still in mediation."""
    return (
        select(Mediation.mediator_id, func.count().label("load"))
        .join(Case, Case.id == Mediation.case_id)
        .where(Mediation.mediator_id.is_not(None), Case.status.not_in(CONCLUDED))
        .group_by(Mediation.mediator_id)
        .subquery()
    )


async def mediator_loads(db: AsyncSession, mediator_ids: list[str]) -> dict[str, int]:
    loads = active_cases_by_mediator()
    rows = await db.execute(
        select(loads.c.mediator_id, loads.c.load).where(loads.c.mediator_id.in_(mediator_ids))
    )
    found = {mediator_id: int(load) for mediator_id, load in rows}
    return {m: found.get(m, 0) for m in mediator_ids}


def region_key(region: str) -> str:
    """How regions are compared: without regard to case or spacing ("  алматы" = "Алматы")."""
    return " ".join(region.split()).casefold()


def unique_regions(regions: list[str]) -> list[str]:
    """The regions as typed (trimmed), each once."""
    kept: dict[str, str] = {}
    for region in regions:
        kept.setdefault(region_key(region), " ".join(region.split()))
    return list(kept.values())


def serves(mediator: Mediator, region: str | None) -> int | None:
    """0: serves the case's region by name; 1: serves every region (or the case has none);
    None: serves only other regions."""
    if not mediator.regions:
        return 1
    if region is None:
        return 1
    return 0 if region_key(region) in {region_key(r) for r in mediator.regions} else None


CONFLICT = "conflict of interest: "
"""How a mediator's declared conflict of interest starts its assignment row's reason: the
assignment log is the record of who may never be given the case again."""


async def conflicted_mediators(db: AsyncSession, case_id: str) -> set[str]:
    """The mediators who may never mediate the case: those who declared a conflict of interest
    in it, and those whose own account is one of its parties (any of its 2 to 10, a withdrawn
    one too): nobody mediates a dispute they are a party to."""
    rows = await db.scalars(
        select(MediatorAssignment.previous_mediator_id).where(
            MediatorAssignment.case_id == case_id,
            MediatorAssignment.reason.startswith(CONFLICT, autoescape=True),
        )
    )
    parties = await db.scalars(
        select(Mediator.id)
        .join(CaseParty, CaseParty.user_id == Mediator.user_id)
        .where(CaseParty.case_id == case_id)
    )
    return {m for m in rows if m is not None} | set(parties)


async def choose_mediator(
    db: AsyncSession,
    language: str,
    category: str,
    *,
    region: str | None = None,
    exclude: Collection[str] = (),
    centre_id: str | None = None,
    now: datetime | None = None,
) -> Mediator | None:
    """The region's own mediators first, then those who serve every region; never one who
    serves only other regions, nor one in ``exclude``, nor one on leave on ``now``'s day in
    Kazakhstan; of ``centre_id`` only, when given. Within that, the least loaded (module
    docstring)."""
    today = now.astimezone(KAZAKHSTAN).date() if now is not None else None
    query = select(Mediator).where(Mediator.active.is_(True)).order_by(Mediator.id)
    if centre_id is not None:
        query = query.where(Mediator.centre_id == centre_id)
    if db.get_bind().dialect.name != "sqlite":
        query = query.with_for_update()
    candidates = [
        m
        for m in await db.scalars(query)
        if language in m.languages
        and category in m.categories
        and m.id not in exclude
        and serves(m, region) is not None
        and not (today is not None and m.away_until is not None and m.away_until >= today)
    ]
    loads = await mediator_loads(db, [m.id for m in candidates])
    free = [m for m in candidates if loads[m.id] < m.capacity]
    if not free:
        return None
    return min(
        free,
        key=lambda m: (
            serves(m, region),
            loads[m.id],
            loads[m.id] / m.capacity,
            -m.capacity,
            m.created_at,
            m.id,
        ),
    )


async def assign_new_case(
    db: AsyncSession, case: Case, settings: Settings, now: datetime
) -> Mediation | None:
    """Put a just-opened case under a centre's supervision (in the caller's transaction).

    Without any eligible mediator the case still goes to a centre that works in its language
    (unassigned, and its administrators are told to assign one); with no centre at all, to none.
    """
    mediator = await choose_mediator(
        db,
        case.language,
        case.category,
        region=case.region,
        exclude=await conflicted_mediators(db, case.id),  # a claimant who mediates too
        now=now,
    )
    centre: Centre | None
    if mediator is not None:
        centre = await db.get_one(Centre, mediator.centre_id)
    else:  # a centre of the case's region first, if one works in its language
        centres = await db.scalars(select(Centre).order_by(Centre.created_at, Centre.id))
        speaking = [c for c in centres if case.language in c.languages]
        local = [
            c for c in speaking if case.region and region_key(c.region) == region_key(case.region)
        ]
        centre = next(iter(local or speaking), None)
    if centre is None:
        return None
    deadline = now + timedelta(days=centre.deadline_days)
    mediation = Mediation(
        case_id=case.id,
        centre_id=centre.id,
        mediator_id=mediator.id if mediator else None,
        started_at=now,
        deadline_at=deadline,
    )
    db.add(mediation)
    db.add(
        MediatorAssignment(
            case_id=case.id,
            mediator_id=mediation.mediator_id,
            reason="automatic" if mediator else "automatic: no eligible mediator",
            assigned_at=now,
        )
    )
    await db.flush()
    await plan_deadline(db, case.id, deadline, now, settings)
    if mediator is not None:
        await tell_mediator(db, mediator, case, now)
    else:  # the centre's administrators must assign someone (alerts.py)
        await alert_admins(db, centre.id, case, "case_unassigned", "unassigned", now)
    return mediation


async def start_mediation(db: AsyncSession, case: Case, settings: Settings, now: datetime) -> None:
    """The respondent consented: the mediation starts now, and so does its deadline.

    Under the Law on Mediation the procedure starts with the parties' agreement to mediate, which
    online is the respondent accepting the invitation; until then the deadline counted from the
    case's opening only bounds how long an invitation may go unanswered.
    """
    mediation = await db.get(Mediation, case.id)
    if mediation is None or mediation.closed_at is not None or mediation.paused_at is not None:
        return
    centre = await db.get_one(Centre, mediation.centre_id)
    mediation.started_at = now
    mediation.deadline_at = now + timedelta(days=centre.deadline_days)
    await plan_deadline(db, case.id, mediation.deadline_at, now, settings)


async def reassign(
    db: AsyncSession,
    case: Case,
    mediation: Mediation,
    mediator_id: str,
    reason: str,
    by: User,
    now: datetime,
) -> Mediator:
    if case.status in CONCLUDED:
        raise Conflict(f"the case is {case.status}; it cannot be reassigned", code="case_closed")
    mediator = await db.get(Mediator, mediator_id)
    if mediator is None or mediator.centre_id != mediation.centre_id or not mediator.active:
        raise NotFound(
            "there is no active mediator with this id in the case's centre",
            code="mediator_not_found",
        )
    if mediator.id == mediation.mediator_id:
        raise Conflict("this mediator already mediates the case", code="already_assigned")
    if mediator.id in await conflicted_mediators(db, case.id):
        raise Conflict(
            "this mediator has a conflict of interest in the case (declared, or a party to it)",
            code="mediator_conflicted",
        )
    db.add(
        MediatorAssignment(
            case_id=case.id,
            mediator_id=mediator.id,
            previous_mediator_id=mediation.mediator_id,
            by_user_id=by.id,
            reason=reason,
            assigned_at=now,
        )
    )
    mediation.mediator_id = mediator.id
    await tell_mediator(db, mediator, case, now)
    return mediator


async def tell_mediator(db: AsyncSession, mediator: Mediator, case: Case, now: datetime) -> None:
    await enqueue_notice(
        db,
        user_id=mediator.user_id,
        kind="case_assigned",
        params={"reference": case.reference, "subject": case.subject},
        now=now,
    )
