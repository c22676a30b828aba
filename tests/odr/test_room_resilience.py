"""The room survives what production throws at it, with real processes and real sockets.

Every test here runs ``odr serve`` as a subprocess (and, for the Redis restart, its own
``redis-server``), talks to it with real ``websockets`` clients, and ends by comparing each
client's view with the log read straight from the database: the same events, no gap, no
duplicate, and every acknowledged command exactly once.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from tests.builders.processes import free_port
from tests.builders.room import joined_case, view
from tests.conftest import service_missing
from tests.odr.room_client import RoomClient
from tests.odr.room_processes import (
    SECRET_KEY,
    SHARED_REDIS,
    LoggedEvent,
    OdrServer,
    Processes,
    free_ports,
    read_log,
    require_redis,
)


def acks(client: RoomClient) -> dict[str, int]:
    """Every acknowledgement the client received: key -> seq (over all its connections)."""
    return {f["key"]: f["seq"] for f in client.frames if f["type"] == "ack"}


def errors(client: RoomClient) -> list[dict[str, object]]:
    return [f for f in client.frames if f["type"] == "error"]


async def wait_until(
    client: RoomClient, condition: str, check: Callable[[], bool], within: float = 20
) -> None:
    """Wait for ``check()`` to hold, re-evaluated whenever the client receives a frame."""
    try:
        async with asyncio.timeout(within), client.changed:
            await client.changed.wait_for(check)
    except TimeoutError:
        raise AssertionError(f"timed out waiting for {condition}") from None


async def send_live(sender: RoomClient, watchers: Iterable[RoomClient], key: str) -> int:
    """``sender`` says something; it is acked, and every watcher receives it without asking."""
    ack = await sender.command("message", key=key, text=f"text of {key}")
    assert ack["type"] == "ack", ack
    for watcher in watchers:
        await watcher.wait_seq(ack["seq"])
    return int(ack["seq"])


def assert_consistent(
    log: list[LoggedEvent], clients: Iterable[RoomClient], sent: dict[str, str]
) -> None:
    """Views equal the log; the log holds each command sent exactly once; acks point at it."""
    assert [e.seq for e in log] == list(range(1, len(log) + 1)), "seqs must be dense from 1"
    keys = Counter(e.key for e in log)
    assert keys == Counter(list(sent)), (
        f"missing: {set(sent) - set(keys)}; extra: {set(keys) - set(sent)}; "
        f"twice: {[k for k, n in keys.items() if n > 1]}"
    )
    for event in log:
        assert event.type == "message"
        assert event.data == {"text": sent[event.key or ""]}
    by_seq = {e.seq: e for e in log}
    for client in clients:
        assert client.violations == [], client.violations
        assert errors(client) == []
        assert view(client) == [e.view for e in log]
        for key, seq in acks(client).items():
            assert by_seq[seq].key == key, f"ack of {key} says seq {seq}: {by_seq[seq]}"


def committed_keys(database: Path, case_id: str) -> set[str]:
    """Idempotency keys of the case's events, read straight from the SQLite file (read-only)."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT idempotency_key FROM case_events WHERE case_id = ?", (case_id,))
        return {key for (key,) in rows if key}


async def disconnect_all(clients: Iterable[RoomClient]) -> None:
    await asyncio.gather(*(c.disconnect() for c in clients), return_exceptions=True)


# -- one instance, SIGKILLed mid-burst -------------------------------------------------------


