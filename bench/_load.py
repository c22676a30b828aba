"""The load client of bench/realtime.py: rooms of two parties sending offers at a rate and
timing each one until the other party receives it."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import inspect
import json
import math
import os
import signal
import ssl
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import _checkout  # noqa: F401  (puts the checkout on sys.path for tests.builders)
from _database import settle_setup_notices, settled_pg_transactions
from _rooms import CpuMeter, rss_kib
from _server import percentile
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

PASSWORD = "benchmark password 2026"
AMOUNTS = [str(step * 10000) for step in range(43)]  # 0 … 420000, step 10000
TERMS = ["сразу", "через месяц", "в рассрочку"]
PACKAGES = len(AMOUNTS) * len(TERMS)  # 129 distinct valid packages
SETUP_CONCURRENCY = 20
CONNECT_CONCURRENCY = 50
DRAIN_S = 10.0
IDLE_SETTLE_S = 3.0
IDLE_CPU_S = 5.0
CLIENT_SATURATED_PCT = 85.0


def package(n: int) -> dict[str, str]:
    return {"amount": AMOUNTS[n % len(AMOUNTS)], "issue2": TERMS[(n // len(AMOUNTS)) % len(TERMS)]}


def package_index(pkg: dict[str, Any]) -> int:
    amount = int(Decimal(str(pkg["amount"]))) // 10000
    return amount + len(AMOUNTS) * TERMS.index(pkg["issue2"])


def signal_all(pids: list[int], signum: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)


# -- the client ------------------------------------------------------------------------------


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)  # seconds, offer → other party
    sent_times: list[float] = field(default_factory=list)  # perf_counter of each one's send
    ack_latencies: list[float] = field(default_factory=list)  # seconds, offer → own ack
    acks: dict[str, tuple[float, Room, int]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    sent: int = 0
    unmatched: int = 0
    dropped: int = 0  # connections closed while the run was on
    last_delivery: float = 0.0
    running: bool = False
    outstanding: int = 0  # offers sent and neither delivered nor refused yet
    all_sent: bool = False
    drained: asyncio.Event = field(default_factory=asyncio.Event)

    def settle(self) -> None:
        self.outstanding -= 1
        if self.all_sent and self.outstanding <= 0:
            self.drained.set()


@dataclass
class Party:
    room: Room
    role: str
    cookie: str
    url: str
    origin: str
    tls: ssl.SSLContext | None = None  # through nginx: wss, its throw-away authority trusted
    ws: ClientConnection | None = None
    reader: asyncio.Task[None] | None = None
    welcome: asyncio.Future[None] | None = None


@dataclass
class Room:
    case_id: str
    parties: list[Party] = field(default_factory=list)
    sent: int = 0
    pending: dict[int, float] = field(default_factory=dict)  # package index → send time


async def read(party: Party, stats: Stats) -> None:
    assert party.ws is not None and party.welcome is not None
    room, role, clock = party.room, party.role, time.perf_counter
    try:
        async for raw in party.ws:
            now = clock()
            frame = json.loads(raw)
            kind = frame["type"]
            if kind == "event":
                if frame["event"] == "offer" and frame["actor"]["role"] != role:
                    sent_at = room.pending.pop(package_index(frame["data"]["package"]), None)
                    if sent_at is None:
                        stats.unmatched += 1
                    else:
                        stats.latencies.append(now - sent_at)
                        stats.sent_times.append(sent_at)
                        stats.last_delivery = now
                        stats.settle()
            elif kind == "ack":
                acked = stats.acks.pop(frame["key"], None)
                if acked is not None:
                    stats.ack_latencies.append(now - acked[0])
            elif kind == "welcome":
                if not party.welcome.done():
                    party.welcome.set_result(None)
            elif kind == "error":
                stats.errors[str(frame.get("code"))] += 1
                refused = stats.acks.pop(frame.get("key") or "", None)
                if refused is not None and refused[1].pending.pop(refused[2], None):
                    stats.settle()
                if not party.welcome.done():
                    party.welcome.set_exception(RuntimeError(f"refused: {frame}"))
    except ConnectionClosed:
        pass
    finally:
        if stats.running:
            stats.dropped += 1
        if not party.welcome.done():
            party.welcome.set_exception(RuntimeError("closed before welcome"))


def tls_options(party: Party) -> dict[str, Any]:
    """wss through nginx: its certificate's authority, and 127.0.0.1 rather than resolving the
    name (which may try ::1 first); the name still goes in SNI and the Host header."""
    return {} if party.tls is None else {"ssl": party.tls, "host": "127.0.0.1"}


async def join(party: Party, stats: Stats, gate: asyncio.Semaphore, baseline: bool) -> bool:
    async with gate:
        try:
            async with asyncio.timeout(30):
                party.ws = await connect(
                    party.url,
                    origin=party.origin,  # type: ignore[arg-type]
                    additional_headers={"cookie": party.cookie} if party.cookie else None,
                    compression=None,
                    ping_interval=None,  # the server pings; the client only answers
                    open_timeout=30,
                    **tls_options(party),
                )
                party.welcome = asyncio.get_running_loop().create_future()
                party.reader = asyncio.create_task(read(party, stats))
                hello: dict[str, Any] = {"type": "hello", "case_id": party.room.case_id}
                hello["last_seq"] = 0
                if baseline:
                    hello["role"] = party.role
                await party.ws.send(json.dumps(hello))
                await party.welcome
            return True
        except Exception as exc:
            stats.errors[f"connect: {type(exc).__name__}"] += 1
            return False


async def drive(rooms: list[Room], rate: float, seconds: float, stats: Stats) -> float:
    """Send ``rate * seconds`` offers, evenly paced, round-robin over the rooms.
    Returns the worst lag behind schedule in seconds (a sign the client could not keep up)."""
    clock, total, worst_lag = time.perf_counter, int(rate * seconds), 0.0
    start = clock()
    k = 0
    while k < total:
        due = min(total, int((clock() - start) * rate) + 1)
        while k < due:
            room = rooms[k % len(rooms)]
            n = room.sent
            room.sent += 1
            party = room.parties[n % 2]
            key = f"o{k}"
            index = n % PACKAGES
            text = json.dumps({"type": "offer", "key": key, "package": package(n)})
            k += 1
            if party.ws is None:
                stats.errors["send: not connected"] += 1
                continue
            sent_at = clock()
            room.pending[index] = sent_at
            stats.acks[key] = (sent_at, room, index)
            stats.outstanding += 1
            try:
                await party.ws.send(text)
            except ConnectionClosed:
                room.pending.pop(index, None)
                stats.acks.pop(key, None)
                stats.outstanding -= 1
                stats.errors["send: connection closed"] += 1
                continue
            stats.sent += 1
        worst_lag = max(worst_lag, clock() - (start + k / rate))
        await asyncio.sleep(max(0.0, start + k / rate - clock()))
    return worst_lag


async def scenario(
    setup: Any,
    rooms_n: int,
    rate: float,
    seconds: float,
    server_pids: list[int],
    database_url: str | None = None,
    profile: bool = False,
    proxy_pids: list[int] | None = None,
    window: tuple[Callable[[], None], Callable[[], None]] | None = None,
    idle_window: tuple[Callable[[], None], Callable[[], object]] | None = None,
) -> dict[str, Any]:
    """Set up rooms, connect everyone, measure idle memory, drive offers, drain, disconnect.

    ``profile``: the servers run ``bench/_profiled.py``; they profile from the first offer
    until every offer is delivered (or the drain times out). ``window``: called at the same two
    moments (py-spy is started and stopped by them); ``idle_window``: before the first socket
    opens and once all are open and idle (tracemalloc's snapshots are taken then)."""
    stats = Stats()
    result: dict[str, Any] = {}
    clock = time.perf_counter
    started = clock()
    rooms: list[Room] = await setup(rooms_n)
    result["setup_s"] = clock() - started
    parties = [p for room in rooms for p in room.parties]
    baseline = not parties[0].cookie
    if database_url:
        result["setup_notices"] = await settle_setup_notices(database_url)
    await asyncio.sleep(1)
    if idle_window is not None:
        idle_window[0]()
        await asyncio.sleep(1)  # the servers act on it before the first socket opens
    rss_before = sum(rss_kib(pid) for pid in server_pids)
    proxy_before = sum(rss_kib(pid) for pid in proxy_pids or [])

    started = clock()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    joined = await asyncio.gather(*(join(p, stats, gate, baseline) for p in parties))
    result["connect_s"] = clock() - started
    result["connections"] = sum(joined)
    result["attempted"] = len(parties)
    try:
        await asyncio.sleep(IDLE_SETTLE_S)
        rss_after = sum(rss_kib(pid) for pid in server_pids)
        result["idle_kib"] = (rss_after - rss_before) / max(1, result["connections"])
        if idle_window is not None:
            snapshot = idle_window[1]()
            if inspect.isawaitable(snapshot):  # done once the servers wrote it down
                await snapshot
        proxy_after = sum(rss_kib(pid) for pid in proxy_pids or [])
        result["proxy_idle_kib"] = (proxy_after - proxy_before) / max(1, result["connections"])
        result["rss_before_mib"] = rss_before / 1024
        result["rss_after_mib"] = rss_after / 1024
        idle = CpuMeter(server_pids, proxy_pids or [])
        idle.start()
        await asyncio.sleep(IDLE_CPU_S)
        result["idle_cpu"] = idle.stop()

        live = [room for room in rooms if all(p.ws is not None for p in room.parties)]
        if database_url:
            xacts_before = await settled_pg_transactions(database_url)
        # No collector pauses in the client while it measures (a full collection of its 1,000
        # connections' objects can take 100 ms): everything so far is frozen, the rest waits.
        gc.collect()
        gc.freeze()
        gc.disable()
        meter = CpuMeter(server_pids, proxy_pids or [])
        stats.running = True
        if profile:
            signal_all(server_pids, signal.SIGUSR1)
        if window is not None:
            window[0]()
        meter.start()
        start = clock()
        result["lag_s"] = await drive(live, rate, seconds, stats)
        send_window = clock() - start
        result["cpu"] = meter.stop()
        stats.all_sent = True
        if stats.outstanding <= 0:
            stats.drained.set()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(DRAIN_S):
                await stats.drained.wait()
        stats.running = False
        if profile:
            signal_all(server_pids, signal.SIGUSR2)
        if window is not None:
            window[1]()
        result["send_window_s"] = send_window
        if database_url:
            xacts = await settled_pg_transactions(database_url) - xacts_before
            result["xacts_per_offer"] = xacts / max(1, stats.sent)
    finally:
        stats.running = False
        gc.enable()
        gc.unfreeze()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(30):
                await asyncio.gather(
                    *(p.ws.close() for p in parties if p.ws is not None), return_exceptions=True
                )
        for p in parties:
            if p.reader is not None:
                p.reader.cancel()
        await asyncio.gather(*(p.reader for p in parties if p.reader), return_exceptions=True)

    delivered = len(stats.latencies)
    result["sent"] = stats.sent
    result["delivered"] = delivered
    result["timeouts"] = sum(len(room.pending) for room in rooms)
    result["errors"] = dict(stats.errors)
    result["unmatched"] = stats.unmatched
    result["dropped"] = stats.dropped
    span = (stats.last_delivery - start) if delivered else math.inf
    result["offers_per_s"] = delivered / span if delivered else 0.0
    ms = [1000 * v for v in stats.latencies]
    ack_ms = [1000 * v for v in stats.ack_latencies]
    for q in (50, 95, 99):
        result[f"p{q}"] = percentile(ms, q)
        result[f"ack_p{q}"] = percentile(ack_ms, q)
    result["max"] = max(ms) if ms else math.nan
    result["timeline"] = [(t - start, v) for t, v in zip(stats.sent_times, ms, strict=True)]
    return result


# -- setup over HTTP -------------------------------------------------------------------------
