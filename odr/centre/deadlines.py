"""Mediation deadlines: reminders before, a state change on expiry. Survives restarts, acts once.

Each reminder and each expiry is a ``deadline_tasks`` row, so a restarted instance finds what is
due in the database. Every instance may run the scheduler: a due task is carried out inside
``Room.record``, which holds the case's row lock (PostgreSQL) and commits the task's ``done_at``,
its notices (outbox) and its logged event in one transaction. A second instance that reached the
same task waits for that lock, then sees ``done_at`` and does nothing. Listing due tasks uses
``FOR UPDATE SKIP LOCKED`` so instances spread the work instead of queueing on one row; SQLite has
a single writer, and one lock per process.

There is no lease to give back when an instance stops: the listing's row locks end with its short
transaction and a task's with ``Room.record``'s, so a stopped (even a killed) instance holds
nothing another must wait for. ``stop`` lets the task in hand finish, within a bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import invitation_notices
from odr.cases.parties import party_number
from odr.cases.status import NEGOTIATING, CaseStatus
from odr.centre.alerts import alert_admins
from odr.centre.sessions_reminder import SESSION_REMINDER, remind_of_session
from odr.fulfilment import reminders as performance
from odr.negotiating import bidding_rounds, improvement
from odr.notify import enqueue_notice
from odr.persistence.models import Case, CaseParty, DeadlineTask, Mediation, Mediator
from odr.room.log import NewEvent
from odr.room.room import Room
from odr.settings import Settings

log = logging.getLogger("odr.centre.deadlines")
ACTIVE = NEGOTIATING
BID_ROUND = bidding_rounds.TASK_KIND
"""A blind-bidding round's deadline: planning or cancelling the mediation's deadline leaves
these alone (they end a round, not the mediation)."""
OWN_CLOCKS = (BID_ROUND, SESSION_REMINDER, *performance.TASK_KINDS)
"""Tasks on a clock of their own, which a new mediation deadline does not replace: a bidding
round's end, a joint session's day-before reminder, a signed settlement's due dates."""


async def plan_deadline(
    db: AsyncSession, case_id: str, deadline_at: datetime, now: datetime, settings: Settings
) -> None:
    """Replace the case's pending tasks by reminders and an expiry for ``deadline_at``."""
    await cancel_tasks(db, case_id)
    for hours in settings.deadline_reminders_h:
        due = deadline_at - timedelta(hours=hours)
        if due > now:
            db.add(
                DeadlineTask(case_id=case_id, kind="reminder", due_at=due, deadline_at=deadline_at)
            )
    db.add(
        DeadlineTask(case_id=case_id, kind="expiry", due_at=deadline_at, deadline_at=deadline_at)
    )


async def cancel_tasks(db: AsyncSession, case_id: str) -> None:
    await db.execute(
        update(DeadlineTask)
        .where(DeadlineTask.case_id == case_id, DeadlineTask.done_at.is_(None))
        .where(DeadlineTask.cancelled.is_(False), DeadlineTask.kind.not_in(OWN_CLOCKS))
        .values(cancelled=True)
    )


async def party_user_ids(db: AsyncSession, case_id: str) -> list[str]:
    """The accounts of the case's parties that take part now, in party order: a withdrawn
    party left the negotiation, so its deadlines, pauses and switches no longer concern it."""
    rows = await db.execute(
        select(CaseParty.role, CaseParty.user_id).where(
            CaseParty.case_id == case_id, CaseParty.withdrawn_at.is_(None)
        )
    )
    return [user_id for _, user_id in sorted(rows, key=lambda row: party_number(row[0]))]


async def mediator_user_id(db: AsyncSession, mediation: Mediation) -> str | None:
    if mediation.mediator_id is None:
        return None
    return await db.scalar(select(Mediator.user_id).where(Mediator.id == mediation.mediator_id))


