"""A signed settlement as fulfilment reads it: the sealed record, never the editable terms.

The record is the envelope's (``Settlement.envelope["record"]``); the parties' steps about it
are ``steps.py``'s. The schedule's endpoints, the reminders (``reminders.py``) and the writ
application (``odr.enforcement``) all start here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Settlement

SIGNED = ("signed", "filed")
"""A settlement's statuses once sealed: filed is signed and imported by the court."""


async def signed_settlement_of(
    db: AsyncSession, case_id: str
) -> tuple[Settlement, dict[str, Any]] | None:
    """The case's sealed settlement and its signed record, or None before it is sealed."""
    settlement = await db.scalar(
        select(Settlement).where(Settlement.case_id == case_id, Settlement.status.in_(SIGNED))
    )
    if settlement is None or settlement.envelope is None:
        return None
    return settlement, settlement.envelope["record"]
