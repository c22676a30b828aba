"""``Flag``: an ``asyncio.Event`` whose waiters hold a plain future instead of a task.

Why: every open room socket waits, for as long as it is open, for two things that almost never
happen — its session ending and the instance stopping. With ``asyncio.Event`` each wait is a
task (its coroutine frame, the event's waiter future and a context): two tasks per idle socket,
kept for hours. A future resolved by ``set`` is a fraction of that (bench/realtime.py --memory).
A waiter that stops waiting must ``discard`` its future, or the flag keeps it. ``first_done``
waits for the first of several such futures, without ``asyncio.wait``'s per-call set and waiter.
"""

from __future__ import annotations

import asyncio
from typing import Any


class Flag:
    __slots__ = ("_is_set", "_waiters")

    def __init__(self) -> None:
        self._is_set = False
        self._waiters: set[asyncio.Future[None]] = set()

    def is_set(self) -> bool:
        return self._is_set

    def set(self) -> None:
        if self._is_set:
            return
        self._is_set = True
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def future(self) -> asyncio.Future[None]:
        """A future done once the flag is set (at once if it is); ``discard`` it when done with
        it before then."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if self._is_set:
            waiter.set_result(None)
        else:
            self._waiters.add(waiter)
        return waiter

    def discard(self, waiter: asyncio.Future[None]) -> None:
        self._waiters.discard(waiter)

    async def wait(self) -> None:
        if self._is_set:
            return
        waiter = self.future()
        try:
            await waiter
        finally:
            self.discard(waiter)


async def first_done(*waited: asyncio.Future[Any]) -> None:
    """Return once any of ``waited`` is done. ``asyncio.wait`` would do, but it keeps a set and
    a waiter per call alive for as long as the socket is open (1.6 KiB per idle socket)."""
    first = asyncio.get_running_loop().create_future()

    def settle(_: asyncio.Future[Any]) -> None:
        if not first.done():
            first.set_result(None)

    for future in waited:
        future.add_done_callback(settle)
    try:
        await first
    finally:
        for future in waited:
            future.remove_done_callback(settle)
