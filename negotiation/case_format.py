"""Reading a negotiation case from the contract JSON (``/work/shared/contracts/case-format.md``).

``parse_case`` takes the already-parsed JSON value and returns a validated ``NegotiationCase`` or
raises ``InvalidCase`` naming the offending field with a dotted path such as
``parties[1].weights.price``. Other tools rely on the contract, so the contract subset is accepted
unchanged; the extensions below only add optional shapes that the subset never uses.

Extensions (all optional):

* an issue may be a numeric range instead of a list of options::

      {"name": "amount", "range": {"min": 0, "max": 500000, "step": 10000, "unit": "KZT"}}

  It becomes an ``Issue`` with ``numeric=NumericRange(...)`` whose options are the grid values as
  ``format_number`` strings (``"0"``, ``"10000"``, ...). A grid is capped at ``MAX_GRID_POINTS``.
* a party's utilities for a range issue may be piecewise-linear points instead of a per-option
  map: ``{"points": [[0, 1.0], [250000, 0.4], [500000, 0.0]]}``. Values must be strictly
  increasing; between points the utility is interpolated linearly, beyond the ends it is flat.
* a party may state hard limits, ``"unacceptable": {"issue": ["option", ...]}``: options it
  rejects outright whatever else the package gives it. For a range issue, numbers on the grid are
  accepted as well as option strings.

Unknown keys are rejected rather than ignored: a misspelt ``"reservaton"`` silently falling back to
0 would change a party's walk-away without anyone noticing.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from negotiation.errors import InvalidCase
from negotiation.model import Issue, NegotiationCase, NumericRange, PartyPreferences, format_number

MAX_GRID_POINTS = 2001
"""Largest number of grid values a range issue may have (each value is one option to search)."""

WEIGHT_SUM_TOLERANCE = 1e-9

_CASE_KEYS = frozenset({"issues", "parties"})
_ISSUE_KEYS = frozenset({"name", "options", "range"})
_RANGE_KEYS = frozenset({"min", "max", "step", "unit"})
_PARTY_KEYS = frozenset({"name", "weights", "utilities", "reservation", "unacceptable"})


def parse_case(data: object) -> NegotiationCase:
    """Validate contract JSON (already parsed) and build the case the optimizer works on."""
    case = _mapping(data, "case")
    _check_keys(case, _CASE_KEYS, "", required=_CASE_KEYS)
    issues = _parse_issues(case["issues"])
    raw_parties = _sequence(case["parties"], "parties")
    if len(raw_parties) < 2:
        raise InvalidCase("a case needs at least two parties", field="parties")
    parties = tuple(_parse_party(raw, issues, f"parties[{k}]") for k, raw in enumerate(raw_parties))
    _check_unique([p.name for p in parties], "parties", "party")
    return NegotiationCase(issues=issues, parties=parties)


# -- issues -------------------------------------------------------------------------------------


def _parse_issues(value: object) -> tuple[Issue, ...]:
    raw_issues = _sequence(value, "issues")
    if not raw_issues:
        raise InvalidCase("a case needs at least one issue", field="issues")
    issues = tuple(_parse_issue(raw, f"issues[{k}]") for k, raw in enumerate(raw_issues))
    _check_unique([i.name for i in issues], "issues", "issue")
    return issues


def _parse_issue(value: object, path: str) -> Issue:
    raw = _mapping(value, path)
    _check_keys(raw, _ISSUE_KEYS, path, required=frozenset({"name"}))
    name = _name(raw["name"], f"{path}.name")
    if ("options" in raw) == ("range" in raw):
        raise InvalidCase("an issue needs exactly one of 'options' or 'range'", field=path)
    if "range" in raw:
        numeric = _parse_range(raw["range"], f"{path}.range")
        return Issue(name=name, options=_grid_options(numeric, f"{path}.range"), numeric=numeric)
    raw_options = _sequence(raw["options"], f"{path}.options")
    if not raw_options:
        raise InvalidCase("an issue needs at least one option", field=f"{path}.options")
    options = tuple(_name(o, f"{path}.options[{k}]") for k, o in enumerate(raw_options))
    _check_unique(list(options), f"{path}.options", "option")
    return Issue(name=name, options=options)


def _parse_range(value: object, path: str) -> NumericRange:
    raw = _mapping(value, path)
    _check_keys(raw, _RANGE_KEYS, path, required=frozenset({"min", "max", "step"}))
    minimum = _number(raw["min"], f"{path}.min")
    maximum = _number(raw["max"], f"{path}.max")
    step = _number(raw["step"], f"{path}.step")
    unit = raw.get("unit", "")
    if not isinstance(unit, str):
        raise InvalidCase("must be a string", field=f"{path}.unit")
    if maximum < minimum:
        raise InvalidCase("must not be below min", field=f"{path}.max")
    if step <= 0:
        raise InvalidCase("must be positive", field=f"{path}.step")
    return NumericRange(minimum=minimum, maximum=maximum, step=step, unit=unit)


def _grid_options(numeric: NumericRange, path: str) -> tuple[str, ...]:
    count = (numeric.maximum - numeric.minimum) / numeric.step + 1
    if count > MAX_GRID_POINTS:
        raise InvalidCase(
            f"the grid has {math.floor(count)} points, more than {MAX_GRID_POINTS}; "
            "use a larger step or a narrower range",
            field=f"{path}.step",
        )
    options = tuple(format_number(v) for v in numeric.values())
    _check_unique(list(options), path, "grid value")
    return options


# -- parties ------------------------------------------------------------------------------------


def _parse_party(value: object, issues: tuple[Issue, ...], path: str) -> PartyPreferences:
    raw = _mapping(value, path)
    _check_keys(raw, _PARTY_KEYS, path, required=frozenset({"name", "weights", "utilities"}))
    name = _name(raw["name"], f"{path}.name")
    weights = _parse_weights(raw["weights"], issues, f"{path}.weights")
    utilities_raw = _mapping(raw["utilities"], f"{path}.utilities")
    _check_keys(utilities_raw, frozenset(i.name for i in issues), f"{path}.utilities", what="issue")
    utilities: dict[str, Mapping[str, float]] = {}
    for issue in issues:
        field = f"{path}.utilities.{issue.name}"
        if issue.name not in utilities_raw:
            raise InvalidCase("missing utilities for this issue", field=field)
        utilities[issue.name] = _parse_issue_utilities(utilities_raw[issue.name], issue, field)
    reservation = 0.0
    if "reservation" in raw:
        reservation = _unit_interval(raw["reservation"], f"{path}.reservation")
    unacceptable = _parse_unacceptable(raw.get("unacceptable", {}), issues, f"{path}.unacceptable")
    return PartyPreferences(
        name=name,
        weights=MappingProxyType(weights),
        utilities=MappingProxyType(utilities),
        reservation=reservation,
        unacceptable=MappingProxyType(unacceptable),
    )


def _parse_weights(value: object, issues: tuple[Issue, ...], path: str) -> dict[str, float]:
    raw = _mapping(value, path)
    _check_keys(raw, frozenset(i.name for i in issues), path, what="issue")
    weights: dict[str, float] = {}
    for issue in issues:
        if issue.name not in raw:
            raise InvalidCase("missing weight for this issue", field=f"{path}.{issue.name}")
        weight = _number(raw[issue.name], f"{path}.{issue.name}")
        if weight < 0:
            raise InvalidCase("weights must not be negative", field=f"{path}.{issue.name}")
        weights[issue.name] = weight
    total = math.fsum(weights.values())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise InvalidCase(f"weights must sum to 1 (they sum to {total!r})", field=path)
    return weights


def _parse_issue_utilities(value: object, issue: Issue, path: str) -> Mapping[str, float]:
    raw = _mapping(value, path)
    if issue.numeric is not None and "points" in raw:
        _check_keys(raw, frozenset({"points"}), path)
        return MappingProxyType(_interpolate(raw["points"], issue, f"{path}.points"))
    _check_keys(raw, frozenset(issue.options), path, what="option")
    utilities: dict[str, float] = {}
    for option in issue.options:
        if option not in raw:
            raise InvalidCase("missing utility for this option", field=f"{path}.{option}")
        utilities[option] = _unit_interval(raw[option], f"{path}.{option}")
    return MappingProxyType(utilities)


def _interpolate(value: object, issue: Issue, path: str) -> dict[str, float]:
    """Utility of every grid option from piecewise-linear points (flat beyond the end points)."""
    raw_points = _sequence(value, path)
    if not raw_points:
        raise InvalidCase("needs at least one point", field=path)
    points: list[tuple[float, float]] = []
    for k, raw_point in enumerate(raw_points):
        pair = _sequence(raw_point, f"{path}[{k}]")
        if len(pair) != 2:
            raise InvalidCase("a point is [value, utility]", field=f"{path}[{k}]")
        x = _number(pair[0], f"{path}[{k}][0]")
        if points and x <= points[-1][0]:
            raise InvalidCase("point values must strictly increase", field=f"{path}[{k}][0]")
        points.append((x, _unit_interval(pair[1], f"{path}[{k}][1]")))
    return {option: _piecewise(points, float(option)) for option in issue.options}


def _piecewise(points: Sequence[tuple[float, float]], x: float) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, u0), (x1, u1) in itertools.pairwise(points):
        if x <= x1:
            share = (x - x0) / (x1 - x0)
            return min(1.0, max(0.0, u0 + share * (u1 - u0)))
    return points[-1][1]


def _parse_unacceptable(
    value: object, issues: tuple[Issue, ...], path: str
) -> dict[str, frozenset[str]]:
    raw = _mapping(value, path)
    _check_keys(raw, frozenset(i.name for i in issues), path, what="issue")
    limits: dict[str, frozenset[str]] = {}
    for issue in issues:
        if issue.name not in raw:
            continue
        field = f"{path}.{issue.name}"
        entries = _sequence(raw[issue.name], field)
        options = {_limit_option(e, issue, f"{field}[{k}]") for k, e in enumerate(entries)}
        if options:
            limits[issue.name] = frozenset(options)
    return limits


def _limit_option(value: object, issue: Issue, path: str) -> str:
    if issue.numeric is not None and _is_number(value):
        option = format_number(_number(value, path))
    else:
        option = _name(value, path)
    if option not in issue.options:
        raise InvalidCase(f"unknown option {option!r} of issue {issue.name!r}", field=path)
    return option


# -- primitives ---------------------------------------------------------------------------------


def _mapping(value: object, path: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise InvalidCase("must be an object", field=path or None)
    return value


def _sequence(value: object, path: str) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise InvalidCase("must be a list", field=path)
    return value


def _name(value: object, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidCase("must be a non-empty string", field=path)
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: object, path: str) -> float:
    if not _is_number(value):
        raise InvalidCase("must be a number", field=path)
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise InvalidCase("must be a finite number", field=path)
    return number


def _unit_interval(value: object, path: str) -> float:
    number = _number(value, path)
    if not 0.0 <= number <= 1.0:
        raise InvalidCase(f"must be between 0 and 1 (got {number!r})", field=path)
    return number


def _check_keys(
    raw: Mapping[str, object],
    allowed: frozenset[str],
    path: str,
    *,
    required: frozenset[str] = frozenset(),
    what: str = "key",
) -> None:
    prefix = f"{path}." if path else ""
    for key in sorted(required - raw.keys()):
        raise InvalidCase(f"missing required key {key!r}", field=f"{prefix}{key}")
    for key in raw:
        if key not in allowed:
            raise InvalidCase(f"unknown {what} {key!r}", field=f"{prefix}{key}")


def _check_unique(names: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for k, name in enumerate(names):
        if name in seen:
            raise InvalidCase(f"duplicate {what} name {name!r}", field=f"{path}[{k}]")
        seen.add(name)
