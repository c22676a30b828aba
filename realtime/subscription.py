"""One consumer's view of one broker channel, shared by every broker implementation.

Brokers keep a :class:`Registry` of subscriptions per channel and call ``deliver`` / ``gap`` /
``mark_ready`` on them; consumers only see the public :class:`Subscription` methods.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator

from realtime.errors import SubscriptionClosed
from realtime.mailbox import GAP, Message
from realtime.stream import Stream

logger = logging.getLogger(__name__)


class Subscription(Stream):
    """Messages published on one channel after this subscription became ready.

    Delivery is at-most-once. Whenever messages may have been lost, the subscription yields
    :data:`~realtime.mailbox.GAP` instead: when its queue of ``max_queue`` messages overflowed
    (the consumer was too slow), or when the broker lost and regained its connection.

    Call :meth:`ready` (or enter ``async with``) *before* reading the backlog from the database:
    from then on every message published is either delivered or covered by a later ``GAP``.

    Usable as ``async for message in subscription`` (ends when it closes) and as
    ``async with broker.subscribe(channel) as subscription`` (waits until ready, closes on exit).
    """

    def __init__(
        self, channel: str, max_queue: int, on_close: Callable[[Subscription], object]
    ) -> None:
        super().__init__(channel, max_queue)
        self._ready = False
        self._settled = asyncio.Event()  # set once ready or closed, whichever comes first
        self._on_close = on_close
        self._forward: Callable[[Message], None] | None = None
        self._forward_closed: Callable[[], None] | None = None
        self.generation: int | None = None
        """Broker bookkeeping: the connection on which this subscription was last confirmed."""

    def __repr__(self) -> str:
        state = "closed" if self.closed else "ready" if self._ready else "pending"
        return f"<Subscription {self._channel!r} {state}>"

    @property
    def closed(self) -> bool:
        return self._mailbox.closed

    async def ready(self) -> None:
        """Wait until the broker is delivering this channel to this subscription.

        Returns at once for the in-process broker. For Redis it waits for the server to confirm
        the subscription, which may take until Redis is reachable again: bound it with
        ``asyncio.timeout`` if you'd rather refill from the database and rely on ``GAP``.
        Raises :class:`SubscriptionClosed` if the subscription closes first.
        """
        if self.closed:
            raise SubscriptionClosed(f"subscription to {self._channel!r} is closed")
        await self._settled.wait()
        if self.closed:
            raise SubscriptionClosed(f"subscription to {self._channel!r} is closed")

    def close(self) -> None:
        """Stop receiving; wake any waiting ``get``. Idempotent, and never waits."""
        if self._mailbox.closed:
            return
        self._mailbox.close()
        self._settled.set()
        self._on_close(self)
        closed, self._forward, self._forward_closed = self._forward_closed, None, None
        if closed is not None:
            closed()

    def forward(self, to: Callable[[Message], None], closed: Callable[[], None]) -> None:
        """From now on hand each message (or ``GAP``) to ``to`` as the broker delivers it,
        instead of queueing it for ``get``; call ``closed`` once when the subscription closes.

        For a consumer that only copies messages on without awaiting (the hub): no task has to
        wait on the queue, one per open channel, and each message is one wake-up fewer on its way
        to a socket (#16). ``to`` must not block; what it raises is logged, not the broker's."""
        if self._mailbox.closed:  # closed before forwarding began: say so now
            closed()
            return
        self._forward, self._forward_closed = to, closed
        while (queued := self._mailbox.get_nowait()) is not None:
            self._hand_on(queued)

    def _hand_on(self, message: Message) -> None:
        assert self._forward is not None
        try:
            self._forward(message)
        except Exception:
            logger.exception("forwarding a message of %r failed", self._channel)

    def _end(self) -> None:
        self.close()

    # Broker side.

    @property
    def is_ready(self) -> bool:
        return self._ready

    def mark_ready(self) -> None:
        self._ready = True
        self._settled.set()

    def deliver(self, message: Message) -> None:
        if self._forward is not None:
            self._hand_on(message)
        else:
            self._mailbox.put(message)

    def gap(self) -> None:
        if self._forward is not None:
            self._hand_on(GAP)
        else:
            self._mailbox.gap()


class Registry:
    """Local subscriptions per channel, for a broker to fan one message out to many consumers."""

    def __init__(self) -> None:
        self._channels: dict[str, set[Subscription]] = {}

    def __contains__(self, channel: object) -> bool:
        return channel in self._channels

    def channels(self) -> set[str]:
        return set(self._channels)

    def get(self, channel: str) -> list[Subscription]:
        return list(self._channels.get(channel, ()))

    def __iter__(self) -> Iterator[Subscription]:
        return iter([s for subs in self._channels.values() for s in subs])

    def add(self, subscription: Subscription) -> bool:
        """Add ``subscription``; return True if it is the channel's first one."""
        subs = self._channels.setdefault(subscription.channel, set())
        subs.add(subscription)
        return len(subs) == 1

    def remove(self, subscription: Subscription) -> bool:
        """Remove ``subscription``; return True if it was the channel's last one."""
        subs = self._channels.get(subscription.channel)
        if subs is None or subscription not in subs:
            return False
        subs.discard(subscription)
        if subs:
            return False
        del self._channels[subscription.channel]
        return True

    def close_all(self) -> None:
        for subscription in list(self):
            subscription.close()
