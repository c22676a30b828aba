"""``/metrics``: who may read it, that it is Prometheus's format, and that each family counts what
really happened (SQLite and PostgreSQL), in one process and across ``odr serve --workers 2``."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis.asyncio import Redis
from starlette.applications import Starlette

from odr.app import create_app
from odr.metrics.broker import lag_observer, logged_at, reconnect_counter
from odr.metrics.instruments import Metrics
from odr.metrics.multiprocess import processes_in
from odr.persistence.models import DeadlineTask
from odr.room import channel
from odr.room import log as room_log
from odr.room.log import LoggedEvent
from odr.settings import load_settings
from realtime.broker_redis import RedisBroker
from tests.builders.app import services_of
from tests.builders.processes import ODR, free_port, wait_ready
from tests.builders.room import joined_case
from tests.conftest import ORIGIN, Client, FakeClock, MakeClient, assert_error
from tests.odr.room_processes import SHARED_REDIS, require_redis

TOKEN = "metrics-" + "x" * 40
BEARER = {"authorization": f"Bearer {TOKEN}"}
PACKAGE = {"amount": "150000", "issue2": "сразу"}
FAMILIES = {
    "kelisim_http_request_duration_seconds",
    "kelisim_room_command_duration_seconds",
    "kelisim_websockets_open",
    "kelisim_broker_lag_seconds",
    "kelisim_broker_reconnects",
    "kelisim_scheduler_lag_seconds",
    "kelisim_scheduler_overdue_seconds",
    "kelisim_outbox_pending_notices",
    "kelisim_outbox_oldest_pending_age_seconds",
    "kelisim_db_pool_connections_in_use",
    "kelisim_db_pool_connections_max",
    "kelisim_verifications",
    "kelisim_verification_duration_seconds",
    "kelisim_database_up",
}


class Scrape:
    """One ``/metrics`` answer, parsed by prometheus-client's own parser."""

    def __init__(self, text: str) -> None:
        self.families = {f.name: f for f in text_string_to_metric_families(text)}
        self.samples = {
            (s.name, tuple(sorted(s.labels.items()))): s.value
            for family in self.families.values()
            for s in family.samples
        }

    def __call__(self, name: str, **labels: str) -> float:
        """The sample's value; 0 for a labelled series that has not appeared yet."""
        key = (name, tuple(sorted(labels.items())))
        if key not in self.samples:
            assert labels, f"{name} is missing"
            return 0.0
        return self.samples[key]


async def scrape(client: httpx.AsyncClient) -> Scrape:
    response = await client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=")
    assert response.headers["cache-control"] == "no-store"
    return Scrape(response.text)


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "ODR_METRICS_TOKEN": TOKEN,
        # Nobody listens there: the SMTP server is down, so a notice stays pending.
        "ODR_SMTP_HOST": "127.0.0.1",
        "ODR_SMTP_PORT": str(free_port()),
        "ODR_BACKGROUND_WORKERS": "0",
    }


async def test_metrics_need_the_token_and_a_session_is_not_enough(client: Client) -> None:
    await client.signup("party@example.kz")  # the client now holds a party's session cookie
    for authorization in (
        None,
        b"Bearer wrong-token-of-the-same-sort-but-not-it",
        f"Basic {TOKEN}".encode(),
        f"Bearer {TOKEN[:-1]}".encode(),
        "Bearer ключ".encode(),  # not ASCII: still a 401, not a 500
    ):
        headers = {b"authorization": authorization} if authorization else {}
        refused = await client.get("/metrics", headers=headers)
        assert_error(refused, 401, "metrics_token_invalid")
        assert refused.headers["www-authenticate"].startswith("Bearer")
        assert "kelisim_" not in refused.text
    scraped = await scrape(client)
    assert scraped.families.keys() >= FAMILIES


