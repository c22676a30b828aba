"""A joint session's reminder the day before, on the deadline scheduler (``deadlines.py``).

The reminder is a ``deadline_tasks`` row of its own kind, due a day before the session starts,
so it survives restarts and is sent once (the scheduler carries a task out once, under the
case lock; the notices' ``dedupe_key`` names the task). A reschedule cancels the old row and
plans a new one; a cancelled or finished session's reminder finds nothing to remind of. A new
mediation deadline does not replace it (``deadlines.OWN_CLOCKS``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CONCLUDED
from odr.centre.sessions_notices import details, participants, session_slot
from odr.centre.sessions_rules import reminder_due
from odr.notify import enqueue_notice
from odr.persistence.models import Case, DeadlineTask
from odr.persistence.sessions_models import JointSession

SESSION_REMINDER = "joint_session"
TASK_KIND = SESSION_REMINDER


async def plan(db: AsyncSession, session: JointSession, now: datetime) -> None:
    """(Re)plan the reminder of the confirmed ``session``; none when it is less than a day off."""
    await drop(db, session)
    assert session.starts_at is not None
    due = reminder_due(session.starts_at, now)
    if due is None:
        return
    task = DeadlineTask(
        case_id=session.case_id, kind=TASK_KIND, due_at=due, deadline_at=session.starts_at
    )
    db.add(task)
    await db.flush()
    session.reminder_task_id = task.id


async def drop(db: AsyncSession, session: JointSession) -> None:
    if session.reminder_task_id is not None:
        await db.execute(
            update(DeadlineTask)
            .where(DeadlineTask.id == session.reminder_task_id, DeadlineTask.done_at.is_(None))
            .values(cancelled=True)
        )
        session.reminder_task_id = None


async def remind_of_session(db: AsyncSession, task: DeadlineTask, now: datetime) -> None:
    """Carried out by the scheduler under the case lock: tell everyone the session is tomorrow."""
    session = await db.scalar(
        select(JointSession).where(
            JointSession.reminder_task_id == task.id, JointSession.status == "confirmed"
        )
    )
    if session is None or session.starts_at != task.deadline_at:
        return  # cancelled, moved or over meanwhile
    case = await db.get_one(Case, task.case_id)
    if case.status in CONCLUDED:  # closed, referred or settled meanwhile: nobody is coming
        return
    slot = session_slot(session)
    for person in await participants(db, case.id):
        await enqueue_notice(
            db,
            user_id=person.user.id,
            kind="session_reminder",
            params=details(case, slot) | {"meeting": slot.meeting_url or "—"},
            dedupe_key=f"session-reminder:{task.id}:{person.user.id}",
            now=now,
            path=person.path,
        )
