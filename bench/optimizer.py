"""Benchmark of ``negotiation.optimizer.propose`` against brute-force enumeration.

Run: ``.venv/bin/python bench/optimizer.py [--cases N]``. Prints a markdown table: median and p95
solve time per case shape, and, where listing every package is feasible, the median time of a naive
enumeration in the same run and the ratio. Cases are random but seeded (utilities on a 0.01 grid,
weights in whole percent, walk-aways up to 0.3), so every run measures the same cases.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import statistics
import time

from negotiation.case_format import parse_case
from negotiation.model import NegotiationCase
from negotiation.optimizer import SolverSettings, propose

SHAPES = [  # (label, parties, issues, options)
    ("2 parties, 6 issues x 6 options", 2, 6, 6),
    ("2 parties, 8 x 6", 2, 8, 6),
    ("2 parties, 12 x 10", 2, 12, 10),
    ("2 parties, 20 x 10", 2, 20, 10),
    ("3 parties, 6 x 5", 3, 6, 5),
    ("5 parties, 6 x 5", 5, 6, 5),
    ("9 parties, 6 x 5", 9, 6, 5),
]
ENUMERATION_LIMIT = 50_000


def random_case(rng: random.Random, parties: int, issues: int, options: int) -> NegotiationCase:
    names = [f"issue{i}" for i in range(issues)]
    issue_list = [{"name": n, "options": [f"o{j}" for j in range(options)]} for n in names]
    party_list = []
    for p in range(parties):
        raw = [rng.randint(1, 10) for _ in names]
        percents = [r * 100 // sum(raw) for r in raw]
        percents[0] += 100 - sum(percents)
        party_list.append(
            {
                "name": f"party{p}",
                "weights": {n: pc / 100 for n, pc in zip(names, percents, strict=True)},
                "utilities": {
                    n: {f"o{j}": rng.randint(0, 100) / 100 for j in range(options)} for n in names
                },
                "reservation": rng.randint(0, 30) / 100,
            }
        )
    return parse_case({"issues": issue_list, "parties": party_list})


def enumerate_all(case: NegotiationCase) -> tuple[float, float, float]:
    """Naive enumeration of the three criteria (what the optimizer replaces)."""
    worst = [
        sum(p.weights[i.name] * min(p.utilities[i.name].values()) for i in case.issues)
        for p in case.parties
    ]
    rows = []
    for combo in itertools.product(*(i.options for i in case.issues)):
        package = {i.name: o for i, o in zip(case.issues, combo, strict=True)}
        utilities = [p.utility(package) for p in case.parties]
        if all(u >= p.reservation for u, p in zip(utilities, case.parties, strict=True)):
            rows.append(utilities)
    if not rows:
        return (0.0, 0.0, 0.0)
    ideal = [max(r[k] for r in rows) for k in range(len(case.parties))]
    nash = max(math.prod(u - d for u, d in zip(r, worst, strict=True)) for r in rows)
    ks = max(
        min((u - d) / (i - d) for u, d, i in zip(r, worst, ideal, strict=True) if i > d)
        for r in rows
    )
    return (nash, ks, max(sum(r) for r in rows))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    settings = SolverSettings(time_limit_s=10.0, num_workers=2, alternatives=2)
    print("| case | packages | propose median ms | p95 ms | enumeration median ms | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, parties, issues, options in SHAPES:
        rng = random.Random(f"{args.seed}-{label}")
        cases = [random_case(rng, parties, issues, options) for _ in range(args.cases)]
        solve_ms, enum_ms = [], []
        for case in cases:
            start = time.perf_counter()
            propose(case, settings)
            solve_ms.append(1000 * (time.perf_counter() - start))
        size = options**issues
        if size <= ENUMERATION_LIMIT:
            for case in cases[:5]:
                start = time.perf_counter()
                enumerate_all(case)
                enum_ms.append(1000 * (time.perf_counter() - start))
        median = statistics.median(solve_ms)
        enum = f"{statistics.median(enum_ms):.0f}" if enum_ms else "infeasible"
        ratio = f"{statistics.median(enum_ms) / median:.1f}x" if enum_ms else "-"
        print(
            f"| {label} | {size:.3g} | {median:.0f} | {percentile(solve_ms, 0.95):.0f} "
            f"| {enum} | {ratio} |"
        )


if __name__ == "__main__":
    main()
