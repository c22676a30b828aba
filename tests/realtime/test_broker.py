"""Brokers: delivery, ordering, unsubscribe, overflow → GAP, Redis connection use and outages.

Redis tests use the shared server on 127.0.0.1:6379 with unique channel names, except the
outage tests, which start, kill and restart their own ``redis-server`` on a free port.
Nothing here sleeps to synchronise: tests wait on conditions, always with a timeout.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis

from realtime.broker import (
    GAP,
    Broker,
    BrokerUnavailable,
    InProcessBroker,
    RedisBroker,
    Subscription,
    SubscriptionClosed,
    make_broker,
)
from realtime.mailbox import GapType, Mailbox

SHARED_REDIS = ("127.0.0.1", 6379)
WAIT = 5.0  # seconds: generous upper bound for any condition to come true

Message = bytes | GapType


def channel_name(label: str = "ch") -> str:
    return f"kelisim-test:{label}:{uuid.uuid4().hex}"


def redis_answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def service_missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run the Redis tests; start the service)")
    pytest.skip(message)


async def eventually(predicate: Callable[[], Awaitable[bool]]) -> None:
    """Wait until ``predicate()`` is true, for state that has no event to wait on (the Redis
    server's view, a connection noticing EOF): a condition wait, never a fixed delay."""
    async with asyncio.timeout(WAIT):
        while not await predicate():  # noqa: ASYNC110 - nothing to await but the state itself
            await asyncio.sleep(0.01)


async def take(subscription: Subscription, count: int) -> list[Message]:
    async with asyncio.timeout(WAIT):
        return [await subscription.get() for _ in range(count)]


@pytest.fixture
def redis_url() -> str:
    if not redis_answers(*SHARED_REDIS):
        service_missing("Redis on 127.0.0.1:6379 is not reachable")
    return "redis://127.0.0.1:6379/0"


@pytest.fixture
async def admin(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    yield client
    await client.aclose()


@pytest.fixture
async def brokers() -> AsyncIterator[list[Broker]]:
    """Brokers a test made; closed at teardown even if the test failed."""
    made: list[Broker] = []
    yield made
    for broker in made:
        await broker.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def new_broker(
    request: pytest.FixtureRequest, brokers: list[Broker]
) -> Callable[[], Awaitable[Broker]]:
    """A factory of started brokers of each kind; Redis ones share the test server."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else None

    async def make() -> Broker:
        broker = make_broker(url)
        brokers.append(broker)
        await broker.start()
        return broker

    return make


async def subscribed(broker: Broker, channel: str, max_queue: int = 1024) -> Subscription:
    subscription = broker.subscribe(channel, max_queue=max_queue)
    await asyncio.wait_for(subscription.ready(), WAIT)
    return subscription


async def redis_subscribers(admin: Redis, channel: str) -> int:
    counts = await admin.pubsub_numsub(channel)
    return int(counts[0][1])


async def pubsub_connections(admin: Redis, broker: RedisBroker) -> list[dict[str, str]]:
    return [c for c in await admin.client_list() if c.get("name") == broker.client_name]


# Delivery, ordering, unsubscribe: both brokers.


async def test_delivers_to_every_subscriber_of_a_channel_in_order(
    new_broker: Callable[[], Awaitable[Broker]],
) -> None:
    broker = await new_broker()
    red, blue = channel_name("red"), channel_name("blue")
    reds = [await subscribed(broker, red) for _ in range(3)]
    only_blue = await subscribed(broker, blue)
    for n in range(20):
        await broker.publish(red, b"r%d" % n)
        await broker.publish(blue, b"b%d" % n)
    for subscription in reds:
        assert await take(subscription, 20) == [b"r%d" % n for n in range(20)]
    assert await take(only_blue, 20) == [b"b%d" % n for n in range(20)]


async def test_closed_subscription_stops_receiving_and_others_carry_on(
    new_broker: Callable[[], Awaitable[Broker]],
) -> None:
    broker = await new_broker()
    channel = channel_name()
    leaving, staying = await subscribed(broker, channel), await subscribed(broker, channel)
    waiting = asyncio.create_task(leaving.get())
    await asyncio.sleep(0)  # let it start waiting
    leaving.close()
    leaving.close()  # idempotent
    with pytest.raises(SubscriptionClosed):
        await asyncio.wait_for(waiting, WAIT)
    await broker.publish(channel, b"after")
    assert await take(staying, 1) == [b"after"]
    with pytest.raises(SubscriptionClosed):
        await leaving.get()
    assert leaving.closed and not staying.closed


async def test_async_with_and_async_for(new_broker: Callable[[], Awaitable[Broker]]) -> None:
    broker = await new_broker()
    channel = channel_name()
    received: list[Message] = []
    async with broker.subscribe(channel) as subscription:
        for n in range(3):
            await broker.publish(channel, b"%d" % n)
        async with asyncio.timeout(WAIT):
            async for message in subscription:
                received.append(message)
                if len(received) == 3:
                    break
    assert received == [b"0", b"1", b"2"]
    assert subscription.closed
    assert [m async for m in subscription] == []  # a closed subscription iterates as empty


async def test_overflow_gives_one_gap_without_blocking_publisher_or_others(
    new_broker: Callable[[], Awaitable[Broker]],
) -> None:
    broker = await new_broker()
    channel = channel_name()
    slow = await subscribed(broker, channel, max_queue=4)
    fast = await subscribed(broker, channel)
    for n in range(50):
        # Publishing never waits for the slow subscriber, which reads nothing.
        await asyncio.wait_for(broker.publish(channel, b"%d" % n), WAIT)
    assert await take(fast, 50) == [b"%d" % n for n in range(50)]
    assert slow.overflowed and not fast.overflowed
    first = await slow.get()
    assert first is GAP
    rest: list[Message] = []
    while rest[-1:] != [b"49"]:
        rest.append(await asyncio.wait_for(slow.get(), WAIT))
    # The backlog was dropped for the GAP; what follows it is the newest, in order.
    assert 1 <= len(rest) < 4
    assert rest == [b"%d" % n for n in range(50 - len(rest), 50)]


async def test_closed_broker_closes_subscriptions_and_refuses_to_publish(
    new_broker: Callable[[], Awaitable[Broker]],
) -> None:
    broker = await new_broker()
    channel = channel_name()
    subscription = await subscribed(broker, channel)
    assert await broker.ping()
    await broker.close()
    await broker.close()  # idempotent
    assert subscription.closed
    assert [m async for m in subscription] == []
    with pytest.raises(BrokerUnavailable):
        await broker.publish(channel, b"x")
    assert not await broker.ping()
    late = broker.subscribe(channel)
    with pytest.raises(SubscriptionClosed):
        await late.get()


def test_make_broker_picks_redis_only_for_a_url() -> None:
    assert isinstance(make_broker(None), InProcessBroker)
    assert isinstance(make_broker(""), InProcessBroker)
    assert isinstance(make_broker("redis://127.0.0.1:6379/0"), RedisBroker)


# The bounded queue itself.


@settings(max_examples=150, deadline=None)
@given(
    max_size=st.integers(1, 5),
    script=st.lists(st.one_of(st.integers(1, 8), st.just(0)), max_size=40),
)
def test_mailbox_never_loses_a_message_silently(max_size: int, script: list[int]) -> None:
    """Every message is delivered in order, or a GAP stands where it would have been.

    ``script``: a positive number puts that many messages; 0 gets one (when any is queued).
    """

    async def play() -> tuple[list[int], list[Message]]:
        mailbox = Mailbox(max_size)
        sent: list[int] = []
        seen: list[Message] = []
        for step in script:
            if step == 0 and len(mailbox):
                seen.append(await mailbox.get())
            for _ in range(step):
                sent.append(len(sent))
                mailbox.put(b"%d" % sent[-1])
                assert len(mailbox) <= max_size
        while len(mailbox):
            seen.append(await mailbox.get())
        return sent, seen

    sent, seen = asyncio.run(play())
    numbers = [int(m) for m in seen if isinstance(m, bytes)]
    assert numbers == sorted(set(numbers)), "out of order or duplicated"
    position = {int(m): i for i, m in enumerate(seen) if isinstance(m, bytes)}
    for lost in sorted(set(sent) - set(numbers)):
        before = max((i for n, i in position.items() if n < lost), default=-1)
        after = min((i for n, i in position.items() if n > lost), default=None)
        assert GAP in seen[before + 1 : after], f"message {lost} lost without a GAP: {seen}"


# Redis specifics.


@pytest.mark.redis
async def test_one_pubsub_connection_for_many_channels(
    redis_url: str, admin: Redis, brokers: list[Broker]
) -> None:
    broker = RedisBroker(redis_url)
    brokers.append(broker)
    await broker.start()
    channels = [channel_name(f"many{n}") for n in range(12)]
    subscriptions = [await subscribed(broker, c) for c in channels for _ in range(3)]
    [connection] = await pubsub_connections(admin, broker)
    assert connection["sub"] == "12"
    for subscription in subscriptions[:3]:  # every local subscriber of channels[0] leaves
        subscription.close()

    async def unsubscribed() -> bool:
        return await redis_subscribers(admin, channels[0]) == 0

    await eventually(unsubscribed)
    [connection] = await pubsub_connections(admin, broker)
    assert connection["sub"] == "11"
    assert await redis_subscribers(admin, channels[1]) == 1  # one per broker, not per subscriber


@pytest.mark.redis
async def test_two_instances_see_each_others_publishes(
    redis_url: str, brokers: list[Broker]
) -> None:
    one, two = RedisBroker(redis_url), RedisBroker(redis_url)
    brokers += [one, two]
    await one.start()
    await two.start()
    channel = channel_name()
    on_one, on_two = await subscribed(one, channel), await subscribed(two, channel)
    await one.publish(channel, b"from one")
    await two.publish(channel, b"from two")
    assert await take(on_one, 2) == [b"from one", b"from two"]
    assert await take(on_two, 2) == [b"from one", b"from two"]


@pytest.mark.redis
async def test_resubscribing_right_after_the_last_left(
    redis_url: str, brokers: list[Broker]
) -> None:
    """UNSUBSCRIBE then SUBSCRIBE in flight together must leave the channel subscribed."""
    broker = RedisBroker(redis_url)
    brokers.append(broker)
    await broker.start()
    channel = channel_name()
    for _ in range(5):
        broker.subscribe(channel).close()
        await asyncio.sleep(0)  # let the broker send (UN)SUBSCRIBE in between
    subscription = await subscribed(broker, channel)
    await broker.publish(channel, b"still here")
    assert await take(subscription, 1) == [b"still here"]


# Redis outages, on a redis-server of our own.


class OwnRedis:
    """A throwaway redis-server we may kill and restart on the same port."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--daemonize", "no"),
            ],
            cwd=self.folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(500):  # up to ~5 s for it to answer
            if redis_answers("127.0.0.1", self.port):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.01)  # the poll interval of a condition wait, not a sync point
        self.stop()
        pytest.fail(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    if shutil.which("redis-server") is None:
        service_missing("redis-server is not on PATH")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def fast_reconnecting(url: str) -> RedisBroker:
    return RedisBroker(url, reconnect_min=0.02, reconnect_max=0.2, timeout=2.0)


@pytest.mark.redis
async def test_redis_restart_gives_gap_then_delivery_resumes(
    own_redis: OwnRedis, brokers: list[Broker]
) -> None:
    publisher, reader = fast_reconnecting(own_redis.url), fast_reconnecting(own_redis.url)
    brokers += [publisher, reader]
    await publisher.start()
    await reader.start()
    channels = [channel_name("a"), channel_name("b")]
    subscriptions = [await subscribed(reader, c) for c in channels for _ in range(2)]
    await publisher.publish(channels[0], b"before")
    assert await take(subscriptions[0], 1) == [b"before"]
    assert await take(subscriptions[1], 1) == [b"before"]

    own_redis.stop()
    with pytest.raises(BrokerUnavailable):
        await publisher.publish(channels[0], b"lost")
    assert not await publisher.ping()

    async def disconnected() -> bool:
        return not reader.connected

    await eventually(disconnected)
    during = reader.subscribe(channels[1])  # made during the outage: nothing to lose yet
    own_redis.start()
    for subscription in subscriptions:
        assert await take(subscription, 1) == [GAP]
    await asyncio.wait_for(during.ready(), WAIT)
    for channel in channels:
        await publisher.publish(channel, b"after " + channel.encode())
    for subscription in [*subscriptions, during]:
        assert await take(subscription, 1) == [b"after " + subscription.channel.encode()]
    assert await reader.ping() and await publisher.ping()


@pytest.mark.redis
async def test_start_while_redis_is_down_then_connect_when_it_is_up(
    own_redis: OwnRedis, brokers: list[Broker]
) -> None:
    own_redis.stop()
    broker = fast_reconnecting(own_redis.url)
    brokers.append(broker)
    await asyncio.wait_for(broker.start(), WAIT)  # doesn't raise, doesn't hang
    assert not broker.connected and not await broker.ping()
    channel = channel_name()
    subscription = broker.subscribe(channel)
    with pytest.raises(BrokerUnavailable):
        await broker.publish(channel, b"nobody hears this")
    own_redis.start()
    await asyncio.wait_for(subscription.ready(), WAIT)
    await broker.publish(channel, b"hello")
    assert await take(subscription, 1) == [b"hello"]


@pytest.mark.redis
async def test_heartbeat_keeps_an_idle_connection_and_catches_a_silent_server(
    own_redis: OwnRedis, brokers: list[Broker]
) -> None:
    """A server that stops answering without closing the socket (SIGSTOP here, a dropped
    network path in production) is noticed by the heartbeat; publishing times out."""
    assert own_redis.process is not None
    reader = RedisBroker(own_redis.url, reconnect_min=0.02, reconnect_max=0.2, heartbeat=0.1)
    publisher = RedisBroker(own_redis.url, timeout=0.3)
    brokers += [reader, publisher]
    await reader.start()
    channel = channel_name()
    subscription = await subscribed(reader, channel)
    async with Redis.from_url(own_redis.url) as admin:

        async def pinged() -> bool:
            clients = await pubsub_connections(admin, reader)
            return bool(clients) and clients[0]["cmd"] == "ping"

        await eventually(pinged)  # idle, it has been PINGed and is still the same connection
    await publisher.publish(channel, b"alive")
    assert await take(subscription, 1) == [b"alive"]  # no GAP: the connection never dropped

    own_redis.process.send_signal(signal.SIGSTOP)
    try:

        async def disconnected() -> bool:
            return not reader.connected

        await eventually(disconnected)
        with pytest.raises(BrokerUnavailable):
            await publisher.publish(channel, b"into the void")
    finally:
        own_redis.process.send_signal(signal.SIGCONT)
    assert await take(subscription, 1) == [GAP]
    await publisher.publish(channel, b"back")
    assert await take(subscription, 1) == [b"back"]
