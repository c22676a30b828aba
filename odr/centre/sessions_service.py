"""Joint sessions (#15): the mediator proposes times, each party marks those it can attend, the
mediator confirms one (or moves or cancels it) and records how it went. No HTTP here.

Every step checks first who may take it (a party: 404 for a case that is not its own; the
mediator's steps: ``staff_case`` then ``require_mediator``), then runs as one ``Room.record``
transaction under the case lock: the session's rows, the invites and reminders (outbox,
deadline task) and a ``joint_session`` event of the case log commit together. The log is seen by
both parties and the mediator: a joint session is nobody's secret, but which times a party chose
is told to the mediator only, and the meeting link is not logged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.cases.service import case_for, role_of
from odr.cases.status import CaseStatus
from odr.centre import sessions_notices, sessions_reminder
from odr.centre.access import require_mediator, staff_case
from odr.centre.sessions_rules import Slot, SlotProblem, slot_problem, slot_problems, suggested
from odr.errors import Conflict, ValidationFailed
from odr.persistence.models import Case, User
from odr.persistence.sessions_models import JointSession, SessionChoice, SessionSlot
from odr.room.log import NewEvent
from odr.room.room import Room

EVENT = "joint_session"
OPEN = ("proposed", "confirmed")
MAY_MEET = (CaseStatus.OPEN, CaseStatus.PAUSED)
Step = Callable[[AsyncSession, Case, datetime], Awaitable[dict[str, Any]]]


def refuse(problems: list[SlotProblem], at: str = "slots") -> ValidationFailed:
    """One 422 whose code is the first problem's, each problem at its slot."""
    fields = [
        {
            "field": at if p.index is None else f"{at}[{p.index}]",
            "message": p.message,
            "code": p.code,
        }
        for p in problems
    ]
    return ValidationFailed(problems[0].message, code=problems[0].code, fields=fields)


async def open_session(db: AsyncSession, case_id: str) -> JointSession | None:
    return await db.scalar(
        select(JointSession)
        .where(JointSession.case_id == case_id, JointSession.status.in_(OPEN))
        .order_by(JointSession.created_at.desc())
        .limit(1)
    )


async def current(db: AsyncSession, case_id: str, *statuses: str) -> JointSession:
    session = await open_session(db, case_id)
    if session is None or session.status not in statuses:
        wanted = " or ".join(statuses)
        raise Conflict(f"the case has no {wanted} joint session", code="no_open_session")
    return session


