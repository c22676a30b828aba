"""The optimizer against brute-force enumeration of the contract's definitions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiation.case_format import parse_case
from negotiation.errors import InvalidCase, SolverFailure
from negotiation.method import Method
from negotiation.model import NegotiationCase
from negotiation.optimizer import CRITERIA, Proposals, SolverSettings, propose
from negotiation.scaled import ROUNDED_SCALE, scale_case
from tests.negotiation.brute_force import Oracle, case_data, enumerate_case

SETTINGS = SolverSettings(time_limit_s=20.0, num_workers=2, alternatives=2)


def _oracle(case: NegotiationCase, decimal: bool) -> Oracle:
    """Decimal cases are solved exactly; others exactly for their 2**-30 quantisation."""
    return enumerate_case(case, None if decimal else ROUNDED_SCALE)


def _check(proposals: Proposals, oracle: Oracle, decimal: bool) -> None:
    tol = 1e-12
    if not oracle.rows:
        assert not proposals.acceptable
        assert proposals.packages == ()
        assert set(proposals.advice) == {p.name for p in oracle.case.parties}
        return
    assert proposals.acceptable
    assert [p.criterion for p in proposals.packages[:3]] == list(CRITERIA)
    for package in proposals.packages:
        row = oracle.row_of(dict(package.choice))  # raises if not acceptable
        assert tuple(package.utilities.values()) == row.utilities
        assert not oracle.dominated(row.scored, tol, tol), package
    for package in proposals.packages[:3]:
        row = oracle.row_of(dict(package.choice))
        best = oracle.optimum(package.criterion)
        got = oracle.value(package.criterion, row.scored)
        assert got >= best - 1e-6 * abs(best) - tol, (package.criterion, got, best)
        # ties: the largest sum among the optimal packages
        tied = [r for r in oracle.rows if oracle.value(package.criterion, r.scored) >= got - tol]
        assert sum(row.scored) >= max(sum(r.scored) for r in tied) - tol
    alternatives = [tuple(sorted(p.choice.items())) for p in proposals.packages[3:]]
    labelled = {tuple(sorted(p.choice.items())) for p in proposals.packages[:3]}
    assert len(set(alternatives)) == len(alternatives)
    assert not labelled & set(alternatives)


METHODS = [Method.AUTO, Method.CPSAT]
"""``auto`` lists these small cases (``negotiation.enumeration``); CP-SAT is checked as well, as
it still answers larger cases with three parties or more."""


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(decimal=True))
def test_decimal_cases_match_enumeration(method: Method, data: dict[str, object]) -> None:
    case = parse_case(data)
    _check(propose(case, SETTINGS, method=method), _oracle(case, True), decimal=True)


@pytest.mark.parametrize("method", METHODS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(decimal=False))
def test_float_cases_match_enumeration(method: Method, data: dict[str, object]) -> None:
    case = parse_case(data)
    _check(propose(case, SETTINGS, method=method), _oracle(case, False), decimal=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(parties=(2, 2), issues=(1, 4)))
def test_two_party_frontier_matches_enumeration(data: dict[str, object]) -> None:
    case = parse_case(data)
    decimal = scale_case(case).exact
    proposals = propose(case, SETTINGS, method=Method.FRONTIER)
    _check(proposals, _oracle(case, decimal), decimal=decimal)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(parties=(2, 4), issues=(1, 3), options=(2, 3)), seed=st.integers(0, 3))
def test_same_input_same_result(data: dict[str, object], seed: int) -> None:
    case = parse_case(data)
    first = propose(case, SETTINGS)
    assert propose(case, SolverSettings(time_limit_s=20.0, num_workers=1 + seed % 2)) == first
    assert propose(case, SETTINGS) == first


def _case(reservations: tuple[float, float]) -> NegotiationCase:
    return parse_case(
        {
            "issues": [{"name": "price", "options": ["low", "mid", "high"]}],
            "parties": [
                {
                    "name": "seller",
                    "weights": {"price": 1.0},
                    "utilities": {"price": {"low": 0.0, "mid": 0.5, "high": 1.0}},
                    "reservation": reservations[0],
                },
                {
                    "name": "buyer",
                    "weights": {"price": 1.0},
                    "utilities": {"price": {"low": 1.0, "mid": 0.5, "high": 0.0}},
                    "reservation": reservations[1],
                },
            ],
        }
    )


def test_no_acceptable_package_gives_no_packages_and_advice() -> None:
    proposals = propose(_case((0.8, 0.8)), SETTINGS)
    assert not proposals.acceptable
    assert proposals.packages == ()
    assert proposals.exhaustive
    assert set(proposals.advice) == {"seller", "buyer"}


def test_zero_sum_split_is_the_middle() -> None:
    proposals = propose(_case((0.0, 0.0)), SETTINGS)
    assert [dict(p.choice)["price"] for p in proposals.packages[:2]] == ["mid", "mid"]
    assert proposals.anchors["seller"].worst == 0.0
    assert proposals.anchors["seller"].ideal == 1.0


def test_tiny_time_limit_on_a_big_case_fails_cleanly_or_is_flagged() -> None:
    issues = [{"name": f"i{k}", "options": [f"o{j}" for j in range(10)]} for k in range(20)]
    parties = [
        {
            "name": f"p{n}",
            "weights": {f"i{k}": 0.05 for k in range(20)},
            "utilities": {
                f"i{k}": {f"o{j}": ((j * (n + 3) + k * 7) % 10) / 9 for j in range(10)}
                for k in range(20)
            },
            "reservation": 0.3,
        }
        for n in range(9)
    ]
    case = parse_case({"issues": issues, "parties": parties})
    try:
        proposals = propose(case, SolverSettings(time_limit_s=0.01, num_workers=2))
    except SolverFailure:
        return
    assert not proposals.exhaustive or proposals.acceptable
    for package in proposals.packages:
        assert case.is_acceptable(package.choice)


def test_more_than_ten_parties_is_rejected() -> None:
    base = _case((0.0, 0.0))
    many = NegotiationCase(issues=base.issues, parties=base.parties * 6)
    with pytest.raises(InvalidCase) as error:
        propose(many, SETTINGS)
    assert error.value.field == "parties"


def test_settings_validate() -> None:
    with pytest.raises(ValueError):
        SolverSettings(time_limit_s=0)
    with pytest.raises(ValueError):
        SolverSettings(num_workers=0)


PRESOLVE_REGRESSION: dict[str, object] = {
    "issues": [
        {"name": "i0", "options": ["o0", "o1", "o2"]},
        {"name": "i1", "options": ["o0", "o1"]},
        {"name": "i2", "options": ["o0", "o1", "o2", "o3"]},
    ],
    "parties": [
        {
            "name": "p0",
            "weights": {"i0": 0.6, "i1": 0.2, "i2": 0.2},
            "utilities": {
                "i0": {"o0": 0.0, "o1": 1.0, "o2": 0.0},
                "i1": {"o0": 0.5, "o1": 0.0},
                "i2": {"o0": 0.1875, "o1": 0.0, "o2": 0.0, "o3": 0.75},
            },
            "reservation": 0.0,
        },
        {
            "name": "p1",
            "weights": {
                "i0": 0.3333333333333333,
                "i1": 0.3333333333333333,
                "i2": 0.3333333333333333,
            },
            "utilities": {
                "i0": {"o0": 0.4375, "o1": 1.0, "o2": 0.75},
                "i1": {"o0": 0.40625, "o1": 0.25},
                "i2": {"o0": 0.5, "o1": 0.0, "o2": 1.0, "o3": 0.0},
            },
            "reservation": 0.0,
        },
        {
            "name": "p2",
            "weights": {"i0": 0.4, "i1": 0.3, "i2": 0.3},
            "utilities": {
                "i0": {"o0": 0.0, "o1": 0.0, "o2": 1.0},
                "i1": {"o0": 0.0, "o1": 0.375},
                "i2": {"o0": 0.0, "o1": 0.0, "o2": 0.0, "o3": 0.3125},
            },
            "reservation": 0.0,
        },
        {
            "name": "p3",
            "weights": {
                "i0": 0.4507042253521127,
                "i1": 0.4507042253521127,
                "i2": 0.09859154929577464,
            },
            "utilities": {
                "i0": {"o0": 0.5, "o1": 0.09375, "o2": 0.5},
                "i1": {"o0": 0.40625, "o1": 0.25},
                "i2": {"o0": 0.0, "o1": 0.0, "o2": 0.0, "o3": 1.0},
            },
            "reservation": 0.0,
        },
    ],
}


def test_presolve_regression() -> None:
    """OR-Tools 9.15's inclusion presolve once 'proved' a Nash cut model infeasible here."""
    case = parse_case(PRESOLVE_REGRESSION)
    _check(propose(case, SETTINGS), _oracle(case, False), decimal=False)
