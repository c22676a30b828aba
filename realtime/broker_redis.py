"""Redis pub/sub fan-out across app instances.

Each :class:`RedisBroker` holds exactly one pub/sub connection, whatever the number of channels
and local subscribers: it SUBSCRIBEs to a channel when the first local subscription to it
appears and UNSUBSCRIBEs when the last one closes. A reader task dispatches incoming messages
into the subscriptions' bounded queues, so a slow consumer never holds up the reader. Publishing
goes over a separate small pool, because a connection in subscribed mode can't PUBLISH.

Redis pub/sub is fire-and-forget: whatever is published while our connection is down is lost.
That is acceptable because the event log in the database is the source of truth. When the reader
reconnects (with capped exponential backoff) it re-subscribes every channel and then gives each
existing subscription a ``GAP``, so its consumer refills from the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from realtime.errors import BrokerUnavailable
from realtime.subscription import Registry, Subscription

logger = logging.getLogger(__name__)

DEFAULT_MAX_QUEUE = 1024


class _ConnectionLost(Exception):
    """The pub/sub connection stopped answering (no reply to a heartbeat PING)."""


class RedisBroker:
    """A broker over Redis pub/sub; see the module docstring for the design.

    ``reconnect_min`` / ``reconnect_max`` bound the reader's reconnection backoff (doubling from
    the first to the second). ``heartbeat`` is how often an idle pub/sub connection is PINGed;
    a connection that doesn't answer within another ``heartbeat`` counts as lost, which catches
    a silently dropped TCP connection. ``timeout`` bounds connecting and each publish.
    ``on_reconnect`` is called each time the pub/sub connection is made again after the first
    (the app counts reconnects with it); it must be quick and must not raise.
    """

    def __init__(
        self,
        url: str,
        *,
        reconnect_min: float = 0.1,
        reconnect_max: float = 2.0,
        heartbeat: float = 10.0,
        timeout: float = 5.0,
        max_publish_connections: int = 16,
        on_reconnect: Callable[[], None] | None = None,
    ) -> None:
        self._url = url
        self._on_reconnect = on_reconnect
        self._reconnect_min = reconnect_min
        self._reconnect_max = reconnect_max
        self._heartbeat = heartbeat
        self._timeout = timeout
        self.client_name = f"kelisim-broker-{os.getpid()}-{secrets.token_hex(4)}"
        """``CLIENT SETNAME`` of this broker's connections (``-pub`` suffix for publishing)."""
        self._publisher = Redis.from_pool(
            BlockingConnectionPool.from_url(
                url,
                max_connections=max_publish_connections,
                **self._connection_options(f"{self.client_name}-pub", retries=1),
            )
        )
        self._registry = Registry()
        self._changed = asyncio.Event()  # local subscriptions changed: sync them with Redis
        self._generation = 0  # number of pub/sub connections made so far
        self._connected = False
        self._requested: set[str] = set()  # channels SUBSCRIBEd on the current connection
        self._unconfirmed: dict[str, int] = {}  # channel -> SUBSCRIBE replies still to come
        self._live: set[str] = set()  # channels Redis confirmed on the current connection
        self._last_seen = 0.0  # loop time of the last reply on the pub/sub connection
        self._reader: asyncio.Task[None] | None = None
        self._first_attempt = asyncio.Event()
        self._closed = False

    def __repr__(self) -> str:
        state = "closed" if self._closed else "connected" if self._connected else "disconnected"
        return f"<RedisBroker {self.client_name} {state} channels={len(self._requested)}>"

    def _connection_options(self, name: str, *, retries: int) -> dict[str, Any]:
        # Our own code decides when to reconnect; redis-py's default retries with backoff
        # would make a publish during an outage hang for seconds instead of failing fast.
        # No socket_timeout: with one, redis-py sends through asyncio.wait_for, which on
        # Python 3.11 can swallow a cancellation and hang close(); we bound calls ourselves.
        return {
            "client_name": name,
            "retry": Retry(NoBackoff(), retries),
            "socket_connect_timeout": self._timeout,
            "socket_timeout": None,
            "socket_keepalive": True,
        }

    @property
    def connected(self) -> bool:
        """True while the pub/sub connection is up."""
        return self._connected

    async def start(self) -> None:
        """Start the reader and wait for its first connection attempt.

        Doesn't raise if Redis is down: the reader keeps retrying, and publishing raises
        :class:`BrokerUnavailable` meanwhile.
        """
        if self._reader is not None or self._closed:
            return
        self._reader = asyncio.create_task(self._run(), name=f"{self.client_name}-reader")
        first = asyncio.create_task(self._first_attempt.wait())
        await asyncio.wait({self._reader, first}, return_when=asyncio.FIRST_COMPLETED)
        first.cancel()

    async def close(self) -> None:
        """Close every subscription, stop the reader and close both connections. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._registry.close_all()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._publisher.aclose()

    async def publish(self, channel: str, data: bytes) -> None:
        """PUBLISH ``data`` on ``channel``; raise :class:`BrokerUnavailable` if Redis fails."""
        if self._closed:
            raise BrokerUnavailable(f"cannot publish on {channel!r}: the broker is closed")
        try:
            async with asyncio.timeout(self._timeout):
                await self._publisher.publish(channel, data)
        except (RedisError, OSError, TimeoutError) as exc:
            raise BrokerUnavailable(
                f"cannot publish on {channel!r}: {type(exc).__name__}: {exc}"
            ) from exc

    def subscribe(self, channel: str, *, max_queue: int = DEFAULT_MAX_QUEUE) -> Subscription:
        """Subscribe to ``channel``; it is ready once Redis confirms (see ``ready()``)."""
        subscription = Subscription(channel, max_queue, self._forget)
        if self._closed:
            subscription.close()
            return subscription
        self._registry.add(subscription)
        if channel in self._live:
            subscription.generation = self._generation
            subscription.mark_ready()
        else:
            self._changed.set()
        return subscription

    async def ping(self) -> bool:
        """True if Redis answers on the publishing connection and the reader is connected."""
        if self._closed:
            return False
        try:
            async with asyncio.timeout(self._timeout):
                answered = bool(await self._publisher.ping())
        except (RedisError, OSError, TimeoutError):
            return False
        return answered and self._connected

    def _forget(self, subscription: Subscription) -> None:
        if self._registry.remove(subscription):
            self._changed.set()

    # The reader: one pub/sub connection at a time, reconnecting with backoff.

    async def _run(self) -> None:
        delay = self._reconnect_min
        failed_in_a_row = 0
        while True:
            generation = self._generation
            try:
                await self._session()
            except Exception as exc:  # any failure ends this connection; the next one retries
                if self._generation > generation:  # it had connected: start the backoff afresh
                    delay, failed_in_a_row = self._reconnect_min, 0
                # Warn once per outage; further failed attempts are only worth a debug line.
                logger.log(
                    logging.DEBUG if failed_in_a_row else logging.WARNING,
                    "redis broker %s: pub/sub connection %s (%s: %s); retrying in %.2f s",
                    self.client_name,
                    "failed" if failed_in_a_row else "lost or refused",
                    type(exc).__name__,
                    exc,
                    delay,
                )
                failed_in_a_row += 1
            finally:
                self._connected = False
                self._live.clear()
                self._first_attempt.set()
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._reconnect_max)

    async def _session(self) -> None:
        client = Redis.from_url(self._url, **self._connection_options(self.client_name, retries=0))
        pubsub = client.pubsub()
        try:
            # Bounded as a whole: a server that accepts TCP but never answers (stopped,
            # overloaded) would otherwise hang the handshake, which has no socket_timeout.
            async with asyncio.timeout(self._timeout):
                await pubsub.connect()  # type: ignore[no-untyped-call]  # redis-py: untyped
            self._generation += 1
            if self._generation > 1 and self._on_reconnect is not None:
                self._on_reconnect()
            self._requested = set()
            self._unconfirmed = {}
            self._last_seen = asyncio.get_running_loop().time()
            self._connected = True
            self._first_attempt.set()
            self._changed.set()  # (re)subscribe every channel
            async with asyncio.TaskGroup() as tasks:
                tasks.create_task(self._read(pubsub, self._generation))
                tasks.create_task(self._sync(pubsub))
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call,unused-ignore]
            await client.aclose()

    async def _read(self, pubsub: PubSub, generation: int) -> None:
        loop = asyncio.get_running_loop()
        while True:
            message = await pubsub.get_message(timeout=None)
            self._last_seen = loop.time()
            if message is None:
                continue
            kind = message["type"]
            if kind == "message":
                data = message["data"]
                for subscription in self._registry.get(message["channel"].decode()):
                    subscription.deliver(data)
            elif kind == "subscribe":
                self._confirmed(message["channel"].decode(), generation)

    def _confirmed(self, channel: str, generation: int) -> None:
        left = self._unconfirmed.get(channel, 0) - 1
        if left > 0:  # a later SUBSCRIBE of the same channel is still in flight
            self._unconfirmed[channel] = left
            return
        self._unconfirmed.pop(channel, None)
        if channel not in self._requested:  # unsubscribed again meanwhile
            return
        self._live.add(channel)
        for subscription in self._registry.get(channel):
            if subscription.generation is None:
                subscription.mark_ready()
            elif subscription.generation < generation:
                subscription.gap()  # it was live on a lost connection: messages were missed
            subscription.generation = generation

    async def _sync(self, pubsub: PubSub) -> None:
        """Apply local (un)subscriptions to Redis, and PING when idle to detect a dead link."""
        loop = asyncio.get_running_loop()
        pinged_at: float | None = None
        next_beat = loop.time() + self._heartbeat
        while True:
            try:
                async with asyncio.timeout_at(next_beat):
                    await self._changed.wait()
            except TimeoutError:
                if pinged_at is not None and self._last_seen < pinged_at:
                    raise _ConnectionLost(f"no reply to PING in {self._heartbeat} s") from None
                pinged_at = loop.time()
                next_beat = pinged_at + self._heartbeat
                await self._command(pubsub.ping())
                continue
            self._changed.clear()
            wanted = self._registry.channels()
            gone = self._requested - wanted
            new = wanted - self._requested
            if gone:
                self._requested -= gone
                self._live -= gone
                await self._command(pubsub.unsubscribe(*sorted(gone)))
            if new:
                self._requested |= new
                for channel in new:
                    self._unconfirmed[channel] = self._unconfirmed.get(channel, 0) + 1
                await self._command(pubsub.subscribe(*sorted(new)))

    async def _command(self, command: Awaitable[object]) -> None:
        """Send a command on the pub/sub connection; its reply arrives through ``_read``."""
        try:
            async with asyncio.timeout(self._timeout):
                await command
        except TimeoutError:
            raise _ConnectionLost(f"no room to send a command in {self._timeout} s") from None
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            # Belt and braces: a library that swallowed our cancellation must not keep this
            # loop alive, or close() and reconnection would hang.
            raise asyncio.CancelledError