async def test_without_a_token_setting_metrics_is_not_there(
    env: dict[str, str], clock: FakeClock
) -> None:
    settings = load_settings({k: v for k, v in env.items() if k != "ODR_METRICS_TOKEN"})
    app = create_app(settings, clock=clock)
    async with (
        app.router.lifespan_context(app),
        Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN) as client,
    ):
        missing = await client.get("/metrics", headers=BEARER)
        elsewhere = await client.get("/nothing-here", headers=BEARER)
    assert_error(missing, 404, "not_found")
    assert_error(elsewhere, 404, "not_found")


async def test_each_family_counts_what_a_real_flow_did(
    app: Starlette, address: str, make_client: MakeClient, clock: FakeClock, backend: str
) -> None:
    services = services_of(app)
    admin = make_client()
    before = await scrape(admin)

    # Sign-up, a case, the respondent joins (over the live server's HTTP).
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    during = await scrape(admin)
    assert during("kelisim_websockets_open", route="/ws") == 2
    assert during("kelisim_websockets_open", route="/ws/centre") == 0

    # Room commands over the sockets: committed, replayed, refused.
    assert (await claimant.command("message", key="m1", text="Салем"))["type"] == "ack"
    assert (await claimant.command("message", key="m1", text="Салем"))["type"] == "ack"
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    assert (await respondent.command("accept", version=99))["code"] == "unknown_offer"
    await respondent.wait_seq(2)

    # A verification (an upload that is no settlement) and one refused as busy.
    anyone = make_client()
    checked = await anyone.post(
        "/api/verify",
        content=b"%PDF-1.7 not a settlement",
        headers={"content-type": "application/pdf"},
    )
    assert checked.status_code == 200 and checked.json()["valid"] is False
    gate = services.verification_gate
    gate.busy = gate.size  # every slot taken
    busy = await anyone.post(
        "/api/verify", content=b"%PDF-1.7", headers={"content-type": "application/pdf"}
    )
    gate.busy = 0
    assert_error(busy, 503, "verify_busy")

    # The respondent saw the offer in the room: no "new offer" letter (room_letters, written now).
    await services.room_letters.flush()
    # A notice (a reset link) while the SMTP server is down: it stays pending, and ages.
    asked = await anyone.post("/api/auth/password-reset", json={"email": "claimant@example.kz"})
    assert asked.status_code == 202
    assert await services.outbox.flush() == 0
    # A deadline task that fell due 90 s ago and has not been carried out.
    async with services.sessions() as db:
        db.add(
            DeadlineTask(
                case_id=case_id,
                kind="reminder",
                due_at=clock() - timedelta(seconds=90),
                deadline_at=clock() + timedelta(days=1),
            )
        )
        await db.commit()
    waiting = await scrape(admin)
    clock.advance(minutes=20)
    later = await scrape(admin)
    assert await services.scheduler.tick() == 1
    after = await scrape(admin)

    def grew(name: str, **labels: str) -> float:
        return after(name, **labels) - before(name, **labels)

    http = "kelisim_http_request_duration_seconds_count"
    assert grew(http, route="/api/auth/signup", method="POST", status_class="2xx") == 2
    assert grew(http, route="/api/cases", method="POST", status_class="2xx") == 1
    assert grew(http, route="/api/verify", method="POST", status_class="2xx") == 1
    assert grew(http, route="/api/verify", method="POST", status_class="5xx") == 1
    assert grew(http, route="/metrics", method="GET", status_class="2xx") == 4
    routes = {dict(labels).get("route") for name, labels in after.samples if name == http}
    assert case_id not in str(routes)  # templates, never a path with an id

    command = "kelisim_room_command_duration_seconds_count"
    assert grew(command, command="message", outcome="committed") == 1
    assert grew(command, command="message", outcome="replayed") == 1
    assert grew(command, command="offer", outcome="committed") == 1
    assert grew(command, command="accept", outcome="refused") == 1
    assert (
        grew("kelisim_room_command_duration_seconds_sum", command="offer", outcome="committed") > 0
    )

    # Every committed event reached this process's hub once through the broker.
    assert grew("kelisim_broker_lag_seconds_count") == 2
    assert 0 <= grew("kelisim_broker_lag_seconds_sum") < 5
    assert after("kelisim_broker_reconnects_total") == 0  # in-process broker: never

    assert grew("kelisim_verifications_total", result="invalid") == 1
    assert grew("kelisim_verifications_total", result="refused") == 1
    assert grew("kelisim_verifications_total", result="valid") == 0
    assert grew("kelisim_verification_duration_seconds_count") == 1

    assert before("kelisim_outbox_pending_notices") == 0
    # The respondent's invitation, "they joined" and the reset link: all waiting.
    assert waiting("kelisim_outbox_pending_notices") == 3
    assert waiting("kelisim_outbox_oldest_pending_age_seconds") < 5
    assert 20 * 60 <= later("kelisim_outbox_oldest_pending_age_seconds") < 20 * 60 + 5
    assert waiting("kelisim_scheduler_overdue_seconds") == 90
    assert later("kelisim_scheduler_overdue_seconds") == 90 + 20 * 60
    assert after("kelisim_scheduler_overdue_seconds") == 0
    assert grew("kelisim_scheduler_lag_seconds_count") == 1
    assert grew("kelisim_scheduler_lag_seconds_sum") == 90 + 20 * 60
    assert after("kelisim_database_up") == 1

    engine_max = after("kelisim_db_pool_connections_max", pool="sqlalchemy")
    assert engine_max >= 5
    assert 0 <= after("kelisim_db_pool_connections_in_use", pool="sqlalchemy") <= engine_max
    if backend == "postgres":  # the room's own asyncpg pool, opened by the commands
        assert after("kelisim_db_pool_connections_max", pool="room") == 10
        assert 0 <= after("kelisim_db_pool_connections_in_use", pool="room") <= 10

    for party in (claimant, respondent):
        await party.disconnect()
    # The server's side of each socket ends just after: nothing to await but the state itself.
    async with asyncio.timeout(5):
        while (await scrape(admin))("kelisim_websockets_open", route="/ws") != 0:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


