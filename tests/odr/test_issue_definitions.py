"""A stored case's issues as the engine's (``odr/negotiating/issues.py``): a range becomes its grid,
and cases with the same issues share one immutable tuple instead of a grid each per open room."""

from __future__ import annotations

from typing import Any

from negotiation.model import Issue, NumericRange
from odr.negotiating.issues import model_issues

GRID: dict[str, Any] = {"min": 0, "max": 50_000, "step": 10_000, "unit": "KZT"}
AMOUNT: dict[str, Any] = {"name": "amount", "range": GRID}
TERMS: dict[str, Any] = {"name": "issue2", "options": ["сразу", "через месяц"]}


def test_a_range_becomes_its_grid_and_options_stay_as_typed() -> None:
    assert model_issues([AMOUNT, TERMS]) == (
        Issue(
            "amount",
            ("0", "10000", "20000", "30000", "40000", "50000"),
            NumericRange(0, 50_000, 10_000, "KZT"),
        ),
        Issue("issue2", ("сразу", "через месяц")),
    )


def test_cases_with_the_same_issues_share_them_and_others_do_not() -> None:
    first = model_issues([AMOUNT, TERMS])
    # The same definition read again, keys in another order: the very same objects.
    same = model_issues([{"range": dict(GRID), "name": "amount"}, dict(TERMS)])
    assert same is first
    wider = {"name": "amount", "range": {**GRID, "max": 60_000}}
    other = model_issues([wider, TERMS])
    assert other is not first and other[0].options[-1] == "60000"
    assert model_issues([TERMS, AMOUNT]) == (first[1], first[0])  # order is the case's own
