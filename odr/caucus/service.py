"""The caucus's rules and writes, no HTTP: ask, open, close, write, read.

Each write commits here and returns the frame to publish after the commit (practice 8): a
rolled-back write publishes nothing. No write locks or touches the case's row or the room's log,
only the caucus's own rows (the one of its (case, party) ``FOR UPDATE`` on PostgreSQL), so a
caucus never delays the other party's room commands: its timing shows nowhere in the room.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.caucus.access import MediatorSeat, PartySeat, require_role, require_running
from odr.caucus.channel import message_frame, state_frame
from odr.caucus.notices import tell_mediator
from odr.caucus.schemas import (
    CaucusMessageOut,
    CaucusThreadOut,
    MediatorCaucusOut,
    PartyCaucusOut,
)
from odr.errors import Conflict
from odr.persistence.caucus_models import Caucus, CaucusMessage
from odr.persistence.upsert import insert_unless_present

Frame = dict[str, Any]


def _message_out(row: CaucusMessage) -> CaucusMessageOut:
    return CaucusMessageOut.model_validate(
        {
            "id": row.id,
            "author": row.author,
            "name": row.author_name,
            "text": row.text,
            "at": row.at,
        }
    )


async def messages_of(db: AsyncSession, case_id: str, role: str) -> list[CaucusMessageOut]:
    rows = await db.scalars(
        select(CaucusMessage)
        .where(CaucusMessage.case_id == case_id, CaucusMessage.party_role == role)
        .order_by(CaucusMessage.id)
    )
    return [_message_out(r) for r in rows]


async def _caucuses(db: AsyncSession, case_id: str) -> dict[str, Caucus]:
    rows = await db.scalars(
        select(Caucus).where(Caucus.case_id == case_id).execution_options(populate_existing=True)
    )
    return {r.party_role: r for r in rows}


async def _locked(db: AsyncSession, case_id: str, role: str, now: datetime) -> Caucus:
    """The (case, role) caucus row, created in state ``none`` if missing, locked for this
    transaction (PostgreSQL; SQLite writes one at a time anyway)."""
    await insert_unless_present(
        db,
        Caucus,
        {"case_id": case_id, "party_role": role, "state": "none", "updated_at": now},
        unique=("case_id", "party_role"),
    )
    return await db.get_one(
        Caucus,
        await db.scalar(
            select(Caucus.id).where(Caucus.case_id == case_id, Caucus.party_role == role)
        ),
        with_for_update=True,
        populate_existing=True,
    )


def _state_frame(case_id: str, row: Caucus) -> Frame:
    requested = row.requested_at.isoformat() if row.requested_at else None
    return state_frame(case_id, row.party_role, row.state, requested)


# Reading ------------------------------------------------------------------------------------


async def party_view(db: AsyncSession, seat: PartySeat) -> PartyCaucusOut:
    row = (await _caucuses(db, seat.case_id)).get(seat.role)
    running = seat.has_mediator and seat.mediation is not None and not seat.mediation.closed_at
    return PartyCaucusOut(
        available=running,
        state=row.state if row else "none",  # type: ignore[arg-type]
        requested_at=row.requested_at if row else None,
        messages=await messages_of(db, seat.case_id, seat.role),
    )


async def mediator_view(db: AsyncSession, seat: MediatorSeat) -> MediatorCaucusOut:
    rows = await _caucuses(db, seat.case_id)
    threads = []
    for role, name in seat.parties.items():
        row = rows.get(role)
        threads.append(
            CaucusThreadOut(
                role=role,
                name=name,
                state=row.state if row else "none",  # type: ignore[arg-type]
                requested_at=row.requested_at if row else None,
                messages=await messages_of(db, seat.case_id, role),
            )
        )
    return MediatorCaucusOut(running=seat.mediation.closed_at is None, caucuses=threads)


# Writing ------------------------------------------------------------------------------------


async def ask(db: AsyncSession, seat: PartySeat, now: datetime) -> tuple[PartyCaucusOut, Frame]:
    """The party asks the mediator for a caucus. Asking again while asked changes nothing (a
    double click); asking while one is open is refused, there is nothing to ask for."""
    require_running(seat.mediation)
    row = await _locked(db, seat.case_id, seat.role, now)
    if row.state == "open":
        raise Conflict("your private conversation is already open", code="caucus_open")
    if row.state != "requested":
        row.state, row.requested_at, row.updated_at = "requested", now, now
        await tell_mediator(db, seat, now)
    frame = _state_frame(seat.case_id, row)
    await db.commit()
    return await party_view(db, seat), frame


async def open_caucus(
    db: AsyncSession, seat: MediatorSeat, role: str, now: datetime
) -> tuple[MediatorCaucusOut, Frame]:
    """The mediator opens (or reopens) a party's caucus, asked for or not; idempotent."""
    require_role(seat, role)
    require_running(seat.mediation)
    row = await _locked(db, seat.case_id, role, now)
    if row.state != "open":
        row.state, row.requested_at, row.opened_at, row.updated_at = "open", None, now, now
    frame = _state_frame(seat.case_id, row)
    await db.commit()
    return await mediator_view(db, seat), frame


async def close_caucus(
    db: AsyncSession, seat: MediatorSeat, role: str, now: datetime
) -> tuple[MediatorCaucusOut, Frame]:
    """The mediator ends a party's caucus (its history stays readable to both); a pending
    request is declined the same way. Closing a closed one changes nothing."""
    require_role(seat, role)
    row = await _locked(db, seat.case_id, role, now)
    if row.state in ("none", "closed"):
        if row.state == "none":
            raise Conflict("there is no private conversation to close", code="caucus_not_open")
    else:
        row.state, row.requested_at, row.closed_at, row.updated_at = "closed", None, now, now
    frame = _state_frame(seat.case_id, row)
    await db.commit()
    return await mediator_view(db, seat), frame


async def _write(
    db: AsyncSession,
    case_id: str,
    role: str,
    author: str,
    author_user_id: str,
    author_name: str,
    text: str,
    now: datetime,
) -> tuple[CaucusMessageOut, Frame]:
    row = await _locked(db, case_id, role, now)
    if row.state != "open":
        await db.rollback()
        raise Conflict(
            "the private conversation is not open: the mediator opens it",
            code="caucus_not_open",
        )
    message = CaucusMessage(
        case_id=case_id,
        party_role=role,
        author=author,
        author_user_id=author_user_id,
        author_name=author_name,
        text=text,
        at=now,
    )
    db.add(message)
    await db.flush()
    out = _message_out(message)
    await db.commit()
    return out, message_frame(case_id, role, out)


async def party_says(
    db: AsyncSession, seat: PartySeat, user_id: str, text: str, now: datetime
) -> tuple[CaucusMessageOut, Frame]:
    require_running(seat.mediation)
    return await _write(db, seat.case_id, seat.role, "party", user_id, seat.name, text, now)


async def mediator_says(
    db: AsyncSession, seat: MediatorSeat, user_id: str, role: str, text: str, now: datetime
) -> tuple[CaucusMessageOut, Frame]:
    require_role(seat, role)
    require_running(seat.mediation)
    return await _write(db, seat.case_id, role, "mediator", user_id, seat.name, text, now)
