"""The tracker as a party or the mediator reads it: every due with its state, days late and
steps, and the sums due now. Read-only; no HTTP here.

Built from the signed record and the steps only: the record's parties (names as signed), its
obligations and default terms. Nothing of the negotiation (interests, views, bids, points, the
agreed package's issues) is read, so nothing of it can show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.documents import Reader
from odr.errors import ApiError
from odr.fulfilment.default_sums import ObligationSums, sums_due
from odr.fulfilment.ledger import STEP_KINDS, DueState, StepKind, states_of
from odr.fulfilment.penalty_ledger import (
    PENALTY_KINDS,
    PenaltyKind,
    PenaltySettled,
    PenaltyStep,
    check_penalty_step,
    settled_by_obligation,
)
from odr.fulfilment.penalty_steps import penalty_steps, settled_tiyn
from odr.fulfilment.schedule import default_terms_of, schedule_of, spelled
from odr.fulfilment.schemas import (
    DefaultTermsOut,
    DueOut,
    PartyOut,
    PenaltyOut,
    PenaltyStepOut,
    ReceiptOut,
    ScheduleOut,
    StepOut,
    SumsOut,
)
from odr.fulfilment.step_rules import check_step
from odr.fulfilment.steps import step_of, step_rows
from odr.persistence.documents_models import CaseDocument
from odr.persistence.fulfilment_models import PerformanceStep
from odr.persistence.models import Settlement


async def schedule_out(
    db: AsyncSession, settlement: Settlement, record: Mapping[str, Any], reader: Reader, today: date
) -> ScheduleOut:
    rows = await step_rows(db, settlement.id)
    receipts = await _receipts(db, rows)
    terms = default_terms_of(record)
    states = states_of(schedule_of(record), [step_of(r) for r in rows], today, terms)
    rows_of: dict[str, list[PerformanceStep]] = {}
    for row in rows:
        rows_of.setdefault(row.due_key, []).append(row)
    rate = terms.penalty_percent_per_day
    penalty_log = await penalty_steps(db, settlement.id)
    sums = sums_due(states, terms, settled_tiyn(penalty_log))
    return ScheduleOut(
        as_of=today,
        me=_me(reader),
        verification_code=settlement.verification_code,
        parties=[
            PartyOut(role=p["role"], name=str(p.get("full_name") or p.get("name") or p["role"]))
            for p in record["parties"]
        ],
        default_terms=DefaultTermsOut(
            acceleration_after_days=terms.acceleration_after_days,
            penalty_percent_per_day=None if rate is None else format(rate, "f"),
        ),
        dues=[
            _due_out(s, rows_of.get(s.due.key, []), receipts, reader, settlement.case_id)
            for s in states
        ],
        sums_due=[_sums_out(s) for s in sums],
        penalties=_penalties_out(sums, penalty_log, reader),
    )


def _me(reader: Reader) -> str | Literal["mediator"]:
    return "mediator" if reader.is_mediator else reader.role


async def _receipts(db: AsyncSession, rows: Sequence[PerformanceStep]) -> dict[str, CaseDocument]:
    ids = {r.receipt_document_id for r in rows if r.receipt_document_id}
    if not ids:
        return {}
    found = await db.scalars(select(CaseDocument).where(CaseDocument.id.in_(ids)))
    return {d.id: d for d in found}


def _receipt_out(document: CaseDocument | None, case_id: str) -> ReceiptOut | None:
    if document is None:
        return None
    url = None
    if document.withdrawn_at is None:
        url = f"/api/cases/{case_id}/documents/{document.id}/file"
    return ReceiptOut(document_id=document.id, sha256=document.sha256, url=url)


def _can(state: DueState, reader: Reader) -> list[StepKind]:
    """The steps the rules would accept from ``reader`` now (a dispute assumed to say why)."""
    if reader.is_mediator:
        return []
    allowed: list[StepKind] = []
    for kind in STEP_KINDS:
        try:
            check_step(state.due, state.steps, kind, reader.role, "why")
        except ApiError:
            continue
        allowed.append(kind)
    return allowed


def _due_out(
    state: DueState,
    rows: Sequence[PerformanceStep],
    receipts: Mapping[str, CaseDocument],
    reader: Reader,
    case_id: str,
) -> DueOut:
    due = state.due
    return DueOut(
        key=due.key,
        obligation=due.obligation,
        instalment=due.instalment,
        kind=due.kind,
        debtor=due.debtor,
        creditor=due.creditor,
        description=due.description,
        due_date=due.due_date,
        amount_tiyn=due.amount_tiyn,
        amount=None if due.amount_tiyn is None else spelled(due.amount_tiyn),
        currency=due.currency,
        state=state.state,
        performance=state.performance,
        days_late=state.days_late,
        steps=[
            StepOut(
                kind=step_of(r).kind,
                role=r.role,
                at=r.created_at,
                reference=r.reference,
                reason=r.reason,
                receipt=_receipt_out(receipts.get(r.receipt_document_id or ""), case_id),
            )
            for r in rows
        ],
        can=_can(state, reader),
    )


def _sums_out(sums: ObligationSums) -> SumsOut:
    return SumsOut(
        obligation=sums.obligation,
        debtor=sums.debtor,
        creditor=sums.creditor,
        currency=sums.currency,
        in_default=sums.in_default,
        overdue_tiyn=sums.overdue_tiyn,
        overdue=spelled(sums.overdue_tiyn),
        accelerated_tiyn=sums.accelerated_tiyn,
        accelerated=spelled(sums.accelerated_tiyn),
        penalty_tiyn=sums.penalty_tiyn,
        penalty=spelled(sums.penalty_tiyn),
        penalty_settled_tiyn=sums.penalty_settled_tiyn,
        total_tiyn=sums.total_tiyn,
        total=spelled(sums.total_tiyn),
    )


def _penalties_out(
    sums: Sequence[ObligationSums], log: Sequence[PenaltyStep], reader: Reader
) -> list[PenaltyOut]:
    """Each obligation's penalty that accrued: owed, paid, waived, its steps and my buttons."""
    settled = settled_by_obligation(log)
    out = []
    for s in sums:
        if not s.penalty_accrued_tiyn:
            continue
        standing = settled.get(s.obligation, PenaltySettled(0, 0, None))
        out.append(
            PenaltyOut(
                obligation=s.obligation,
                debtor=s.debtor,
                creditor=s.creditor,
                currency=s.currency,
                accrued_tiyn=s.penalty_accrued_tiyn,
                received_tiyn=standing.received_tiyn,
                waived_tiyn=standing.waived_tiyn,
                owed_tiyn=s.penalty_tiyn,
                owed=spelled(s.penalty_tiyn),
                received=spelled(standing.received_tiyn),
                waiting_tiyn=standing.waiting.amount_tiyn if standing.waiting else None,
                steps=[
                    PenaltyStepOut(
                        kind=p.kind,
                        role=p.role,
                        at=p.at,
                        amount_tiyn=p.amount_tiyn,
                        reference=p.reference,
                        reason=p.reason,
                    )
                    for p in log
                    if p.obligation == s.obligation
                ],
                can=_penalty_can(s, standing, reader),
            )
        )
    return out


def _penalty_can(
    sums: ObligationSums, standing: PenaltySettled, reader: Reader
) -> list[PenaltyKind]:
    """The penalty steps the rules would accept from ``reader`` now (1 tiyn, a reason)."""
    if reader.is_mediator:
        return []
    allowed: list[PenaltyKind] = []
    for kind in PENALTY_KINDS:
        amount = None if kind == "received" and standing.waiting else 1
        try:
            check_penalty_step(
                sums.debtor,
                sums.creditor,
                standing,
                sums.penalty_tiyn,
                kind,
                reader.role,
                None if kind == "disputed" else amount,
                "why",
            )
        except ApiError:
            continue
        allowed.append(kind)
    return allowed
