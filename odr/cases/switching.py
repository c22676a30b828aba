"""The mediator's switch of a case to another mechanism, with every party's consent.

A case that does not move by its mechanism (a money claim whose bids never meet, a division that
turns out to hide a dispute about terms) may go on by another. The mediator proposes the new
mechanism (``Supervision.propose_mechanism``); each party consents or declines over HTTP
(``answer``); when every party taking part consented (joined and not withdrawn,
``odr.negotiating.taking_part``), ``cases.mechanism`` changes in the same transaction as the
``switched`` event. A party that withdraws while a proposal is open is no longer waited for: if
everyone remaining had consented, its withdrawal completes the switch (``after_withdrawal``);
a consent it gave before counts for nothing more. Everything is one event type in the case
log, ``mechanism_switch``, so the room shows each step to everyone and the open proposal is read
back from the log (``pending``): no table, no migration. Any party's decline ends the
proposal; a new proposal replaces an open one. :func:`switch` is the one way a case changes
mechanism: the consented proposal here, and every party choosing packages after blind bidding
ended without settlement.

The switch keeps what the parties said in the room (offers, messages stay in the log); the
previous mechanism's agreed rules (``cases.mechanism_rules``) no longer apply and are cleared,
and items are kept only for division (the old items' photos are deleted with them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.items import check_holders, items_to_store, photo_ids
from odr.cases.mechanism import Mechanism, Misfit, misfit
from odr.cases.parties import in_party_order
from odr.cases.schemas import ItemIn
from odr.cases.status import CaseStatus
from odr.centre.deadlines import party_user_ids
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.negotiating.division import item_issues
from odr.negotiating.taking_part import require_taking_part
from odr.notify import enqueue_notice
from odr.persistence.models import Case, CaseEvent, CaseParty, User
from odr.room.log import NewEvent
from odr.room.room import Room
from odr.uploads.store import remove_files

EVENT = "mechanism_switch"
SWITCHABLE = (CaseStatus.OPEN, CaseStatus.PAUSED)
"""A case still being negotiated; a paused one too (a mediator often pauses to re-plan)."""


@dataclass(frozen=True)
class Pending:
    """The open proposal: its event's seq, the mechanism proposed and who consented so far."""

    seq: int
    to: Mechanism
    items: list[dict[str, Any]] | None
    consented: frozenset[str]


def pending(events: Iterable[tuple[int, dict[str, Any]]]) -> Pending | None:
    """The open proposal after the case's ``mechanism_switch`` events (seq, data), in order."""
    open_: Pending | None = None
    for seq, data in events:
        kind = data["kind"]
        if kind == "proposed":
            open_ = Pending(seq, Mechanism(data["to"]), data.get("items"), frozenset())
        elif kind == "switched":  # any switch, this proposal's or the parties' own after
            open_ = None  # bidding, ends the proposal: the case it was about has changed
        elif open_ is None or data.get("proposal_seq") != open_.seq:
            continue  # an answer to a proposal already replaced
        elif kind == "consented":
            open_ = Pending(open_.seq, open_.to, open_.items, open_.consented | {data["role"]})
        else:  # declined
            open_ = None
    return open_


async def open_proposal(db: AsyncSession, case_id: str) -> Pending | None:
    rows = await db.execute(
        select(CaseEvent.seq, CaseEvent.data, CaseEvent.actor_role)
        .where(CaseEvent.case_id == case_id, CaseEvent.type == EVENT)
        .order_by(CaseEvent.seq)
    )
    return pending((seq, {**data, "role": role}) for seq, data, role in rows)


def _require_switchable(case: Case) -> None:
    if case.status not in SWITCHABLE:
        raise Conflict(
            f"only a case still being negotiated can change its mechanism (it is {case.status})",
            code="case_not_open",
        )


def proposal(case: Case, to: Mechanism, items: Sequence[ItemIn] | None) -> dict[str, Any]:
    """The ``proposed`` event's data; refuses a switch to the same mechanism (409
    ``mechanism_unchanged``) or one that does not fit the case (422, ``misfit``'s code)."""
    _require_switchable(case)
    if to == case.mechanism:
        raise Conflict(f"the case already uses {to}", code="mechanism_unchanged")
    problem = _misfit(case, to, items or [])
    if problem is not None:
        field = "items" if problem.code == "items_need_division" else "mechanism"
        raise ValidationFailed(
            problem.message,
            code=problem.code,
            fields=[{"field": field, "message": problem.message, "code": problem.code}],
        )
    if items:
        check_holders(items, [p.role for p in case.parties])  # a withdrawn one may hold it
    stored = items_to_store(items) if items else None
    return {"kind": "proposed", "current": case.mechanism, "to": str(to), "items": stored}


def _misfit(case: Case, to: Mechanism, items: Sequence[object]) -> Misfit | None:
    """Why ``to`` does not fit the case and the sides of the parties taking part now."""
    sides = [p.side for p in case.parties if p.withdrawn_at is None]
    return misfit(to, case.issues, items, case.claim_amount, sides)


