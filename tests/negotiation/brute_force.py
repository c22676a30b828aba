"""An enumeration oracle for the contract's definitions, written naively and independently.

It shares nothing with the optimizer but the parsed ``NegotiationCase``: every package is listed,
utilities are plain floating-point sums, and each criterion is evaluated exactly as the contract
words it. Only usable on small cases.

With ``quantum`` set, criteria are scored on utilities whose every ``weight * utility`` term is
rounded to a multiple of ``1 / quantum``: the documented precision of the optimizer's rounded mode
(arbitrary floats such as ``1/3``). Acceptability always uses the real utilities.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from negotiation.model import NegotiationCase

SPAN_EPS = 1e-12


@dataclass(frozen=True)
class Row:
    choice: tuple[str, ...]
    utilities: tuple[float, ...]
    """Real (floating-point) utilities, as the contract defines them."""
    scored: tuple[float, ...]
    """What the criteria are evaluated on: the real utilities, or quantised ones (see below)."""


@dataclass(frozen=True)
class Oracle:
    case: NegotiationCase
    rows: tuple[Row, ...]
    """Acceptable packages only."""
    worst: tuple[float, ...]
    ideal: tuple[float, ...]

    def package(self, row: Row) -> dict[str, str]:
        return {issue.name: o for issue, o in zip(self.case.issues, row.choice, strict=True)}

    def row_of(self, choice: dict[str, str]) -> Row:
        key = tuple(choice[issue.name] for issue in self.case.issues)
        return next(r for r in self.rows if r.choice == key)

    def value(self, criterion: str, utilities: tuple[float, ...]) -> float:
        """The criterion on *scored* utilities."""
        gains = [u - d for u, d in zip(utilities, self.worst, strict=True)]
        if criterion == "nash":
            return math.prod(gains)
        if criterion == "utilitarian":
            return sum(utilities)
        shares = [
            g / (i - d)
            for g, i, d in zip(gains, self.ideal, self.worst, strict=True)
            if i - d > SPAN_EPS
        ]
        return min(shares, default=1.0)

    def optimum(self, criterion: str) -> float:
        return max(self.value(criterion, r.scored) for r in self.rows)

    def dominated(self, utilities: tuple[float, ...], slack: float, gain: float) -> bool:
        """Some acceptable package is no worse (by slack) for all and better (by gain) for one."""
        return any(
            all(v >= u - slack for v, u in zip(r.scored, utilities, strict=True))
            and any(v > u + gain for v, u in zip(r.scored, utilities, strict=True))
            for r in self.rows
        )


def enumerate_case(case: NegotiationCase, quantum: int | None = None) -> Oracle:
    def term(weight: float, utility: float) -> float:
        return weight * utility if quantum is None else round(weight * utility * quantum) / quantum

    rows: list[Row] = []
    for combo in itertools.product(*(issue.options for issue in case.issues)):
        package = {issue.name: o for issue, o in zip(case.issues, combo, strict=True)}
        utilities = tuple(
            sum(p.weights[i] * p.utilities[i][o] for i, o in package.items()) for p in case.parties
        )
        scored = tuple(
            math.fsum(term(p.weights[i], p.utilities[i][o]) for i, o in package.items())
            for p in case.parties
        )
        ok = all(
            u >= p.reservation - 1e-12
            and all(o not in p.unacceptable.get(i, frozenset()) for i, o in package.items())
            for u, p in zip(utilities, case.parties, strict=True)
        )
        if ok:
            rows.append(Row(combo, utilities, scored))
    worst = tuple(
        math.fsum(
            min(term(p.weights[i.name], u) for u in p.utilities[i.name].values())
            for i in case.issues
        )
        for p in case.parties
    )
    ideal = tuple(
        max((r.scored[k] for r in rows), default=math.nan) for k in range(len(case.parties))
    )
    return Oracle(case=case, rows=tuple(rows), worst=worst, ideal=ideal)


# -- random small cases (contract JSON) for property tests --------------------------------------

from hypothesis import strategies as st  # noqa: E402


@st.composite
def case_data(
    draw: st.DrawFn,
    *,
    parties: tuple[int, int] = (2, 5),
    issues: tuple[int, int] = (1, 3),
    options: tuple[int, int] = (2, 4),
    decimal: bool | None = None,
    limits: bool = True,
) -> dict[str, object]:
    """A contract case. ``decimal`` cases use multiples of 0.05; others arbitrary floats."""
    if decimal is None:
        decimal = draw(st.booleans())
    n_issues = draw(st.integers(*issues))
    issue_list = [
        {"name": f"i{k}", "options": [f"o{j}" for j in range(draw(st.integers(*options)))]}
        for k in range(n_issues)
    ]
    party_list = [
        _party(draw, f"p{k}", issue_list, decimal, limits)
        for k in range(draw(st.integers(*parties)))
    ]
    return {"issues": issue_list, "parties": party_list}


def _party(
    draw: st.DrawFn, name: str, issues: list[dict[str, Any]], decimal: bool, limits: bool
) -> dict[str, object]:
    names = [str(i["name"]) for i in issues]
    if decimal:
        cuts = sorted(
            draw(st.lists(st.integers(0, 20), min_size=len(names) - 1, max_size=len(names) - 1))
        )
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, 20], strict=True)]
        weights = {n: k / 20 for n, k in zip(names, parts, strict=True)}
        unit = st.integers(0, 20).map(lambda k: k / 20)
        reservation = draw(st.integers(0, 16).map(lambda k: k / 20))
    else:
        raw = draw(st.lists(st.floats(0.01, 1.0), min_size=len(names), max_size=len(names)))
        weights = {n: r / math.fsum(raw) for n, r in zip(names, raw, strict=True)}
        unit = st.floats(0.0, 1.0) | st.sampled_from([0.0, 1.0, 1 / 3, 2 / 3])
        reservation = draw(st.floats(0.0, 0.8))
    utilities = {str(i["name"]): {str(o): draw(unit) for o in i["options"]} for i in issues}
    party: dict[str, object] = {
        "name": name,
        "weights": weights,
        "utilities": utilities,
        "reservation": draw(st.sampled_from([0.0, reservation, reservation / 2])),
    }
    if limits and draw(st.integers(0, 3)) == 0:
        issue = draw(st.sampled_from(issues))
        party["unacceptable"] = {str(issue["name"]): [draw(st.sampled_from(issue["options"]))]}
    return party
