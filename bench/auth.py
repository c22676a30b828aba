"""Login cost with the configured argon2id parameters, and what logins do to everyone else.

Runs a real ``odr serve`` (SQLite, default OWASP argon2id m=19456 KiB, t=2, p=1) and measures:

1. ``/healthz`` latency on the idle server (the baseline, measured in this same run);
2. login throughput and latency with 10 logins in flight at all times;
3. ``/healthz`` latency measured *during* phase 2.

The ratio of 3 to 1 shows whether password hashing blocks the event loop (it should not: hashing
runs on a bounded thread pool). Usage: ``.venv/bin/python bench/auth.py [--seconds 10]``.
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx
from _server import percentile, running_service

PASSWORD = "benchmark password 2026"
CONCURRENT_LOGINS = 10


async def probe_health(base: str, stop: asyncio.Event, interval: float = 0.01) -> list[float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base) as client:
        while not stop.is_set():
            started = time.perf_counter()
            response = await client.get("/healthz")
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            await asyncio.sleep(interval)
    return latencies


async def login_loop(base: str, email: str, stop: asyncio.Event) -> list[float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base) as client:
        while not stop.is_set():
            started = time.perf_counter()
            response = await client.post(
                "/api/auth/login", json={"email": email, "password": PASSWORD}
            )
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
    return latencies


async def run(base: str, seconds: float) -> dict[str, float]:
    emails = [f"bench{n}@example.kz" for n in range(CONCURRENT_LOGINS)]
    async with httpx.AsyncClient(base_url=base) as client:
        for email in emails:
            response = await client.post(
                "/api/auth/signup",
                json={"email": email, "password": PASSWORD, "display_name": "Bench"},
            )
            assert response.status_code == 201, response.text

    stop = asyncio.Event()
    idle_task = asyncio.create_task(probe_health(base, stop))
    await asyncio.sleep(seconds / 2)
    stop.set()
    idle = await idle_task

    stop = asyncio.Event()
    started = time.perf_counter()
    logins = [asyncio.create_task(login_loop(base, e, stop)) for e in emails]
    busy_task = asyncio.create_task(probe_health(base, stop))
    await asyncio.sleep(seconds)
    stop.set()
    login_latencies = [x for task in logins for x in await task]
    elapsed = time.perf_counter() - started
    busy = await busy_task
    return {
        "logins": len(login_latencies),
        "logins_per_s": len(login_latencies) / elapsed,
        "login_p50": percentile(login_latencies, 50),
        "login_p95": percentile(login_latencies, 95),
        "login_p99": percentile(login_latencies, 99),
        "idle_p50": percentile(idle, 50),
        "idle_p99": percentile(idle, 99),
        "idle_n": len(idle),
        "busy_p50": percentile(busy, 50),
        "busy_p99": percentile(busy, 99),
        "busy_n": len(busy),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    with running_service() as base:
        r = asyncio.run(run(base, args.seconds))
    print("## bench/auth.py (argon2id m=19456 KiB, t=2, p=1; 2 hashing threads)\n")
    print("| measure | value |\n|---|---|")
    print(f"| logins completed ({CONCURRENT_LOGINS} in flight) | {r['logins']:.0f} |")
    print(f"| login throughput | {r['logins_per_s']:.1f} /s |")
    print(
        f"| login latency p50 / p95 / p99 | {r['login_p50']:.0f} / {r['login_p95']:.0f} / "
        f"{r['login_p99']:.0f} ms |"
    )
    print(
        f"| /healthz idle p50 / p99 (n={r['idle_n']:.0f}) | {r['idle_p50']:.1f} / "
        f"{r['idle_p99']:.1f} ms |"
    )
    print(
        f"| /healthz during logins p50 / p99 (n={r['busy_n']:.0f}) | {r['busy_p50']:.1f} / "
        f"{r['busy_p99']:.1f} ms |"
    )
    print(f"| p99 ratio busy / idle | {r['busy_p99'] / r['idle_p99']:.1f}x |")


if __name__ == "__main__":
    main()
