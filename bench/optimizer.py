"""Benchmark of ``negotiation.optimizer.propose``: each exact method on the same cases, one run.

Run: ``.venv/bin/python bench/optimizer.py [--cases N] [--crossover]``. For each case shape it times
every applicable method on the same seeded cases, interleaved case by case (the machine is shared
and noisy, so the ratios within one run mean more than the absolute milliseconds):

* ``cpsat``: the CP-SAT searches (the only method before the enumeration and frontier methods);
* ``enum``: listing every package (``negotiation.enumeration``), up to ``ENUMERATION_CAP`` packages;
* ``frontier``: the two-party Pareto frontier (``negotiation.two_party``);
* ``auto``: what ``propose`` picks (``negotiation.method``).

It prints a markdown table of median and p95 milliseconds and the ratios ``cpsat/auto`` and
``enum/auto`` (above 1: ``propose`` is faster). Every method's ``Proposals`` is checked equal to
CP-SAT's on every case. ``--crossover`` instead sweeps small sizes to locate where enumeration stops
beating the other methods (how ``negotiation.method``'s thresholds were chosen).

Cases: weights in whole percent, walk-aways up to 0.3, full ``propose`` (3 labelled packages + 2
alternatives). ``random``: utilities drawn independently on a 0.01 grid. ``opposed``: the
research domains' shape, where what one party gains the other mostly loses: the second party's
utility of an option is ``1 -`` the first's plus noise, with Genius-style evaluations (whole
numbers divided by the issue's largest), which gives the large frontiers of real bargaining
domains, and rounded-mode scaling.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable
from functools import partial

from negotiation.case_format import parse_case
from negotiation.enumeration import package_count
from negotiation.method import Method, choose_method
from negotiation.model import NegotiationCase
from negotiation.optimizer import Proposals, SolverSettings, propose
from negotiation.scaled import scale_case

Shape = tuple[str, int, tuple[int, ...], str]  # label, parties, options per issue, kind
SHAPES: list[Shape] = [
    ("2 parties, 3 x 4", 2, (4,) * 3, "random"),
    ("2 parties, 5 x 5", 2, (5,) * 5, "random"),
    ("2 parties, 6 x 6", 2, (6,) * 6, "random"),
    ("2p research: 8 x 5 (390,625)", 2, (5,) * 8, "opposed"),
    ("2p research: 7 issues (188,160)", 2, (4, 4, 5, 6, 7, 7, 8), "opposed"),
    ("2p research: 8 x 5, independent", 2, (5,) * 8, "random"),
    ("2 parties, 12 x 10", 2, (10,) * 12, "random"),
    ("2 parties, 20 x 10", 2, (10,) * 20, "random"),
    ("2 parties, 12 x 10, opposed", 2, (10,) * 12, "opposed"),
    ("3 parties, 4 x 4", 3, (4,) * 4, "random"),
    ("3 parties, 6 x 5", 3, (5,) * 6, "random"),
    ("5 parties, 5 x 5", 5, (5,) * 5, "random"),
    ("9 parties, 6 x 5", 9, (5,) * 6, "random"),
]
ENUMERATION_CAP = 400_000
SETTINGS = SolverSettings(time_limit_s=10.0, num_workers=2, alternatives=2)


def random_case(
    rng: random.Random, parties: int, options: tuple[int, ...], kind: str = "random"
) -> NegotiationCase:
    names = [f"issue{i}" for i in range(len(options))]
    issue_list = [
        {"name": n, "options": [f"o{j}" for j in range(k)]}
        for n, k in zip(names, options, strict=True)
    ]
    base = {
        n: [rng.randint(0, 100) / 100 for _ in range(k)]
        for n, k in zip(names, options, strict=True)
    }
    party_list = []
    for p in range(parties):
        raw = [rng.randint(1, 10) for _ in names]
        percents = [r * 100 // sum(raw) for r in raw]
        percents[0] += 100 - sum(percents)
        utilities = {n: _utilities(rng, base[n], p, kind) for n in names}
        party_list.append(
            {
                "name": f"party{p}",
                "weights": {n: pc / 100 for n, pc in zip(names, percents, strict=True)},
                "utilities": {n: {f"o{j}": u for j, u in enumerate(utilities[n])} for n in names},
                "reservation": rng.randint(0, 30) / 100,
            }
        )
    return parse_case({"issues": issue_list, "parties": party_list})


def _utilities(rng: random.Random, base: list[float], party: int, kind: str) -> list[float]:
    if kind == "random":
        return [rng.randint(0, 100) / 100 for _ in base]
    # Genius-style evaluations 1..9, normalised by the issue's largest; party 1 mirrors party 0
    shown = [u if party % 2 == 0 else 1 - u for u in base]
    evaluations = [max(1, min(9, round(1 + 8 * u + rng.uniform(-1, 1)))) for u in shown]
    return [e / max(evaluations) for e in evaluations]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _timed(run: Callable[[], Proposals]) -> tuple[float, Proposals]:
    start = time.perf_counter()
    result = run()
    return 1000 * (time.perf_counter() - start), result


def methods_for(case: NegotiationCase) -> list[Method]:
    size = package_count(scale_case(case))
    found = [Method.CPSAT, Method.AUTO]
    if size <= ENUMERATION_CAP:
        found.append(Method.ENUMERATION)
    if len(case.parties) == 2:
        found.append(Method.FRONTIER)
    return found


def measure(cases: list[NegotiationCase]) -> dict[Method, list[float]]:
    """Every applicable method on every case, interleaved; asserts the results are identical."""
    times: dict[Method, list[float]] = {}
    for case in cases:
        reference: Proposals | None = None
        for method in methods_for(case):
            ms, result = _timed(partial(propose, case, SETTINGS, method=method))
            times.setdefault(method, []).append(ms)
            if reference is None:
                reference = result
            assert result == reference, f"{method} differs from cpsat"
    return times


def _cell(values: list[float] | None) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.2f} / {percentile(values, 0.95):.2f}"


def _ratio(values: list[float] | None, auto: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values) / statistics.median(auto):.1f}x"


def table(cases_per_shape: int, seed: int) -> None:
    print(
        "| case | packages | auto picks | auto ms (median / p95) | cpsat ms | enum ms "
        "| frontier ms | cpsat/auto | enum/auto |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for label, parties, options, kind in SHAPES:
        rng = random.Random(f"{seed}-{label}")
        cases = [random_case(rng, parties, options, kind) for _ in range(cases_per_shape)]
        times = measure(cases)
        picks = sorted({choose_method(scale_case(c)).value for c in cases})
        auto = times[Method.AUTO]
        print(
            f"| {label} | {math.prod(options):,} | {', '.join(picks)} | {_cell(auto)} "
            f"| {_cell(times.get(Method.CPSAT))} | {_cell(times.get(Method.ENUMERATION))} "
            f"| {_cell(times.get(Method.FRONTIER))} | {_ratio(times.get(Method.CPSAT), auto)} "
            f"| {_ratio(times.get(Method.ENUMERATION), auto)} |"
        )


def crossover(cases_per_shape: int, seed: int) -> None:
    """Median ms of each method on growing small cases, to place the enumeration threshold."""
    print("| parties | options | packages | enum ms | frontier ms | cpsat ms |")
    print("|---:|---|---:|---:|---:|---:|")
    for parties in (2, 3, 4, 5, 9):
        for options in ((4,) * 3, (4,) * 4, (5,) * 4, (4,) * 5, (5,) * 5, (4,) * 6, (5,) * 6):
            rng = random.Random(f"{seed}-{parties}-{options}")
            cases = [random_case(rng, parties, options) for _ in range(cases_per_shape)]
            times = measure(cases)
            print(
                f"| {parties} | {len(options)} x {options[0]} | {math.prod(options):,} "
                f"| {statistics.median(times[Method.ENUMERATION]):.2f} "
                f"| {_median(times.get(Method.FRONTIER))} "
                f"| {statistics.median(times[Method.CPSAT]):.2f} |"
            )


def _median(values: list[float] | None) -> str:
    return f"{statistics.median(values):.2f}" if values else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--crossover", action="store_true")
    args = parser.parse_args()
    if args.crossover:
        crossover(args.cases, args.seed)
    else:
        table(args.cases, args.seed)


if __name__ == "__main__":
    main()
