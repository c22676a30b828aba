"""The answers a party gives about its interests, and their validation.

Kept apart from ``negotiation.elicitation`` (which turns answers into preferences) so that the
shape of the questionnaire and its error messages can be read on their own. Every error is an
``InvalidPreferences`` whose ``field`` is a dotted path into the answers dict
(``issues.amount.limit``), so the UI can point at the exact question to fix.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from negotiation.errors import InvalidPreferences
from negotiation.model import Issue

Mark = Literal["ideal", "acceptable", "unacceptable"]
MARKS: tuple[Mark, ...] = ("ideal", "acceptable", "unacceptable")

WALK_AWAY_LEVELS: Mapping[str, str] = MappingProxyType(
    {
        "firm": "I would rather stop than settle for less than what I marked acceptable overall.",
        "balanced": "I could accept less than that on some points if the whole deal is fair.",
        "flexible": "I want to settle; anything within my limits is better than no agreement.",
    }
)
"""Plain-language walk-away choices (keys are also UI message keys ``walk_away.<key>``)."""

ACCEPTABLE_ANCHOR = 0.5
"""Utility at a range's "acceptable" value (and of an unordered acceptable option)."""

Tiers = tuple[tuple[str, ...], ...]
"""Groups of names, best first; names in one group are tied."""


@dataclass(frozen=True)
class RankingImportance:
    """Issues most important first; a tuple of several names is a tie."""

    tiers: Tiers


@dataclass(frozen=True)
class PointsImportance:
    """100 points spread over the issues (non-negative integers)."""

    points: Mapping[str, int]


@dataclass(frozen=True)
class DiscreteAnswer:
    """Each option marked; ``order`` optionally ranks the acceptable options (best first)."""

    marks: Mapping[str, Mark]
    order: Tiers = ()


@dataclass(frozen=True)
class RangeAnswer:
    """Best, acceptable and limit values of a numeric issue.

    ``direction`` is "higher" or "lower" (which way is better); inferred from best vs limit, and
    only needed when best equals limit (the UI knows it from the party's role).
    """

    best: float
    acceptable: float
    limit: float
    direction: Literal["higher", "lower"] | None = None

    def higher_is_better(self) -> bool | None:
        if self.direction is not None:
            return self.direction == "higher"
        if self.best == self.limit:
            return None
        return self.best > self.limit


IssueAnswer = DiscreteAnswer | RangeAnswer


@dataclass(frozen=True)
class ElicitationAnswers:
    importance: RankingImportance | PointsImportance
    issues: Mapping[str, IssueAnswer]
    walk_away: str = "balanced"


# --------------------------------------------------------------------------------------------
# Parsing


def parse_answers(issues: Sequence[Issue], data: object) -> ElicitationAnswers:
    """Validate a JSON-able answers dict against the case's issues; errors name the field."""
    obj = _mapping(data, "answers")
    _no_unknown_keys(obj, {"importance", "issues", "walk_away"}, "")
    names = [issue.name for issue in issues]
    if not names:
        raise InvalidPreferences("the case has no issues", field="issues")
    importance = _parse_importance(obj.get("importance"), names)
    answers_obj = _mapping(obj.get("issues"), "issues")
    _no_unknown_keys(answers_obj, set(names), "issues.")
    parsed: dict[str, IssueAnswer] = {}
    for issue in issues:
        field = f"issues.{issue.name}"
        if issue.name not in answers_obj:
            raise InvalidPreferences("this issue has no answer", field=field)
        raw = answers_obj[issue.name]
        if issue.numeric is not None:
            parsed[issue.name] = _parse_range(issue, raw, field)
        else:
            parsed[issue.name] = _parse_discrete(issue, raw, field)
    walk_away = obj.get("walk_away", "balanced")
    if not isinstance(walk_away, str) or walk_away not in WALK_AWAY_LEVELS:
        raise InvalidPreferences(
            f"choose one of {', '.join(WALK_AWAY_LEVELS)} (got {walk_away!r})", field="walk_away"
        )
    return ElicitationAnswers(importance, MappingProxyType(parsed), walk_away)


def _parse_importance(raw: object, names: list[str]) -> RankingImportance | PointsImportance:
    obj = _mapping(raw, "importance")
    if ("ranking" in obj) == ("points" in obj):
        raise InvalidPreferences("give either a ranking or points, not both", field="importance")
    _no_unknown_keys(obj, {"ranking", "points"}, "importance.")
    if "ranking" in obj:
        tiers = _parse_tiers(obj["ranking"], "importance.ranking")
        _require_exactly(tiers, names, "importance.ranking", "issue")
        return RankingImportance(tiers)
    points_obj = _mapping(obj["points"], "importance.points")
    _no_unknown_keys(points_obj, set(names), "importance.points.")
    points: dict[str, int] = {}
    for name in names:
        field = f"importance.points.{name}"
        value = points_obj.get(name)
        if value is None:
            raise InvalidPreferences("give this issue some points (0 is allowed)", field=field)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidPreferences(
                f"points must be a whole number ≥ 0 (got {value!r})", field=field
            )
        points[name] = value
    total = sum(points.values())
    if total != 100:
        raise InvalidPreferences(
            f"points must add up to 100 (they add up to {total})", field="importance.points"
        )
    return PointsImportance(MappingProxyType(points))


