"""Room commands on SQLite: one connection on one thread, one hop per command."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from negotiation.protocol import NegotiationState
from odr.room.errors import CommandRefused
from odr.room.log import LoggedEvent
from odr.room.state_cache import Known
from odr.room.store.base import (
    DecideCommand,
    Outcome,
    Snapshot,
    T,
    decided_events,
    json_text,
    known_after,
    known_at,
    party_keys,
    state_at,
)

SQLITE_PARTIES = "SELECT group_concat(role, ',') FROM case_parties WHERE case_id = ?"
SQLITE_READ = (
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = ?1 AND actor_user_id = ?2 AND idempotency_key = ?3),"
    " c.issues, c.created_at, c.mechanism,"
    " CASE WHEN ?4 THEN (" + SQLITE_PARTIES.replace("?", "?1") + ") END"
    " FROM cases c WHERE c.id = ?1"
)
SQLITE_EVENTS_AFTER = (
    "SELECT seq, type, actor_user_id, actor_role, data, created_at FROM case_events"
    " WHERE case_id = ? AND seq > ? ORDER BY seq"
)
SQLITE_INSERT = (
    "INSERT INTO case_events"
    " (case_id, seq, type, actor_user_id, actor_role, data, idempotency_key, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
SQLITE_STATUS = "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?"


def sqlite_time(value: datetime) -> str:
    """A time as SQLAlchemy's SQLite DateTime stores it (naive UTC, microseconds always)."""
    return f"{value.astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}"


def sqlite_read_time(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


class SqliteCommands:
    """Room commands on one SQLite connection of their own, on one thread.

    The room holds one lock for all cases on SQLite (one writer), so commands never interleave
    on this connection, and ``BEGIN IMMEDIATE`` makes other writers (the ORM's connections)
    wait for the commit instead of changing what was read.
    """

    def __init__(self, path: str, *, uri: bool = False) -> None:
        self.path = path
        self.uri = uri
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="kelisim-room-sqlite")
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE … COMMIT).
            db = sqlite3.connect(
                self.path,
                timeout=30,
                isolation_level=None,
                check_same_thread=False,
                uri=self.uri,
            )
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA synchronous=NORMAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=30000",
            ):
                db.execute(pragma)
            self._db = db
        return self._db

    async def _on_thread(self, work: Callable[[sqlite3.Connection], T]) -> T:
        def call() -> T:
            db = self._connection()
            try:
                return work(db)
            finally:
                if db.in_transaction:  # refused or failed: nothing stays
                    db.execute("ROLLBACK")

        # Shielded: once on the thread it runs to the end, so an outcome is never half-seen.
        loop = asyncio.get_running_loop()
        return await asyncio.shield(loop.run_in_executor(self._executor, call))

    async def run(
        self,
        case_id: str,
        user_id: str,
        key: str | None,
        decide: DecideCommand,
        *,
        needs_state: bool,
        known: Known | None,
        clock: Callable[[], datetime],
    ) -> Outcome:
        base = known.state if known is not None and needs_state else None
        after = known.seq if base is not None and known is not None else 0

        def command(db: sqlite3.Connection) -> Outcome:
            db.execute("BEGIN IMMEDIATE")  # the write lock first: what is read stays true
            snap = self._read(db, case_id, user_id, key, needs_state, base, after)
            if snap.status is None or snap.mechanism is None:
                raise CommandRefused("case_not_found", "this case no longer exists")
            if snap.earlier is not None:
                return Outcome(snap.earlier, (), True, None)
            start = base if snap.head >= after else None
            state = state_at(snap, start, needs_state)
            now = clock()
            decision = decide(snap.status, snap.mechanism, state, now)
            if not decision.events:
                read = known_at(snap.head, snap.status, snap.mechanism, state)
                return Outcome(0, (), False, read)
            events = decided_events(case_id, snap.head, decision, now)
            db.executemany(
                SQLITE_INSERT,
                [
                    (
                        e.case_id,
                        e.seq,
                        e.type,
                        e.actor_user_id,
                        e.actor_role,
                        json_text(e.data),
                        key if n == 0 else None,
                        sqlite_time(e.created_at),
                    )
                    for n, e in enumerate(events)
                ],
            )
            if decision.case_status is not None:
                db.execute(SQLITE_STATUS, (decision.case_status, sqlite_time(now), case_id))
            db.execute("COMMIT")
            return Outcome(
                events[0].seq,
                events,
                False,
                known_after(known, snap.head, snap.status, snap.mechanism, state, events, decision),
            )

        return await self._on_thread(command)

    def _read(
        self,
        db: sqlite3.Connection,
        case_id: str,
        user_id: str,
        key: str | None,
        needs_state: bool,
        base: NegotiationState | None,
        after: int,
    ) -> Snapshot:
        from_start = needs_state and (base is None or after == 0)
        row = db.execute(SQLITE_READ, (case_id, user_id, key, from_start)).fetchone()
        if row is None:
            return Snapshot(None, 0, None)
        status, head, earlier, mechanism = row[0], int(row[1]), row[2], row[5]
        if not needs_state or earlier is not None:
            return Snapshot(status, head, earlier, mechanism=mechanism)
        joined = row[6]
        if head < after:  # the log shrank (restored?): fold from the start
            after = 0
            joined = db.execute(SQLITE_PARTIES, (case_id,)).fetchone()[0]
        issues, created_at = json.loads(row[3]), sqlite_read_time(row[4])
        events: tuple[LoggedEvent, ...] = ()
        if head > after:
            events = tuple(
                LoggedEvent(
                    case_id, r[0], r[1], r[2], r[3], json.loads(r[4]), sqlite_read_time(r[5])
                )
                for r in db.execute(SQLITE_EVENTS_AFTER, (case_id, after))
            )
        return Snapshot(
            status, head, earlier, issues, created_at, events, mechanism, party_keys(joined)
        )

    async def close(self) -> None:
        def close() -> None:
            if self._db is not None:
                self._db.close()
                self._db = None

        await asyncio.get_running_loop().run_in_executor(self._executor, close)
        self._executor.shutdown(wait=True)
