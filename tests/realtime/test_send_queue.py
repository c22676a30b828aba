"""A socket's send queue and a listener's mailbox: their contract, and what an idle one costs.

Thousands of sockets sit idle for hours, each holding one of each; ``asyncio.Queue`` and
``asyncio.Event`` allocate deques up front (about 3 KiB and 1.5 KiB), which was the largest part
of our own memory per idle connection (docs/operations.md, "Benchmarks").
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc

import pytest

from realtime import GAP, SubscriptionClosed
from realtime.mailbox import Mailbox
from realtime.send_queue import SendQueue


async def test_frames_come_out_in_order_and_a_full_queue_refuses() -> None:
    queue = SendQueue(3)
    assert [queue.put(b"a"), queue.put(b"b"), queue.put(b"c")] == [True] * 3
    assert queue.put(b"d") is False  # full: refused, nothing queued, never waits
    assert len(queue) == 3
    assert [await queue.get() for _ in range(3)] == [b"a", b"b", b"c"]
    assert queue.put(b"e") is True


async def test_get_waits_for_a_frame() -> None:
    queue = SendQueue(4)
    getting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    assert not getting.done()
    queue.put(b"x")
    assert await asyncio.wait_for(getting, 1) == b"x"


async def test_a_cancelled_get_leaves_the_queue_usable() -> None:
    queue = SendQueue(4)
    getting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    getting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await getting
    queue.put(b"x")
    assert await asyncio.wait_for(queue.get(), 1) == b"x"


async def test_join_waits_until_every_frame_is_marked_sent() -> None:
    queue = SendQueue(4)
    await asyncio.wait_for(queue.join(), 1)  # nothing queued: at once
    queue.put(b"a")
    queue.put(b"b")
    joined = asyncio.create_task(queue.join())
    await queue.get()
    queue.task_done()
    await asyncio.sleep(0)
    assert not joined.done(), "one frame is still queued"
    await queue.get()
    await asyncio.sleep(0)
    assert not joined.done(), "taken but not yet sent"
    queue.task_done()
    await asyncio.wait_for(joined, 1)


async def test_a_join_given_up_on_does_not_break_the_next() -> None:
    queue = SendQueue(4)
    queue.put(b"a")
    with pytest.raises(TimeoutError):
        async with asyncio.timeout(0.01):
            await queue.join()
    await queue.get()
    queue.task_done()
    await asyncio.wait_for(queue.join(), 1)


def test_the_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        SendQueue(0)


async def test_a_closed_mailbox_wakes_every_waiting_get() -> None:
    mailbox = Mailbox(4)
    waiting = [asyncio.create_task(mailbox.get()) for _ in range(2)]
    await asyncio.sleep(0)
    mailbox.close()
    for task in waiting:
        with pytest.raises(SubscriptionClosed):
            await asyncio.wait_for(task, 1)


async def test_a_cancelled_get_leaves_the_mailbox_usable() -> None:
    mailbox = Mailbox(4)
    cancelled = asyncio.create_task(mailbox.get())
    other = asyncio.create_task(mailbox.get())
    await asyncio.sleep(0)
    cancelled.cancel()
    mailbox.put(b"x")
    assert await asyncio.wait_for(other, 1) == b"x"
    mailbox.put(b"y")
    mailbox.gap()
    assert [await mailbox.get(), await mailbox.get()] == [b"y", GAP]


async def test_idle_queues_and_mailboxes_hold_little_memory() -> None:
    """An idle one costs a few hundred bytes, not the kilobytes of asyncio's queue and event."""
    count = 200
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        kept = [(SendQueue(256), Mailbox(256)) for _ in range(count)]
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert len(kept) == count
    assert held / count < 600, f"{held / count:.0f} bytes per idle queue and mailbox"
