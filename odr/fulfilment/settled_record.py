"""A signed settlement as fulfilment reads it: the sealed record and the parties' steps so far.

The record is the envelope's (``Settlement.envelope["record"]``), never the editable terms; the
steps come from the append-only ``performance_steps`` in the order they were made. The reminders
(``reminders.py``) and the writ application (``odr.enforcement``) both start here.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.fulfilment.ledger import Step
from odr.persistence.fulfilment_models import PerformanceStep
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


async def steps_of(db: AsyncSession, settlement_id: str) -> list[Step]:
    """Every step recorded on the settlement's dues, in the order they were made."""
    rows = await db.scalars(
        select(PerformanceStep)
        .where(PerformanceStep.settlement_id == settlement_id)
        .order_by(PerformanceStep.id)
    )
    return [
        Step(
            key=row.due_key,
            kind=row.kind,  # type: ignore[arg-type]  # stored as written: one of STEP_KINDS
            role=row.role,
            at=row.created_at,
            reference=row.reference,
            reason=row.reason,
        )
        for row in rows
    ]
