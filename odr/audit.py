"""The audit trail: an append-only, hash-chained record of who accessed or changed what.

Each entry's hash covers its content and the previous entry's hash, so deleting, reordering or
editing any entry breaks every hash after it (``verify_chain`` finds where). ``prev_hash`` is
unique in the table, so two writers that read the same last entry cannot both append: one of
them fails and retries on the new head. The chain is therefore a line, never a tree.

Court API accesses, signatures and filings are audited. Details never hold secrets or private
interests: they name ids, hashes and codes only.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.persistence.models import AuditEntry

GENESIS = "0" * 64
_ATTEMPTS = 20


@dataclass(frozen=True)
class AuditEvent:
    actor_kind: str  # "user", "court_client", "system", "public"
    actor_id: str | None
    action: str
    target: str | None = None
    details: dict[str, Any] | None = None


def entry_hash(prev_hash: str, occurred_at: datetime, event: AuditEvent) -> str:
    content = {
        "prev": prev_hash,
        "at": occurred_at.isoformat(),
        "actor_kind": event.actor_kind,
        "actor_id": event.actor_id,
        "action": event.action,
        "target": event.target,
        "details": event.details or {},
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


async def _append_once(db: AsyncSession, event: AuditEvent, now: datetime) -> AuditEntry:
    if db.get_bind().dialect.name == "postgresql":
        # Writers queue on one advisory lock instead of racing and retrying.
        await db.execute(text("SELECT pg_advisory_xact_lock(hashtext('kelisim.audit_log'))"))
    prev = await db.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    prev_hash = prev or GENESIS
    entry = AuditEntry(
        occurred_at=now,
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        action=event.action,
        target=event.target,
        details=event.details or {},
        prev_hash=prev_hash,
        hash=entry_hash(prev_hash, now, event),
    )
    db.add(entry)
    await db.commit()
    return entry


async def record(
    sessions: async_sessionmaker[AsyncSession], event: AuditEvent, now: datetime
) -> AuditEntry:
    """Append ``event`` in its own transaction, retrying when another writer appended first."""
    for attempt in range(_ATTEMPTS):
        async with sessions() as db:
            try:
                return await _append_once(db, event, now)
            except (IntegrityError, DBAPIError):
                # Someone else appended after our read (unique prev_hash), or SQLite refused to
                # upgrade our stale read snapshot to a write: read the new head and try again.
                await db.rollback()
                if attempt == _ATTEMPTS - 1:
                    raise
                await asyncio.sleep(random.uniform(0, 0.005 * (attempt + 1)))
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    broken_at: int | None  # id of the first entry whose hash or link does not verify


async def verify_chain(db: AsyncSession) -> ChainCheck:
    prev_hash = GENESIS
    count = 0
    rows = await db.stream_scalars(select(AuditEntry).order_by(AuditEntry.id))
    async for entry in rows:
        count += 1
        event = AuditEvent(
            entry.actor_kind, entry.actor_id, entry.action, entry.target, entry.details
        )
        if entry.prev_hash != prev_hash or entry.hash != entry_hash(
            prev_hash, entry.occurred_at, event
        ):
            return ChainCheck(count, entry.id)
        prev_hash = entry.hash
    return ChainCheck(count, None)
