"""The hub: one broker subscription per channel per process, slow listeners isolated."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from realtime import (
    GAP,
    Hub,
    InProcessBroker,
    Listener,
    RedisBroker,
    Subscription,
    SubscriptionClosed,
)
from realtime.mailbox import GapType

WAIT = 5.0

Message = bytes | GapType


class SpyBroker(InProcessBroker):
    """An in-process broker that remembers every subscription it handed out."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[Subscription] = []

    def subscribe(self, channel: str, *, max_queue: int = 1024) -> Subscription:
        subscription = super().subscribe(channel, max_queue=max_queue)
        self.made.append(subscription)
        return subscription

    def open_subscriptions(self, channel: str) -> int:
        return sum(1 for s in self.made if s.channel == channel and not s.closed)


@pytest.fixture
async def broker() -> AsyncIterator[SpyBroker]:
    spy = SpyBroker()
    await spy.start()
    yield spy
    await spy.close()


@pytest.fixture
async def hub(broker: SpyBroker) -> AsyncIterator[Hub]:
    made = Hub(broker, queue_size=8)
    yield made
    await made.close()


async def take(listener: Listener, count: int) -> list[Message]:
    async with asyncio.timeout(WAIT):
        return [await listener.get() for _ in range(count)]


async def test_many_listeners_share_one_subscription_per_channel(
    hub: Hub, broker: SpyBroker
) -> None:
    listeners = {c: [hub.join(c) for _ in range(25)] for c in ("case:1", "case:2")}
    assert len(broker.made) == 2
    assert hub.channels == {"case:1", "case:2"} and hub.listener_count("case:1") == 25
    for listener in listeners["case:1"]:
        await asyncio.wait_for(listener.ready(), WAIT)
    for n in range(5):
        await broker.publish("case:1", b"one %d" % n)
        await broker.publish("case:2", b"two %d" % n)
    for channel, group in listeners.items():
        prefix = b"one" if channel == "case:1" else b"two"
        for listener in group:
            assert await take(listener, 5) == [prefix + b" %d" % n for n in range(5)]


async def test_slow_listener_overflows_alone(hub: Hub, broker: SpyBroker) -> None:
    slow, fast = hub.join("case:1"), hub.join("case:1")
    got: list[Message] = []

    async def read_all() -> None:
        while len(got) < 100:
            got.append(await fast.get())

    reader = asyncio.create_task(read_all())
    for n in range(100):
        await asyncio.wait_for(broker.publish("case:1", b"%d" % n), WAIT)
        if n % 5 == 4:
            await asyncio.sleep(0)  # let the hub and the fast reader run, as a server would
    await asyncio.wait_for(reader, WAIT)
    assert got == [b"%d" % n for n in range(100)]
    assert slow.overflowed and not fast.overflowed
    assert await slow.get() is GAP
    backlog: list[Message] = []
    while backlog[-1:] != [b"99"]:
        backlog.append(await asyncio.wait_for(slow.get(), WAIT))
    assert len(backlog) < 8  # its backlog was dropped; it resyncs from the database
    assert not broker.made[0].overflowed  # the hub itself kept up


async def test_broker_gap_reaches_every_listener(broker: SpyBroker) -> None:
    hub = Hub(broker, queue_size=100, subscription_queue=2)
    try:
        listeners = [hub.join("case:1") for _ in range(3)]
        for n in range(5):  # more than the subscription's queue: copied on, none lost
            await broker.publish("case:1", b"%d" % n)
        (subscription,) = broker.made
        subscription.gap()  # the broker lost its connection (Redis restarted)
        for listener in listeners:
            assert await take(listener, 6) == [b"0", b"1", b"2", b"3", b"4", GAP]
            assert not listener.overflowed  # the gap was upstream, not this listener's fault
    finally:
        await hub.close()


async def test_no_task_waits_for_a_channel(broker: SpyBroker) -> None:
    """The hub copies each message on as the broker delivers it: an open channel costs no task
    (#16: a task and its waiting future per open room were part of every young collection)."""
    hub = Hub(broker)
    try:
        before = len(asyncio.all_tasks())
        listeners = [hub.join(f"case:{n}") for n in range(50)]
        assert len(asyncio.all_tasks()) == before
        await broker.publish("case:7", b"seven")
        assert await take(listeners[7], 1) == [b"seven"]
    finally:
        await hub.close()


async def test_last_leave_closes_the_subscription(hub: Hub, broker: SpyBroker) -> None:
    first, second = hub.join("case:1"), hub.join("case:1")
    waiting = asyncio.create_task(first.get())
    await asyncio.sleep(0)  # let it start waiting
    first.leave()
    first.leave()  # idempotent
    with pytest.raises(SubscriptionClosed):
        await asyncio.wait_for(waiting, WAIT)
    assert broker.open_subscriptions("case:1") == 1
    await broker.publish("case:1", b"for the second")
    assert await take(second, 1) == [b"for the second"]
    second.leave()
    assert broker.open_subscriptions("case:1") == 0
    assert hub.channels == set()
    again = hub.join("case:1")  # a fresh subscription
    await broker.publish("case:1", b"again")
    assert await take(again, 1) == [b"again"]
    assert len(broker.made) == 2


async def test_async_with_and_async_for(hub: Hub, broker: SpyBroker) -> None:
    async with hub.join("case:1") as listener:
        for n in range(3):
            await broker.publish("case:1", b"%d" % n)
        received: list[Message] = []
        async with asyncio.timeout(WAIT):
            async for message in listener:
                received.append(message)
                if len(received) == 3:
                    break
    assert received == [b"0", b"1", b"2"]
    assert listener.left and hub.channels == set()
    with pytest.raises(SubscriptionClosed):
        await listener.ready()


async def test_close_ends_every_listener_and_subscription(broker: SpyBroker) -> None:
    hub = Hub(broker)
    listeners = [hub.join(f"case:{n % 3}") for n in range(9)]
    await hub.close()
    await hub.close()  # idempotent
    assert all(listener.left for listener in listeners)
    assert all(s.closed for s in broker.made)
    with pytest.raises(SubscriptionClosed):
        await hub.join("case:1").get()


async def test_broker_closing_under_the_hub_ends_its_listeners(hub: Hub, broker: SpyBroker) -> None:
    listener = hub.join("case:1")
    await broker.close()
    assert [m async for m in listener] == []  # ends instead of hanging
    assert hub.channels == set()


@pytest.mark.redis
async def test_hub_over_redis_holds_one_redis_subscription_per_channel() -> None:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            pass
    except OSError as exc:
        message = f"Redis on 127.0.0.1:6379 is not reachable: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    url = "redis://127.0.0.1:6379/0"
    broker, admin = RedisBroker(url), Redis.from_url(url)
    await broker.start()
    hub = Hub(broker)
    try:
        channels = [f"kelisim-test:hub:{uuid.uuid4().hex}" for _ in range(3)]
        listeners = [hub.join(c) for c in channels for _ in range(10)]
        for listener in listeners:
            await asyncio.wait_for(listener.ready(), WAIT)
        for channel, count in await admin.pubsub_numsub(*channels):
            assert count == 1, channel
        [connection] = [c for c in await admin.client_list() if c["name"] == broker.client_name]
        assert connection["sub"] == "3"
        await broker.publish(channels[0], b"hello")
        for listener in listeners[:10]:
            assert await take(listener, 1) == [b"hello"]
    finally:
        await hub.close()
        await broker.close()
        await admin.aclose()
