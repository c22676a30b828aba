"""A party withdraws from the negotiation (``POST /api/cases/{id}/withdrawal``).

Mediation is voluntary: any party may leave while the case is open, the claimant too (the case
is not the claimant's to keep others in; if a claimant's leaving leaves fewer than two, the
mediation fails as it would for anyone). The engine decides what that means for the offer on
the table (``negotiation.protocol``, ``Leave``): the party leaves the negotiation's parties and
the live offer's acceptances; its own live offer is withdrawn; if everyone remaining had already
accepted the live offer, that is the agreement; with fewer than two remaining the mediation ends
as failed, as a mediator's close does (status ``failed``, the mediation closed, its deadlines
cancelled). A mediator's switch proposal no longer waits for the party: if everyone remaining
had consented, the case switches in the same transaction (``odr.cases.switching``).

One ``Room.record`` transaction under the case lock sets ``CaseParty.withdrawn_at`` and logs
``party_withdrew {role}`` (after a ``withdraw`` of its own live offer; before an ``agreement`` or
``closed``), so the others hear it live and every fold of the log (the room's state cache, the
browser's) takes the party out. A second request changes nothing and answers as the first did.
The negotiation state is folded here from the whole log: a withdrawal is rare, and this keeps
the room's hot path (``store/``) free of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.protocol import NegotiationState
from odr.cases import switching
from odr.cases.status import CaseStatus
from odr.centre.deadlines import cancel_tasks
from odr.errors import Conflict, NotFound
from odr.persistence.models import Case, CaseParty, Mediation
from odr.room import log, moves
from odr.room.errors import CommandRefused
from odr.room.log import NewEvent
from odr.room.room import Room
from odr.room.state_cache import fold

FOLD_BATCH = 10_000


@dataclass(frozen=True)
class Withdrawn:
    """What the request did: the party's key, when it withdrew, and the case's status now."""

    role: str
    withdrawn_at: datetime
    case_status: str


async def withdraw(room: Room, db: AsyncSession, user_id: str, case_id: str) -> Withdrawn:
    """``user_id`` withdraws from its case ``case_id`` (404 unless it is a party; 409
    ``not_negotiating`` unless the case is open; a repeat answers as the first did)."""
    party = await db.scalar(
        select(CaseParty).where(CaseParty.case_id == case_id, CaseParty.user_id == user_id)
    )
    await db.commit()  # the withdrawal runs in the room's own transaction, under the case lock
    if party is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")
    role, party_id = party.role, party.id
    agreed = False

    async def decide(locked: AsyncSession) -> Sequence[NewEvent]:
        nonlocal agreed
        me = await locked.get_one(CaseParty, party_id, populate_existing=True)
        if me.withdrawn_at is not None:
            return []  # withdrawn already (a double click, a retry): nothing more to log
        case = await locked.get_one(Case, case_id, populate_existing=True)
        if case.status != CaseStatus.OPEN:
            raise Conflict(
                f"only an open negotiation can be left (the case is {case.status})",
                code="not_negotiating",
            )
        now = room.services.clock()
        state = await _negotiation(locked, case)
        try:
            decision = moves.leave(state, user_id, role, now)
        except CommandRefused as exc:  # not a party of the negotiation (cannot happen here)
            raise Conflict(exc.message, code=exc.code) from None
        me.withdrawn_at = now
        case.updated_at = now
        if decision.case_status is not None:
            case.status = decision.case_status
            agreed = decision.case_status == CaseStatus.AGREED
            if decision.case_status == CaseStatus.FAILED:
                await _close_mediation(locked, case_id, now)
            return decision.events
        # Those remaining may all have consented to the mediator's switch: no longer waiting.
        return [*decision.events, *await switching.after_withdrawal(locked, case, now)]

    recorded = await room.record(case_id, decide, actor_user_id=user_id)
    if agreed and recorded.events:
        for hook in room.on_agreement:
            hook(case_id)
    async with room.services.sessions() as fresh:
        status, withdrawn_at = (
            await fresh.execute(
                select(Case.status, CaseParty.withdrawn_at)
                .join(CaseParty, CaseParty.case_id == Case.id)
                .where(Case.id == case_id, CaseParty.user_id == user_id)
            )
        ).one()
    assert withdrawn_at is not None
    return Withdrawn(role, withdrawn_at, status)


async def _negotiation(db: AsyncSession, case: Case) -> NegotiationState:
    """The negotiation state, folded from the case's parties and its whole log."""
    roles = await db.scalars(select(CaseParty.role).where(CaseParty.case_id == case.id))
    state = moves.opening(list(roles), case.issues, case.created_at)
    after = 0
    while events := await log.events_after(db, case.id, after, FOLD_BATCH):
        state = fold(state, events, moves.to_protocol_events)
        after = events[-1].seq
    return state


async def _close_mediation(db: AsyncSession, case_id: str, now: datetime) -> None:
    """Fewer than two parties remain: the mediation is closed as failed, as a mediator's
    close would (``odr.centre.supervision``), so the centre sees it over and no deadline runs."""
    mediation = await db.get(Mediation, case_id)
    if mediation is not None and mediation.closed_at is None:
        mediation.outcome, mediation.closed_at = "failed", now
        mediation.close_reason, mediation.paused_at = moves.WITHDREW_REASON, None
    await cancel_tasks(db, case_id)
