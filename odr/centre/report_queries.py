"""Who may read the centre's reports, and the rows they are built from (``odr.centre.reports``).

Only a centre's administrators (and the platform's) read them. A mediator gets 403 like anyone
else: the reports put colleagues side by side, and a mediator's own cases, deadlines and ages
are already on the dashboard. A party gets 403 too, and nothing the reports read names a party.

Three queries whatever the centre's size: its cases with their mediation and first agreement,
the names of its mediators, and the feedback given in the period.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import admin_centres
from odr.centre.analytics import AGREEMENT_EVENTS
from odr.centre.registry import NO_SUCH_CENTRE
from odr.centre.report_schemas import Reports
from odr.centre.reports import CaseRow, FeedbackRow, build_reports, period_bounds
from odr.errors import Forbidden, NotFound
from odr.persistence.models import (
    Case,
    CaseEvent,
    CaseFeedback,
    Centre,
    Mediation,
    Mediator,
    User,
)

NOT_ADMIN = "only the centre's administrators see its reports"


async def report_centres(db: AsyncSession, user: User, centre_id: str | None) -> list[str] | None:
    """The centres to report on: ``centre_id`` if the caller administers it, else every centre
    it administers (None: all, for a platform administrator); 403 for anyone else."""
    centres = await admin_centres(db, user)
    if centre_id is None:
        if centres == []:
            raise Forbidden(NOT_ADMIN, code="not_centre_admin")
        return centres
    if centres is not None:
        if centre_id not in centres:  # whether or not it exists: no centre ids to probe
            raise Forbidden(NOT_ADMIN, code="not_centre_admin")
    elif await db.get(Centre, centre_id) is None:
        raise NotFound(NO_SUCH_CENTRE, code="centre_not_found")
    return [centre_id]


async def reports_for(
    db: AsyncSession, user: User, centre_id: str | None, start: date, end: date, now: datetime
) -> Reports:
    centres = await report_centres(db, user, centre_id)
    cases = await case_rows(db, centres)
    names = await mediator_names(db, centres)
    feedback = await feedback_rows(db, centres, start, end)
    return build_reports(cases, feedback, names, start, end, now)


async def case_rows(db: AsyncSession, centres: list[str] | None) -> list[CaseRow]:
    agreed = (
        select(CaseEvent.case_id, func.min(CaseEvent.created_at).label("at"))
        .where(CaseEvent.type.in_(AGREEMENT_EVENTS))
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    query = (
        select(
            Case.id,
            Case.category,
            Case.mechanism,
            Case.status,
            Mediation.mediator_id,
            Case.created_at,
            Mediation.started_at,
            Mediation.deadline_at,
            Mediation.paused_at,
            agreed.c.at,
            Mediation.closed_at,
            Case.updated_at,
        )
        .join(Mediation, Mediation.case_id == Case.id)
        .outerjoin(agreed, agreed.c.case_id == Case.id)
        .order_by(Case.created_at, Case.id)
    )  # columns, not rows: a case's issues and items are no report's business
    if centres is not None:
        query = query.where(Mediation.centre_id.in_(centres))
    return [CaseRow(*row) for row in await db.execute(query)]


async def mediator_names(db: AsyncSession, centres: list[str] | None) -> dict[str, str]:
    """The centres' active mediators, and any mediator of one of their cases, by id."""
    query = select(Mediator.id, User.display_name).join(User, User.id == Mediator.user_id)
    if centres is not None:
        mediating = select(Mediation.mediator_id).where(Mediation.centre_id.in_(centres))
        query = query.where(
            or_(
                Mediator.centre_id.in_(centres) & Mediator.active.is_(True),
                Mediator.id.in_(mediating),
            )
        )
    return {mediator_id: name for mediator_id, name in await db.execute(query)}


async def feedback_rows(
    db: AsyncSession, centres: list[str] | None, start: date, end: date
) -> list[FeedbackRow]:
    low, high = period_bounds(start, end)
    query = (
        select(CaseFeedback)
        .join(Mediation, Mediation.case_id == CaseFeedback.case_id)
        .where(CaseFeedback.created_at >= low, CaseFeedback.created_at < high)
        .order_by(CaseFeedback.created_at, CaseFeedback.id)
    )
    if centres is not None:
        query = query.where(Mediation.centre_id.in_(centres))
    return [
        FeedbackRow(f.service, f.procedure, f.fairness, f.ease, f.comment, f.created_at)
        for f in await db.scalars(query)
    ]