@pytest.mark.slow
async def test_server_killed_mid_burst_then_restarted_loses_and_duplicates_nothing(
    tmp_path: Path,
) -> None:
    burst_claimant, burst_respondent, acked_before_kill = 150, 40, 10
    async with Processes(tmp_path) as processes:
        server = processes.odr("solo", free_port())
        await server.start()
        claimant, respondent, case_id = await joined_case(server.address)
        clients = [claimant, respondent]
        sent: dict[RoomClient, dict[str, str]] = {claimant: {}, respondent: {}}
        try:
            for client in clients:
                await client.join(case_id)
            for round_ in range(3):
                for client, other in ((claimant, respondent), (respondent, claimant)):
                    key = f"{'c' if client is claimant else 'r'}-warm-{round_}"
                    sent[client][key] = f"text of {key}"
                    await send_live(client, (client, other), key)

            # Both parties fire a burst without waiting for acks; the server dies in the middle.
            for client, count, prefix in (
                (claimant, burst_claimant, "c-burst"),
                (respondent, burst_respondent, "r-burst"),
            ):
                for i in range(count):
                    key = f"{prefix}-{i:03}"
                    sent[client][key] = f"text of {key}"
                    await client.send({"type": "message", "key": key, "text": sent[client][key]})

            # Once some of the burst is acked, kill the server as soon as the database holds a
            # command its sender has no ack for, to hit the window between commit and ack (it
            # often does; the ack may also have been on its way: the summary line says which).
            database = Path(server.env["ODR_DATA_DIR"]) / "kelisim.sqlite3"

            def acked_keys() -> set[str]:
                return set(acks(claimant)) | set(acks(respondent))

            await wait_until(
                claimant,
                f"{acked_before_kill} burst acks",
                lambda: sum(k.startswith("c-burst") for k in acks(claimant)) >= acked_before_kill,
            )
            all_keys = set(sent[claimant]) | set(sent[respondent])
            async with asyncio.timeout(20):  # polls the file; yields to the clients' readers
                while (  # noqa: ASYNC110
                    not committed_keys(database, case_id) - acked_keys()
                    and acked_keys() != all_keys
                ):
                    await asyncio.sleep(0)
            await server.kill()
            async with asyncio.timeout(10):  # both sockets notice the server is gone
                await asyncio.gather(*(c.reader for c in clients if c.reader is not None))
            before = {c: dict(acks(c)) for c in clients}
            unacked = {c: [k for k in sent[c] if k not in before[c]] for c in clients}
            assert unacked[claimant], "the kill came too late to interrupt the burst"
            # What the dead server had committed: some of it may never have been acked.
            committed = {e.key for e in await read_log(server.env, case_id)}

            await server.start()  # same port, same data directory
            for client in clients:
                await client.reconnect()  # hello with the last seq it holds
            for client in clients:
                for key in unacked[client]:  # the same key: a retry, never a second command
                    ack = await client.command("message", key=key, text=sent[client][key])
                    assert ack["type"] == "ack", ack
            total = len(sent[claimant]) + len(sent[respondent])
            for client in clients:
                await client.wait_seq(total)

            log = await read_log(server.env, case_id)
            everything = {**sent[claimant], **sent[respondent]}
            assert len(everything) == total == len(log)
            assert_consistent(log, clients, everything)
            for client in clients:  # acks received before the kill still hold after it
                assert {k: acks(client)[k] for k in before[client]} == before[client]
            # Commands committed before the kill whose ack was lost were answered by the retry.
            lost_acks = committed & {k for keys in unacked.values() for k in keys}
            fresh = RoomClient(server.address, respondent.cookies, respondent.csrf)
            clients.append(fresh)
            await fresh.join(case_id)  # a replay from 0 of the whole log
            await fresh.wait_seq(total)
            assert_consistent(log, [fresh], everything)
            print(
                f"killed after {sum(len(v) for v in before.values())} acks; "
                f"{sum(len(v) for v in unacked.values())} retried, "
                f"{len(lost_acks)} of them committed before the kill; {total} events"
            )
        finally:
            await disconnect_all(clients)


# -- two instances on PostgreSQL, fan-out through Redis --------------------------------------


async def start_pair(
    processes: Processes, database_url: str, redis_url: str
) -> tuple[OdrServer, OdrServer]:
    """Two instances sharing one database, one secret key and one Redis."""
    ports = free_ports(2)
    common = {
        "ODR_DATABASE_URL": database_url,
        "ODR_SECRET_KEY": SECRET_KEY,
        "ODR_REDIS_URL": redis_url,
        "ODR_ALLOWED_ORIGINS": ",".join(f"http://127.0.0.1:{p}" for p in ports),
        "ODR_PUBLIC_BASE_URL": f"http://127.0.0.1:{ports[0]}",
    }
    a = processes.odr("a", ports[0], **common)
    b = processes.odr("b", ports[1], **common)
    await asyncio.gather(a.start(), b.start())
    return a, b


