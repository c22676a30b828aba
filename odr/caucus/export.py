"""A party's own caucus in its personal-data export (``GET /api/me/export``): the conversation
it had with the mediator is its data too. Only its own: the other party's caucus of the same
case is never in this party's export, nor is the fact that one exists."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.caucus.schemas import CaucusMessageOut, CaucusState
from odr.caucus.service import messages_of
from odr.persistence.caucus_models import Caucus
from odr.web.schema import ResponseModel


class CaucusExport(ResponseModel):
    state: CaucusState
    requested_at: datetime | None
    opened_at: datetime | None
    closed_at: datetime | None
    messages: list[CaucusMessageOut] = Field(description="Yours and the mediator's, in order.")


async def own_caucus(db: AsyncSession, case_id: str, role: str) -> CaucusExport | None:
    """The caucus of party ``role`` in the case, or None if it never asked for nor had one."""
    row = await db.scalar(
        select(Caucus).where(Caucus.case_id == case_id, Caucus.party_role == role)
    )
    messages = await messages_of(db, case_id, role)
    if (row is None or row.state == "none") and not messages:
        return None
    return CaucusExport(
        state=row.state if row else "none",  # type: ignore[arg-type]
        requested_at=row.requested_at if row else None,
        opened_at=row.opened_at if row else None,
        closed_at=row.closed_at if row else None,
        messages=messages,
    )
