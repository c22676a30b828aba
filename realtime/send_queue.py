"""What one socket's writer has still to send: bounded, ``put`` never waits, ``join`` waits until
everything put was sent.

Why not ``asyncio.Queue``: a room socket is idle nearly all its life, and an ``asyncio.Queue``
allocates three deques and an ``Event`` (a fourth) when it is made, 3 KiB per socket on
CPython 3.11 before anything is queued; with thousands of idle sockets that was the largest
single part of our own memory per connection. This holds a list (56 bytes while empty) and a
future only while the writer waits for a frame or a hand-over waits for the queue to drain.
Only the connection's one writer reads it.
"""

from __future__ import annotations

import asyncio


class SendQueue:
    """A FIFO of encoded frames for one writer; ``put`` returns False when it is full."""

    __slots__ = ("_drained", "_getter", "_items", "_max_size", "_unfinished")

    def __init__(self, max_size: int) -> None:
        if max_size < 1:
            raise ValueError(f"max_size must be at least 1, got {max_size}")
        self._max_size = max_size
        self._items: list[bytes] = []  # at most a few hundred: pop(0) is cheap
        self._unfinished = 0  # put and not yet marked done (queued, or being sent)
        self._getter: asyncio.Future[None] | None = None
        self._drained: asyncio.Future[None] | None = None

    def __len__(self) -> int:
        return len(self._items)

    def put(self, data: bytes) -> bool:
        """Queue ``data`` for the writer; False (nothing queued) when ``max_size`` are waiting."""
        if len(self._items) >= self._max_size:
            return False
        self._items.append(data)
        self._unfinished += 1
        if self._getter is not None and not self._getter.done():
            self._getter.set_result(None)
        return True

    async def get(self) -> bytes:
        """The next frame, waiting for one; call ``task_done`` once it is sent."""
        while not self._items:
            self._getter = asyncio.get_running_loop().create_future()
            try:
                await self._getter
            finally:
                self._getter = None
        return self._items.pop(0)

    def get_nowait(self) -> bytes:
        """The next frame; raises IndexError when none waits. Call ``task_done`` after."""
        return self._items.pop(0)

    def peek_all(self) -> tuple[bytes, ...]:
        """Every frame waiting, oldest first, left in the queue: a writer that sends them all at
        once calls ``done_with`` after, or leaves them for later if the socket cannot take them."""
        return tuple(self._items)

    def done_with(self, count: int) -> None:
        """The ``count`` oldest frames were sent: taken and marked done in one step."""
        del self._items[:count]
        self._unfinished -= count
        if self._unfinished <= 0 and self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    def task_done(self) -> None:
        """The frame from the last ``get`` was sent (or could not be)."""
        self._unfinished -= 1
        if self._unfinished <= 0 and self._drained is not None and not self._drained.done():
            self._drained.set_result(None)

    async def join(self) -> None:
        """Wait until every frame put so far has been taken and marked done."""
        if self._unfinished <= 0:
            return
        if self._drained is None or self._drained.done():
            self._drained = asyncio.get_running_loop().create_future()
        await asyncio.shield(self._drained)
