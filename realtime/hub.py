"""Per-process fan-out from the broker to local WebSocket connections.

Why a hub: tens of sockets in one process may watch the same case. Subscribing each of them to
the broker would multiply Redis traffic and per-channel bookkeeping, so the hub holds at most one
broker subscription per channel and copies each message into every local listener's bounded
queue. Copying never awaits, so one slow socket can't delay the others (practice 10, and the
websockets ``broadcast`` essay): a listener that falls ``queue_size`` messages behind has its
backlog replaced by ``GAP`` and is marked :attr:`Listener.overflowed`; the endpoint then drops or
resyncs that client from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from realtime.broker import Broker
from realtime.errors import SubscriptionClosed
from realtime.mailbox import Message
from realtime.stream import Stream
from realtime.subscription import Subscription

logger = logging.getLogger(__name__)


class Listener(Stream):
    """One local connection watching one channel, created by :meth:`Hub.join`.

    ``get()`` returns the channel's messages in publish order, or ``GAP`` when some may have
    been lost (its own queue overflowed, or the broker reported a gap); it raises
    :class:`~realtime.errors.SubscriptionClosed` after :meth:`leave` or when the hub or broker
    closes. Also usable as ``async for`` (ends on close) and ``async with hub.join(channel)``
    (waits until :meth:`ready`, leaves on exit).
    """

    def __init__(self, hub: Hub, channel: str, queue_size: int) -> None:
        super().__init__(channel, queue_size)
        self._hub = hub

    def __repr__(self) -> str:
        state = "left" if self._mailbox.closed else "overflowed" if self.overflowed else "ok"
        return f"<Listener {self._channel!r} {state} queued={len(self._mailbox)}>"

    @property
    def left(self) -> bool:
        """True once the listener has left or was closed by the hub."""
        return self._mailbox.closed

    async def ready(self) -> None:
        """Wait until the broker delivers this channel; do it before reading the backlog."""
        if self._mailbox.closed:
            raise SubscriptionClosed(f"listener of {self._channel!r} has left")
        await self._hub._subscription(self._channel).ready()

    def leave(self) -> None:
        """Stop listening; wake a waiting ``get``. Idempotent, never waits."""
        if self._mailbox.closed:
            return
        self._mailbox.close()
        self._hub._leave(self)

    def _end(self) -> None:
        self.leave()

    def _deliver(self, message: Message) -> None:
        if not self._mailbox.put(message) and self._mailbox.overflows == 1:
            logger.info("listener of %r overflowed; it must resync", self._channel)

    def _close(self) -> None:
        self._mailbox.close()


@dataclass(eq=False)
class _Room:
    """The one broker subscription of a channel and the local listeners sharing it."""

    subscription: Subscription
    listeners: set[Listener] = field(default_factory=set)


class Hub:
    """Shares one broker subscription per channel among this process's local listeners.

    ``queue_size`` bounds each listener's queue; ``subscription_queue`` bounds the shared broker
    subscription's queue only until the hub forwards it, right after subscribing.
    ``on_message(channel, message)`` sees each message once as it arrives in this process,
    before the listeners get it (the app measures broker lag with it); it must be quick and
    must not raise.
    """

    def __init__(
        self,
        broker: Broker,
        *,
        queue_size: int = 256,
        subscription_queue: int = 1024,
        on_message: Callable[[str, bytes], None] | None = None,
    ) -> None:
        if queue_size < 1:
            raise ValueError(f"queue_size must be at least 1, got {queue_size}")
        self._broker = broker
        self._on_message = on_message
        self._queue_size = queue_size
        self._subscription_queue = subscription_queue
        self._rooms: dict[str, _Room] = {}
        self._closed = False

    def __repr__(self) -> str:
        return f"<Hub channels={len(self._rooms)}>"

    @property
    def channels(self) -> set[str]:
        """Channels with at least one listener, i.e. with a broker subscription."""
        return set(self._rooms)

    def listener_count(self, channel: str) -> int:
        room = self._rooms.get(channel)
        return len(room.listeners) if room else 0

    def join(self, channel: str) -> Listener:
        """Start watching ``channel`` for one local connection (subscribes on the first)."""
        listener = Listener(self, channel, self._queue_size)
        if self._closed:
            listener._close()
            return listener
        room = self._rooms.get(channel)
        if room is not None:
            room.listeners.add(listener)
            return listener
        subscription = self._broker.subscribe(channel, max_queue=self._subscription_queue)
        new = self._rooms[channel] = _Room(subscription, {listener})
        # Copied on as the broker delivers: no task per open channel waiting on its queue.
        subscription.forward(
            lambda message: self._fan_out(channel, new, message),
            lambda: self._closed_under(channel, new),
        )
        return listener

    async def close(self) -> None:
        """Close every listener and broker subscription. Idempotent.

        Doesn't close the broker, which the app owns.
        """
        self._closed = True
        for channel in list(self._rooms):
            self._drop(channel)

    def _subscription(self, channel: str) -> Subscription:
        room = self._rooms.get(channel)
        if room is None:
            raise SubscriptionClosed(f"no listener of {channel!r}")
        return room.subscription

    def _leave(self, listener: Listener) -> None:
        room = self._rooms.get(listener.channel)
        if room is None or listener not in room.listeners:
            return
        room.listeners.discard(listener)
        if not room.listeners:
            self._drop(listener.channel)

    def _drop(self, channel: str) -> None:
        room = self._rooms.pop(channel)
        for listener in room.listeners:
            listener._close()
        room.listeners.clear()
        room.subscription.close()

    def _fan_out(self, channel: str, room: _Room, message: Message) -> None:
        """One message of ``channel`` into each local listener's mailbox; never awaits."""
        if self._on_message is not None and isinstance(message, bytes):
            self._on_message(channel, message)
        for listener in list(room.listeners):
            listener._deliver(message)

    def _closed_under(self, channel: str, room: _Room) -> None:
        """The broker closed the subscription (it is shutting down): nothing more will come."""
        if self._rooms.get(channel) is room:
            self._drop(channel)
