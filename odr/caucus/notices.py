"""The mediator is told when a party asks for a caucus: by the channels the mediator chose and in
the in-app list, linking to the case's page. Nobody else is told: the other party must not learn
of it, and a caucus is no business of the centre's administrators.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from odr.caucus.access import PartySeat, mediator_user_id
from odr.notify.outbox import enqueue_notice
from odr.persistence.models import Case

KIND = "caucus_requested"


async def tell_mediator(db: AsyncSession, seat: PartySeat, now: datetime) -> None:
    """Queue the notice in the caller's transaction (the caller commits); once per request."""
    if seat.mediation is None:
        return
    mediator = await mediator_user_id(db, seat.mediation)
    case = await db.get(Case, seat.case_id)
    if mediator is None or case is None:
        return
    await enqueue_notice(
        db,
        user_id=mediator,
        kind=KIND,
        params={"reference": case.reference, "party": seat.name},
        dedupe_key=f"{KIND}:{seat.case_id}:{seat.role}:{now.isoformat()}",
        now=now,
        path=f"#/mediator/cases/{seat.case_id}",
    )
