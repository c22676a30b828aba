"""Who hears of a joint session and what they get: the invite with its ``.ics`` by e-mail to
every party and the mediator, each in their own language; the parties' "choose a time".

The invite's calendar and the meeting link travel as sealed parameters of the notice
(``enqueue_notice``'s ``secret_params``): the link lets anyone into the meeting, so it is kept
sealed while the notice waits and erased once it is sent; such a notice goes by e-mail, at
once, and is not listed in the app (the case page shows the session). Each notice is queued in
the caller's transaction, once per session, invite sequence and person (``dedupe_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.cases.parties import party_number
from odr.centre.sessions_ics import Invite, calendar_text
from odr.centre.sessions_rules import Slot, astana
from odr.notify import enqueue_notice
from odr.notify.transports import CALENDAR
from odr.persistence.models import Case, CaseParty, Mediation, Mediator, User
from odr.persistence.sessions_models import JointSession
from odr.settings import Settings


@dataclass(frozen=True)
class Participant:
    user: User
    role: str  # claimant, respondent…, or mediator
    path: str  # their page of the case


async def participants(db: AsyncSession, case_id: str) -> list[Participant]:
    """The parties taking part (in party order; not a withdrawn one) and the case's mediator:
    everyone a joint session joins."""
    rows = await db.execute(
        select(User, CaseParty.role)
        .join(CaseParty, CaseParty.user_id == User.id)
        .where(CaseParty.case_id == case_id, CaseParty.withdrawn_at.is_(None))
    )
    found = [
        Participant(user, role, f"#/cases/{case_id}")
        for user, role in sorted(rows, key=lambda row: party_number(row[1]))
    ]
    mediator = await db.scalar(
        select(User)
        .join(Mediator, Mediator.user_id == User.id)
        .join(Mediation, Mediation.mediator_id == Mediator.id)
        .where(Mediation.case_id == case_id)
    )
    if mediator is not None:
        found.append(Participant(mediator, Role.MEDIATOR, f"#/mediator/cases/{case_id}"))
    return found


def session_slot(session: JointSession) -> Slot:
    assert session.starts_at is not None and session.duration_min is not None
    return Slot(session.starts_at, session.duration_min, session.meeting_url, session.place)


def details(case: Case, slot: Slot) -> dict[str, Any]:
    """The public parameters of a session's notice (the link is sealed apart)."""
    return {
        "reference": case.reference,
        "when": astana(slot.starts_at),
        "minutes": slot.duration_min,
        "place": slot.place or "—",
    }


async def tell_parties_to_choose(
    db: AsyncSession, case: Case, session: JointSession, now: datetime
) -> None:
    for person in await participants(db, case.id):
        if person.role != Role.MEDIATOR:
            await enqueue_notice(
                db,
                user_id=person.user.id,
                kind="session_proposed",
                params={"reference": case.reference},
                dedupe_key=f"session:{session.id}:proposed:{person.user.id}",
                now=now,
                path=person.path,
            )


async def send_invites(
    db: AsyncSession,
    case: Case,
    session: JointSession,
    kind: str,
    settings: Settings,
    now: datetime,
    *,
    cancel: bool = False,
    reason: str | None = None,
) -> None:
    """Queue ``kind`` (session_invite, session_updated, session_cancelled) with the session's
    invite at its current sequence to everyone it joins."""
    people = await participants(db, case.id)
    slot = session_slot(session)
    base = details(case, slot) | ({} if reason is None else {"reason": reason})
    step = "cancel" if cancel else "request"
    for person in people:
        invite = invite_for(case, session, person, people, settings, now)
        await enqueue_notice(
            db,
            user_id=person.user.id,
            kind=kind,
            params=base,
            secret_params={
                CALENDAR: calendar_text(invite, cancel=cancel),
                "meeting": slot.meeting_url or "—",
            },
            secret_key=settings.secret_key,
            dedupe_key=f"session:{session.id}:{session.sequence}:{step}:{person.user.id}",
            now=now,
            path=person.path,
        )


def invite_for(
    case: Case,
    session: JointSession,
    person: Participant,
    people: list[Participant],
    settings: Settings,
    now: datetime,
) -> Invite:
    """``person``'s invite to the session as it stands. The UID is the same for every update
    and the cancellation of one session; the platform's address organises, in the mediator's
    name."""
    host = urlsplit(settings.public_base_url).hostname or "kelisim"
    return Invite(
        uid=f"{session.id}@{host}",
        sequence=session.sequence,
        reference=case.reference,
        slot=session_slot(session),
        organizer=parseaddr(settings.smtp_from)[1] or "noreply@kelisim.kz",
        organizer_name=next(
            (p.user.display_name for p in people if p.role == Role.MEDIATOR), "Kelisim"
        ),
        attendee=person.user.email,
        attendee_name=person.user.display_name,
        language=person.user.language,
        stamp=now,
        page=f"{settings.public_base_url}/{person.path}",
    )
