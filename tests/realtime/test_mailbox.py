"""The mailbox's waits without a coroutine per wait (``get_nowait`` + ``arrival``), and ``get``."""

from __future__ import annotations

import asyncio

import pytest

from realtime import GAP, SubscriptionClosed
from realtime.mailbox import Mailbox


async def test_a_consumer_waits_on_one_future_and_then_takes_the_message() -> None:
    box = Mailbox(4)
    assert box.get_nowait() is None
    arrived = box.arrival()
    assert not arrived.done()
    box.put(b"offer")
    assert arrived.done()
    assert box.get_nowait() == b"offer"
    assert box.get_nowait() is None


async def test_closing_wakes_the_waiter_and_then_refuses() -> None:
    box = Mailbox(4)
    arrived = box.arrival()
    box.close()
    assert arrived.done()
    with pytest.raises(SubscriptionClosed):
        box.get_nowait()


async def test_the_queued_backlog_is_read_before_the_mailbox_reports_overflow_as_gap() -> None:
    box = Mailbox(2)
    for n in range(3):
        box.put(b"%d" % n)
    assert [box.get_nowait(), box.get_nowait(), box.get_nowait()] == [GAP, b"2", None]


async def test_a_get_given_up_on_leaves_no_waiter_behind() -> None:
    box = Mailbox(4)
    for _ in range(50):
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.001):
                await box.get()
    assert box._waiters == []
    getter = asyncio.create_task(box.get())
    await asyncio.sleep(0)
    box.put(b"late")
    assert await getter == b"late"