class DeadlineScheduler:
    def __init__(self, room: Room) -> None:
        self.room = room
        self.services = room.services
        self._task: asyncio.Task[None] | None = None
        self.stopping = False
        self._ticking = False

    async def tick(self, limit: int = 200) -> int:
        """Carry out every task due now; returns how many this instance carried out."""
        now = self.services.clock()
        async with self.services.sessions() as db, db.begin():
            query = (
                select(DeadlineTask.id, DeadlineTask.case_id)
                .where(DeadlineTask.done_at.is_(None), DeadlineTask.cancelled.is_(False))
                .where(DeadlineTask.due_at <= now)
                .order_by(DeadlineTask.due_at, DeadlineTask.id)
                .limit(limit)
            )
            if not self.services.settings.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            due = list(await db.execute(query))
        done = 0
        for task_id, case_id in due:
            if self.stopping:  # the rest stay due: the next round, here or elsewhere, does them
                break
            try:
                done += await self._carry_out(task_id, case_id, now)
            except Exception:  # one broken case must not stop the others' deadlines
                log.exception("deadline task failed", extra={"case_id": case_id})
        return done

    async def _carry_out(self, task_id: int, case_id: str, now: datetime) -> int:
        acted = False

        async def decide(db: AsyncSession) -> Sequence[NewEvent]:
            nonlocal acted
            query = select(DeadlineTask).where(
                DeadlineTask.id == task_id,
                DeadlineTask.done_at.is_(None),
                DeadlineTask.cancelled.is_(False),
            )
            if not self.services.settings.is_sqlite:
                query = query.with_for_update()
            task = await db.scalar(query)
            if task is None:  # another instance did it, or it was cancelled meanwhile
                return []
            task.done_at = now
            acted = True
            self.services.metrics.scheduler_lag.observe((now - task.due_at).total_seconds())
            if task.kind == invitation_notices.TASK_KIND:  # an unanswered invitation, reminded
                await invitation_notices.remind(db, task, self.services.settings, now)
                return []
            if task.kind == SESSION_REMINDER:  # a joint session is tomorrow
                await remind_of_session(db, task, now)
                return []
            if task.kind in performance.TASK_KINDS:  # a signed settlement's due date (#18)
                await performance.carry_out(db, task, now)
                return []
            return await _act(db, task, now)

        await self.room.record(case_id, decide)
        return int(acted)

    def start(self) -> None:
        self.stopping = False
        self._task = asyncio.create_task(self._run())

    async def stop(self, within: float = 5.0) -> None:
        """End the loop; a round in progress finishes its task in hand (for up to ``within`` s;
        cut off, that task's transaction rolls back and it stays due)."""
        if self._task is None:
            return
        self.stopping = True
        if self._ticking:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(within):
                    await asyncio.shield(self._task)
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None

    async def _run(self) -> None:
        while not self.stopping:
            await asyncio.sleep(self.services.settings.scheduler_interval_s)
            self._ticking = True
            try:
                await self.tick()
            except Exception:
                log.exception("deadline round failed; trying again next round")
            finally:
                self._ticking = False


async def _act(db: AsyncSession, task: DeadlineTask, now: datetime) -> list[NewEvent]:
    if task.kind == improvement.TASK_KIND:  # an unanswered improvement: the agreement stands
        return await improvement.lapse_if_open(db, task.case_id, "expired", now)
    if task.kind == BID_ROUND:  # a blind-bidding round's own deadline, not the mediation's
        return await bidding_rounds.round_deadline(db, task, now)
    case = await db.get_one(Case, task.case_id)
    mediation = await db.get(Mediation, task.case_id)
    if mediation is None or case.status not in ACTIVE:
        return []
    deadline = task.deadline_at.strftime("%Y-%m-%d %H:%M UTC")
    params = {"reference": case.reference, "subject": case.subject, "deadline": deadline}
    parties = await party_user_ids(db, case.id)
    if task.kind == "reminder":
        hours = max(1, round((task.deadline_at - task.due_at).total_seconds() / 3600))
        for user_id in parties:
            await enqueue_notice(
                db,
                user_id=user_id,
                kind="deadline_reminder",
                params={**params, "hours": hours},
                dedupe_key=f"deadline:{task.id}:{user_id}",
                now=now,
                path=f"#/cases/{case.id}",  # its page says what to do next, by mechanism
            )
        data = {"kind": "reminder", "deadline_at": task.deadline_at.isoformat(), "hours": hours}
        return [NewEvent("deadline", data)]
    case.status = CaseStatus.EXPIRED
    case.updated_at = now
    mediation.outcome = "expired"
    recipients = [*parties, await mediator_user_id(db, mediation)]
    staff_page = f"#/mediator/cases/{case.id}"
    for recipient in recipients:
        if recipient is not None:
            await enqueue_notice(
                db,
                user_id=recipient,
                kind="deadline_expired",
                params=params,
                dedupe_key=f"deadline:{task.id}:{recipient}",
                now=now,
                path=f"#/cases/{case.id}" if recipient in parties else staff_page,
            )
    if mediation.mediator_id is None:  # nobody mediated it: the centre's administrators hear
        await alert_admins(
            db, mediation.centre_id, case, "unassigned_case_expired", f"expired:{task.id}", now
        )
    return [NewEvent("deadline", {"kind": "expired", "deadline_at": task.deadline_at.isoformat()})]