async def parties_on_two_instances(
    a: OdrServer, b: OdrServer, *, respondent_origin: str | None = None
) -> tuple[RoomClient, RoomClient, str]:
    """The claimant in the room on instance A, the respondent on instance B."""
    # Unique e-mails: the PostgreSQL database is shared with the rest of the test run.
    claimant, signed_up, case_id = await joined_case(a.address, prefix=secrets.token_hex(4))
    respondent = RoomClient(b.address, signed_up.cookies, signed_up.csrf)
    await claimant.join(case_id)
    await respondent.connect(origin=respondent_origin)
    welcome = await respondent.hello(case_id)
    assert welcome["type"] == "welcome" and welcome["role"] == "respondent", welcome
    return claimant, respondent, case_id


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
async def test_two_instances_share_the_room_through_redis(
    postgres_url: str, tmp_path: Path
) -> None:
    await require_redis(*SHARED_REDIS)
    async with Processes(tmp_path) as processes:
        a, b = await start_pair(processes, postgres_url, "redis://127.0.0.1:6379/0")
        # The respondent's page came from instance A: an origin listed in ODR_ALLOWED_ORIGINS.
        claimant, respondent, case_id = await parties_on_two_instances(
            a, b, respondent_origin=a.origin
        )
        clients = (claimant, respondent)
        sent: dict[str, str] = {}
        try:
            # Turn by turn: each event reaches the other instance with nothing else to pull it.
            for round_ in range(5):
                for sender, prefix in ((claimant, "c"), (respondent, "r")):
                    key = f"{prefix}-turn-{round_}"
                    sent[key] = f"text of {key}"
                    await send_live(sender, clients, key)

            # Both at once, each waiting for its own acks: the log interleaves them.
            async def talk(sender: RoomClient, prefix: str) -> None:
                for i in range(20):
                    key = f"{prefix}-both-{i:02}"
                    sent[key] = f"text of {key}"
                    ack = await sender.command("message", key=key, text=sent[key])
                    assert ack["type"] == "ack", ack

            await asyncio.gather(talk(claimant, "c"), talk(respondent, "r"))
            for client in clients:
                await client.wait_seq(len(sent))
            log = await read_log(a.env, case_id)
            assert len(log) == len(sent) == 50
            assert_consistent(log, clients, sent)
            assert {e.actor_role for e in log[10:]} == {"claimant", "respondent"}
        finally:
            await disconnect_all(clients)


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
async def test_redis_restart_mid_session_loses_nothing(postgres_url: str, tmp_path: Path) -> None:
    async with Processes(tmp_path) as processes:
        redis = processes.redis(free_port())
        try:
            await redis.start()
        except FileNotFoundError as exc:
            service_missing("redis-server (to start a private Redis)", exc)
        a, b = await start_pair(processes, postgres_url, redis.url)
        claimant, respondent, case_id = await parties_on_two_instances(a, b)
        clients = (claimant, respondent)
        sent: dict[str, str] = {}

        async def turn(sender: RoomClient, key: str, *, live: bool) -> None:
            sent[key] = f"text of {key}"
            if live:
                await send_live(sender, clients, key)
                return
            ack = await sender.command("message", key=key, text=sent[key])
            assert ack["type"] == "ack", ack  # the commit never depends on Redis

        try:
            for round_ in range(2):
                await turn(claimant, f"c-before-{round_}", live=True)
                await turn(respondent, f"r-before-{round_}", live=True)
            before = len(sent)

            await redis.kill()
            for round_ in range(4):
                await turn(claimant, f"c-during-{round_}", live=False)
                await turn(respondent, f"r-during-{round_}", live=False)
            # Nothing was fanned out meanwhile: neither instance could deliver the other's events.
            assert claimant.last_seq < len(sent) and respondent.last_seq < len(sent)
            assert all(c.last_seq >= before for c in clients)

            await redis.start()  # same port, empty: every subscription is gone
            # No new event is needed: on reconnecting, each broker resubscribes and hands its
            # subscriptions a GAP, and the connections refill what they missed from the log.
            for client in clients:
                await wait_until(
                    client,
                    f"seq {len(sent)} after the restart",
                    lambda c=client: c.last_seq >= len(sent),  # type: ignore[misc]
                )
            for round_ in range(2):
                await turn(respondent, f"r-after-{round_}", live=True)
                await turn(claimant, f"c-after-{round_}", live=True)

            log = await read_log(a.env, case_id)
            assert len(log) == len(sent) == 16
            assert_consistent(log, clients, sent)
        finally:
            await disconnect_all(clients)
