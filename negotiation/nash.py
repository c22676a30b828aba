"""The Nash bargaining package, exactly, as a sequence of linear CP-SAT problems.

The Nash product ``prod_p G_p`` (``G_p = U_p - d_p``) does not fit CP-SAT: for 10 parties it needs
about 310 bits, and a product objective is not linear. Logarithms would fit but are not exact.
Instead we use the arithmetic-geometric mean inequality: if ``prod_p G_p >= L`` and ``c`` is any
positive point with ``prod_p c_p = L``, then ``sum_p G_p / c_p >= n``. Every such tangent plane of
the level surface is a *linear* necessary condition for reaching the level ``L`` (the super-level
set is convex in the positive orthant, and these planes are its supporting planes). So:

1. **Improve.** Take the best package known (the incumbent, product ``P``) and ask CP-SAT for a
   package satisfying the tangent cuts at level ``P + 1`` through the incumbent and through every
   package seen so far, maximising the tangent at the incumbent. Compare the answer's product with
   ``P`` in exact big-integer arithmetic: better → new incumbent; not better → add the tangent cut
   through it (which excludes it) and a no-good. Repeat until CP-SAT proves the cuts infeasible:
   then no package has a product above ``P``. (Cutting planes on a finite set: it terminates.)
2. **Tie-break.** Maximise the sum of utilities subject to the cuts at level ``P``; an answer whose
   exact product is below ``P`` gets its own cut and we repeat. The first answer reaching ``P`` is
   the lexicographic optimum (product, sum), hence Pareto-optimal.

Cut coefficients are rationals: each cut is divided by its smallest tangent coordinate, multiplied
by ``2**14`` and rounded *up* (with a 1e-9 safety margin), which keeps it valid (it only lets more
packages through) and keeps every term below about ``2**42``. Exactness never depends on the cut
precision: only the exact product decides, imprecise cuts cost iterations, not correctness.

When some party's gain is zero on every acceptable package the product is 0 everywhere; the
contract's tie-break then picks the largest sum, i.e. the utilitarian package.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ortools.sat.python import cp_model

from negotiation.cpsat import PackageModel, Session, TimeLimitReached
from negotiation.scaled import Choice, ScaledCase

CUT_PRECISION = 2**14
MAX_ROUNDS = 200
"""Safety net: after this many cut rounds the incumbent is returned as best-effort."""


def nash_product(scaled: ScaledCase, choice: Choice) -> int:
    return math.prod(scaled.gains(choice))


def nash(
    session: Session,
    scaled: ScaledCase,
    spans: tuple[int, ...],
    candidates: Sequence[Choice],
    utilitarian: Choice,
) -> Choice:
    """Lexicographic optimum of (Nash product, sum of utilities) over acceptable packages."""
    if any(span == 0 for span in spans):
        return utilitarian
    positive = [c for c in candidates if nash_product(scaled, c) > 0]
    incumbent = max(
        positive, key=lambda c: (nash_product(scaled, c), scaled.total(c)), default=None
    )
    if incumbent is None:
        model = PackageModel(scaled)
        _all_gain(model)
        solution = session.maximize(model, model.total())
        if solution is None:
            return utilitarian
        incumbent = solution.choice
    search = _CutSearch(session, scaled, incumbent)
    try:
        search.maximise_product()
        return search.maximise_sum()
    except TimeLimitReached:
        return search.incumbent


class _CutSearch:
    def __init__(self, session: Session, scaled: ScaledCase, incumbent: Choice) -> None:
        self.session = session
        self.scaled = scaled
        self.incumbent = incumbent
        self.product = nash_product(scaled, incumbent)
        self.points: list[tuple[int, ...]] = [scaled.gains(incumbent)]
        self.seen: dict[Choice, int] = {incumbent: self.product}

    def maximise_product(self) -> None:
        for _ in range(MAX_ROUNDS):
            model = self._model(level=self.product + 1, forbid_below=self.product + 1)
            weights = _tangent(self.scaled.gains(self.incumbent))
            solution = self.session.maximize(
                model,
                cp_model.LinearExpr.sum([w * model.gain(p) for p, w in enumerate(weights)]),
                canonical=False,
            )
            if solution is None:
                return
            self._record(solution.choice)
            if self.seen[solution.choice] > self.product:
                self.incumbent = solution.choice
                self.product = self.seen[solution.choice]
        self.session.exhaustive = False

    def maximise_sum(self) -> Choice:
        for _ in range(MAX_ROUNDS):
            model = self._model(level=self.product, forbid_below=self.product)
            model.hint(self.incumbent)
            solution = self.session.maximize(model, model.total())
            if solution is None:  # cannot happen: the incumbent satisfies every cut
                break
            self._record(solution.choice)
            if self.seen[solution.choice] >= self.product:
                return solution.choice
        self.session.exhaustive = False
        return self.incumbent

    def _record(self, choice: Choice) -> None:
        if choice not in self.seen:
            self.seen[choice] = nash_product(self.scaled, choice)
            self.points.append(self.scaled.gains(choice))

    def _model(self, *, level: int, forbid_below: int) -> PackageModel:
        model = PackageModel(self.scaled)
        _all_gain(model)
        for point in self.points:
            _cut(model, point, level)
        for choice, product in self.seen.items():
            if product < forbid_below:
                model.forbid(choice)
        return model


def _all_gain(model: PackageModel) -> None:
    for p in range(model.scaled.parties):
        model.model.add(model.gain(p) >= 1)


def _cut(model: PackageModel, point: tuple[int, ...], level: int) -> None:
    """Tangent cut of ``prod G >= level`` at ``point`` projected onto the level surface."""
    n = len(point)
    shift = (math.log(level) - sum(math.log(g) for g in point)) / n
    tangent = [math.exp(math.log(g) + shift) for g in point]
    smallest = min(tangent)
    coefficients = [math.ceil(CUT_PRECISION * smallest / c * (1 + 1e-9)) for c in tangent]
    bound = math.floor(n * CUT_PRECISION * smallest * (1 - 1e-9))
    terms = [k * model.gain(p) for p, k in enumerate(coefficients)]
    model.model.add(cp_model.LinearExpr.sum(terms) >= bound)


def _tangent(gains: tuple[int, ...]) -> list[int]:
    """Integer weights proportional to ``1 / G_p`` (the direction in which the product grows)."""
    smallest = min(gains)
    return [max(1, round(CUT_PRECISION * smallest / g)) for g in gains]
