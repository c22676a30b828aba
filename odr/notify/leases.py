"""What a worker does to outbox rows: lease the due ones, give back the unused, settle each try.

A worker *leases* due rows in one short transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
two instances never lease the same row; SQLite has a single writer), sends outside any
transaction, then settles each row: sent, pending again for a retry, or failed. A process killed
between sending and settling leaves a lease that expires after ``LEASE``, so that one notice may
go out again: at-least-once in that window, never twice otherwise. Leases a stopping worker will
not use are released at once, so another instance sends them on its next round.

Every settlement erases the sealed secrets of a notice nobody will send again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.notify.notice_params import public_params
from odr.notify.resend_guard import fingerprint_of
from odr.persistence.models import OutboxNotice

LEASE = timedelta(minutes=2)
OUTBOX = cast(Table, OutboxNotice.__table__)
"""The outbox table itself: leases and settlements are plain updates, no ORM object needed."""
_READ = (
    OUTBOX.c.id,
    OUTBOX.c.channel,
    OUTBOX.c.kind,
    OUTBOX.c.language,
    OUTBOX.c.recipient,
    OUTBOX.c.params,
    OUTBOX.c.attempts,
    OUTBOX.c.created_at,
)

Sessions = async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class Leased:
    """A copy of a leased row, read in the leasing transaction: sending needs no session."""

    id: int
    channel: str
    kind: str
    language: str
    recipient: str
    params: dict[str, Any]
    attempts: int
    created_at: datetime
    lease_until: datetime
    """This worker's lease: a release only undoes a lease that is still this one."""

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self)


async def lease_due(
    sessions: Sessions, now: datetime, limit: int, *, skip_locked: bool
) -> list[Leased]:
    """Lease up to ``limit`` notices due at ``now`` (oldest first), counting the attempt.

    ``skip_locked`` (PostgreSQL) leaves rows another transaction is leasing to it. One read and
    one conditional write for the whole lease, on the table rather than through the ORM: the
    worker shares its event loop with the rooms, and per-row ORM updates made leasing a
    hundred notices a long stall for them (bench/realtime.py).
    """
    due = (
        OUTBOX.c.status == "pending",
        or_(OUTBOX.c.next_attempt_at.is_(None), OUTBOX.c.next_attempt_at <= now),
        or_(OUTBOX.c.lease_until.is_(None), OUTBOX.c.lease_until < now),
    )
    lease_until = now + LEASE
    async with sessions() as db, db.begin():
        query = select(*_READ).where(*due).order_by(OUTBOX.c.id).limit(limit)
        if skip_locked:
            query = query.with_for_update(skip_locked=True)
        candidates = (await db.execute(query)).all()
        if not candidates:
            return []
        # Conditional: a row another worker leased meanwhile (SQLite reads without locking) is
        # not claimed, and not returned.
        claimed = set(
            await db.scalars(
                update(OUTBOX)
                .where(OUTBOX.c.id.in_([row.id for row in candidates]), *due)
                .values(lease_until=lease_until, attempts=OUTBOX.c.attempts + 1)
                .returning(OUTBOX.c.id)
            )
        )
    return [
        Leased(
            row.id,
            row.channel,
            row.kind,
            row.language,
            row.recipient,
            row.params,
            row.attempts + 1,
            row.created_at,
            lease_until,
        )
        for row in candidates
        if row.id in claimed
    ]


async def release(sessions: Sessions, notices: list[Leased]) -> None:
    """Give back leases that will not be used, as if never leased (the attempt undone)."""
    async with sessions() as db, db.begin():
        for notice in notices:
            await db.execute(
                update(OUTBOX)
                .where(
                    OUTBOX.c.id == notice.id,
                    OUTBOX.c.status == "pending",
                    OUTBOX.c.lease_until == notice.lease_until,
                )
                .values(lease_until=None, attempts=OUTBOX.c.attempts - 1)
            )


async def mark_sent(sessions: Sessions, notice: Leased, now: datetime) -> None:
    await _settle(
        sessions,
        notice,
        status="sent",
        sent_at=now,
        lease_until=None,
        params=public_params(notice.params),  # its secrets are no longer needed
    )


async def mark_retry(sessions: Sessions, notice: Leased, error: str, at: datetime) -> None:
    """Not sent this time: pending again, due ``at``."""
    await _settle(
        sessions,
        notice,
        status="pending",
        next_attempt_at=at,
        lease_until=None,
        last_error=error[:1000],
    )


async def mark_failed(
    sessions: Sessions, notice: Leased, error: str, *, next_attempt_at: datetime | None = None
) -> None:
    """Given up for good: nobody will send it, so nobody needs its secrets."""
    values: dict[str, Any] = {}
    if next_attempt_at is not None:  # a retry that failed keeps the time it would have had
        values["next_attempt_at"] = next_attempt_at
    await _settle(
        sessions,
        notice,
        status="failed",
        lease_until=None,
        last_error=error[:1000],
        params=public_params(notice.params),
        **values,
    )


async def _settle(sessions: Sessions, notice: Leased, **values: Any) -> None:
    async with sessions() as db, db.begin():
        await db.execute(update(OUTBOX).where(OUTBOX.c.id == notice.id).values(**values))
