"""Room commands on the database driver itself: few round trips, no ORM session.

A room command (message, offer, accept, reject, withdraw) is the hot path of every negotiation
(``bench/realtime.py``). Through ``AsyncSession`` it cost several milliseconds of CPU and six
statements; here it is a fixed handful of SQL statements sent straight to the driver, and in the
common case one.

The rules every backend keeps (``tests/odr/test_room_store.py`` races them):

* An event's ``seq`` is the head it was decided on plus one, and the database checks it as it
  writes: ``seq - 1`` must exist (no hole, even if the log went back, say to a restored backup)
  and the unique ``(case_id, seq)`` constraint refuses a seq already taken. A write after a head
  that has moved on inserts nothing, and the command is decided again on what the database now
  holds. So a move is always decided on the state at the head it is written after, and no two
  events share a seq.
* The write also checks that the case still has the status the decision saw, and locks the case
  row while it does, so it serialises with the other writers (``Room.record`` takes the same row
  lock with ``SELECT … FOR UPDATE``) and with anyone changing the case's status.
* The unique ``(case_id, actor_user_id, idempotency_key)`` constraint makes a retried command
  insert nothing; it is then answered with the seq of the original.
* Nothing is returned (acknowledged, published, cached) before the commit.

PostgreSQL (asyncpg, a small pool of the room's own): when the process knows the case's head and
status (``StateCache``), it decides on them and sends one autocommitted statement,
``INSERT … SELECT … FROM cases WHERE id = $1 AND status = $9 FOR NO KEY UPDATE ON CONFLICT DO
NOTHING``: one row inserted means committed; none means the guess was stale (or the key was
used), and the command reads the case (status, head, key and the events it misses, in one
statement plus one more only if events are missing) and tries again. The statement never *reads*
the head under the lock (a READ COMMITTED snapshot taken before waiting for the lock would be
stale): the seq is checked by the unique index, which sees every committed row. A command that
writes several events or changes the case's status (acceptance into agreement) runs in an
explicit transaction under the row lock.

SQLite: a connection of its own on one thread; a whole command is one thread hop (``BEGIN
IMMEDIATE`` takes the write lock first, then read, decide, write, ``COMMIT``), instead of a hop
per statement through aiosqlite. SQLite has one writer, so nothing here is ever stale.

The SQL keeps to the columns and encodings of the ORM models (``odr/persistence/models.py``):
JSON as ``json.dumps`` text, SQLite times as naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``; the tests
read what this module writes back through the ORM.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

from negotiation.protocol import NegotiationState
from odr.room import moves
from odr.room.errors import CommandRefused
from odr.room.log import LoggedEvent
from odr.room.moves import Decision
from odr.room.state_cache import Known, fold

T = TypeVar("T")

DecideCommand = Callable[[str, NegotiationState | None, datetime], Decision]
"""(case status, negotiation state or None when not asked for, now) -> what to log; raises
``CommandRefused`` to refuse. Pure: it may run on another thread."""

ACQUIRE_TIMEOUT_S = 30.0
"""How long a command waits for a PostgreSQL connection (as SQLAlchemy's pool would)."""
CLOSE_TIMEOUT_S = 10.0
"""How long closing waits for commands still running before cutting their connections."""

MAX_ATTEMPTS = 20
"""Decisions per command before giving up (each retry means another writer got in first)."""


@dataclass(frozen=True)
class Outcome:
    """What a command did: committed ``events`` (empty when it logged nothing or was a retry),
    the seq to acknowledge, and what the process now knows of the case (None: nothing)."""

    first_seq: int
    events: tuple[LoggedEvent, ...]
    replayed: bool
    known: Known | None


@dataclass(frozen=True)
class Snapshot:
    """The case as one read saw it."""

    status: str | None  # None: no such case
    head: int
    earlier: int | None  # seq of the event an earlier command with this key produced
    issues: list[dict[str, Any]] | None = None
    created_at: datetime | None = None
    events: tuple[LoggedEvent, ...] = ()  # the events after the ``after`` asked for


class CommandStore(Protocol):
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
        """Decide and log one command (the caller holds the case's in-process lock)."""
        ...

    async def close(self) -> None: ...


class Conflict(Exception):
    """The write found the case changed since the decision: decide again."""


def json_text(data: Any) -> str:
    # What SQLAlchemy's JSON type stores (its default serializer is json.dumps).
    return json.dumps(data)


def _decided(case_id: str, head: int, decision: Decision, now: datetime) -> tuple[LoggedEvent, ...]:
    return tuple(
        LoggedEvent(case_id, head + n, e.type, e.actor_user_id, e.actor_role, e.data, now)
        for n, e in enumerate(decision.events, 1)
    )


def _state_at(
    snap: Snapshot, base: NegotiationState | None, needs_state: bool
) -> NegotiationState | None:
    """The negotiation state at the snapshot's head: ``base`` (the cached state at the
    ``after`` the snapshot was read from; None: from the start) advanced by its events."""
    if not needs_state:
        return None
    if base is None:
        assert snap.issues is not None and snap.created_at is not None
        base = moves.opening(snap.issues, snap.created_at)
    return fold(base, snap.events, moves.to_protocol_events)


def _known_after(
    previous: Known | None,
    head: int,
    status: str,
    state: NegotiationState | None,
    events: tuple[LoggedEvent, ...],
    decision: Decision,
) -> Known:
    """What is known once ``events``, decided at ``head`` on ``status`` and ``state`` (None for
    a message), are committed."""
    if state is None and previous is not None and previous.seq == head:
        state = previous.state  # a message: the cached state only moves along
    after = fold(state, events, moves.to_protocol_events) if state is not None else None
    return Known(events[-1].seq, decision.case_status or status, after)


# -- PostgreSQL -------------------------------------------------------------------------------

PG_READ = (
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = $1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = $1 AND actor_user_id = $2 AND idempotency_key = $3)"
    " FROM cases c WHERE c.id = $1"
)
PG_READ_EVENTS = (  # …and the events after $4, for the negotiation state, in the same snapshot
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = $1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = $1 AND actor_user_id = $2 AND idempotency_key = $3),"
    " c.issues, c.created_at,"
    " (SELECT json_agg(json_build_array(seq, type, actor_user_id, actor_role, data, created_at)"
    "   ORDER BY seq) FROM case_events WHERE case_id = $1 AND seq > $4)"
    " FROM cases c WHERE c.id = $1"
)
PG_INSERT_GUARDED = (
    "INSERT INTO case_events"
    " (case_id, seq, type, actor_user_id, actor_role, data, idempotency_key, created_at)"
    " SELECT id, $2::int, $3::text, $4::text, $5::text, $6::json, $7::text, $8::timestamptz"
    " FROM cases WHERE id = $1 AND status = $9"
    "  AND ($2 = 1 OR EXISTS (SELECT 1 FROM case_events WHERE case_id = $1 AND seq = $2 - 1))"
    " FOR NO KEY UPDATE OF cases"
    " ON CONFLICT DO NOTHING"
)
PG_LOCK = "SELECT status FROM cases WHERE id = $1 FOR NO KEY UPDATE"
PG_INSERT_MANY = (
    "INSERT INTO case_events"
    " (case_id, seq, type, actor_user_id, actor_role, data, idempotency_key, created_at)"
    " SELECT $1::text, s.seq, s.type, s.actor_user_id, s.actor_role, s.data::json, s.key,"
    " $8::timestamptz"
    " FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])"
    " AS s(seq, type, actor_user_id, actor_role, data, key)"
    " WHERE $2[1] = 1"
    "  OR EXISTS (SELECT 1 FROM case_events WHERE case_id = $1 AND seq = $2[1] - 1)"
    " ON CONFLICT DO NOTHING"
)
PG_STATUS = "UPDATE cases SET status = $2, updated_at = $3 WHERE id = $1"


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _json_time(value: str) -> datetime:
    """A timestamptz as PostgreSQL writes it in JSON (ISO 8601 with the session's offset)."""
    return datetime.fromisoformat(value).astimezone(UTC)


