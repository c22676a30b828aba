"""Room commands on PostgreSQL through a small asyncpg pool of their own (see the package doc)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from odr.room.errors import CommandRefused
from odr.room.log import LoggedEvent
from odr.room.moves import Decision
from odr.room.state_cache import Known
from odr.room.store.base import (
    ACQUIRE_TIMEOUT_S,
    CLOSE_TIMEOUT_S,
    MAX_ATTEMPTS,
    Conflict,
    DecideCommand,
    Outcome,
    Snapshot,
    decided_events,
    json_text,
    known_after,
    known_at,
    party_keys,
    state_at,
    utc,
)

PG_READ = (
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = $1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = $1 AND actor_user_id = $2 AND idempotency_key = $3),"
    " c.mechanism"
    " FROM cases c WHERE c.id = $1"
)
PG_READ_EVENTS = (  # …and the events after $4, for the negotiation state, in the same snapshot
    "SELECT c.status,"
    " (SELECT coalesce(max(seq), 0) FROM case_events WHERE case_id = $1),"
    " (SELECT seq FROM case_events"
    "  WHERE case_id = $1 AND actor_user_id = $2 AND idempotency_key = $3),"
    " c.issues, c.created_at,"
    " (SELECT json_agg(json_build_array(seq, type, actor_user_id, actor_role, data, created_at)"
    "   ORDER BY seq) FROM case_events WHERE case_id = $1 AND seq > $4),"
    " c.mechanism,"
    " CASE WHEN $5 THEN (SELECT string_agg(role, ',') FROM case_parties WHERE case_id = $1) END"
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
                    # Every connection opened at once: one opened under load, when the
                    # open ones are all busy, made the commands waiting for it wait 50-170 ms
                    # (bench/realtime.py --profile, probe "pool acquire").
                    self._pool = await asyncpg.create_pool(
                        *self._args,
                        min_size=self.max_size,
                        max_size=self.max_size,
                        reset=_keep,
                        **self._options,
                    )
        return self._pool

    def pool_use(self) -> tuple[int, int]:
        """(connections in use now, the most the pool may open): for ``odr/metrics/pools.py``."""
        pool = self._pool
        if pool is None:
            return 0, self.max_size
        return int(pool.get_size()) - int(pool.get_idle_size()), self.max_size

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
        # An idle connection is handed over at once, so only a wait for one needs the timeout:
        # asyncpg runs a timed acquire as a timer and a wrapped coroutine (#16: 35 µs an offer).
        timeout = None if pool.get_idle_size() else ACQUIRE_TIMEOUT_S
        async with pool.acquire(timeout=timeout) as db:
            usable = known is not None and None not in (known.status, known.mechanism)
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
        assert known.status is not None and known.mechanism is not None
        now = clock()
        try:
            decision = decide(known.status, known.mechanism, known.state, now)
        except CommandRefused:
            return None
        if not decision.events:
            return None
        events = decided_events(case_id, known.seq, decision, now)
        try:
            await self._write(db, events, key, known.status, decision, False)
        except Conflict:
            return None
        return Outcome(
            events[0].seq,
            events,
            False,
            known_after(
                known, known.seq, known.status, known.mechanism, known.state, events, decision
            ),
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
        if snap.status is None or snap.mechanism is None:
            raise CommandRefused("case_not_found", "this case no longer exists")
        if snap.earlier is not None:
            return Outcome(snap.earlier, (), True, None)
        head = max([snap.head, *(e.seq for e in snap.events)])
        state = state_at(snap, base, needs_state)
        now = clock()
        decision = decide(snap.status, snap.mechanism, state, now)
        if not decision.events:
            return Outcome(0, (), False, known_at(head, snap.status, snap.mechanism, state))
        events = decided_events(case_id, head, decision, now)
        await self._write(db, events, key, snap.status, decision, in_transaction)
        return Outcome(
            events[0].seq,
            events,
            False,
            known_after(known, head, snap.status, snap.mechanism, state, events, decision),
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
            if row is None:
                return Snapshot(None, 0, None)
            return Snapshot(row[0], row[1], row[2], mechanism=row[3])
        row = await db.fetchrow(PG_READ_EVENTS, case_id, user_id, key, after, from_start)
        if row is None:
            return Snapshot(None, 0, None)
        status, head, earlier = row[0], int(row[1]), row[2]
        issues = json.loads(row[3]) if from_start else None
        created_at = utc(row[4]) if from_start else None
        events = tuple(
            LoggedEvent(case_id, e[0], e[1], e[2], e[3], e[4], _json_time(e[5]))
            for e in json.loads(row[5] or "[]")
        )
        parties = party_keys(row[7])
        return Snapshot(status, head, earlier, issues, created_at, events, row[6], parties)

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
        now = utc(first.created_at)
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
