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

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Case, CaseEvent


@dataclass(frozen=True)
class NewEvent:
    type: str
    data: dict[str, Any]
    actor_user_id: str | None = None
    actor_role: str = "system"


class CaseLocks:
    """One asyncio lock per case id, forgotten when nobody holds a reference."""

    def __init__(self) -> None:
        self._locks: WeakValueDictionary[str, asyncio.Lock] = WeakValueDictionary()

    def for_case(self, case_id: str) -> asyncio.Lock:
        lock = self._locks.get(case_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[case_id] = lock
        return lock


async def lock_case(db: AsyncSession, case_id: str) -> Case | None:
    """Take the per-case row lock (PostgreSQL) for the rest of the transaction."""
    return await db.scalar(select(Case).where(Case.id == case_id).with_for_update())


async def head_seq(db: AsyncSession, case_id: str) -> int:
    value = await db.scalar(
        select(func.coalesce(func.max(CaseEvent.seq), 0)).where(CaseEvent.case_id == case_id)
    )
    return int(value or 0)


async def append(
    db: AsyncSession,
    case_id: str,
    events: Sequence[NewEvent],
    now: datetime,
    *,
    idempotency_key: str | None = None,
) -> list[CaseEvent]:
    """Add events after the current head (the caller holds the case lock and commits).

    Only the first event carries the idempotency key: a retried command finds it and is answered
    with the original result instead of acting twice.
    """
    seq = await head_seq(db, case_id)
    rows = []
    for index, event in enumerate(events):
        seq += 1
        row = CaseEvent(
            case_id=case_id,
            seq=seq,
            type=event.type,
            actor_user_id=event.actor_user_id,
            actor_role=event.actor_role,
            data=event.data,
            idempotency_key=idempotency_key if index == 0 else None,
            created_at=now,
        )
        db.add(row)
        rows.append(row)
    await db.flush()
    return rows


async def find_by_key(db: AsyncSession, case_id: str, user_id: str, key: str) -> list[CaseEvent]:
    """The events a command with this idempotency key produced, if it already ran."""
    first = await db.scalar(
        select(CaseEvent).where(
            CaseEvent.case_id == case_id,
            CaseEvent.actor_user_id == user_id,
            CaseEvent.idempotency_key == key,
        )
    )
    return [first] if first is not None else []


async def events_after(
    db: AsyncSession, case_id: str, after_seq: int, limit: int = 500
) -> list[CaseEvent]:
    result = await db.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.seq > after_seq)
        .order_by(CaseEvent.seq)
        .limit(limit)
    )
    return list(result)


async def all_events(db: AsyncSession, case_id: str) -> list[CaseEvent]:
    result = await db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    )
    return list(result)


def event_frame(event: CaseEvent, actor_name: str | None) -> dict[str, Any]:
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