def _rows(status: str) -> int:
    """Rows an INSERT reported (``INSERT 0 <rows>``)."""
    return int(status.rsplit(" ", 1)[1])


async def _keep(_connection: Any) -> None:
    """The pool's reset between uses: nothing to do (no command leaves a transaction open), so
    no round trip (asyncpg's default sends a reset query on every release)."""


class PostgresCommands:
    """Room commands on a small asyncpg pool of their own.

    Not the engine's pool: going through SQLAlchemy cost a connection wrapper and greenlet hops
    per command, and its overflow connections (opened when busy, closed on return) reconnected
    over and over under load. These stay open (closed after 5 idle minutes); JSON travels as
    text.
    """

    def __init__(self, engine: AsyncEngine, max_size: int = 10) -> None:
        args, options = engine.dialect.create_connect_args(engine.url)
        for option in ("prepared_statement_cache_size", "prepared_statement_name_func"):
            options.pop(option, None)  # SQLAlchemy's own options, not asyncpg's
        self._args, self._options = list(args), dict(options)
        self.max_size = max_size
        self._pool: Any = None
        self._opening = asyncio.Lock()

    async def _get_pool(self) -> Any:
        if self._pool is None:
            import asyncpg

            async with self._opening:
                if self._pool is None:
                    self._pool = await asyncpg.create_pool(
                        *self._args,
                        min_size=1,
                        max_size=self.max_size,
                        reset=_keep,
                        **self._options,
                    )
        return self._pool

    async def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT_S):
                    await pool.close()
            except TimeoutError:
                pool.terminate()

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
        pool = await self._get_pool()
        async with pool.acquire(timeout=ACQUIRE_TIMEOUT_S) as db:
            usable = known is not None and known.status is not None
            if usable and known is not None and (known.state is not None or not needs_state):
                outcome = await self._on_known(db, case_id, key, decide, known, clock)
                if outcome is not None:
                    return outcome
            # Read, decide, write after the head read; if even that head has moved on by the
            # write (another instance is busy in this case), the same under the case's row lock,
            # where nobody else can write: progress is certain.
            for locked in (False, *[True] * (MAX_ATTEMPTS - 1)):
                try:
                    return await self._read_and_write(
                        db, case_id, user_id, key, decide, needs_state, known, clock, locked
                    )
                except Conflict:
                    known = None  # read everything afresh
        raise RuntimeError(f"case {case_id}: gave up after {MAX_ATTEMPTS} conflicting writes")

    async def _on_known(
        self,
        db: Any,
        case_id: str,
        key: str | None,
        decide: DecideCommand,
        known: Known,
        clock: Callable[[], datetime],
    ) -> Outcome | None:
        """Decide on what this process knows and write; None when that was not the head (or
        the command was refused or is a retry: the read path answers those exactly)."""
        assert known.status is not None
        now = clock()
        try:
            decision = decide(known.status, known.state, now)
        except CommandRefused:
            return None
        if not decision.events:
            return None
        events = _decided(case_id, known.seq, decision, now)
        try:
            await self._write(db, events, key, known.status, decision, False)
        except Conflict:
            return None
        return Outcome(
            events[0].seq,
            events,
            False,
            _known_after(known, known.seq, known.status, known.state, events, decision),
        )

    async def _read_and_write(
        self,
        db: Any,
        case_id: str,
        user_id: str,
        key: str | None,
        decide: DecideCommand,
        needs_state: bool,
        known: Known | None,
        clock: Callable[[], datetime],
        locked: bool,
    ) -> Outcome:
        """Read the case, decide, write; ``Conflict`` when the head moved in between.

        ``locked``: in one transaction that first takes the case's row lock, so the head read
        after it (its own statement: a snapshot taken after the lock) stays the head."""
        if not locked:
            return await self._decide_and_write(
                db, case_id, user_id, key, decide, needs_state, known, clock, False
            )
        async with db.transaction():
            if await db.fetchval(PG_LOCK, case_id) is None:
                raise CommandRefused("case_not_found", "this case no longer exists")
            return await self._decide_and_write(
                db, case_id, user_id, key, decide, needs_state, known, clock, True
            )

    async def _decide_and_write(
        self,
        db: Any,
        case_id: str,
        user_id: str,
        key: str | None,
        decide: DecideCommand,
        needs_state: bool,
        known: Known | None,
        clock: Callable[[], datetime],
        in_transaction: bool,
    ) -> Outcome:
        base = known.state if known is not None and needs_state else None
        after = known.seq if base is not None and known is not None else 0
        snap = await self._read(db, case_id, user_id, key, needs_state, base is None, after)
        if snap.status is not None and snap.head < after:  # the log shrank (restored?)
            base, after = None, 0
            snap = await self._read(db, case_id, user_id, key, needs_state, True, 0)
        if snap.status is None:
            raise CommandRefused("case_not_found", "this case no longer exists")
        if snap.earlier is not None:
            return Outcome(snap.earlier, (), True, None)
        head = max([snap.head, *(e.seq for e in snap.events)])
        state = _state_at(snap, base, needs_state)
        now = clock()
        decision = decide(snap.status, state, now)
        if not decision.events:
            return Outcome(0, (), False, None)
        events = _decided(case_id, head, decision, now)
        await self._write(db, events, key, snap.status, decision, in_transaction)
        return Outcome(
            events[0].seq,
            events,
            False,
            _known_after(known, head, snap.status, state, events, decision),
        )

    async def _read(
        self,
        db: Any,
        case_id: str,
        user_id: str,
        key: str | None,
        needs_state: bool,
        from_start: bool,
        after: int,
    ) -> Snapshot:
        if not needs_state:
            row = await db.fetchrow(PG_READ, case_id, user_id, key)
            return Snapshot(None, 0, None) if row is None else Snapshot(row[0], row[1], row[2])
        row = await db.fetchrow(PG_READ_EVENTS, case_id, user_id, key, after)
        if row is None:
            return Snapshot(None, 0, None)
        status, head, earlier = row[0], int(row[1]), row[2]
        issues = json.loads(row[3]) if from_start else None
        created_at = _utc(row[4]) if from_start else None
        events = tuple(
            LoggedEvent(case_id, e[0], e[1], e[2], e[3], e[4], _json_time(e[5]))
            for e in json.loads(row[5] or "[]")
        )
        return Snapshot(status, head, earlier, issues, created_at, events)

    async def _write(
        self,
        db: Any,
        events: Sequence[LoggedEvent],
        key: str | None,
        status: str,
        decision: Decision,
        in_transaction: bool,
    ) -> None:
        """Commit ``events`` if their seqs are free, the key unused and the case still has
        ``status``; raise ``Conflict`` (nothing written) otherwise. ``in_transaction``: the
        caller's transaction holds the row lock and commits."""
        first = events[0]
        now = _utc(first.created_at)
        if len(events) == 1 and decision.case_status is None:
            inserted = await db.execute(
                PG_INSERT_GUARDED,
                first.case_id,
                first.seq,
                first.type,
                first.actor_user_id,
                first.actor_role,
                json_text(first.data),
                key,
                now,
                status,
            )
            if _rows(inserted) != 1:
                raise Conflict
            return
        # Several events, or the case's status changes with them (an acceptance that completes
        # the agreement): one transaction under the row lock.
        async with contextlib.AsyncExitStack() as stack:
            if not in_transaction:
                await stack.enter_async_context(db.transaction())
                if await db.fetchval(PG_LOCK, first.case_id) != status:
                    raise Conflict
            inserted = await db.execute(
                PG_INSERT_MANY,
                first.case_id,
                [e.seq for e in events],
                [e.type for e in events],
                [e.actor_user_id for e in events],
                [e.actor_role for e in events],
                [json_text(e.data) for e in events],
                [key] + [None] * (len(events) - 1),
                now,
            )
            if _rows(inserted) != len(events):
                raise Conflict  # rolls the transaction back
            if decision.case_status is not None:
                await db.execute(PG_STATUS, first.case_id, decision.case_status, now)


