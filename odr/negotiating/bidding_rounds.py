"""Deciding blind-bidding rounds: at a round's deadline, or (when the parties chose to be told
as soon as both have bid, ``bidding.announce_of``) once both sealed bids are in. A bid is a
side's (``bidding_sides``): it is in once every member of the side entered the same amount.

Runs inside ``Room.record`` (the case locked, one transaction) from the deadline scheduler (a
``bid_round`` task per round, ``odr.centre.deadlines``) and, for rules that announce when both
are in, off the request that brought a bid (:class:`Decider`, so the answer to a bid never waits
on, or shows, a decision); the deadline task also decides a round whose decision was lost to a
crash. By default nothing happens between a round's opening and its deadline, whatever the bids:
no event, no change anyone else can read, so the outcome's timing says nothing of who bid when.
Only outcomes are logged; bids and the split point's secret stay in ``private_inputs`` and
``case_secrets``.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation import blind_bidding as bb
from odr.cases.mechanism import Mechanism
from odr.cases.status import CaseStatus
from odr.negotiating import bidding, bidding_sides
from odr.negotiating.bidding_sides import SideRound
from odr.negotiating.taking_part import taking_part
from odr.persistence.models import Case, CaseEvent, CaseSecret, DeadlineTask, PrivateInput
from odr.room.log import NewEvent
from odr.room.room import Room

logger = logging.getLogger("odr.bidding")
TASK_KIND = "bid_round"
"""The ``deadline_tasks`` kind that closes a bidding round at its deadline."""


class Decider:
    """Decides rounds off the request that brought the last bid (see the module's docstring)."""

    def __init__(self, room: Room) -> None:
        self.room = room
        self.tasks: set[asyncio.Task[None]] = set()

    def schedule(self, case_id: str) -> None:
        task = asyncio.create_task(self._decide(case_id), name=f"bidding:{case_id}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def settle(self) -> None:
        """Wait for the decisions under way (tests; shutdown)."""
        while self.tasks:
            await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _decide(self, case_id: str) -> None:
        clock = self.room.services.clock
        try:
            await self.room.record(case_id, lambda db: decide_round(db, case_id, clock()))
        except Exception:  # the round's deadline task decides it later
            logger.exception("bidding round decision failed", extra={"case_id": case_id})


_deciders: WeakKeyDictionary[Room, Decider] = WeakKeyDictionary()


def decider(room: Room) -> Decider:
    if room not in _deciders:
        _deciders[room] = Decider(room)
    return _deciders[room]


async def public_of(db: AsyncSession, case_id: str) -> bidding.PublicState:
    rows = await db.execute(
        select(CaseEvent.seq, CaseEvent.type, CaseEvent.actor_role, CaseEvent.data)
        .where(CaseEvent.case_id == case_id, CaseEvent.type.in_(("bidding", "bidding_settled")))
        .order_by(CaseEvent.seq)
    )
    return bidding.public_state([tuple(row) for row in rows])


async def side_entries(db: AsyncSession, case_id: str) -> dict[int, dict[bb.Role, SideRound]]:
    """Round → side → what its members taking part entered (``bidding_sides``)."""
    members = await taking_part(db, case_id)
    roles = {m.user_id: m.role for m in members}
    rows = await db.execute(
        select(PrivateInput.user_id, PrivateInput.round, PrivateInput.payload).where(
            PrivateInput.case_id == case_id, PrivateInput.kind == "bid"
        )
    )
    entries = [(roles[u], number, int(p["amount"])) for u, number, p in rows if u in roles]
    return bidding_sides.side_rounds(entries, {m.role: m.side for m in members})


async def bids_of(db: AsyncSession, case_id: str) -> dict[int, dict[bb.Role, int]]:
    """Round → side → the side's bid, where all its members entered the same amount."""
    return bidding_sides.agreed_bids(await side_entries(db, case_id))


SECRET_KIND = "bid_secret"
"""The ``case_secrets`` kind of the sealed split point's secret: the case's own, no party's."""


def seal(db: AsyncSession, case_id: str, now: datetime) -> None:
    """Draw the sealed split point's secret for the case (when its rules are agreed)."""
    secret = secrets.randbelow(bb.DRAW_STEPS + 1)
    db.add(
        CaseSecret(case_id=case_id, kind=SECRET_KIND, payload={"secret": secret}, created_at=now)
    )


async def _secret(db: AsyncSession, case_id: str) -> int:
    payload = await db.scalar(
        select(CaseSecret.payload).where(
            CaseSecret.case_id == case_id, CaseSecret.kind == SECRET_KIND
        )
    )
    assert payload is not None, "rules are agreed with the secret in the same transaction"
    return int(payload["secret"])


def open_round(db: AsyncSession, case_id: str, number: int, now: datetime, hours: int) -> NewEvent:
    deadline = now + timedelta(hours=hours)
    db.add(DeadlineTask(case_id=case_id, kind=TASK_KIND, due_at=deadline, deadline_at=deadline))
    return NewEvent(
        "bidding", {"kind": "round_opened", "round": number, "deadline_at": deadline.isoformat()}
    )


async def resume_round(
    db: AsyncSession, case: Case, paused_for: timedelta, now: datetime
) -> list[NewEvent]:
    """The mediator resumes a paused case (``Supervision.resume``, in its transaction, the case
    open again): the open round's deadline moves by the time paused, as the case's own deadline
    does. Its deadline task is planned again: the old one may have come and gone while the case
    was paused (it decided nothing then) or would end the round too early. A round whose two
    bids came in just before the pause (its decision found the case paused) is decided now if
    its rules announce when both are in; by default it waits for its moved deadline as any
    round does (deciding it now would tell both that both bids were in)."""
    if case.mechanism != Mechanism.BIDDING:
        return []
    public = await public_of(db, case.id)
    if public.status != "open" or public.deadline_at is None or public.rules is None:
        return []
    when_both_in = bidding.announce_of(public.rules) == bidding.WHEN_BOTH_IN
    if when_both_in and len((await bids_of(db, case.id)).get(public.round, {})) == len(bb.ROLES):
        return await decide_round(db, case.id, now)
    deadline = public.deadline_at + paused_for
    await db.execute(
        update(DeadlineTask)
        .where(
            DeadlineTask.case_id == case.id,
            DeadlineTask.kind == TASK_KIND,
            DeadlineTask.done_at.is_(None),
            DeadlineTask.cancelled.is_(False),
        )
        .values(cancelled=True)
    )
    db.add(DeadlineTask(case_id=case.id, kind=TASK_KIND, due_at=deadline, deadline_at=deadline))
    data = {"kind": "round_moved", "round": public.round, "deadline_at": deadline.isoformat()}
    return [NewEvent("bidding", data, None, "system")]


async def decide_round(
    db: AsyncSession, case_id: str, now: datetime, *, deadline_at: datetime | None = None
) -> list[NewEvent]:
    """Decide the open round if its deadline (``deadline_at``, from the round's task) has come,
    or if both bids are in and its rules announce then; else nothing. Runs inside
    ``Room.record`` (the case is locked)."""
    case = await db.get_one(Case, case_id)
    if case.mechanism != Mechanism.BIDDING or case.status != CaseStatus.OPEN:
        return []
    public = await public_of(db, case_id)
    if public.status != "open" or public.rules is None or public.deadline_at is None:
        return []
    if deadline_at is not None and deadline_at != public.deadline_at:
        return []  # the task of a round already decided
    bids = await bids_of(db, case_id)
    both_in = len(bids.get(public.round, {})) == len(bb.ROLES)
    passed = now >= public.deadline_at
    early = both_in and bidding.announce_of(public.rules) == bidding.WHEN_BOTH_IN
    if not early and not passed:
        return []
    state = bidding.replay(public.rules, await _secret(db, case_id), bids, public.round, now)
    reason = "bids" if both_in else "deadline"
    if not both_in:
        state = bidding.pass_round(state, now)
    if state.status == "settled":
        assert state.settlement is not None
        case.status = CaseStatus.AGREED
        case.updated_at = now
        data = {
            "version": 1,
            "round": public.round,
            "amount": state.settlement,
            "currency": case.currency.upper(),
            "package": bidding.settled_package(case.issues, state.settlement),
        }
        return [NewEvent("bidding_settled", data)]
    if state.status == "no_settlement":
        data = {
            "kind": "no_settlement",
            "round": public.round,
            "reason": reason,
            "options": list(bidding.OPTIONS),
        }
        return [NewEvent("bidding", data)]
    not_yet = NewEvent("bidding", {"kind": "not_yet", "round": public.round, "reason": reason})
    return [not_yet, open_round(db, case_id, state.round, now, int(public.rules["round_hours"]))]


async def round_deadline(db: AsyncSession, task: DeadlineTask, now: datetime) -> list[NewEvent]:
    """The deadline scheduler's action for a ``bid_round`` task."""
    return await decide_round(db, task.case_id, now, deadline_at=task.deadline_at)