def _parse_discrete(issue: Issue, raw: object, field: str) -> DiscreteAnswer:
    obj = _mapping(raw, field)
    _no_unknown_keys(obj, {"options", "order"}, f"{field}.")
    marks_obj = _mapping(obj.get("options"), f"{field}.options")
    _no_unknown_keys(marks_obj, set(issue.options), f"{field}.options.")
    marks: dict[str, Mark] = {}
    for option in issue.options:
        mark = marks_obj.get(option)
        if mark not in MARKS:
            raise InvalidPreferences(
                f"mark this option as ideal, acceptable or unacceptable (got {mark!r})",
                field=f"{field}.options.{option}",
            )
        marks[option] = mark  # checked against MARKS above
    if all(m == "unacceptable" for m in marks.values()):
        raise InvalidPreferences(
            "every option is unacceptable, so no agreement is possible on this issue; "
            "mark at least one option you could live with",
            field=field,
        )
    order: Tiers = ()
    if obj.get("order") is not None:
        order = _parse_tiers(obj["order"], f"{field}.order")
        acceptable = [o for o in issue.options if marks[o] == "acceptable"]
        _require_exactly(order, acceptable, f"{field}.order", "acceptable option")
    return DiscreteAnswer(MappingProxyType(marks), order)


def _parse_range(issue: Issue, raw: object, field: str) -> RangeAnswer:
    assert issue.numeric is not None
    obj = _mapping(raw, field)
    _no_unknown_keys(obj, {"best", "acceptable", "limit", "direction"}, f"{field}.")
    low, high = issue.numeric.minimum, issue.numeric.maximum
    values: dict[str, float] = {}
    for key in ("best", "limit", "acceptable"):
        value = obj.get(key)
        if key == "acceptable" and value is None:
            value = obj.get("best")  # "acceptable" may be skipped: nothing between best and limit
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise InvalidPreferences(f"give a number (got {value!r})", field=f"{field}.{key}")
        if not low - 1e-9 <= value <= high + 1e-9:
            raise InvalidPreferences(
                f"{value:g} is outside the range {low:g}–{high:g}", field=f"{field}.{key}"
            )
        values[key] = float(value)
    direction = obj.get("direction")
    if direction not in (None, "higher", "lower"):
        raise InvalidPreferences(
            f'direction must be "higher" or "lower" (got {direction!r})', field=f"{field}.direction"
        )
    best, acceptable, limit = values["best"], values["acceptable"], values["limit"]
    if direction is not None and best != limit and (best > limit) != (direction == "higher"):
        raise InvalidPreferences(
            f"best {best:g} and limit {limit:g} contradict direction {direction!r}",
            field=f"{field}.limit",
        )
    if not min(best, limit) <= acceptable <= max(best, limit):
        raise InvalidPreferences(
            f"the acceptable value {acceptable:g} must lie between "
            f"best {best:g} and limit {limit:g}",
            field=f"{field}.acceptable",
        )
    answer = RangeAnswer(best, acceptable, limit, direction)
    if not any(range_utility(answer, float(o)) is not None for o in issue.options):
        raise InvalidPreferences(
            f"no value of {issue.name} on its grid is within the limit {limit:g}",
            field=f"{field}.limit",
        )
    return answer


def _parse_tiers(raw: object, field: str) -> Tiers:
    if not isinstance(raw, list) or not raw:
        raise InvalidPreferences("give a non-empty list, best first", field=field)
    tiers: list[tuple[str, ...]] = []
    for index, entry in enumerate(raw):
        group = entry if isinstance(entry, list) else [entry]
        if not group or not all(isinstance(name, str) for name in group):
            raise InvalidPreferences(
                "each place holds a name or a list of tied names", field=f"{field}[{index}]"
            )
        tiers.append(tuple(group))
    return tuple(tiers)


def _require_exactly(tiers: Tiers, names: Sequence[str], field: str, what: str) -> None:
    seen: set[str] = set()
    for tier in tiers:
        for name in tier:
            if name not in names:
                raise InvalidPreferences(f"unknown {what} {name!r}", field=field)
            if name in seen:
                raise InvalidPreferences(f"{what} {name!r} appears twice", field=field)
            seen.add(name)
    missing = [n for n in names if n not in seen]
    if missing:
        raise InvalidPreferences(f"missing {what}(s): {', '.join(missing)}", field=field)


def _mapping(raw: object, field: str) -> Mapping[str, object]:
    if not isinstance(raw, Mapping) or not all(isinstance(k, str) for k in raw):
        raise InvalidPreferences("expected an object", field=field or None)
    return raw


def _no_unknown_keys(obj: Mapping[str, object], allowed: set[str], prefix: str) -> None:
    for key in obj:
        if key not in allowed:
            raise InvalidPreferences(f"unknown key {key!r}", field=f"{prefix}{key}")


def range_utility(answer: RangeAnswer, x: float) -> float | None:
    """Utility of ``x`` in [0, 1], or None when ``x`` is beyond the limit."""
    higher = answer.higher_is_better()
    tol = 1e-9 * max(1.0, abs(answer.best), abs(answer.limit))
    if higher is None:  # best == limit with no direction: exactly that value is acceptable
        return 1.0 if abs(x - answer.best) <= tol else None
    sign = 1.0 if higher else -1.0
    # Measure "goodness" so that larger is better whatever the direction.
    g, best, acc, limit = (
        sign * x,
        sign * answer.best,
        sign * answer.acceptable,
        sign * answer.limit,
    )
    if g < limit - tol:
        return None
    if g >= best - tol:
        return 1.0
    anchors = [(limit, 0.0)]
    if limit + tol < acc < best - tol:
        anchors.append((acc, ACCEPTABLE_ANCHOR))
    anchors.append((best, 1.0))
    for (x0, u0), (x1, u1) in itertools.pairwise(anchors):
        if g <= x1:
            return max(0.0, min(1.0, u0 + (u1 - u0) * (g - x0) / (x1 - x0)))
    return 1.0
