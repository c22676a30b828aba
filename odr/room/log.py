"""Append to and read the case event log (``case_events``).

Appends are serialised per case so sequence numbers are dense and unique: a row lock on the case
in PostgreSQL (several instances), an asyncio lock per case in this process (SQLite has one
writer anyway, and waiting here is cheaper than a busy retry), and the unique ``(case_id, seq)``
constraint as the last line of defence.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from weakref import WeakValueDictionary

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import raiseload

from odr.persistence.models import Case, CaseEvent


@dataclass(frozen=True)
class NewEvent:
    type: str
    data: dict[str, Any]
    actor_user_id: str | None = None
    actor_role: str = "system"


class CaseLocks:
    """One asyncio lock per case id (or one for all, for SQLite), forgotten when unused."""

    def __init__(self, *, single: bool = False) -> None:
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()
        self._single = asyncio.Lock() if single else None

    def for_case(self, case_id: str) -> asyncio.Lock:
        if self._single is not None:
            return self._single
        lock = self._locks.get(case_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[case_id] = lock
        return lock


async def lock_case(db: AsyncSession, case_id: str) -> Case | None:
    """Take the per-case row lock (PostgreSQL) for the rest of the transaction.

    The parties are not loaded with it: commands don't need them, and it saves a query per move.
    """
    return await db.scalar(
        select(Case).where(Case.id == case_id).options(raiseload(Case.parties)).with_for_update()
    )


async def head_seq(db: AsyncSession, case_id: str) -> int:
    value = await db.scalar(
        select(func.coalesce(func.max(CaseEvent.seq), 0)).where(CaseEvent.case_id == case_id)
    )
    return int(value or 0)


@dataclass(frozen=True)
class LoggedEvent:
    """A committed event as the room handles it (the same fields as a ``CaseEvent`` row)."""

    case_id: str
    seq: int
    type: str
    actor_user_id: str | None
    actor_role: str
    data: dict[str, Any]
    created_at: datetime


async def append(
    db: AsyncSession,
    case_id: str,
    events: Sequence[NewEvent],
    now: datetime,
    *,
    idempotency_key: str | None = None,
) -> list[LoggedEvent]:
    """Add events after the current head (the caller holds the case lock and commits).

    Only the first event carries the idempotency key: a retried command finds it and is answered
    with the original result instead of acting twice. A Core insert, not ORM objects: this is
    the room's hot path.
    """
    seq = await head_seq(db, case_id)
    logged = [
        LoggedEvent(case_id, seq + n, e.type, e.actor_user_id, e.actor_role, e.data, now)
        for n, e in enumerate(events, 1)
    ]
    await db.execute(
        insert(CaseEvent),
        [
            {
                "case_id": case_id,
                "seq": e.seq,
                "type": e.type,
                "actor_user_id": e.actor_user_id,
                "actor_role": e.actor_role,
                "data": e.data,
                "idempotency_key": idempotency_key if n == 0 else None,
                "created_at": now,
            }
            for n, e in enumerate(logged)
        ],
    )
    return logged


async def seq_of_key(db: AsyncSession, case_id: str, user_id: str, key: str) -> int | None:
    """The seq of the first event a command with this idempotency key produced, if it ran."""
    return await db.scalar(
        select(CaseEvent.seq).where(
            CaseEvent.case_id == case_id,
            CaseEvent.actor_user_id == user_id,
            CaseEvent.idempotency_key == key,
        )
    )


async def events_after(
    db: AsyncSession, case_id: str, after_seq: int, limit: int = 500
) -> list[LoggedEvent]:
    """Committed events after ``after_seq``, in order (plain rows: replay and folding are hot)."""
    rows = await db.execute(
        select(
            CaseEvent.case_id,
            CaseEvent.seq,
            CaseEvent.type,
            CaseEvent.actor_user_id,
            CaseEvent.actor_role,
            CaseEvent.data,
            CaseEvent.created_at,
        )
        .where(CaseEvent.case_id == case_id, CaseEvent.seq > after_seq)
        .order_by(CaseEvent.seq)
        .limit(limit)
    )
    return [LoggedEvent(*row) for row in rows]


def event_frame(event: LoggedEvent, actor_name: str | None) -> dict[str, Any]:
    """The wire form of a logged event (the same for replay and live delivery)."""
    return {
        "type": "event",
        "seq": event.seq,
        "event": event.type,
        "actor": {"role": event.actor_role, "name": actor_name},
        "at": event.created_at.isoformat(),
        "data": event.data,
    }


def encode(frame: dict[str, Any]) -> bytes:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":")).encode()
