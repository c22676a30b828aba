"""Enumeration, the two-party frontier and CP-SAT give identical proposals.

``propose`` picks a method by the case's shape (``negotiation.method``); whichever it picks, the
packages (tie-breaks included), anchors, advice and ``exhaustive`` flag must be exactly what the
CP-SAT searches give. Random small cases are compared with CP-SAT and with brute force
(``tests/negotiation/brute_force.py``), medium ones with CP-SAT, and the frontier's building blocks
(the Pareto levels, the best-first listing) with brute force.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from negotiation.case_format import parse_case
from negotiation.cpsat import option_weight, tie_factor
from negotiation.enumeration import enumeration_outcome, package_count
from negotiation.frontier import FrontierTooLarge, build_levels
from negotiation.method import ENUMERATION_LIMIT, Method, choose_method
from negotiation.model import NegotiationCase
from negotiation.optimizer import SolverSettings, propose
from negotiation.scaled import Choice, ScaledCase, scale_case
from negotiation.selection import Undecided
from negotiation.two_party import frontier_outcome
from tests.negotiation.brute_force import case_data

SETTINGS = SolverSettings(time_limit_s=20.0, num_workers=1, alternatives=3)
FAST = (Method.ENUMERATION, Method.FRONTIER, Method.AUTO)
QUICK = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _all_methods_agree(case: NegotiationCase) -> None:
    reference = propose(case, SETTINGS, method=Method.CPSAT)
    for method in FAST:
        assert propose(case, SETTINGS, method=method) == reference, method


@seed(20261206)
@QUICK
@given(data=case_data(parties=(2, 2), issues=(1, 4), options=(2, 4)))
def test_two_party_cases_agree_with_cpsat(data: dict[str, object]) -> None:
    _all_methods_agree(parse_case(data))


@seed(20261207)
@QUICK
@given(data=case_data(parties=(3, 5), issues=(1, 3), options=(2, 4)))
def test_many_party_cases_agree_with_cpsat(data: dict[str, object]) -> None:
    _all_methods_agree(parse_case(data))


@seed(20261208)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=case_data(parties=(2, 2), issues=(5, 6), options=(4, 6), limits=True),
)
def test_medium_two_party_cases_agree_with_cpsat(data: dict[str, object]) -> None:
    case = parse_case(data)
    assert propose(case, SETTINGS, method=Method.FRONTIER) == propose(
        case, SETTINGS, method=Method.CPSAT
    )


@seed(20261209)
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(parties=(3, 4), issues=(5, 6), options=(3, 4), decimal=True))
def test_medium_many_party_cases_agree_with_cpsat(data: dict[str, object]) -> None:
    case = parse_case(data)
    assert propose(case, SETTINGS, method=Method.ENUMERATION) == propose(
        case, SETTINGS, method=Method.CPSAT
    )


@pytest.mark.parametrize("opposed", [False, True])
def test_research_size_case_agrees_with_cpsat(opposed: bool) -> None:
    """390,625 packages (8 issues x 5 options), walk-aways that bind."""
    case = _large_case(random.Random(f"research-{opposed}"), issues=8, options=5, opposed=opposed)
    assert choose_method(scale_case(case)) is Method.FRONTIER
    settings_ = SolverSettings(time_limit_s=60.0, num_workers=2, alternatives=2)
    fast = propose(case, settings_)
    assert fast.exhaustive
    assert fast == propose(case, settings_, method=Method.CPSAT)


def test_shape_decides_the_method() -> None:
    rng = random.Random(1)
    assert choose_method(scale_case(_large_case(rng, 3, 3))) is Method.ENUMERATION
    assert choose_method(scale_case(_large_case(rng, 6, 5))) is Method.FRONTIER
    three = _large_case(rng, 5, 5, parties=3)
    assert choose_method(scale_case(three)) is Method.ENUMERATION
    big = _large_case(rng, 7, 5, parties=3)
    assert package_count(scale_case(big)) > ENUMERATION_LIMIT
    assert choose_method(scale_case(big)) is Method.CPSAT


def test_a_frontier_past_its_budget_goes_to_cpsat() -> None:
    case = _large_case(random.Random(2), 6, 5)
    with pytest.raises(FrontierTooLarge):
        frontier_outcome(scale_case(case), 2, budget=10)


def test_a_rounded_package_on_the_edge_of_a_walk_away_goes_to_cpsat() -> None:
    """The integer model admits the buyer's favourite although its real utility is 1e-9 below the
    walk-away: the fast methods cannot vouch for it, CP-SAT cuts it off and answers."""
    third = 1 / 3
    utilities = {"a": {"x": 0.0, "y": 0.3}, "b": {"x": 0.0, "y": 0.3}, "c": {"x": 0.1, "y": 0.2}}
    real = sum(third * utilities[i]["y"] for i in "abc")
    data = {
        "issues": [{"name": i, "options": ["x", "y"]} for i in "abc"],
        "parties": [
            {
                "name": "buyer",
                "weights": {i: third for i in "abc"},
                "utilities": utilities,
                "reservation": real + 1e-9,
            },
            {
                "name": "seller",
                "weights": {i: third for i in "abc"},
                "utilities": {i: {"x": 0.5, "y": 0.5} for i in "abc"},
            },
        ],
    }
    case = parse_case(data)
    scaled = scale_case(case)
    assert not scaled.exact
    with pytest.raises(Undecided):
        enumeration_outcome(scaled, 2)
    with pytest.raises(Undecided):
        frontier_outcome(scaled, 2)
    reference = propose(case, SETTINGS, method=Method.CPSAT)
    assert not reference.acceptable
    for method in FAST:
        assert propose(case, SETTINGS, method=method) == reference


# -- the frontier's building blocks against brute force ---------------------------------------


def _packages(scaled: ScaledCase) -> list[Choice]:
    return list(itertools.product(*(scaled.allowed(i) for i in range(scaled.issues))))


def _tie(choice: Choice) -> int:
    return sum(option_weight(i, o) for i, o in enumerate(choice))


@seed(20261210)
@QUICK
@given(data=case_data(parties=(2, 2), issues=(1, 4), options=(2, 4)))
def test_level_zero_is_the_pareto_frontier(data: dict[str, object]) -> None:
    scaled = scale_case(parse_case(data))
    levels = build_levels(scaled, budget=10**9)
    points = {c: (scaled.utility(0, c), scaled.utility(1, c)) for c in _packages(scaled)}
    frontier = {
        u for u in points.values() if not any(v != u and v >= u for v in _dominating(points, u))
    }
    top = levels.levels[0]
    assert set(zip(top.first, top.second, strict=True)) == frontier
    assert top.first == sorted(top.first)
    for k, point in enumerate(zip(top.first, top.second, strict=True)):
        choice = levels.choice(k)
        assert points[choice] == point
        assert _tie(choice) == top.tie[k] == max(_tie(c) for c, u in points.items() if u == point)


def _dominating(points: dict[Choice, tuple[int, int]], u: tuple[int, int]) -> list[tuple[int, int]]:
    return [v for v in points.values() if v[0] >= u[0] and v[1] >= u[1]]


@seed(20261211)
@QUICK
@given(
    data=case_data(parties=(2, 2), issues=(1, 4), options=(2, 4)),
    weights=st.tuples(st.integers(0, 5), st.integers(0, 5)),
)
def test_best_first_lists_acceptable_packages_in_order(
    data: dict[str, object], weights: tuple[int, int]
) -> None:
    from negotiation.best_first import best_first

    scaled = scale_case(parse_case(data))
    levels = build_levels(scaled, budget=10**9)
    factor = tie_factor(scaled.issues)
    objective = [
        [
            factor * (weights[0] * scaled.coef[0][i][o] + weights[1] * scaled.coef[1][i][o])
            + option_weight(i, o)
            for o in range(len(scaled.coef[0][i]))
        ]
        for i in range(scaled.issues)
    ]
    acceptable = [
        c
        for c in _packages(scaled)
        if all(t is None or scaled.utility(p, c) >= t for p, t in enumerate(scaled.reservation))
    ]

    def value(c: Choice) -> int:
        return sum(objective[i][o] for i, o in enumerate(c))

    listed = list(best_first(levels, objective))
    assert sorted(listed) == sorted(acceptable)
    assert [value(c) for c in listed] == sorted((value(c) for c in acceptable), reverse=True)


# -- case builders ---------------------------------------------------------------------------


def _large_case(
    rng: random.Random, issues: int, options: int, *, parties: int = 2, opposed: bool = False
) -> NegotiationCase:
    names = [f"i{k}" for k in range(issues)]
    base = {n: [rng.randint(0, 100) / 100 for _ in range(options)] for n in names}
    party_list = []
    for p in range(parties):
        raw = [rng.randint(1, 10) for _ in names]
        percents = [r * 100 // sum(raw) for r in raw]
        percents[0] += 100 - sum(percents)
        party_list.append(
            {
                "name": f"p{p}",
                "weights": {n: pc / 100 for n, pc in zip(names, percents, strict=True)},
                "utilities": {
                    n: {
                        f"o{j}": (1 - base[n][j] if p % 2 else base[n][j])
                        if opposed
                        else rng.randint(0, 100) / 100
                        for j in range(options)
                    }
                    for n in names
                },
                "reservation": rng.randint(10, 30) / 100,
            }
        )
    issue_list = [{"name": n, "options": [f"o{j}" for j in range(options)]} for n in names]
    return parse_case({"issues": issue_list, "parties": party_list})
