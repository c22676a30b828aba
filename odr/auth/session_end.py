"""Ending sessions everywhere: a socket whose session ended closes, on every instance.

A WebSocket is authenticated once, at its handshake. Without this module a room socket opened
before a logout would go on sending binding moves and receiving every event for as long as it
stayed open. Now:

- each socket holds a :class:`Ticket` for its session (the ``auth_sessions`` id, i.e. the
  SHA-256 of the cookie token) with the session's expiry;
- whatever ends sessions (logout, a new login over an old session, password change or reset,
  deactivation) calls :meth:`SessionWatch.announce` after its commit: one small message
  ``{"ended": [session ids]}`` on the control channel :data:`CONTROL_CHANNEL`, to which every
  instance's :class:`SessionWatch` subscribed once at start-up through the broker (in-process or
  Redis); each instance ends the tickets of those ids, and their sockets close with
  :data:`CLOSE_CODE` (4401, "your session has ended; log in again");
- expiry needs no message: the watch ends expired tickets every second, and a connection
  checks its ticket before acting on any frame, so even a missed message cannot let a dead
  session act after its expiry;
- a message can be lost (Redis restarting, ``odr deactivate-user`` on a deployment without
  Redis), so the watch also asks the database which of its sessions still exist, in one query,
  every ``ODR_SESSION_RECHECK_S`` and at once after the broker reports a gap.

At the handshake the ticket is registered *before* the session is read from the database: an
end committed before that read is seen by it, one committed after is announced to a ticket that
is already listening. Session ids are hashes of the tokens, so the message carries no secret.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.flag import Flag
from odr.persistence.models import AuthSession, User
from odr.services import Clock
from realtime.broker import GAP, Broker, BrokerUnavailable, Subscription, SubscriptionClosed

log = logging.getLogger("odr.auth.session_end")

CONTROL_CHANNEL = "kelisim:control:sessions-ended"
CLOSE_CODE = 4401
CLOSE_REASON = "your session has ended; log in again"
TICK_S = 1.0
_BATCH = 500  # ids per recheck query (bound parameters)


def ended_message(session_ids: Iterable[str]) -> bytes:
    return json.dumps({"ended": sorted(set(session_ids))}).encode()


def read_ended(data: bytes) -> list[str]:
    """The session ids of a control message; [] for anything malformed (never fatal)."""
    try:
        ended = json.loads(data).get("ended")
    except (ValueError, AttributeError, RecursionError):
        return []
    if not isinstance(ended, list):
        return []
    return [i for i in ended if isinstance(i, str)]


class Ticket:
    """One socket's hold on its session; ``ended`` is set when the session is over."""

    def __init__(self, watch: SessionWatch, session_id: str) -> None:
        self._watch = watch
        self.session_id = session_id
        self.expires_at: datetime | None = None  # known once the session has been read
        self.ended = Flag()

    def alive(self, now: datetime) -> bool:
        """False once ended or expired: the connection must not act for this session."""
        if self.ended.is_set():
            return False
        if self.expires_at is not None and now >= self.expires_at:
            self.ended.set()
            return False
        return True

    def release(self) -> None:
        """The socket closed: stop watching (idempotent)."""
        self._watch._release(self)


class SessionWatch:
    """This instance's tickets, ended by control messages, expiry and database rechecks."""

    def __init__(
        self,
        broker: Broker,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        recheck_s: float,
    ) -> None:
        self.broker = broker
        self.sessions = sessions
        self.clock = clock
        self.recheck_s = recheck_s
        self._tickets: dict[str, set[Ticket]] = {}
        self._subscription: Subscription | None = None
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def watched(self) -> int:
        return sum(len(t) for t in self._tickets.values())

    async def start(self) -> None:
        """Subscribe to the control channel (once per instance) and start the clock."""
        self._subscription = self.broker.subscribe(CONTROL_CHANNEL)
        # Redis may be down: the periodic recheck covers whatever is missed until it is back.
        with contextlib.suppress(TimeoutError, SubscriptionClosed):
            async with asyncio.timeout(5):
                await self._subscription.ready()
        self._tasks = [
            asyncio.create_task(self._listen(self._subscription), name="session-watch:listen"),
            asyncio.create_task(self._tick(), name="session-watch:tick"),
        ]

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._subscription is not None:
            self._subscription.close()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []

    def register(self, session_id: str) -> Ticket:
        ticket = Ticket(self, session_id)
        self._tickets.setdefault(session_id, set()).add(ticket)
        return ticket

    def end_local(self, session_ids: Iterable[str]) -> int:
        """End this instance's tickets of ``session_ids``; returns how many."""
        count = 0
        for session_id in session_ids:
            for ticket in self._tickets.get(session_id, ()):
                if not ticket.ended.is_set():
                    ticket.ended.set()
                    count += 1
        return count

    async def announce(self, session_ids: Iterable[str]) -> None:
        """Tell every instance (this one at once) that these sessions ended. Call after commit."""
        ids = sorted(set(session_ids))
        if not ids:
            return
        self.end_local(ids)
        try:
            await self.broker.publish(CONTROL_CHANNEL, ended_message(ids))
        except BrokerUnavailable:
            log.warning("could not announce ended sessions; instances will find out on recheck")

    async def recheck(self) -> None:
        """End the tickets whose session is gone, expired, or belongs to a deactivated user."""
        ids = list(self._tickets)
        now = self.clock()
        for start in range(0, len(ids), _BATCH):
            batch = ids[start : start + _BATCH]
            async with self.sessions() as db:
                alive = set(
                    await db.scalars(
                        select(AuthSession.id)
                        .join(User, User.id == AuthSession.user_id)
                        .where(
                            AuthSession.id.in_(batch),
                            AuthSession.expires_at > now,
                            User.deactivated_at.is_(None),
                        )
                    )
                )
            ended = self.end_local(set(batch) - alive)
            if ended:
                log.info("sockets of ended sessions closed on recheck", extra={"count": ended})

    def _release(self, ticket: Ticket) -> None:
        tickets = self._tickets.get(ticket.session_id)
        if tickets is None:
            return
        tickets.discard(ticket)
        if not tickets:
            del self._tickets[ticket.session_id]

    async def _listen(self, subscription: Subscription) -> None:
        async for message in subscription:
            if message is GAP:  # something may have been lost: ask the database
                await self._recheck_logged()
                continue
            assert isinstance(message, bytes)
            self.end_local(read_ended(message))

    async def _tick(self) -> None:
        next_recheck = time.monotonic() + self.recheck_s
        while True:
            await asyncio.sleep(TICK_S)
            now = self.clock()
            for tickets in list(self._tickets.values()):
                for ticket in tickets:
                    ticket.alive(now)  # ends the expired ones
            if time.monotonic() >= next_recheck:
                next_recheck = time.monotonic() + self.recheck_s
                await self._recheck_logged()

    async def _recheck_logged(self) -> None:
        try:
            await self.recheck()
        except Exception:  # the database is away: the next round tries again
            log.exception("session recheck failed")


async def announce_from_cli(redis_url: str | None, session_ids: Iterable[str]) -> bool:
    """Announce from a process without a watch (``odr deactivate-user``); True when sent.

    Only Redis reaches running instances; without it they notice at their next recheck.
    """
    ids = list(session_ids)
    if not redis_url or not ids:
        return False
    from realtime.broker import make_broker

    broker = make_broker(redis_url)
    await broker.start()
    try:
        await broker.publish(CONTROL_CHANNEL, ended_message(ids))
        return True
    except BrokerUnavailable:
        return False
    finally:
        await broker.close()
