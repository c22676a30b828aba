"""Elicitation: plain answers in, valid ``PartyPreferences`` out; bad answers name the field."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.elicitation import (
    WALK_AWAY_FRACTION,
    build_preferences,
    parse_answers,
    rank_order_centroid,
)
from negotiation.errors import InvalidPreferences
from negotiation.model import Issue, NumericRange, format_number

AMOUNT = NumericRange(0, 1_000_000, 100_000, "KZT")
ISSUES = (
    Issue("amount", tuple(format_number(v) for v in AMOUNT.values()), AMOUNT),
    Issue("apology", ("public", "letter", "none")),
    Issue("deadline", ("1 month", "3 months", "6 months")),
)


def answers(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "importance": {"ranking": ["amount", "deadline", "apology"]},
        "issues": {
            "amount": {"best": 900_000, "acceptable": 600_000, "limit": 400_000},
            "apology": {
                "options": {"public": "ideal", "letter": "acceptable", "none": "unacceptable"}
            },
            "deadline": {
                "options": {"1 month": "ideal", "3 months": "acceptable", "6 months": "acceptable"},
                "order": ["3 months", "6 months"],
            },
        },
        "walk_away": "firm",
    }
    data.update(overrides)
    return data


def build(data: dict[str, Any]) -> Any:
    return build_preferences("claimant", ISSUES, parse_answers(ISSUES, data))


def test_rank_order_centroid_matches_the_formula() -> None:
    weights = rank_order_centroid((("a",), ("b",), ("c",)))
    assert weights == {"a": Fraction(11, 18), "b": Fraction(5, 18), "c": Fraction(2, 18)}


def test_tied_issues_share_their_places_weight_and_leave_others_unchanged() -> None:
    tied = rank_order_centroid((("a",), ("b", "c")))
    assert tied["a"] == Fraction(11, 18)
    assert tied["b"] == tied["c"] == Fraction(7, 36)


def test_claimant_amount_utilities_follow_best_acceptable_limit() -> None:
    prefs = build(answers())
    u = prefs.utilities["amount"]
    assert u["900000"] == 1.0 and u["1000000"] == 1.0
    assert u["600000"] == pytest.approx(0.5)
    assert u["400000"] == pytest.approx(0.0)
    assert u["500000"] == pytest.approx(0.25)
    assert prefs.unacceptable["amount"] == frozenset({"0", "100000", "200000", "300000"})


def test_respondent_direction_is_inferred_from_best_below_limit() -> None:
    data = answers()
    data["issues"]["amount"] = {"best": 200_000, "acceptable": 400_000, "limit": 700_000}
    prefs = build(data)
    u = prefs.utilities["amount"]
    assert u["0"] == 1.0 and u["200000"] == 1.0 and u["400000"] == pytest.approx(0.5)
    assert prefs.unacceptable["amount"] == frozenset({"800000", "900000", "1000000"})


def test_discrete_marks_and_order() -> None:
    prefs = build(answers())
    assert dict(prefs.utilities["apology"]) == {"public": 1.0, "letter": 0.5, "none": 0.0}
    assert prefs.unacceptable["apology"] == frozenset({"none"})
    deadline = prefs.utilities["deadline"]
    assert deadline["1 month"] == 1.0 and deadline["3 months"] > deadline["6 months"] > 0


def test_no_ideal_option_scales_the_best_acceptable_to_one() -> None:
    data = answers()
    data["issues"]["apology"] = {
        "options": {"public": "acceptable", "letter": "acceptable", "none": "unacceptable"},
        "order": ["letter", "public"],
    }
    u = build(data).utilities["apology"]
    assert u["letter"] == 1.0 and 0 < u["public"] < 1 and u["none"] == 0.0


def test_walk_away_levels_scale_the_acceptable_anchor() -> None:
    firm = build(answers(walk_away="firm")).reservation
    balanced = build(answers(walk_away="balanced")).reservation
    flexible = build(answers(walk_away="flexible")).reservation
    assert flexible == 0.0 and balanced == pytest.approx(firm / 2) and 0 < firm < 1


def test_firm_reservation_is_met_by_the_all_acceptable_package() -> None:
    prefs = build(answers(walk_away="firm"))
    package = {"amount": "600000", "apology": "letter", "deadline": "6 months"}
    assert prefs.utility(package) == pytest.approx(prefs.reservation)
    worse = {"amount": "500000", "apology": "letter", "deadline": "6 months"}
    assert prefs.utility(worse) < prefs.reservation


def test_points_become_weights() -> None:
    data = answers(importance={"points": {"amount": 70, "apology": 0, "deadline": 30}})
    prefs = build(data)
    assert dict(prefs.weights) == {"amount": 0.7, "apology": 0.0, "deadline": 0.3}


def test_best_equal_to_limit_without_direction_accepts_only_that_value() -> None:
    data = answers()
    data["issues"]["amount"] = {"best": 500_000, "limit": 500_000}
    prefs = build(data)
    assert prefs.utilities["amount"]["500000"] == 1.0
    assert "500000" not in prefs.unacceptable["amount"]
    assert len(prefs.unacceptable["amount"]) == len(ISSUES[0].options) - 1


def test_best_equal_to_limit_with_direction_accepts_everything_at_least_as_good() -> None:
    data = answers()
    data["issues"]["amount"] = {"best": 500_000, "limit": 500_000, "direction": "higher"}
    prefs = build(data)
    assert prefs.utilities["amount"]["800000"] == 1.0
    assert prefs.unacceptable["amount"] == frozenset({"0", "100000", "200000", "300000", "400000"})


DELETE = object()
OPTS = ("issues", "apology", "options")
AMT = ("issues", "amount")
PTS = ("importance",)


def points(amount: object, apology: object, deadline: object) -> dict[str, object]:
    return {"points": {"amount": amount, "apology": apology, "deadline": deadline}}


@pytest.mark.parametrize(
    ("path", "changes", "field"),
    [
        (OPTS, {"public": "unacceptable", "letter": "unacceptable"}, "issues.apology"),
        (OPTS, {"none": DELETE}, "issues.apology.options.none"),
        (OPTS, {"none": "maybe"}, "issues.apology.options.none"),
        (OPTS, {"sorry": "ideal"}, "issues.apology.options.sorry"),
        (AMT, {"limit": -5}, "issues.amount.limit"),
        (AMT, {"limit": "a lot"}, "issues.amount.limit"),
        (AMT, {"acceptable": 950_000}, "issues.amount.acceptable"),
        (AMT, {"direction": "lower"}, "issues.amount.limit"),
        (AMT, {"best": 550_000, "acceptable": 550_000, "limit": 550_000}, "issues.amount.limit"),
        (("issues",), {"deadline": DELETE}, "issues.deadline"),
        (("issues", "deadline"), {"order": ["3 months"]}, "issues.deadline.order"),
        ((), {"importance": {"ranking": ["amount", "amount", "apology"]}}, "importance.ranking"),
        ((), {"importance": {"ranking": ["amount", "apology"]}}, "importance.ranking"),
        ((), {"importance": points(50, 20, 20)}, "importance.points"),
        ((), {"importance": points(50.5, 20, 29.5)}, "importance.points.amount"),
        ((), {"importance": points(110, -10, 0)}, "importance.points.apology"),
        ((), {"importance": {"ranking": ["amount"], "points": {}}}, "importance"),
        ((), {"walk_away": "never"}, "walk_away"),
        ((), {"extra": 1}, "extra"),
    ],
)
def test_bad_answers_name_the_field(
    path: tuple[str, ...], changes: dict[str, object], field: str
) -> None:
    data = answers()
    target = data
    for key in path:
        target = target[key]
    for key, value in changes.items():
        if value is DELETE:
            del target[key]
        else:
            target[key] = value
    with pytest.raises(InvalidPreferences) as info:
        parse_answers(ISSUES, data)
    assert info.value.field == field


def test_answers_must_be_an_object() -> None:
    with pytest.raises(InvalidPreferences):
        parse_answers(ISSUES, ["amount"])


MARK = st.sampled_from(["ideal", "acceptable", "unacceptable"])


@st.composite
def random_answers(draw: st.DrawFn) -> tuple[tuple[Issue, ...], dict[str, Any]]:
    count = draw(st.integers(1, 4))
    issues: list[Issue] = []
    issue_answers: dict[str, Any] = {}
    for i in range(count):
        name = f"i{i}"
        if draw(st.booleans()):
            step = draw(st.sampled_from([1, 5, 10, 250]))
            size = draw(st.integers(1, 12))
            grid = NumericRange(0, step * size, step)
            issues.append(Issue(name, tuple(format_number(v) for v in grid.values()), grid))
            best, acc, limit = sorted(
                draw(st.lists(st.integers(0, step * size), min_size=3, max_size=3))
            )
            if draw(st.booleans()):
                best, limit = limit, best
            direction = draw(st.sampled_from([None, "higher" if best > limit else "lower"]))
            answer: dict[str, Any] = {"best": best, "acceptable": acc, "limit": limit}
            if direction is not None and best != limit:
                answer["direction"] = direction
            if best == limit:
                answer["best"] = answer["limit"] = answer["acceptable"] = grid.values()[0]
            issue_answers[name] = answer
        else:
            options = tuple(f"o{k}" for k in range(draw(st.integers(1, 5))))
            issues.append(Issue(name, options))
            marks = {o: draw(MARK) for o in options}
            marks[draw(st.sampled_from(options))] = draw(st.sampled_from(["ideal", "acceptable"]))
            answer = {"options": marks}
            acceptable = [o for o in options if marks[o] == "acceptable"]
            if len(acceptable) > 0 and draw(st.booleans()):
                answer["order"] = draw(st.permutations(acceptable))
            issue_answers[name] = answer
    names = [issue.name for issue in issues]
    if draw(st.booleans()):
        importance: dict[str, Any] = {"ranking": draw(st.permutations(names))}
    else:
        cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=count - 1, max_size=count - 1)))
        bounds = [0, *cuts, 100]
        importance = {"points": {n: bounds[k + 1] - bounds[k] for k, n in enumerate(names)}}
    walk_away = draw(st.sampled_from(sorted(WALK_AWAY_FRACTION)))
    return tuple(issues), {
        "importance": importance,
        "issues": issue_answers,
        "walk_away": walk_away,
    }


@settings(max_examples=150, deadline=None)
@given(random_answers())
def test_built_preferences_are_always_valid(case: tuple[tuple[Issue, ...], dict[str, Any]]) -> None:
    issues, data = case
    prefs = build_preferences("p", issues, parse_answers(issues, data))
    assert math.isclose(math.fsum(prefs.weights.values()), 1.0, abs_tol=1e-9)
    assert all(w >= 0 for w in prefs.weights.values())
    assert 0.0 <= prefs.reservation <= 1.0
    for issue in issues:
        table = prefs.utilities[issue.name]
        assert set(table) == set(issue.options)
        assert all(0.0 <= u <= 1.0 for u in table.values())
        banned = prefs.unacceptable.get(issue.name, frozenset())
        allowed = [o for o in issue.options if o not in banned]
        assert allowed, "at least one option stays acceptable"
        assert max(table[o] for o in allowed) == 1.0
        assert all(table[o] == 0.0 for o in banned)
        marks = data["issues"][issue.name].get("options", {})
        assert all(table[o] == 1.0 for o, m in marks.items() if m == "ideal")