def test_the_token_is_masked_and_must_be_long(tmp_path: Path) -> None:
    settings = load_settings({"ODR_DATA_DIR": str(tmp_path), "ODR_METRICS_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and "metrics_token='***'" in repr(settings)
    with pytest.raises(ValueError, match="ODR_METRICS_TOKEN"):
        load_settings({"ODR_DATA_DIR": str(tmp_path), "ODR_METRICS_TOKEN": "short"})
    with pytest.raises(ValueError, match="PROMETHEUS_MULTIPROC_DIR"):
        load_settings({"ODR_DATA_DIR": str(tmp_path), "PROMETHEUS_MULTIPROC_DIR": "/no/such"})


@pytest.fixture
def workers_service(
    tmp_path: Path, postgres_url: str
) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """``odr serve --workers 2`` on PostgreSQL and Redis, its metrics directory of our choosing
    (with a file an earlier run left there)."""
    asyncio.run(require_redis(*SHARED_REDIS))
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"left by an earlier run")
    port = free_port()
    environment = {
        **os.environ,
        "ODR_DATA_DIR": str(tmp_path / "data"),
        "ODR_DATABASE_URL": postgres_url,
        "ODR_REDIS_URL": "redis://{}:{}/0".format(*SHARED_REDIS),
        "ODR_METRICS_TOKEN": TOKEN,
        "ODR_LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    base = f"http://127.0.0.1:{port}"
    with (tmp_path / "serve.log").open("w") as log:
        process = subprocess.Popen(
            [*ODR, "serve", "--port", str(port), "--workers", "2"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
            text=True,
        )
        try:
            wait_ready(base, process)
            yield base, metrics_dir, process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def scrape_now(base: str) -> Scrape | None:
    """A scrape of whichever worker takes the connection; None if none could answer."""
    try:
        response = httpx.get(f"{base}/metrics", headers=BEARER, timeout=5)
    except httpx.TransportError:
        return None
    assert response.status_code == 200, response.text
    return Scrape(response.text)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
def test_any_worker_reports_the_whole_machine(
    workers_service: tuple[str, Path, subprocess.Popen[str]],
) -> None:
    base, metrics_dir, _ = workers_service
    assert not (metrics_dir / "counter_999999.db").exists()  # emptied at start
    requests = "kelisim_http_request_duration_seconds_count"
    healthz = {"route": "/healthz", "method": "GET", "status_class": "2xx"}
    for _ in range(40):  # a new connection each: the kernel spreads them over both workers
        assert httpx.get(f"{base}/healthz").status_code == 200
    workers = processes_in(metrics_dir)
    assert len(workers) == 2, workers
    # Whichever worker answers, it counts every worker's requests and pools.
    for _ in range(10):
        scraped = scrape_now(base)
        assert scraped is not None
        assert scraped(requests, **healthz) == 40
        assert scraped("kelisim_db_pool_connections_max", pool="sqlalchemy") == 2 * 20
    # A worker killed outright: the next scrape drops its live gauges and keeps its counts.
    victim = max(workers)
    os.kill(victim, signal.SIGKILL)
    live_file = metrics_dir / f"gauge_livesum_{victim}.db"
    for _ in range(100):
        scraped = scrape_now(base)
        if scraped is not None and not live_file.exists():
            break
        time.sleep(0.1)
    assert not live_file.exists()
    assert scraped is not None and scraped(requests, **healthz) == 40


def test_broker_lag_reads_the_events_own_time_and_nothing_else() -> None:
    at = datetime(2026, 12, 6, 10, 0, 0, 123456, tzinfo=UTC)
    event = LoggedEvent(
        case_id="c1",
        seq=7,
        type="message",
        actor_user_id="u1",
        actor_role="claimant",
        data={"text": '","at":"1999-01-01T00:00:00+00:00'},
        created_at=at,
    )
    # A name made to look like the key: JSON escapes its quotes, so it cannot be taken for it.
    frame = room_log.encode(room_log.event_frame(event, '","at":"2000-01-01T00:00:00+00:00'))
    assert logged_at(channel.event_message(7, frame)) == at
    assert logged_at(channel.ephemeral_message(b'{"type":"presence","at":"x"}')) is None
    assert logged_at(channel.PRESENCE_QUERY) is None
    assert logged_at(b"E7\n{not json") is None
    metrics = Metrics()
    observe = lag_observer(metrics, lambda: at + timedelta(milliseconds=250))
    observe("kelisim:case:c1", channel.event_message(7, frame))
    observe("kelisim:case:c1", channel.PRESENCE_QUERY)
    registry = metrics.registry
    assert registry.get_sample_value("kelisim_broker_lag_seconds_count") == 1
    assert registry.get_sample_value("kelisim_broker_lag_seconds_sum") == pytest.approx(0.25)


@pytest.mark.redis
async def test_broker_reconnects_are_counted() -> None:
    await require_redis(*SHARED_REDIS)
    url = "redis://{}:{}/0".format(*SHARED_REDIS)
    metrics = Metrics()
    broker = RedisBroker(url, reconnect_min=0.02, on_reconnect=reconnect_counter(metrics))
    admin = Redis.from_url(url)
    reconnects = "kelisim_broker_reconnects_total"
    try:
        await broker.start()
        assert metrics.registry.get_sample_value(reconnects) == 0  # the first connection
        for client in await admin.client_list():
            if client.get("name") == broker.client_name:
                await admin.client_kill_filter(_id=client["id"])
        async with asyncio.timeout(10):
            while metrics.registry.get_sample_value(reconnects) == 0:  # noqa: ASYNC110
                await asyncio.sleep(0.01)
        assert metrics.registry.get_sample_value(reconnects) == 1
    finally:
        await broker.close()
        await admin.aclose()