# -- SQLite -----------------------------------------------------------------------------------

SQLITE_READ = (
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = ?1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = ?1 AND actor_user_id = ?2 AND idempotency_key = ?3),"
    " c.issues, c.created_at"
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
            if snap.status is None:
                raise CommandRefused("case_not_found", "this case no longer exists")
            if snap.earlier is not None:
                return Outcome(snap.earlier, (), True, None)
            start = base if snap.head >= after else None
            state = _state_at(snap, start, needs_state)
            now = clock()
            decision = decide(snap.status, state, now)
            if not decision.events:
                return Outcome(0, (), False, None)
            events = _decided(case_id, snap.head, decision, now)
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
                _known_after(known, snap.head, snap.status, state, events, decision),
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
        row = db.execute(SQLITE_READ, (case_id, user_id, key)).fetchone()
        if row is None:
            return Snapshot(None, 0, None)
        status, head, earlier = row[0], int(row[1]), row[2]
        if not needs_state or earlier is not None:
            return Snapshot(status, head, earlier)
        if head < after:  # the log shrank (restored?): fold from the start
            after = 0
        issues, created_at = json.loads(row[3]), sqlite_read_time(row[4])
        events: tuple[LoggedEvent, ...] = ()
        if head > after:
            events = tuple(
                LoggedEvent(
                    case_id, r[0], r[1], r[2], r[3], json.loads(r[4]), sqlite_read_time(r[5])
                )
                for r in db.execute(SQLITE_EVENTS_AFTER, (case_id, after))
            )
        return Snapshot(status, head, earlier, issues, created_at, events)

    async def close(self) -> None:
        def close() -> None:
            if self._db is not None:
                self._db.close()
                self._db = None

        await asyncio.get_running_loop().run_in_executor(self._executor, close)
        self._executor.shutdown(wait=True)


def make_store(engine: AsyncEngine) -> CommandStore:
    """The command store for the engine's backend (the ones ``odr.settings`` configures)."""
    url = engine.url
    if url.get_backend_name() == "postgresql" and url.get_driver_name() == "asyncpg":
        return PostgresCommands(engine)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return SqliteCommands(url.database, uri=str(url.query.get("uri", "")).lower() == "true")
    raise ValueError(
        f"the room needs PostgreSQL through asyncpg or an SQLite file, not {url.drivername} "
        f"{url.database!r}"
    )