class JointSessions:
    """The steps ``user`` takes; ``db`` is the request's session (reads, then ends its
    transaction before the room's own)."""

    def __init__(self, db: AsyncSession, room: Room, user: User) -> None:
        self.db = db
        self.room = room
        self.user = user
        self.settings = room.services.settings

    async def _as_mediator(self, case_id: str) -> str:
        staff = await staff_case(self.db, self.user, case_id)
        require_mediator(staff)
        await self.db.commit()
        return staff.case.id

    async def _as_party(self, case_id: str) -> tuple[str, str]:
        case = await case_for(self.db, self.user, case_id)
        await self.db.refresh(case, ["parties"])
        role = role_of(case, self.user)
        await self.db.commit()
        return case.id, role

    async def _record(self, case_id: str, role: str, step: Step) -> None:
        async def decide(db: AsyncSession) -> Sequence[NewEvent]:
            case = await db.get_one(Case, case_id)
            now = self.room.services.clock()
            data = await step(db, case, now)
            return [NewEvent(EVENT, data, self.user.id, role)]

        await self.room.record(case_id, decide)

    async def propose(self, case_id: str, slots: list[Slot]) -> None:
        case_id = await self._as_mediator(case_id)
        problems = slot_problems(slots, self.room.services.clock())
        if problems:
            raise refuse(problems)

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            if case.status not in MAY_MEET:
                raise Conflict(
                    f"a joint session needs an open case (it is {case.status})",
                    code="case_not_open",
                )
            if await open_session(db, case.id) is not None:
                raise Conflict(
                    "the case has a joint session already: confirm, hold or cancel it first",
                    code="session_already_open",
                )
            session = JointSession(
                case_id=case.id,
                status="proposed",
                proposed_by=self.user.id,
                sequence=0,
                created_at=now,
                updated_at=now,
            )
            db.add(session)
            await db.flush()
            for number, slot in enumerate(sorted(slots, key=lambda s: s.starts_at), start=1):
                db.add(
                    SessionSlot(
                        session_id=session.id,
                        number=number,
                        starts_at=slot.starts_at,
                        duration_min=slot.duration_min,
                        meeting_url=slot.meeting_url,
                        place=slot.place,
                    )
                )
            await sessions_notices.tell_parties_to_choose(db, case, session, now)
            return {"kind": "proposed", "session": session.id, "slots": len(slots)}

        await self._record(case_id, Role.MEDIATOR, step)

    async def choose(self, case_id: str, numbers: list[int]) -> None:
        case_id, role = await self._as_party(case_id)

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            session = await current(db, case.id, "proposed")
            known = set(
                await db.scalars(
                    select(SessionSlot.number).where(SessionSlot.session_id == session.id)
                )
            )
            unknown = sorted(set(numbers) - known)
            if unknown:
                raise ValidationFailed(
                    f"no proposed time has the number {unknown[0]}", code="session_unknown_slot"
                )
            await db.execute(
                delete(SessionChoice).where(
                    SessionChoice.session_id == session.id, SessionChoice.user_id == self.user.id
                )
            )
            for number in sorted(set(numbers)):
                db.add(SessionChoice(session_id=session.id, user_id=self.user.id, number=number))
            session.updated_at = now
            return {"kind": "chosen", "session": session.id}

        await self._record(case_id, role, step)

    async def confirm(self, case_id: str, number: int | None) -> None:
        case_id = await self._as_mediator(case_id)

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            session = await current(db, case.id, "proposed")
            slots, choices, parties = await _slots_and_choices(db, session)
            chosen = number if number is not None else suggested(slots, choices, parties)
            if chosen is None:
                raise Conflict(
                    "no time suits every party yet: pick one or wait for their choices",
                    code="session_no_common_slot",
                )
            if chosen not in slots:
                raise ValidationFailed(
                    f"no proposed time has the number {chosen}", code="session_unknown_slot"
                )
            slot = slots[chosen]
            if slot.starts_at <= now:
                raise refuse([SlotProblem("session_slot_in_past", "this time has passed")], "slot")
            _put(session, slot, now)
            session.status = "confirmed"
            await sessions_reminder.plan(db, session, now)
            await sessions_notices.send_invites(
                db, case, session, "session_invite", self.settings, now
            )
            return _timed("confirmed", session)

        await self._record(case_id, Role.MEDIATOR, step)

    async def reschedule(self, case_id: str, slot: Slot) -> None:
        case_id = await self._as_mediator(case_id)
        problem = slot_problem(slot, self.room.services.clock())
        if problem is not None:
            raise refuse([problem], "slot")

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            session = await current(db, case.id, "confirmed")
            _put(session, slot, now)
            session.sequence += 1
            await sessions_reminder.plan(db, session, now)
            await sessions_notices.send_invites(
                db, case, session, "session_updated", self.settings, now
            )
            return _timed("rescheduled", session)

        await self._record(case_id, Role.MEDIATOR, step)

    async def cancel(self, case_id: str, reason: str) -> None:
        case_id = await self._as_mediator(case_id)

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            session = await current(db, case.id, *OPEN)
            if session.status == "confirmed":  # calendars hold it: the same UID, cancelled
                session.sequence += 1
                await sessions_notices.send_invites(
                    db,
                    case,
                    session,
                    "session_cancelled",
                    self.settings,
                    now,
                    cancel=True,
                    reason=reason,
                )
            await sessions_reminder.drop(db, session)
            session.status, session.updated_at = "cancelled", now
            return {"kind": "cancelled", "session": session.id, "reason": reason}

        await self._record(case_id, Role.MEDIATOR, step)

    async def record_outcome(self, case_id: str, outcome: str, note: str) -> None:
        case_id = await self._as_mediator(case_id)

        async def step(db: AsyncSession, case: Case, now: datetime) -> dict[str, Any]:
            session = await current(db, case.id, "confirmed")
            assert session.starts_at is not None
            if outcome != "postponed" and session.starts_at > now:
                raise Conflict(
                    "the session has not started yet: it can only be postponed",
                    code="session_not_started",
                )
            await sessions_reminder.drop(db, session)
            session.status, session.outcome, session.outcome_note = "done", outcome, note
            session.updated_at = now
            return {"kind": "outcome", "session": session.id, "outcome": outcome, "note": note}

        await self._record(case_id, Role.MEDIATOR, step)


def _put(session: JointSession, slot: Slot, now: datetime) -> None:
    session.starts_at, session.duration_min = slot.starts_at, slot.duration_min
    session.meeting_url, session.place, session.updated_at = slot.meeting_url, slot.place, now


def _timed(kind: str, session: JointSession) -> dict[str, Any]:
    assert session.starts_at is not None
    return {
        "kind": kind,
        "session": session.id,
        "starts_at": session.starts_at.isoformat(),
        "minutes": session.duration_min,
        "place": session.place,
    }


async def _slots_and_choices(
    db: AsyncSession, session: JointSession
) -> tuple[dict[int, Slot], dict[str, set[int]], list[str]]:
    """The session's slots by number, each party's chosen numbers, and the parties' ids."""
    rows = await db.scalars(select(SessionSlot).where(SessionSlot.session_id == session.id))
    slots = {r.number: Slot(r.starts_at, r.duration_min, r.meeting_url, r.place) for r in rows}
    choices: dict[str, set[int]] = {}
    for user_id, number in await db.execute(
        select(SessionChoice.user_id, SessionChoice.number).where(
            SessionChoice.session_id == session.id
        )
    ):
        choices.setdefault(user_id, set()).add(number)
    people = await sessions_notices.participants(db, session.case_id)
    return slots, choices, [p.user.id for p in people if p.role != Role.MEDIATOR]
