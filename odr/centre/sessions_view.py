"""What a joint session looks like to whoever asks, read-only: to the case's mediator (and the
centre's administrators) every party's choices by role; to a party only its own choices. The
invite to download is built for the asker alone (``sessions_ics``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.parties import party_number
from odr.cases.service import case_for
from odr.centre.access import staff_case
from odr.centre.sessions_ics import calendar_text
from odr.centre.sessions_notices import invite_for, participants
from odr.centre.sessions_rules import Slot, suggested
from odr.centre.sessions_schemas import SessionList, SessionOut, SlotOut
from odr.errors import NotFound
from odr.persistence.models import Case, CaseParty, User
from odr.persistence.sessions_models import JointSession, SessionChoice, SessionSlot
from odr.settings import Settings

NO_INVITE = "the case has no confirmed joint session"


def calendar_path(case_id: str) -> str:
    return f"/api/cases/{case_id}/session.ics"


async def for_party(db: AsyncSession, user: User, case_id: str) -> SessionList:
    case = await case_for(db, user, case_id)
    return await _sessions(db, case.id, viewer=user.id)


async def for_staff(db: AsyncSession, user: User, case_id: str) -> SessionList:
    staff = await staff_case(db, user, case_id)
    return await _sessions(db, staff.case.id, viewer=None)


async def _sessions(db: AsyncSession, case_id: str, viewer: str | None) -> SessionList:
    sessions = list(
        await db.scalars(
            select(JointSession)
            .where(JointSession.case_id == case_id)
            .order_by(JointSession.created_at.desc(), JointSession.id)
        )
    )
    rows = await db.execute(
        select(CaseParty.user_id, CaseParty.role, CaseParty.withdrawn_at).where(
            CaseParty.case_id == case_id
        )
    )
    roles: dict[str, str] = {}
    taking_part: list[str] = []  # whom a common time must suit: not a withdrawn party
    for user_id, role, withdrawn_at in sorted(rows, key=lambda row: party_number(row[1])):
        roles[user_id] = role
        if withdrawn_at is None:
            taking_part.append(user_id)
    ids = [s.id for s in sessions]
    slot_rows = list(
        await db.scalars(
            select(SessionSlot)
            .where(SessionSlot.session_id.in_(ids))
            .order_by(SessionSlot.session_id, SessionSlot.number)
        )
    )
    choice_rows = list(
        await db.execute(
            select(SessionChoice.session_id, SessionChoice.user_id, SessionChoice.number).where(
                SessionChoice.session_id.in_(ids)
            )
        )
    )
    out = []
    for session in sessions:
        choices: dict[str, set[int]] = {}
        for session_id, user_id, number in choice_rows:
            if session_id == session.id:
                choices.setdefault(user_id, set()).add(number)
        mine = choices.get(viewer, set()) if viewer else set()
        slots = {
            r.number: Slot(r.starts_at, r.duration_min, r.meeting_url, r.place)
            for r in slot_rows
            if r.session_id == session.id
        }
        out.append(
            SessionOut(
                id=session.id,
                status=session.status,  # type: ignore[arg-type]
                slots=[
                    SlotOut(
                        number=n,
                        starts_at=s.starts_at,
                        minutes=s.duration_min,
                        meeting_url=s.meeting_url,
                        place=s.place,
                        mine=n in mine,
                        chosen_by=[
                            role
                            for u, role in roles.items()
                            if n in choices.get(u, ()) and (viewer is None or u == viewer)
                        ],
                    )
                    for n, s in slots.items()
                ],
                suggested_slot=suggested(slots, choices, taking_part) if viewer is None else None,
                starts_at=session.starts_at,
                minutes=session.duration_min,
                meeting_url=session.meeting_url,
                place=session.place,
                sequence=session.sequence,
                outcome=session.outcome,  # type: ignore[arg-type]
                note=session.outcome_note,
                calendar=calendar_path(case_id) if session.status == "confirmed" else None,
                created_at=session.created_at,
            )
        )
    return SessionList(sessions=out)


async def invite_of(
    db: AsyncSession, user: User, case_id: str, settings: Settings, now: datetime
) -> str:
    """The ``.ics`` of the case's confirmed session for ``user``, a party or the case's
    mediator; anyone else gets the 404 of a case that does not exist."""
    people = await participants(db, case_id)
    me = next((p for p in people if p.user.id == user.id), None)
    if me is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")
    session = await db.scalar(
        select(JointSession).where(
            JointSession.case_id == case_id, JointSession.status == "confirmed"
        )
    )
    if session is None:
        raise NotFound(NO_INVITE, code="no_confirmed_session")
    case = await db.get_one(Case, case_id)
    return calendar_text(invite_for(case, session, me, people, settings, now))
