"""Brokers: publish a committed event's bytes on a channel, fan them out to subscribers.

Fan-out is at-most-once on purpose. Every room event is committed to the database with a
per-case sequence number *before* it is published, so the database can always serve what the
broker dropped; a client that sees a ``GAP`` or a jump in sequence numbers refills from it.
That lets publishing stay fast and never wait on a slow subscriber, and lets Redis restart
without losing anything that matters.

Two implementations share :class:`~realtime.subscription.Subscription`:

* :class:`InProcessBroker` for a single process (the default);
* :class:`~realtime.broker_redis.RedisBroker` for several app instances behind a load balancer.

Use :func:`make_broker` to pick one from settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from realtime.broker_redis import RedisBroker
from realtime.errors import BrokerUnavailable, SubscriptionClosed
from realtime.mailbox import GAP, GapType
from realtime.subscription import Registry, Subscription

__all__ = [
    "GAP",
    "Broker",
    "BrokerUnavailable",
    "GapType",
    "InProcessBroker",
    "RedisBroker",
    "Subscription",
    "SubscriptionClosed",
    "make_broker",
]

DEFAULT_MAX_QUEUE = 1024


class Broker(Protocol):
    """What the app needs from a broker; see the module docstring for delivery guarantees."""

    async def start(self) -> None:
        """Get ready to publish and deliver. Doesn't fail when a remote server is down."""

    async def close(self) -> None:
        """Close every subscription and release connections and tasks. Idempotent."""

    async def publish(self, channel: str, data: bytes) -> None:
        """Send ``data`` to every subscriber of ``channel``, at most once.

        Never waits on subscribers. Raises :class:`BrokerUnavailable` if the message could not
        be handed over; the event is already committed, so log it and carry on.
        """

    def subscribe(self, channel: str, *, max_queue: int = DEFAULT_MAX_QUEUE) -> Subscription:
        """Start receiving ``channel``; see :meth:`Subscription.ready` before reading backlog."""
        ...

    async def ping(self) -> bool:
        """Health check: True if publishing works right now. Never raises."""
        ...


class InProcessBroker:
    """A broker for one process: ``publish`` puts the message straight into each subscriber's
    bounded queue, synchronously, so it never blocks and never waits on anyone.

    Subscriptions are ready as soon as they are created.
    """

    def __init__(self) -> None:
        self._registry = Registry()
        self._closed = False

    def __repr__(self) -> str:
        return f"<InProcessBroker channels={len(self._registry.channels())}>"

    async def start(self) -> None:
        """Nothing to connect; present so both brokers share one lifecycle."""

    async def close(self) -> None:
        self._closed = True
        self._registry.close_all()

    async def publish(self, channel: str, data: bytes) -> None:
        if self._closed:
            raise BrokerUnavailable(f"cannot publish on {channel!r}: the broker is closed")
        for subscription in self._registry.get(channel):
            subscription.deliver(data)

    def subscribe(self, channel: str, *, max_queue: int = DEFAULT_MAX_QUEUE) -> Subscription:
        subscription = Subscription(channel, max_queue, self._registry.remove)
        if self._closed:
            subscription.close()
            return subscription
        self._registry.add(subscription)
        subscription.mark_ready()
        return subscription

    async def ping(self) -> bool:
        return not self._closed


def make_broker(redis_url: str | None, *, on_reconnect: Callable[[], None] | None = None) -> Broker:
    """The broker the settings ask for: Redis when a URL is given, otherwise in-process (which
    never reconnects, so never calls ``on_reconnect``)."""
    if redis_url:
        return RedisBroker(redis_url, on_reconnect=on_reconnect)
    return InProcessBroker()
