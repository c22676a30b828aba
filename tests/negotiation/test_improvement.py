"""Post-settlement improvement against enumeration."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from negotiation.case_format import parse_case
from negotiation.improvement import improve
from negotiation.optimizer import SolverSettings
from tests.negotiation.brute_force import case_data, enumerate_case

SETTINGS = SolverSettings(time_limit_s=10)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=case_data(decimal=True, limits=False))
def test_improvement_matches_enumeration(data: dict[str, object]) -> None:
    case = parse_case(data)
    oracle = enumerate_case(case)
    if not oracle.rows:
        return
    agreed = oracle.package(oracle.rows[len(oracle.rows) // 2])
    before = [p.utility(agreed) for p in case.parties]
    result = improve(case, agreed, SETTINGS)
    every = [r for r in oracle.rows]
    exists = any(
        all(v >= u - 1e-12 for v, u in zip(r.utilities, before, strict=True))
        and any(v > u + 1e-12 for v, u in zip(r.utilities, before, strict=True))
        for r in every
    )
    if result is None:
        assert not exists
        return
    after = [p.utility(result.package) for p in case.parties]
    assert all(a >= b - 1e-12 for a, b in zip(after, before, strict=True))
    assert result.better_for
    for name in result.better_for:
        k = [p.name for p in case.parties].index(name)
        assert after[k] > before[k]
    # the improved package is itself Pareto-optimal: a second round finds nothing
    assert not oracle.dominated(tuple(after), 1e-12, 1e-12)
    assert improve(case, result.package, SETTINGS) is None
