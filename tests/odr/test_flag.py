"""``odr.flag.Flag``: set once, seen by every waiter, forgets a waiter that left."""

from __future__ import annotations

import asyncio

from odr.flag import Flag, first_done


async def test_every_waiter_sees_the_flag_set_and_a_late_one_at_once() -> None:
    flag = Flag()
    first, second = flag.future(), flag.future()
    waiting = asyncio.create_task(flag.wait())
    await asyncio.sleep(0)
    assert not (first.done() or second.done() or waiting.done())
    flag.set()
    await waiting
    assert first.done() and second.done() and flag.is_set()
    assert flag.future().done()  # set already: no waiting


async def test_a_waiter_that_left_is_not_kept() -> None:
    flag = Flag()
    left = flag.future()
    left.cancel()
    flag.discard(left)
    assert len(flag._waiters) == 0
    cancelled = asyncio.create_task(flag.wait())
    await asyncio.sleep(0)
    cancelled.cancel()
    await asyncio.gather(cancelled, return_exceptions=True)
    assert len(flag._waiters) == 0
    flag.set()  # nothing left to resolve, nothing raised


async def test_first_done_returns_with_the_first_and_leaves_no_callback_behind() -> None:
    loop = asyncio.get_running_loop()
    slow, quick = loop.create_future(), loop.create_future()
    waiting = asyncio.create_task(first_done(slow, quick))
    await asyncio.sleep(0)
    assert not waiting.done()
    quick.set_result(None)
    await waiting
    assert not slow._callbacks  # nothing of first_done is left on the other
