"""Recording a party's step about a due: checked under the case's lock, stored, logged.

The step is a ``performance_steps`` row and a ``performance_<kind>`` event of the case's log,
written in one transaction by the room (``Room.record``), so the log and the table never
disagree and the parties' open rooms see the event at once. The rules are ``step_rules``';
what the signed settlement owes is read again under the lock, so two steps sent at once are
judged one after the other (the second answer ``already_reported``, never a duplicate).

A receipt is a document of the case (``odr.cases.documents``, uploaded with
``POST /api/cases/{id}/documents?shared_with=everyone``) that the reporting party gave and
shared with everyone: the creditor and the mediator can open it, and the log already holds its
hash. Only a report (paid, done) carries one.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.documents import Reader, SharedWith
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.fulfilment.ledger import REPORTS, Step, StepKind
from odr.fulfilment.schedule import Due, schedule_of
from odr.fulfilment.settled_record import signed_settlement_of
from odr.fulfilment.step_rules import check_step
from odr.persistence.documents_models import CaseDocument
from odr.persistence.fulfilment_models import PerformanceStep
from odr.persistence.models import Settlement
from odr.room.log import NewEvent


def step_of(row: PerformanceStep) -> Step:
    """The ledger's view of a stored step."""
    return Step(
        key=row.due_key,
        kind=row.kind,  # type: ignore[arg-type]  # written only from StepKind
        role=row.role,
        at=row.created_at,
        reference=row.reference,
        reason=row.reason,
    )


async def step_rows(db: AsyncSession, settlement_id: str) -> list[PerformanceStep]:
    """The settlement's steps in the order they were made."""
    rows = await db.scalars(
        select(PerformanceStep)
        .where(PerformanceStep.settlement_id == settlement_id)
        .order_by(PerformanceStep.id)
    )
    return list(rows)


def not_signed() -> Conflict:
    return Conflict(
        "the settlement is not signed yet: its schedule starts once every party signed",
        code="not_signed",
    )


def due_not_found() -> NotFound:
    return NotFound("the signed settlement has no due with this key", code="due_not_found")


async def signed_or_refused(db: AsyncSession, case_id: str) -> tuple[Settlement, dict[str, object]]:
    found = await signed_settlement_of(db, case_id)
    if found is None:
        raise not_signed()
    return found


async def _receipt(
    db: AsyncSession, case_id: str, reader: Reader, kind: StepKind, document_id: str | None
) -> CaseDocument | None:
    if document_id is None:
        return None
    if kind not in REPORTS:
        raise ValidationFailed(
            "a receipt goes with a report (paid or done)",
            code="receipt_not_allowed",
            fields=[{"field": "receipt_document_id", "message": "only with paid or done"}],
        )
    document = await db.get(CaseDocument, document_id)
    if document is None or document.case_id != case_id or document.owner_user_id != reader.user_id:
        raise ValidationFailed(
            "the receipt must be a document you gave this case",
            code="receipt_not_found",
            fields=[{"field": "receipt_document_id", "message": "not one of your documents"}],
        )
    if document.withdrawn_at is not None or document.shared_with != SharedWith.EVERYONE:
        raise Conflict(
            "share the receipt with everyone in the case (and keep it) before reporting with it",
            code="receipt_not_shared",
        )
    return document


async def record_step(
    db: AsyncSession,
    case_id: str,
    reader: Reader,
    key: str,
    kind: StepKind,
    reference: str | None,
    reason: str | None,
    receipt_document_id: str | None,
    now: datetime,
) -> list[NewEvent]:
    """Check and store ``reader``'s step on due ``key``; the event to log with it (``db`` is
    the room's locked transaction)."""
    settlement, record = await signed_or_refused(db, case_id)
    due: Due | None = next((d for d in schedule_of(record) if d.key == key), None)
    if due is None:
        raise due_not_found()
    rows = await step_rows(db, settlement.id)
    check_step(due, [step_of(r) for r in rows], kind, reader.role, reason)
    receipt = await _receipt(db, case_id, reader, kind, receipt_document_id)
    db.add(
        PerformanceStep(
            case_id=case_id,
            settlement_id=settlement.id,
            due_key=key,
            kind=kind,
            role=reader.role,
            user_id=reader.user_id,
            reference=reference or None,
            reason=reason or None,
            receipt_document_id=receipt.id if receipt else None,
            created_at=now,
        )
    )
    data = {
        "key": key,
        "obligation": due.obligation,
        "instalment": due.instalment,
        "reference": reference or None,
        "reason": reason or None,
        "receipt_sha256": receipt.sha256 if receipt else None,
    }
    return [NewEvent(f"performance_{kind}", data, reader.user_id, reader.role)]
