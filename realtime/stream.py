"""What every consumer of a channel can do with its mailbox: ``get``, ``async for``, ``async with``.

A broker's :class:`~realtime.subscription.Subscription` and the hub's
:class:`~realtime.hub.Listener` are the same kind of thing seen from two sides (one consumer
reading one channel through a bounded :class:`~realtime.mailbox.Mailbox`); they differ only in
how they become ready and how they stop. So this base holds the reading and the protocol
plumbing once, and each subclass says how to :meth:`~Stream.ready` and how to :meth:`~Stream._end`.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self

from realtime.errors import SubscriptionClosed
from realtime.mailbox import GapType, Mailbox


class Stream(ABC):
    """One consumer's view of one channel, read through a bounded mailbox.

    Usable as ``async for message in stream`` (ends when the stream closes) and as
    ``async with stream`` (waits until :meth:`ready`, ends the stream on exit, and also when
    ``ready`` itself fails, so a stream that never became ready is not left behind).
    """

    def __init__(self, channel: str, max_queue: int) -> None:
        self._channel = channel
        self._mailbox = Mailbox(max_queue)

    @property
    def channel(self) -> str:
        return self._channel

    @property
    def overflowed(self) -> bool:
        """True once this stream's bounded queue has overflowed at least once; stays True."""
        return self._mailbox.overflows > 0

    async def get(self) -> bytes | GapType:
        """Return the next message, or ``GAP``; raise :class:`SubscriptionClosed` once closed."""
        return await self._mailbox.get()

    def get_nowait(self) -> bytes | GapType | None:
        """The next message or ``GAP`` if one is queued, else None: then await :meth:`arrival`
        (one future per wait instead of a coroutine chain; see ``Mailbox.get_nowait``)."""
        return self._mailbox.get_nowait()

    def arrival(self) -> asyncio.Future[None]:
        """A future done when a message is queued or the stream closes."""
        return self._mailbox.arrival()

    @abstractmethod
    async def ready(self) -> None:
        """Wait until messages published from now on reach this stream."""

    @abstractmethod
    def _end(self) -> None:
        """Stop the stream (the subclass's public ``close`` or ``leave``); idempotent."""

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> bytes | GapType:
        try:
            return await self._mailbox.get()
        except SubscriptionClosed:
            raise StopAsyncIteration from None

    async def __aenter__(self) -> Self:
        try:
            await self.ready()
        except BaseException:
            self._end()
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._end()