def _taking_part(case: Case) -> list[str]:
    """The keys of the parties taking part, in party order."""
    return in_party_order(p.role for p in case.parties if p.withdrawn_at is None)


def waited_for(case: Case, open_: Pending) -> list[str]:
    """The parties taking part that have not consented to ``open_`` yet, in party order."""
    return [role for role in _taking_part(case) if role not in open_.consented]


async def answer(
    db: AsyncSession, case: Case, user_id: str, role: str, consent: bool, now: datetime
) -> list[NewEvent]:
    """A party's answer to the open proposal, under the case lock: its event, and when it was
    the last consent awaited the switch itself. Answering the same way twice logs nothing. A
    withdrawn party no longer answers (409 ``not_a_party``, as the room refuses its moves)."""
    _require_switchable(case)
    require_taking_part(case, role)
    open_ = await open_proposal(db, case.id)
    if open_ is None:
        raise Conflict("there is no proposal to switch the mechanism", code="no_switch_proposed")
    if consent and role in open_.consented:
        return []  # a double click
    kind = "consented" if consent else "declined"
    events = [NewEvent(EVENT, {"kind": kind, "proposal_seq": open_.seq}, user_id, role)]
    if consent:
        consented = Pending(open_.seq, open_.to, open_.items, open_.consented | {role})
        events += await _switch_if_everyone(db, case, consented, now, refuse=True)
    case.updated_at = now
    return events


async def after_withdrawal(db: AsyncSession, case: Case, now: datetime) -> list[NewEvent]:
    """Inside the withdrawal's transaction, once the party's ``withdrawn_at`` is set and the
    case is still open: the switch, if everyone remaining had consented to the open proposal.
    A proposal that no longer fits the parties remaining (blind bidding with one side left)
    stays open: the mediator proposes another, or a party declines it."""
    if case.status not in SWITCHABLE:
        return []
    open_ = await open_proposal(db, case.id)
    if open_ is None:
        return []
    return await _switch_if_everyone(db, case, open_, now, refuse=False)


async def _switch_if_everyone(
    db: AsyncSession, case: Case, open_: Pending, now: datetime, *, refuse: bool
) -> list[NewEvent]:
    """The switch once nobody taking part is waited for; ``refuse``: a last consent to a
    proposal that no longer fits the parties remaining is refused (409, ``misfit``'s code)."""
    if waited_for(case, open_):
        return []
    problem = _misfit(case, open_.to, open_.items or [])
    if problem is not None:
        if refuse:
            raise Conflict(
                f"the proposal no longer fits the parties taking part: {problem.message}",
                code=problem.code,
            )
        return []
    return await switch(db, case, open_.to, now, items=open_.items, proposal_seq=open_.seq)


async def switch(
    db: AsyncSession,
    case: Case,
    to: Mechanism,
    now: datetime,
    *,
    items: list[dict[str, Any]] | None = None,
    proposal_seq: int | None = None,
) -> list[NewEvent]:
    """Switch ``case`` to ``to`` once every party taking part consented, under the case lock:
    the one way a case changes mechanism, whether they consented to the mediator's proposal
    (``proposal_seq``) or chose packages after blind bidding ended without settlement
    (``odr.negotiating.bidding_routes``; no proposal). The previous mechanism's agreed rules
    are dropped, items kept only for division (whose issues they become), every party gets a
    notice, and the room logs ``mechanism_switch {kind: switched}`` (the system is the actor)."""
    switched = {
        "kind": "switched",
        "current": case.mechanism,
        "to": str(to),
        "proposal_seq": proposal_seq,
    }
    case.mechanism = str(to)
    case.mechanism_rules = None
    # The items go (or new ones come): their photos show nothing any more, so their files go.
    await remove_files(db, case.id, photo_ids(case.items))
    case.items = items if to is Mechanism.DIVISION else None
    if to is Mechanism.DIVISION and items:
        # As at intake, one issue per item, its options the parties taking part.
        case.issues = item_issues(items, _taking_part(case))
    case.updated_at = now
    await notify_parties(db, case, "mechanism_switched", now)
    return [NewEvent(EVENT, switched, None, "system")]


async def notify_parties(db: AsyncSession, case: Case, kind: str, now: datetime) -> None:
    """A notice to each party, in its language; the room shows the event to those online."""
    params = {"reference": case.reference, "subject": case.subject}
    for user_id in await party_user_ids(db, case.id):
        await enqueue_notice(db, user_id=user_id, kind=kind, params=params, now=now)


async def answer_as_party(
    room: Room, db: AsyncSession, user: User, case_id: str, consent: bool
) -> None:
    """``user`` answers the open proposal of one of its cases (404 unless it is a party)."""
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    await db.commit()  # the answer runs in the room's own transaction, under the case lock
    if role is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        case = await locked.get_one(Case, case_id)
        return await answer(locked, case, user.id, role, consent, room.services.clock())

    await room.record(case_id, decide)
