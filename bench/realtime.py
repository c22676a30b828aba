"""Room fan-out under load: offer-to-delivery latency, idle memory and CPU per configuration.

N rooms x 2 WebSocket clients (claimant + respondent). Offers are sent at an aggregate rate R/s,
round-robin over the rooms (each room alternates which party offers). Latency is the time from
the sender's ``send`` to the *other* party's receipt of the ``event`` frame, both read with
``time.perf_counter`` in this one process. An offer is matched by (room, package): the n-th offer
in a room carries the n-th of 129 distinct valid packages, so no id needs to ride in the payload.

Configurations, all in the same run (the machine is noisy, so compare within a run):

1. ``odr serve`` on SQLite;
2. ``odr serve`` on PostgreSQL (a fresh database, dropped afterwards);
3. two ``odr serve`` on PostgreSQL + Redis, claimants on A, respondents on B;
4. baseline: a bare ``websockets`` relay (``bench/_rooms.py``) with the same frames, the ceiling.

Usage::

    .venv/bin/python bench/realtime.py [--rooms 500] [--rate 200] [--seconds 20] [--quick]
                                       [--only sqlite,pg,pg-redis,baseline] [--profile]

``--quick`` is 50 rooms, 50 offers/s, 5 s. ``--profile`` runs the servers under cProfile and
prints their hottest functions. Needs PostgreSQL on 127.0.0.1:5432 (database ``test`` to connect
to) and Redis on 127.0.0.1:6379 for configurations 2 and 3.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import math
import pstats
import resource
import secrets
import shutil
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from _rooms import (
    REDIS_URL,
    CpuMeter,
    Server,
    baseline_server,
    odr_server,
    postgres_database,
    rss_kib,
    run_fast,
    settled_pg_transactions,
    work_dir,
)
from _server import free_port, percentile
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

PASSWORD = "benchmark password 2026"
CASE = {
    "category": "civil",
    "subject": "Unpaid invoice for furniture",
    "claim": {"amount": 420000.5, "currency": "KZT"},
    "language": "ru",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма",
            "range": {"min": 0, "max": 420000, "step": 10000, "unit": "KZT"},
        },
        {"label": "Срок", "options": ["сразу", "через месяц", "в рассрочку"]},
    ],
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}
AMOUNTS = [str(step * 10000) for step in range(43)]  # 0 … 420000, step 10000
TERMS = ["сразу", "через месяц", "в рассрочку"]
PACKAGES = len(AMOUNTS) * len(TERMS)  # 129 distinct valid packages
SETUP_CONCURRENCY = 20
CONNECT_CONCURRENCY = 50
DRAIN_S = 10.0
IDLE_SETTLE_S = 3.0
IDLE_CPU_S = 5.0
CLIENT_SATURATED_PCT = 85.0

CONFIGS = {
    "sqlite": "1 instance, SQLite",
    "pg": "1 instance, PostgreSQL",
    "pg-redis": "2 instances, PostgreSQL + Redis",
    "baseline": "baseline: bare websockets relay",
}
P99_TARGET_MS = {"sqlite": 100.0, "pg": 100.0, "pg-redis": 150.0}
TARGET_CONNECTIONS = 1000
TARGET_RATE = 200.0
TARGET_IDLE_KIB = 100.0


def package(n: int) -> dict[str, str]:
    return {"amount": AMOUNTS[n % len(AMOUNTS)], "issue2": TERMS[(n // len(AMOUNTS)) % len(TERMS)]}


def package_index(pkg: dict[str, Any]) -> int:
    amount = int(Decimal(str(pkg["amount"]))) // 10000
    return amount + len(AMOUNTS) * TERMS.index(pkg["issue2"])


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
) -> dict[str, Any]:
    """Set up rooms, connect everyone, measure idle memory, drive offers, drain, disconnect."""
    stats = Stats()
    result: dict[str, Any] = {}
    clock = time.perf_counter
    started = clock()
    rooms: list[Room] = await setup(rooms_n)
    result["setup_s"] = clock() - started
    parties = [p for room in rooms for p in room.parties]
    baseline = not parties[0].cookie
    await asyncio.sleep(1)
    rss_before = sum(rss_kib(pid) for pid in server_pids)

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
        result["rss_before_mib"] = rss_before / 1024
        result["rss_after_mib"] = rss_after / 1024
        idle = CpuMeter(server_pids)
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
        meter = CpuMeter(server_pids)
        stats.running = True
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


def cookie_header(client: httpx.AsyncClient) -> str:
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def odr_setup(servers: list[Server], tag: str) -> Any:
    """Signs up a claimant and a respondent per room, opens a case, accepts the invitation."""
    first = servers[0]
    claimant_side, respondent_side = servers[0], servers[-1]

    async def one(transport: httpx.AsyncHTTPTransport, i: int, gate: asyncio.Semaphore) -> Room:
        async with gate:
            clients = []
            csrf = []
            for who in ("c", "r"):
                client = httpx.AsyncClient(base_url=first.base, transport=transport, timeout=60)
                signed = await client.post(
                    "/api/auth/signup",
                    json={
                        "email": f"{who}{i}-{tag}@bench.example.kz",
                        "password": PASSWORD,
                        "display_name": f"{who}{i}",
                    },
                )
                if signed.status_code != 201:
                    raise RuntimeError(f"signup: {signed.status_code} {signed.text[:300]}")
                clients.append(client)
                csrf.append(signed.json()["csrf_token"])
            created = await clients[0].post(
                "/api/cases", json=CASE, headers={"x-csrf-token": csrf[0]}
            )
            if created.status_code != 201:
                raise RuntimeError(f"case: {created.status_code} {created.text[:300]}")
            token = created.json()["invitation"]["url"].split("#token=", 1)[1]
            accepted = await clients[1].post(
                "/api/invitations/accept",
                json={"token": token, "consent_to_online_mediation": True},
                headers={"x-csrf-token": csrf[1]},
            )
            if accepted.status_code != 200:
                raise RuntimeError(f"accept: {accepted.status_code} {accepted.text[:300]}")
            room = Room(created.json()["case"]["id"])
            for role, client, side in (
                ("claimant", clients[0], claimant_side),
                ("respondent", clients[1], respondent_side),
            ):
                room.parties.append(
                    Party(room, role, cookie_header(client), side.ws_url, side.origin)
                )
            return room

    async def setup(n: int) -> list[Room]:
        gate = asyncio.Semaphore(SETUP_CONCURRENCY)
        limits = httpx.Limits(max_connections=SETUP_CONCURRENCY * 2)
        async with httpx.AsyncHTTPTransport(limits=limits) as transport:
            return list(await asyncio.gather(*(one(transport, i, gate) for i in range(n))))

    return setup


def baseline_setup(server: Server) -> Any:
    async def setup(n: int) -> list[Room]:
        rooms = []
        for i in range(n):
            room = Room(f"room-{i}")
            for role in ("claimant", "respondent"):
                room.parties.append(Party(room, role, "", server.ws_url, server.origin))
            rooms.append(room)
        return rooms

    return setup


# -- configurations ------------------------------------------------------------------------


def run_config(name: str, args: argparse.Namespace) -> dict[str, Any]:
    budget = 600 + args.seconds + args.rooms * 1.0
    tag = secrets.token_hex(3)
    with work_dir() as tmp, contextlib.ExitStack() as stack:
        workdir = Path(tmp)
        secret = secrets.token_urlsafe(48)
        servers: list[Server] = []
        env: dict[str, str] = {}
        try:
            if name == "baseline":
                servers.append(stack.enter_context(baseline_server(free_port(), workdir)))
                setup = baseline_setup(servers[0])
            else:
                ports = [free_port() for _ in range(2 if name == "pg-redis" else 1)]
                env |= {
                    "ODR_SECRET_KEY": secret,
                    "ODR_ALLOWED_ORIGINS": ",".join(f"http://127.0.0.1:{p}" for p in ports),
                }
                if name in ("pg", "pg-redis"):
                    env["ODR_DATABASE_URL"] = stack.enter_context(postgres_database())
                if name == "pg-redis":
                    env["ODR_REDIS_URL"] = REDIS_URL
                for label, port in zip("AB", ports, strict=False):
                    # one at a time: the first one brings the schema up to date
                    servers.append(
                        stack.enter_context(
                            odr_server(port, workdir, f"{name}-{label}", args.profile, **env)
                        )
                    )
                setup = odr_setup(servers, tag)
            pids = [s.pid for s in servers]
            database_url = env.get("ODR_DATABASE_URL")

            async def bounded() -> dict[str, Any]:
                async with asyncio.timeout(budget):
                    return await scenario(
                        setup, args.rooms, args.rate, args.seconds, pids, database_url
                    )

            result = run_fast(bounded())
            result["instances"] = len(servers)
            result["pids"] = pids
        except BaseException:
            for server in servers:
                with contextlib.suppress(OSError):
                    tail = server.log.read_text(errors="replace").splitlines()[-15:]
                    if tail:
                        print(
                            f"--- {server.log.name} (last lines)", *tail, sep="\n", file=sys.stderr
                        )
            raise
        finally:
            stack.close()  # stops the servers (and writes profiles) before reading them
        if args.profile and name != "baseline":
            for server in servers:
                profile = server.log.with_suffix(".prof")
                if profile.exists():
                    print_profile(profile, args.profile_dir)
        return result


def profile_area(filename: str, function: str) -> str:
    """Where a profiled function lives: a third-party package, our package, or the stdlib."""
    if filename == "~":
        return (
            "builtins: " + function.split(" of ")[-1].strip("<>'")
            if " of " in function
            else ("builtins")
        )
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0]
    repo = str(Path(__file__).resolve().parent.parent) + "/"
    if filename.startswith(repo):
        return "/".join(filename[len(repo) :].split("/")[:2])
    return "stdlib " + Path(filename).parent.name + "/" + Path(filename).stem


def print_profile(profile: Path, keep: str | None) -> None:
    """Own (tottime) CPU of the event-loop thread by area, then the hottest functions."""
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(profile, Path(keep) / profile.name)
    stats = pstats.Stats(str(profile))
    areas: Counter[str] = Counter()
    total = 0.0
    for (filename, _line, function), row in stats.stats.items():  # type: ignore[attr-defined]
        areas[profile_area(filename, function)] += row[2]
        total += row[2]
    print(f"\n### cProfile of {profile.stem}: own time by area (event-loop thread only)\n")
    print("| area | own s | % |\n|---|---|---|")
    for area, seconds in areas.most_common(15):
        print(f"| {area} | {seconds:.1f} | {100 * seconds / max(total, 1e-9):.0f} |")
    print("\nTop functions by own time:\n```")
    stats.sort_stats("tottime").print_stats(20)
    print("```")


# -- report --------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def fmt(value: float, digits: int = 1) -> str:
    return (
        "—"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else f"{value:.{digits}f}"
    )


def report(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    full_scale = args.rooms * 2 >= TARGET_CONNECTIONS and args.rate >= TARGET_RATE
    base = results.get("baseline", {})
    base_p99 = base.get("p99", math.nan) if "error" not in base else math.nan
    print(
        f"\n# Room fan-out: {args.rooms} rooms x 2 clients, {args.rate:g} offers/s for "
        f"{args.seconds:g} s\n"
    )
    if not full_scale:
        print(
            "_Smaller than the target scale (1,000 connections, 200 offers/s): scale targets "
            "are n/a._\n"
        )
    summary = []
    for name, r in results.items():
        print(f"## {CONFIGS[name]}\n")
        if "error" in r:
            print(f"FAILED: {r['error']}\n")
            summary.append(f"| {CONFIGS[name]} | FAILED | | | | | | |")
            continue
        odr = name != "baseline"
        failures = sum(r["errors"].values()) + r["timeouts"] + r["dropped"]
        p99_target = P99_TARGET_MS.get(name)
        cpu, idle = r["cpu"], r["idle_cpu"]
        per_instance = " + ".join(fmt(cpu[f"pid:{pid}"], 0) for pid in r["pids"])
        ratio = r["p99"] / base_p99 if base_p99 and not math.isnan(base_p99) else math.nan
        rows = [
            (
                "connections",
                f"{r['connections']} / {r['attempted']}",
                f">= {TARGET_CONNECTIONS}",
                verdict(r["connections"] >= TARGET_CONNECTIONS if full_scale else None),
            ),
            ("offers sent", str(r["sent"]), "", ""),
            (
                "offers/s sustained (delivered)",
                fmt(r["offers_per_s"]),
                f">= {TARGET_RATE:g}",
                verdict(
                    r["offers_per_s"] >= 0.98 * TARGET_RATE and failures == 0
                    if full_scale
                    else None
                ),
            ),
            ("delivery latency p50 (ms)", fmt(r["p50"]), "", ""),
            ("delivery latency p95 (ms)", fmt(r["p95"]), "", ""),
            (
                "delivery latency p99 (ms)",
                fmt(r["p99"]),
                f"< {p99_target:g}" if p99_target else "",
                verdict(r["p99"] < p99_target) if p99_target else "",
            ),
            ("delivery latency max (ms)", fmt(r["max"]), "", ""),
            (
                "ack latency p50 / p99 (ms)",
                f"{fmt(r['ack_p50'])} / {fmt(r['ack_p99'])}",
                "",
                "",
            ),
            (
                "errors / timeouts / dropped",
                f"{sum(r['errors'].values())} / {r['timeouts']} / {r['dropped']}",
                "0",
                verdict(failures == 0),
            ),
            (
                "server RSS per idle connection (KiB)",
                fmt(r["idle_kib"]),
                f"< {TARGET_IDLE_KIB:g}" if odr else "",
                verdict(r["idle_kib"] < TARGET_IDLE_KIB) if odr else "",
            ),
            (
                "server RSS before / with idle clients (MiB)",
                f"{fmt(r['rss_before_mib'])} / {fmt(r['rss_after_mib'])}",
                "",
                "",
            ),
            ("server CPU % of a core (per instance)", per_instance, "", ""),
            ("server CPU % with idle clients (all instances)", fmt(idle["servers"], 0), "", ""),
            (
                "server CPU ms per offer (all instances)",
                fmt(10 * cpu["servers"] * r["send_window_s"] / max(1, r["sent"]), 2),
                "",
                "",
            ),
            (
                "PostgreSQL / Redis CPU % of a core",
                f"{fmt(cpu['postgres'], 0)} / {fmt(cpu['redis-server'], 0)}",
                "",
                "",
            ),
            ("client CPU % of a core", fmt(cpu["client"], 0), "", ""),
            ("machine CPU % (all cores)", fmt(cpu["machine"], 0), "", ""),
            ("p99 / baseline p99", fmt(ratio, 2) if odr else "1.00", "", ""),
        ]
        print("| metric | value | target | |\n|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        notes = [
            f"setup {r['setup_s']:.1f} s, connect {r['connect_s']:.1f} s, "
            f"worst send lag {1000 * r['lag_s']:.1f} ms"
        ]
        if r["errors"]:
            notes.append(f"errors: {r['errors']}")
        if "xacts_per_offer" in r:
            notes.append(f"{r['xacts_per_offer']:.2f} PostgreSQL transactions per offer")
        if r["unmatched"]:
            notes.append(f"{r['unmatched']} events matched no pending offer")
        if cpu["client"] >= CLIENT_SATURATED_PCT or r["lag_s"] > 0.1:
            notes.append(
                f"**client CPU saturated** ({cpu['client']:.0f}% of a core, send lag "
                f"{1000 * r['lag_s']:.0f} ms): latencies include client queueing"
            )
        else:
            notes.append(f"client not saturated ({cpu['client']:.0f}% of a core)")
        print("\n" + "; ".join(notes) + "\n")
        summary.append(
            f"| {CONFIGS[name]} | {r['connections']} | {fmt(r['offers_per_s'])} | "
            f"{fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | "
            f"{fmt(ratio, 2) if odr else '1.00'} | {failures} | "
            f"{fmt(r['idle_kib']) if odr else '—'} | {per_instance} |"
        )
    print("## Summary\n")
    print(
        "| configuration | conns | offers/s | p50 ms | p95 ms | p99 ms | p99 / baseline "
        "| errors+timeouts | KiB/idle conn | server CPU % |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(summary))


# -- main ----------------------------------------------------------------------------------


def raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(hard, max(needed, soft))
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rooms", type=int, default=500)
    parser.add_argument("--rate", type=float, default=200.0, help="offers per second, in all")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--quick", action="store_true", help="50 rooms, 50/s, 5 s")
    parser.add_argument("--only", default=",".join(CONFIGS), help="comma list of configurations")
    parser.add_argument("--profile", action="store_true", help="run the servers under cProfile")
    parser.add_argument("--profile-dir", help="keep the servers' .prof files in this folder")
    parser.add_argument("--dump", help="write every delivery (config, send s, latency ms) as CSV")
    args = parser.parse_args()
    if args.quick:
        args.rooms, args.rate, args.seconds = 50, 50.0, 5.0
    chosen = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = set(chosen) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(sorted(unknown))}")
    raise_fd_limit(args.rooms * 2 * 2 + 1024)  # both ends may be this process's and its kids'

    def terminate(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    results: dict[str, dict[str, Any]] = {}
    for name in [c for c in CONFIGS if c in chosen]:  # the baseline last, fixed order
        print(f"running: {CONFIGS[name]} …", file=sys.stderr, flush=True)
        try:
            results[name] = run_config(name, args)
        except KeyboardInterrupt:
            print("interrupted; everything started was stopped", file=sys.stderr)
            return 130
        except Exception as exc:
            results[name] = {"error": f"{type(exc).__name__}: {exc}"}
    report(results, args)
    if args.dump:
        with open(args.dump, "w") as out:
            out.write("config,sent_s,latency_ms\n")
            for name, r in results.items():
                for sent_s, latency in r.get("timeline", []):
                    out.write(f"{name},{sent_s:.4f},{latency:.3f}\n")
    return 0 if all("error" not in r for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
