"""Room fan-out under load: offer-to-delivery latency, idle memory and CPU per configuration.

N rooms x 2 WebSocket clients (claimant + respondent). Offers are sent at an aggregate rate R/s,
round-robin over the rooms (each room alternates which party offers). Latency is the time from
the sender's ``send`` to the *other* party's receipt of the ``event`` frame, both read with
``time.perf_counter`` in this one process. An offer is matched by (room, package): the n-th offer
in a room carries the n-th of 129 distinct valid packages, so no id needs to ride in the payload.

Configurations, all in the same run (the machine is noisy, so compare within a run):

1. ``odr serve`` on SQLite;
2. ``odr serve`` on PostgreSQL (a fresh database, dropped afterwards);
3. ``odr serve --workers N`` on PostgreSQL + Redis (``pg-workers``: every core of one machine);
4. two ``odr serve`` on PostgreSQL + Redis, claimants on A, respondents on B (through nginx:
   wherever its round robin puts them);
5. baseline: a bare ``websockets`` relay (``bench/_relay.py``) with the same frames, the ceiling.

``--via-nginx`` puts nginx in front of every configuration, the baseline included, so that the
ratio to the baseline is Kelisim's own cost: the shipped ``deploy/nginx/kelisim.conf`` rendered
for loopback (``tests/builders/nginx.py``, as ``tests/ops`` does) with a throw-away certificate,
one nginx worker per core; clients speak wss to it and the app trusts it as its proxy.

Usage::

    .venv/bin/python bench/realtime.py [--rooms 500] [--rate 200] [--seconds 20] [--quick]
                                       [--only sqlite,pg,pg-workers,pg-redis,baseline]
                                       [--via-nginx] [--workers 2]
                                       [--profile] [--py-spy DIR]

The issue's load is ``--rooms 1000 --rate 500`` (2,000 connections, 500 offers/s).
``--quick`` is 50 rooms, 50 offers/s, 5 s. ``--profile`` runs single-process servers under
``bench/_profiled.py``: from the first offer until the last delivery (not set-up) it profiles
the event-loop thread with cProfile (``BENCH_CPROFILE=0`` leaves that out) and records the loop's
lag, the collector's pauses and the command path's waits, and prints them. ``--py-spy DIR``
samples every server process (workers too) with py-spy over the same window, without slowing
them. Needs PostgreSQL on 127.0.0.1:5432 (database ``test`` to connect to) and Redis on
127.0.0.1:6379 for configurations 2 to 4, and nginx for ``--via-nginx``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import resource
import secrets
import signal
import ssl
import sys
import time
from pathlib import Path
from typing import Any

import _checkout  # noqa: F401  (puts the checkout on sys.path for tests.builders)
import httpx
from _database import postgres_database
from _load import PASSWORD, SETUP_CONCURRENCY, Party, Room, scenario, signal_all
from _report import CONFIGS, print_profile, report
from _rooms import (
    NGINX_NAME,
    REDIS_URL,
    Front,
    Server,
    baseline_server,
    nginx_front,
    odr_server,
    run_fast,
    work_dir,
)
from _server import free_port
from _spy import PySpy, print_probes

from tests.builders.cases import CASE


def cookie_header(client: httpx.AsyncClient) -> str:
    return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def odr_setup(fronts: list[Front], tag: str) -> Any:
    """Signs up a claimant and a respondent per room, opens a case, accepts the invitation.
    Claimants connect to the first front, respondents to the last (one front through nginx)."""
    first = fronts[0]
    claimant_side, respondent_side = fronts[0], fronts[-1]

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
                    Party(room, role, cookie_header(client), side.ws_url, side.origin, side.tls)
                )
            return room

    async def setup(n: int) -> list[Room]:
        gate = asyncio.Semaphore(SETUP_CONCURRENCY)
        limits = httpx.Limits(max_connections=SETUP_CONCURRENCY * 2)
        verify: ssl.SSLContext | bool = first.tls or True
        async with httpx.AsyncHTTPTransport(limits=limits, verify=verify) as transport:
            return list(await asyncio.gather(*(one(transport, i, gate) for i in range(n))))

    return setup


def baseline_setup(front: Front) -> Any:
    async def setup(n: int) -> list[Room]:
        rooms = []
        for i in range(n):
            room = Room(f"room-{i}")
            for role in ("claimant", "respondent"):
                room.parties.append(Party(room, role, "", front.ws_url, front.origin, front.tls))
            rooms.append(room)
        return rooms

    return setup


# -- configurations ------------------------------------------------------------------------


def instances_of(name: str, args: argparse.Namespace) -> tuple[int, int]:
    """(instances, workers per instance) of a configuration."""
    if name == "pg-redis":
        return 2, 1
    if name == "pg-workers":
        return 1, args.workers
    return 1, 1


def run_config(name: str, args: argparse.Namespace) -> dict[str, Any]:
    budget = 600 + args.seconds + args.rooms * 1.0
    tag = secrets.token_hex(3)
    with work_dir() as tmp, contextlib.ExitStack() as stack:
        workdir = Path(tmp)
        secret = secrets.token_urlsafe(48)
        servers: list[Server] = []
        env: dict[str, str] = {}
        https_port = free_port()
        try:
            if name == "baseline":
                servers.append(stack.enter_context(baseline_server(free_port(), workdir)))
            else:
                count, workers = instances_of(name, args)
                ports = [free_port() for _ in range(count)]
                origins = [f"http://127.0.0.1:{p}" for p in ports]
                env["ODR_SECRET_KEY"] = secret
                # The load client sends no pings of its own, and connecting thousands of sockets
                # on a busy machine (or under --memory's tracemalloc) can take longer than the
                # 90 s idle limit: the first sockets would be closed (1001) before the offers.
                env["ODR_WS_IDLE_TIMEOUT_S"] = "3600"
                if args.memory:
                    env["BENCH_MEMORY"] = "1"
                if args.via_nginx:
                    public = f"https://{NGINX_NAME}:{https_port}"
                    # https: __Host- cookies, Secure; client addresses from nginx's header
                    env |= {"ODR_PUBLIC_BASE_URL": public, "ODR_TRUSTED_PROXIES": "127.0.0.1"}
                    origins.append(public)
                env["ODR_ALLOWED_ORIGINS"] = ",".join(origins)
                if name != "sqlite":
                    env["ODR_DATABASE_URL"] = stack.enter_context(postgres_database())
                if name == "pg-redis" or workers > 1:
                    env["ODR_REDIS_URL"] = REDIS_URL
                for label, port in zip("AB", ports, strict=False):
                    # one at a time: the first one brings the schema up to date
                    servers.append(
                        stack.enter_context(
                            odr_server(
                                port, workdir, f"{name}-{label}", args.profile, workers, **env
                            )
                        )
                    )
            if args.via_nginx:
                connections = 2 * args.rooms * 2 + 1024  # each client's socket and its upstream's
                fronts = [
                    stack.enter_context(nginx_front(workdir, servers, https_port, connections))
                ]
            else:
                fronts = [Front.direct(server) for server in servers]
            setup = baseline_setup(fronts[0]) if name == "baseline" else odr_setup(fronts, tag)
            pids = [pid for server in servers for pid in server.pids()]
            proxy_pids = [pid for front in fronts for pid in front.pids]
            database_url = env.get("ODR_DATABASE_URL")
            spy = PySpy(args.py_spy, name, pids) if args.py_spy and name != "baseline" else None

            async def bounded() -> dict[str, Any]:
                async with asyncio.timeout(budget):
                    return await scenario(
                        setup,
                        args.rooms,
                        args.rate,
                        args.seconds,
                        pids,
                        database_url,
                        profile=args.profile and name != "baseline",
                        proxy_pids=proxy_pids,
                        window=(spy.start, spy.stop) if spy else None,
                        idle_window=(
                            (
                                lambda: signal_all(pids, signal.SIGUSR1),
                                lambda: memory_snapshot(pids, servers),
                            )
                            if args.memory and name != "baseline"
                            else None
                        ),
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
            for server in servers:
                probes = server.log.with_suffix(".probes.json")
                if probes.exists():
                    print_probes(probes)
        if spy is not None:
            spy.report()
        if args.memory:
            for server in servers:
                memory = server.log.with_suffix(".memory.txt")
                if memory.exists():
                    print(f"\n### tracemalloc of {server.log.stem}: held by idle sockets\n")
                    print("```\n" + memory.read_text() + "```")
                    if args.profile_dir:
                        Path(args.profile_dir).mkdir(parents=True, exist_ok=True)
                        (Path(args.profile_dir) / memory.name).write_text(memory.read_text())
        return result


async def memory_snapshot(pids: list[int], servers: list[Server]) -> None:
    """Ask the servers for tracemalloc's snapshot of the idle sockets and wait until it is
    written: comparing snapshots takes the server's loop for a minute on a busy machine, and
    offers sent meanwhile would time out (and the server could be stopped before writing)."""
    signal_all(pids, signal.SIGUSR2)
    deadline = time.monotonic() + 600
    for server in servers:
        written = server.log.with_suffix(".memory.txt")
        while not written.exists() and time.monotonic() < deadline:  # noqa: ASYNC110 (a file)
            await asyncio.sleep(0.5)


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
    parser.add_argument(
        "--profile", action="store_true", help="profile the servers during the offer window"
    )
    parser.add_argument("--profile-dir", help="keep the servers' .prof files in this folder")
    parser.add_argument("--dump", help="write every delivery (config, send s, latency ms) as CSV")
    parser.add_argument(
        "--via-nginx",
        action="store_true",
        help="clients go through nginx (the shipped template, wss), the baseline too",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="odr serve --workers for the pg-workers configuration",
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="tracemalloc in the servers: what the idle sockets hold, by line and traceback",
    )
    parser.add_argument(
        "--py-spy", metavar="DIR", help="sample the servers with py-spy in the offer window"
    )
    args = parser.parse_args()
    if args.quick:
        args.rooms, args.rate, args.seconds = 50, 50.0, 5.0
    chosen = [c.strip() for c in args.only.split(",") if c.strip()]
    unknown = set(chosen) - set(CONFIGS)
    if unknown:
        parser.error(f"unknown configuration(s): {', '.join(sorted(unknown))}")
    if (args.profile or args.memory) and "pg-workers" in chosen and args.workers > 1:
        parser.error("--profile and --memory signal one process; use --py-spy for pg-workers")
    if args.profile and args.memory:
        parser.error("--memory's tracemalloc would distort --profile: one at a time")
    raise_fd_limit(args.rooms * 2 * 4 + 1024)  # both ends may be this process's and its kids'

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
