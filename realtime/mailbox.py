"""A bounded per-subscriber queue that never makes the producer wait.

Why: fan-out must never wait on the slowest consumer (see the websockets ``broadcast`` essay).
A consumer that falls ``max_size`` messages behind has its backlog thrown away and receives one
``GAP`` instead; it then refills from the database, which it can do because every event carries a
per-case sequence number. Dropping the backlog, rather than the newest messages, lets the
consumer resume on live traffic right after the refill.
"""

from __future__ import annotations

import asyncio
import enum
from typing import Final

from realtime.errors import SubscriptionClosed


class GapType(enum.Enum):
    """The type of :data:`GAP`; an enum so that type checkers narrow ``bytes | GapType``."""

    GAP = "GAP"

    def __repr__(self) -> str:
        return "GAP"


GAP: Final = GapType.GAP
"""Delivered in place of messages that may have been lost.

On receiving it, a consumer must refill from the event log (from the last sequence number it
saw) before trusting the stream again. Several losses in a row are reported as one ``GAP``.
"""

Message = bytes | GapType


class Mailbox:
    """A bounded FIFO of messages for one consumer; ``put`` is synchronous and never blocks."""

    def __init__(self, max_size: int) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        self._max_size = max_size
        # A list and futures made only while a consumer waits, not a deque and an Event: every
        # idle socket holds a mailbox, and those two cost 1.5 KiB before anything arrives (a
        # deque allocates a block of 64 slots up front). The queue is short: pop(0) is cheap.
        self._items: list[Message] = []
        self._waiters: list[asyncio.Future[None]] = []
        self._closed = False
        self.overflows = 0
        """How many times the backlog was dropped for a ``GAP``."""

    @property
    def closed(self) -> bool:
        return self._closed

    def __len__(self) -> int:
        return len(self._items)

    def put(self, message: Message) -> bool:
        """Queue ``message``; return False if it overflowed the queue (backlog replaced by GAP).

        A ``GAP`` right behind another ``GAP`` is dropped: one refill covers both.
        """
        if self._closed:
            return True
        if message is GAP and self._items and self._items[-1] is GAP:
            return True
        overflowed = len(self._items) >= self._max_size
        if overflowed:
            self.overflows += 1
            self._items.clear()
            self._items.append(GAP)
            if message is not GAP and self._max_size > 1:
                self._items.append(message)
        else:
            self._items.append(message)
        self._wake()
        return not overflowed

    def gap(self) -> None:
        """Queue a ``GAP`` (messages were lost upstream of this mailbox)."""
        self.put(GAP)

    async def get(self) -> Message:
        """Wait for the next message; raise :class:`SubscriptionClosed` once closed."""
        while (message := self.get_nowait()) is None:
            waiter = self.arrival()
            try:
                await waiter
            except BaseException:  # cancelled (a timeout): not left behind for every retry
                if waiter in self._waiters:
                    self._waiters.remove(waiter)
                raise
        return message

    def get_nowait(self) -> Message | None:
        """The next message if one is queued, else None (then await :meth:`arrival`); raise
        :class:`SubscriptionClosed` once closed.

        For a consumer that waits in a loop of its own (a room socket's pump): each wait is
        then one future, where ``await get()`` also makes two coroutines that live until the
        next message. Thousands of idle sockets' waiting state is what every young collection
        of the garbage collector traverses, and its pauses are the room's p99 (#16)."""
        if self._items:
            return self._items.pop(0)
        if self._closed:
            raise SubscriptionClosed("closed")
        return None

    def arrival(self) -> asyncio.Future[None]:
        """A future done when a message is queued or the mailbox closes. One its waiter gave up
        on stays referenced until then: don't ask for one per timeout in a loop (``get`` does
        it right)."""
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        return waiter

    def close(self) -> None:
        """Drop the backlog and wake every waiting ``get``; idempotent."""
        self._closed = True
        self._items.clear()
        self._wake()

    def _wake(self) -> None:
        if not self._waiters:
            return
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)
