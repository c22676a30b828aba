"""Benchmark of maximum-Nash-welfare division and of a blind-bidding round decision.

Run: ``.venv/bin/python bench/division.py [--cases N]``. Prints a markdown table of median and p95
milliseconds. Targets (issue #12): an MNW division of 30 items among 2 parties and of 15 items
among 6 parties proven optimal in under 200 ms; a blind-bidding round decided in under 5 ms.

Division cases are seeded: each party spreads its 100 points over the items at random (some items
worth nothing to it). Where listing every allocation is feasible (``parties ** items`` up to
``ENUMERATION_LIMIT``) the same cases are also solved by enumeration, the result compared with the
MNW order (``fair_division.nash_key``) and its time printed for scale. ``proven`` counts the cases
CP-SAT proved optimal within the time limit. ``÷ yardstick`` divides the MNW median by the time, in
the same run, of enumerating every allocation of one 2-party, 12-item case (4,096 allocations), so
a loaded or slow machine shows in both: on an idle machine here the yardstick takes about 19 ms.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import time
from datetime import UTC, datetime

from negotiation.blind_bidding import BlindBiddingConfig, Threshold, open_session, submit
from negotiation.division_items import DivisionCase, make_division
from negotiation.fair_division import max_nash_welfare, nash_key

SHAPES = [(2, 12), (3, 9), (2, 30), (6, 15), (4, 20)]  # (parties, items)
ENUMERATION_LIMIT = 20_000
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def random_division(rng: random.Random, parties: int, items: int) -> DivisionCase:
    names = [f"item{i}" for i in range(items)]
    points = {}
    for p in range(parties):
        raw = [rng.choice([0, 0, 1, 2, 3, 5, 8, 13]) for _ in names]
        raw[rng.randrange(items)] += 1
        shares = [r * 100 // sum(raw) for r in raw]
        shares[max(range(items), key=raw.__getitem__)] += 100 - sum(shares)
        points[f"party{p}"] = dict(zip(names, shares, strict=True))
    return make_division(points)


def enumerate_best(case: DivisionCase) -> tuple[int, int]:
    best = (0, 0)
    for owners in itertools.product(case.parties, repeat=len(case.items)):
        bundles = {
            p: tuple(i for i, o in zip(case.items, owners, strict=True) if o == p)
            for p in case.parties
        }
        best = max(best, nash_key(case, bundles))
    return best


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def yardstick_ms(seed: int) -> float:
    """Median of 5 enumerations of the same 2-party, 12-item case: the machine's speed right now."""
    case = random_division(random.Random(f"{seed}-yardstick"), 2, 12)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        enumerate_best(case)
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times)


def division(cases_per_shape: int, seed: int) -> None:
    yardstick = yardstick_ms(seed)
    print(f"yardstick (enumerating 4,096 allocations): {yardstick:.1f} ms")
    print()
    print("| division | MNW median ms | p95 ms | ÷ yardstick | proven | enumeration median ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for parties, items in SHAPES:
        rng = random.Random(f"{seed}-{parties}-{items}")
        cases = [random_division(rng, parties, items) for _ in range(cases_per_shape)]
        solve_ms: list[float] = []
        enum_ms: list[float] = []
        proven = 0
        for case in cases:
            start = time.perf_counter()
            result = max_nash_welfare(case, time_limit_s=10.0)
            solve_ms.append(1000 * (time.perf_counter() - start))
            proven += result.optimal
            if parties**items <= ENUMERATION_LIMIT:
                start = time.perf_counter()
                best = enumerate_best(case)
                enum_ms.append(1000 * (time.perf_counter() - start))
                assert nash_key(case, result.allocation) == best, "MNW differs from enumeration"
        enum = f"{statistics.median(enum_ms):.0f}" if enum_ms else "infeasible"
        print(
            f"| {items} items, {parties} parties | {statistics.median(solve_ms):.0f} "
            f"| {percentile(solve_ms, 0.95):.0f} | {statistics.median(solve_ms) / yardstick:.2f} "
            f"| {proven}/{len(cases)} | {enum} |"
        )


def bidding(rounds: int, seed: int) -> None:
    """Time ``submit`` for the second bid of a round (the one that decides it)."""
    rng = random.Random(seed)
    decide_ms: list[float] = []
    config = BlindBiddingConfig(rounds=3, threshold=Threshold("percent", 10))
    for _ in range(rounds):
        state = open_session(config, rng.randrange(2**64))
        demand = rng.randint(10**5, 10**9)
        state = submit(state, "claimant", demand, NOW)
        offer = rng.randint(demand // 2, demand)
        start = time.perf_counter()
        submit(state, "respondent", offer, NOW)
        decide_ms.append(1000 * (time.perf_counter() - start))
    print()
    print("| blind bidding | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|")
    print(
        f"| round decision ({rounds} rounds) | {statistics.median(decide_ms):.4f} "
        f"| {percentile(decide_ms, 0.95):.4f} | {max(decide_ms):.4f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    division(args.cases, args.seed)
    bidding(1000, args.seed)


if __name__ == "__main__":
    main()
