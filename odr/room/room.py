"""The room service: record events durably, then publish them to every instance.

``record`` is the one way an event enters a case's log. In one transaction, under the case lock,
it checks the idempotency key, lets the caller decide, appends and commits; only then does it
publish. A rollback publishes nothing; a publish that fails (Redis down) loses nothing, because
clients detect the gap by ``seq`` and refill from the database.

Room commands (``command``) are the hot path of every negotiation (see ``bench/realtime.py``):
they go to the database driver itself (``store/``). On PostgreSQL a command is usually one
guarded INSERT decided on what this process knows of the case (head, status, folded negotiation
state: ``StateCache``) and checked by the database as it writes; otherwise one read of status,
head, key and the missing events, then the write. Other writers (proposals, deadlines, the
mediator's actions) use ``record`` with an ORM session and the case's row lock (``SELECT … FOR
UPDATE``), which command writes respect. Both publish after the commit and before releasing the
in-process case lock, and each event is encoded once for every listener.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import mediator_names
from odr.persistence.models import CaseParty
from odr.room import channel, log, moves
from odr.room.errors import CommandRefused
from odr.room.log import CaseLocks, LoggedEvent, NewEvent
from odr.room.state_cache import Known, StateCache
from odr.room.store import CommandStore, DecideCommand, make_store
from odr.room.store.base import Outcome
from odr.services import Core
from realtime.broker import Broker, BrokerUnavailable
from realtime.hub import Hub

logger = logging.getLogger("odr.room")

Decide = Callable[[AsyncSession], Awaitable[Sequence[NewEvent]]]


@dataclass(frozen=True)
class Recorded:
    """The events a command produced; ``replayed`` when an earlier identical command had."""

    first_seq: int
    events: tuple[LoggedEvent, ...]
    replayed: bool = False


class Room:
    def __init__(self, services: Core, broker: Broker, hub: Hub) -> None:
        self.services = services
        self.broker = broker
        self.hub = hub
        # SQLite has a single writer: one lock for all cases avoids lock-upgrade deadlocks.
        self.locks = CaseLocks(single=services.settings.is_sqlite)
        self.states = StateCache(moves.to_protocol_events)
        self.store: CommandStore = make_store(services.engine)
        self.metrics = services.metrics
        self._names: dict[str, dict[str, str]] = {}
        self.on_agreement: list[Callable[[str], None]] = []
        """Called with the case id once an ``agreement`` is committed and published (the
        post-settlement improvement, odr/negotiating/improvement.py); must not block."""
        self.on_committed: list[Callable[[str, Sequence[LoggedEvent]], None]] = []
        """Called with the case id and the events once they are committed and published (the
        letters they call for, odr/notify/room_letters.py); must not block: the ack waits."""

    async def close(self) -> None:
        await self.store.close()

    async def command(
        self,
        case_id: str,
        decide: DecideCommand,
        *,
        actor_user_id: str,
        key: str | None,
        needs_state: bool,
        kind: str = "command",
    ) -> Recorded:
        """A room command: ``decide`` gets the case's status (and, if ``needs_state``, its
        negotiation state) under the case lock and returns what to log, or raises
        ``CommandRefused``. Committed and published exactly once per key, like ``record``.

        Runs to the end even if the caller is cancelled (its client went away): a command is
        either not committed, or committed and published. ``kind`` (``offer``, …) labels its
        duration in the metrics.
        """
        task = asyncio.ensure_future(
            self._timed(kind, self._command(case_id, decide, actor_user_id, key, needs_state))
        )
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            task.add_done_callback(_log_failure)
            raise

    async def _timed(self, kind: str, command: Awaitable[Recorded]) -> Recorded:
        """``command``, its duration observed by outcome (lock wait, database, publication)."""
        started = time.perf_counter()
        outcome = "error"
        try:
            recorded = await command
            outcome = "replayed" if recorded.replayed else "committed"
            return recorded
        except CommandRefused:
            outcome = "refused"
            raise
        finally:
            self.metrics.room_command(kind, outcome, time.perf_counter() - started)

    async def _command(
        self,
        case_id: str,
        decide: DecideCommand,
        actor_user_id: str,
        key: str | None,
        needs_state: bool,
    ) -> Recorded:
        async with self.locks.for_case(case_id):
            known = self.states.get(case_id)
            try:
                outcome = await self._run(case_id, decide, actor_user_id, key, needs_state, known)
            except CommandRefused as refused:
                if refused.code != "not_a_party" or known is None:
                    raise
                # A party who joined after this process folded the case (joining logs no
                # event): read the case's parties afresh, once, rather than refuse it.
                self.states.forget(case_id)
                outcome = await self._run(case_id, decide, actor_user_id, key, needs_state, None)
            if outcome.known is not None:
                self.states.put(case_id, outcome.known)
            # Published after the commit, before the lock is released (see ``record``).
            if outcome.events:
                await self.publish(case_id, outcome.events)
        if any(event.type == "agreement" for event in outcome.events):
            for hook in self.on_agreement:
                hook(case_id)
        self._committed(case_id, outcome.events)
        return Recorded(outcome.first_seq, outcome.events, outcome.replayed)

    async def warm(self, case_id: str) -> None:
        """Fold the case into ``states`` before its first move, when a party enters the room.

        Otherwise that first move (an offer, say) reads and folds the whole log while the
        parties wait: in ``bench/realtime.py`` every room's first offer took that path, with a
        p99 of 33 ms against 5 ms for the others. Nothing is written, and what is cached is a
        guess like any other: the next write checks it."""
        if self.states.get(case_id) is not None:
            return
        async with self.locks.for_case(case_id):
            if self.states.get(case_id) is not None:
                return
            outcome = await self._run(case_id, _log_nothing, "", None, True, None)
            if outcome.known is not None:
                self.states.put(case_id, outcome.known)

    def _run(
        self,
        case_id: str,
        decide: DecideCommand,
        actor_user_id: str,
        key: str | None,
        needs_state: bool,
        known: Known | None,
    ) -> Awaitable[Outcome]:
        return self.store.run(
            case_id,
            actor_user_id,
            key,
            decide,
            needs_state=needs_state,
            known=known,
            clock=self.services.clock,
        )

    async def record(
        self,
        case_id: str,
        decide: Decide,
        *,
        actor_user_id: str | None = None,
        key: str | None = None,
    ) -> Recorded:
        """Run ``decide`` under the case lock and log what it returns, exactly once per key.

        ``decide`` reads what it needs through the session it is given and raises a typed
        error to refuse; nothing is written then.
        """
        async with self.locks.for_case(case_id):
            try:
                recorded = await self._record_locked(case_id, decide, actor_user_id, key)
            except IntegrityError:
                # Another instance committed the same key first: answer as a retry.
                if key is None or actor_user_id is None:
                    raise
                async with self.services.sessions() as db:
                    seq = await log.seq_of_key(db, case_id, actor_user_id, key)
                if seq is None:
                    raise
                recorded = Recorded(seq, (), replayed=True)
            # Published after the commit but before the lock is released: events of one case
            # reach the broker in seq order, so listeners rarely see a gap and rarely have to
            # read the log back (a reordering made every connection of the case refill).
            if recorded.events:
                # The status may have changed with them (a pause, a closing): unknown until read.
                self.states.advance(case_id, recorded.events, status=None)
                await self.publish(case_id, recorded.events)
        self._committed(case_id, recorded.events)
        return recorded

    def _committed(self, case_id: str, events: Sequence[LoggedEvent]) -> None:
        if events:
            for hook in self.on_committed:
                hook(case_id, events)

    async def _record_locked(
        self, case_id: str, decide: Decide, actor_user_id: str | None, key: str | None
    ) -> Recorded:
        async with self.services.sessions() as db, db.begin():
            await log.lock_case(db, case_id)
            if key is not None and actor_user_id is not None:
                earlier = await log.seq_of_key(db, case_id, actor_user_id, key)
                if earlier is not None:
                    return Recorded(earlier, (), replayed=True)
            new_events = await decide(db)
            if not new_events:
                return Recorded(0, ())
            events = await log.append(
                db, case_id, new_events, self.services.clock(), idempotency_key=key
            )
        return Recorded(events[0].seq, tuple(events))

    async def publish(self, case_id: str, events: Sequence[LoggedEvent]) -> None:
        names = await self.actor_names(case_id, {e.actor_user_id for e in events})
        for event in events:
            frame = log.encode(log.event_frame(event, names.get(event.actor_user_id or "")))
            await self.publish_raw(case_id, channel.event_message(event.seq, frame))

    async def publish_raw(self, case_id: str, message: bytes) -> None:
        try:
            await self.broker.publish(channel.channel_name(case_id), message)
        except BrokerUnavailable:
            logger.warning(
                "broker unavailable; clients will refill from the log", extra={"case_id": case_id}
            )

    async def actor_names(
        self, case_id: str, needed: set[str | None] | None = None
    ) -> dict[str, str]:
        """Display names of the case's participants (cached; reloaded when one is unknown)."""
        names = self._names.get(case_id)
        wanted = {n for n in (needed or set()) if n}
        if names is None or not wanted <= names.keys():
            async with self.services.sessions() as db:
                rows = await db.execute(
                    select(CaseParty.user_id, CaseParty.display_name).where(
                        CaseParty.case_id == case_id
                    )
                )
                names = {user_id: name for user_id, name in rows}
                names.update(await mediator_names(db, case_id))
            self._names[case_id] = names
        return names


def _log_nothing(_status: str, _mechanism: str, _state: object, _now: object) -> moves.Decision:
    """A decision to log nothing: ``warm``'s read of the case."""
    return moves.Decision([], None)


def _log_failure(task: asyncio.Task[Recorded]) -> None:
    """A command whose caller went away: nobody reads its outcome, so log a failure here."""
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None and not isinstance(exc, CommandRefused):
        logger.error("command failed after its client left", exc_info=exc)
