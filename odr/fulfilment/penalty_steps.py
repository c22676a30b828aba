"""Recording a step about an obligation's default penalty: checked under the case's lock,
stored in ``penalty_steps``, logged as a ``penalty_<kind>`` event, in one ``Room.record``.

The penalty owed is computed again under the lock from the signed record and every step so far
(``default_sums``), so the amount a step may record is judged against the penalty as it stands
today; the rules are ``penalty_ledger``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.documents import Reader
from odr.errors import NotFound
from odr.fulfilment.default_sums import ObligationSums, sums_due
from odr.fulfilment.ledger import DueState, today_of
from odr.fulfilment.penalty_ledger import (
    PenaltyKind,
    PenaltyStep,
    check_penalty_step,
    settled_by_obligation,
    settled_of,
)
from odr.fulfilment.schedule import DefaultTerms, schedule_of
from odr.fulfilment.standing import standing
from odr.fulfilment.steps import signed_or_refused
from odr.persistence.fulfilment_models import PenaltyStep as PenaltyRow
from odr.room.log import NewEvent


def penalty_step_of(row: PenaltyRow) -> PenaltyStep:
    """The ledger's view of a stored penalty step."""
    return PenaltyStep(
        obligation=row.obligation,
        kind=row.kind,  # type: ignore[arg-type]  # written only from PenaltyKind
        role=row.role,
        at=row.created_at,
        amount_tiyn=row.amount_tiyn,
        reference=row.reference,
        reason=row.reason,
    )


async def penalty_steps(db: AsyncSession, settlement_id: str) -> list[PenaltyStep]:
    """The settlement's penalty steps in the order they were made."""
    rows = await db.scalars(
        select(PenaltyRow).where(PenaltyRow.settlement_id == settlement_id).order_by(PenaltyRow.id)
    )
    return [penalty_step_of(r) for r in rows]


def settled_tiyn(steps: Sequence[PenaltyStep]) -> dict[int, int]:
    """Obligation → penalty received or waived, in tiyn (what ``sums_due`` takes off)."""
    return {n: s.settled_tiyn for n, s in settled_by_obligation(steps).items()}


async def sums_now(
    db: AsyncSession, settlement_id: str, states: Sequence[DueState], terms: DefaultTerms
) -> list[ObligationSums]:
    """The sums due now (``default_sums``), less what of each penalty was received or waived:
    what the reminders' notices and the writ application state."""
    return sums_due(states, terms, settled_tiyn(await penalty_steps(db, settlement_id)))


def obligation_not_found() -> NotFound:
    return NotFound(
        "the signed settlement has no payment obligation with this number",
        code="obligation_not_found",
    )


async def record_penalty_step(
    db: AsyncSession,
    case_id: str,
    reader: Reader,
    obligation: int,
    kind: PenaltyKind,
    amount_tiyn: int | None,
    reference: str | None,
    reason: str | None,
    now: datetime,
) -> list[NewEvent]:
    """Check and store ``reader``'s step on the penalty of ``obligation``; the event to log
    with it (``db`` is the room's locked transaction)."""
    settlement, record = await signed_or_refused(db, case_id)
    due = next(
        (d for d in schedule_of(record) if d.obligation == obligation and d.kind == "payment"),
        None,
    )
    if due is None:
        raise obligation_not_found()
    terms, states = await standing(db, settlement, record, today_of(now))
    steps = await penalty_steps(db, settlement.id)
    mine = [s for s in steps if s.obligation == obligation]
    sums = sums_due(states, terms, settled_tiyn(steps))
    owed = next((s.penalty_tiyn for s in sums if s.obligation == obligation), 0)
    amount = check_penalty_step(
        due.debtor, due.creditor, settled_of(mine), owed, kind, reader.role, amount_tiyn, reason
    )
    db.add(
        PenaltyRow(
            case_id=case_id,
            settlement_id=settlement.id,
            obligation=obligation,
            kind=kind,
            role=reader.role,
            user_id=reader.user_id,
            amount_tiyn=amount,
            reference=reference or None,
            reason=reason or None,
            created_at=now,
        )
    )
    data = {
        "obligation": obligation,
        "amount_tiyn": amount,
        "currency": due.currency,
        "reference": reference or None,
        "reason": reason or None,
    }
    return [NewEvent(f"penalty_{kind}", data, reader.user_id, reader.role)]
