"""Telling the case's parties and its mediator that the court registered a referred case, with
the court's case number (#15). Queued in the acknowledgement's own transaction, once: a repeated
acknowledgement inserts nothing and tells no one again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.deadlines import mediator_user_id, party_user_ids
from odr.notify import enqueue_notice
from odr.persistence.models import Case, Court, Mediation

KIND = "referral_acknowledged"


async def tell_acknowledged(
    db: AsyncSession, case_id: str, court: Court, number: str, now: datetime
) -> None:
    case = await db.get_one(Case, case_id)
    params = {"reference": case.reference, "court": court.name, "number": number}
    recipients = [(user, f"#/cases/{case_id}") for user in await party_user_ids(db, case_id)]
    mediation = await db.get(Mediation, case_id)
    mediator = await mediator_user_id(db, mediation) if mediation else None
    if mediator is not None:
        recipients.append((mediator, f"#/mediator/cases/{case_id}"))
    for user_id, path in recipients:
        await enqueue_notice(
            db,
            user_id=user_id,
            kind=KIND,
            params=params,
            dedupe_key=f"{KIND}:{case_id}:{user_id}",
            now=now,
            path=path,
        )
