"""Targets and the markdown report of bench/realtime.py (and the optional cProfile summary)."""

from __future__ import annotations

import argparse
import math
import pstats
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

from _load import CLIENT_SATURATED_PCT

CONFIGS = {
    "sqlite": "1 instance, SQLite",
    "pg": "1 instance, PostgreSQL",
    "pg-workers": "1 instance, --workers N, PostgreSQL + Redis",
    "pg-redis": "2 instances, PostgreSQL + Redis",
    "baseline": "baseline: bare websockets relay",
}
# Issue #16: at 2,000 connections and 500 offers/s, with nginx in front, p99 offer -> other
# party within 10 ms on one machine and 20 ms across two instances; under 32 KiB per idle socket.
P99_TARGET_MS = {"sqlite": 10.0, "pg": 10.0, "pg-workers": 10.0, "pg-redis": 20.0}
TARGET_CONNECTIONS = 2000
TARGET_RATE = 500.0
TARGET_IDLE_KIB = 32.0


def title(name: str, args: argparse.Namespace) -> str:
    """The configuration's name as the report shows it (with its worker count, its proxy)."""
    text = CONFIGS[name].replace("--workers N", f"--workers {args.workers}")
    return text + (", through nginx" if getattr(args, "via_nginx", False) else "")


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
    print(f"\n### cProfile of {profile.stem}: own time by area (event loop, offer window only)\n")
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
            f"_Smaller than the target scale ({TARGET_CONNECTIONS:,} connections, "
            f"{TARGET_RATE:g} offers/s): scale targets are n/a._\n"
        )
    summary = []
    for name, r in results.items():
        print(f"## {title(name, args)}\n")
        if "error" in r:
            print(f"FAILED: {r['error']}\n")
            summary.append(f"| {title(name, args)} | FAILED | | | | | | | | |")
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
                "nginx CPU % of a core / KiB per idle connection",
                f"{fmt(cpu['proxy'], 0)} / {fmt(r.get('proxy_idle_kib', math.nan))}",
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
        if "setup_notices" in r:
            notes.append(f"{r['setup_notices']} set-up notices settled unsent")
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
        cpu_per_offer = 10 * cpu["servers"] * r["send_window_s"] / max(1, r["sent"])
        summary.append(
            f"| {title(name, args)} | {r['connections']} | {fmt(r['offers_per_s'])} | "
            f"{fmt(r['p50'])} | {fmt(r['p95'])} | {fmt(r['p99'])} | "
            f"{fmt(ratio, 2) if odr else '1.00'} | {failures} | "
            f"{fmt(r['idle_kib'])} | {fmt(cpu_per_offer, 2)} | {per_instance} |"
        )
    print("## Summary\n")
    print(
        "| configuration | conns | offers/s | p50 ms | p95 ms | p99 ms | p99 / baseline "
        "| errors+timeouts | KiB/idle conn | server CPU ms/offer | server CPU % |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(summary))


# -- main ----------------------------------------------------------------------------------
