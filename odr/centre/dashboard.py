"""The mediator's dashboard: cases with status, days to deadline, last activity, stalled, and
where each stands in its mechanism (``mechanism_state``: public events only)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.cases.status import NEGOTIATING
from odr.centre.access import admin_centres
from odr.centre.mechanism_state import EVENT_TYPES as MECHANISM_EVENTS
from odr.centre.mechanism_state import LoggedEvent, mechanism_state
from odr.centre.roster import rosters
from odr.centre.schemas import Dashboard, DashboardCase
from odr.persistence.models import (
    Case,
    CaseEvent,
    Centre,
    Mediation,
    Mediator,
    User,
)

ACTIVE = NEGOTIATING


async def dashboard_of(
    db: AsyncSession, user: User, now: datetime, stalled_after_h: int
) -> Dashboard:
    """Everything ``user`` sees on the dashboard, and whether it may see analytics too."""
    ids = await visible_case_ids(db, user)
    rows = await dashboard_rows(db, user, now, stalled_after_h, ids)
    administers = await admin_centres(db, user)
    return Dashboard(
        cases=rows,
        stalled_after_h=stalled_after_h,
        sees_analytics=administers is None or bool(administers),
    )


def visible_mediations(user: User, centres: list[str] | None) -> Select[Any]:
    """Case ids the user sees on the dashboard: its own cases, and its centres' as admin."""
    query = select(Mediation.case_id).outerjoin(Mediator, Mediator.id == Mediation.mediator_id)
    if centres is None:
        return query
    return query.where(or_(Mediator.user_id == user.id, Mediation.centre_id.in_(centres)))


async def visible_case_ids(db: AsyncSession, user: User) -> list[str]:
    centres = await admin_centres(db, user)
    if centres == [] and user.role != Role.MEDIATOR:
        return []
    return list(await db.scalars(visible_mediations(user, centres)))


async def dashboard_rows(
    db: AsyncSession, user: User, now: datetime, stalled_after_h: int, case_ids: list[str]
) -> list[DashboardCase]:
    if not case_ids:
        return []
    activity = (
        select(
            CaseEvent.case_id,
            func.max(CaseEvent.seq).label("head"),
            func.max(CaseEvent.created_at).label("last_at"),
        )
        .where(CaseEvent.case_id.in_(case_ids))
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    result = await db.execute(
        select(Case, Mediation, Centre.name, User.display_name, User.id, activity.c.head)
        .join(Mediation, Mediation.case_id == Case.id)
        .join(Centre, Centre.id == Mediation.centre_id)
        .outerjoin(Mediator, Mediator.id == Mediation.mediator_id)
        .outerjoin(User, User.id == Mediator.user_id)
        .outerjoin(activity, activity.c.case_id == Case.id)
        .where(Case.id.in_(case_ids))
        .order_by(Mediation.deadline_at, Case.id)
    )
    rows = list(result)
    heads = {case.id: head for case, _, _, _, _, head in rows if head}
    last: dict[str, tuple[datetime, str]] = {}
    if heads:
        events = await db.execute(
            select(CaseEvent.case_id, CaseEvent.created_at, CaseEvent.type).where(
                or_(
                    *(
                        (CaseEvent.case_id == case_id) & (CaseEvent.seq == seq)
                        for case_id, seq in heads.items()
                    )
                )
            )
        )
        last = {case_id: (at, kind) for case_id, at, kind in events}
    parties = await rosters(db, case_ids)
    logs = await mechanism_logs(db, case_ids)
    stalled_after = timedelta(hours=stalled_after_h)
    out: list[DashboardCase] = []
    for case, mediation, centre, mediator_name, mediator_user, _ in rows:
        last_at, last_event = last.get(case.id, (case.created_at, None))
        reference_time = mediation.paused_at or now
        left = (mediation.deadline_at - reference_time).total_seconds() / 86400
        out.append(
            DashboardCase(
                id=case.id,
                reference=case.reference,
                category=case.category,
                subject=case.subject,
                language=case.language,
                status=case.status,
                centre=centre,
                centre_id=mediation.centre_id,
                mediator=mediator_name,
                mediator_id=mediation.mediator_id,
                parties=[p.name for p in parties[case.id] if p.state != "invited"],
                roster=parties[case.id],
                deadline_at=mediation.deadline_at,
                days_to_deadline=math.ceil(left) if left >= 0 else math.floor(left),
                last_activity_at=last_at,
                last_event=last_event,
                stalled=case.status in ACTIVE and now - last_at > stalled_after,
                mine=mediator_user == user.id,
                mechanism=mechanism_state(
                    case.mechanism, case.status, case.currency, logs.get(case.id, [])
                ),
            )
        )
    return out


async def mechanism_logs(db: AsyncSession, case_ids: list[str]) -> dict[str, list[LoggedEvent]]:
    """The public events each case's mechanism state is folded from, in seq order."""
    logs: dict[str, list[LoggedEvent]] = {}
    rows = await db.execute(
        select(
            CaseEvent.case_id, CaseEvent.seq, CaseEvent.type, CaseEvent.actor_role, CaseEvent.data
        )
        .where(CaseEvent.case_id.in_(case_ids), CaseEvent.type.in_(MECHANISM_EVENTS))
        .order_by(CaseEvent.case_id, CaseEvent.seq)
    )
    for case_id, seq, kind, role, data in rows:
        logs.setdefault(case_id, []).append(LoggedEvent(seq, kind, role, data))
    return logs
