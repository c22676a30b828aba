"""With ``ODR_REDIS_URL`` the anonymous endpoints' budgets are shared by every instance.

Two apps on the same settings stand for two instances (or two workers of ``odr serve
--workers 2``) behind one load balancer: an address that spent its budget on one is refused by
the other. Redis holds no address in clear, and an outage of Redis leaves the endpoints up,
counted per process again (``odr/web/ratelimit.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import socket
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack

import httpx
import pytest
from redis.asyncio import Redis
from starlette.applications import Starlette

from odr.app import create_app
from odr.settings import load_settings
from odr.web import ratelimit
from odr.web.ratelimit import KEY_PREFIX, SHARED_TIMEOUT_S, RateLimiters, SharedBuckets
from tests.builders.app import services_of
from tests.conftest import ORIGIN, FakeClock, assert_error
from tests.odr.room_processes import SHARED_REDIS, require_redis

REDIS_URL = "redis://{}:{}/0".format(*SHARED_REDIS)
FLOODER, NEIGHBOUR = "198.51.100.7", "198.51.100.8"
LOOKUP = "/api/verify/ABCDE-FGHJK"  # an unknown code: 404 while within budget, then 429
From = Callable[[Starlette, str], httpx.AsyncClient]


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """2 requests per address and endpoint at once, then 1 a minute: refusals are certain."""
    return {**env, "ODR_PUBLIC_RATE_PER_MIN": "1", "ODR_PUBLIC_RATE_BURST": "2"}


@pytest.fixture
async def from_address() -> AsyncIterator[From]:
    """A client of ``app`` whose requests come from ``address``."""
    async with AsyncExitStack() as stack:

        def make(app: Starlette, address: str) -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app, client=(address, 40000))
            client = httpx.AsyncClient(transport=transport, base_url=ORIGIN)
            stack.push_async_callback(client.aclose)
            return client

        yield make


async def instances(stack: AsyncExitStack, env: dict[str, str], count: int = 2) -> list[Starlette]:
    """``count`` apps on the same settings, each started as ``odr serve`` would."""
    settings = load_settings(env)
    apps = [create_app(settings, clock=FakeClock()) for _ in range(count)]
    for app in apps:
        await stack.enter_async_context(app.router.lifespan_context(app))
    return apps


@pytest.mark.redis
async def test_an_address_over_its_budget_on_one_instance_is_refused_by_the_other(
    env: dict[str, str], from_address: From
) -> None:
    await require_redis(*SHARED_REDIS)
    async with AsyncExitStack() as stack:
        a, b = await instances(stack, {**env, "ODR_REDIS_URL": REDIS_URL})
        assert (await from_address(a, FLOODER).get(LOOKUP)).status_code == 404
        assert (await from_address(b, FLOODER).get(LOOKUP)).status_code == 404
        for app in (a, b):
            refused = await from_address(app, FLOODER).get(LOOKUP)
            assert_error(refused, 429, "too_many_requests")
            assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert (await from_address(b, NEIGHBOUR).get(LOOKUP)).status_code == 404
        preview = await from_address(a, FLOODER).post(
            "/api/invitations/preview", json={"token": "t" * 43}
        )
        assert preview.status_code == 404, "each endpoint has its own budget"

        shared = services_of(a).rate_limiters.shared
        assert shared is not None
        key = shared.key("verify_code", FLOODER)
        redis = Redis.from_url(REDIS_URL)
        try:
            assert await redis.exists(key), "the budget is kept in Redis"
            assert 0 < await redis.pttl(key) <= 121_000, "and forgotten once it is full again"
            mine = [k async for k in redis.scan_iter(match=KEY_PREFIX + "*", count=1000)]
            assert not [k for k in mine if b"198.51.100" in k], "no address in clear"
            assert all(FLOODER.encode() not in v for v in (await redis.hgetall(key)).values())
        finally:
            await redis.aclose()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_without_redis_each_instance_counts_on_its_own(
    env: dict[str, str], from_address: From
) -> None:
    async with AsyncExitStack() as stack:
        a, b = await instances(stack, env)
        assert services_of(a).rate_limiters.shared is None
        for _ in range(2):
            assert (await from_address(a, FLOODER).get(LOOKUP)).status_code == 404
        assert_error(await from_address(a, FLOODER).get(LOOKUP), 429, "too_many_requests")
        assert (await from_address(b, FLOODER).get(LOOKUP)).status_code == 404


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_redis_outage_leaves_the_endpoints_up_limited_per_process_and_logged_once(
    env: dict[str, str], from_address: From, caplog: pytest.LogCaptureFixture
) -> None:
    with socket.socket() as probe:  # a port nothing listens on: Redis is down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    caplog.set_level(logging.INFO, logger="odr.ratelimit")
    async with AsyncExitStack() as stack:
        down = {**env, "ODR_REDIS_URL": f"redis://127.0.0.1:{port}/0"}
        (app,) = await instances(stack, down, count=1)  # starting takes the broker's 5 s
        client = from_address(app, FLOODER)
        for _ in range(2):
            assert (await client.get(LOOKUP)).status_code == 404
        for _ in range(3):
            assert_error(await client.get(LOOKUP), 429, "too_many_requests")
        assert (await from_address(app, NEIGHBOUR).get(LOOKUP)).status_code == 404
    warnings = [r for r in caplog.records if r.name == "odr.ratelimit"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING, warnings
    assert "Redis does not answer" in warnings[0].getMessage()


class FlakyRedis:
    """A TCP stand-in in front of Redis: ``down`` refuses nothing but answers nothing (a hung
    Redis, the worst case: every call would wait), else forwards to the real one."""

    def __init__(self) -> None:
        self.down = True
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.down:
            await reader.read()  # hold the connection, say nothing
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*SHARED_REDIS)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()


@pytest.mark.redis
async def test_a_hung_redis_costs_one_timeout_then_counting_moves_back_when_it_answers(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    await require_redis(*SHARED_REDIS)
    caplog.set_level(logging.INFO, logger="odr.ratelimit")
    flaky = FlakyRedis()
    port = await flaky.start()
    limiters = RateLimiters(SharedBuckets(f"redis://127.0.0.1:{port}/0", secrets.token_hex(16)))

    async def allowed() -> bool:
        return (await limiters.check("probe", FLOODER, rate_per_s=1 / 60, burst=2)).allowed

    try:
        started = time.monotonic()
        assert await allowed()
        assert time.monotonic() - started < SHARED_TIMEOUT_S + 0.5, "bounded by the timeout"
        started = time.monotonic()
        assert await allowed()
        assert not await allowed(), "per process"
        assert time.monotonic() - started < 0.1, "Redis is not asked again during the pause"

        flaky.down = False
        monkeypatch.setattr(ratelimit, "SHARED_PAUSE_S", 0.0)
        monkeypatch.setattr(limiters.shared, "_retry_at", 0.0)
        # Back in Redis, where this address's bucket is still full.
        assert await allowed()
        assert await allowed()
        assert not await allowed()
    finally:
        await limiters.close()
        await flaky.close()
    messages = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "odr.ratelimit"]
    assert [level for level, _ in messages] == [logging.WARNING, logging.INFO], messages
    assert "TimeoutError" in messages[0][1] and "answers again" in messages[1][1]
