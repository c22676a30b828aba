"""The linear criteria: utilitarian, each party's ideal, and Kalai-Smorodinsky.

All three are computed exactly on the integer model (``negotiation.scaled``):

* **utilitarian**: one solve maximising the sum of utilities. A maximum-sum package is
  Pareto-optimal (anything dominating it would have a larger sum).
* **ideal_p**: one solve per party maximising its own utility over acceptable packages.
* **Kalai-Smorodinsky**: maximise ``min_p (U_p - d_p) / (ideal_p - d_p)``. A first solve maximises
  the minimum on a ``2**-16`` grid to get close; then exact rounds ask "is there a package where
  *every* party's ratio beats the incumbent's?", which is linear with integer thresholds
  ``G_p >= floor(r * span_p) + 1`` for the incumbent's exact rational ratio ``r`` (usually one
  infeasible solve proves it). A last solve maximises the sum among packages reaching ``r``: the
  contract's tie-break, and what makes the result Pareto-optimal (a dominating package would reach
  ``r`` too and have a larger sum).

A party whose ideal equals its worst (``span_p = 0``: it gets the same on every acceptable
package) counts with ratio 1 and never limits the minimum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from ortools.sat.python import cp_model

from negotiation.cpsat import PackageModel, Session, TimeLimitReached
from negotiation.scaled import Choice, ScaledCase

RATIO_GRID = 2**16


@dataclass(frozen=True)
class Anchor:
    """A party's own fairness anchors: d_p (its worst package) and ideal_p (best acceptable)."""

    worst: float
    ideal: float
    best: Mapping[str, str] | None = None
    """The package worth ``ideal`` to this party (the best it could get, given every party's
    limits): what an explanation compares a proposal's concessions with. Private to the party."""


def utilitarian(session: Session, scaled: ScaledCase) -> Choice | None:
    """The maximum-sum acceptable package, or None when no package is acceptable."""
    model = PackageModel(scaled)
    solution = session.maximize(model, model.total())
    return None if solution is None else solution.choice


def ideals(session: Session, scaled: ScaledCase, start: Choice) -> tuple[Choice, ...]:
    """Each party's best acceptable package (``start`` must be acceptable)."""
    best: list[Choice] = []
    for p in range(scaled.parties):
        model = PackageModel(scaled)
        model.hint(start)
        solution = session.maximize(model, model.utility[p])
        assert solution is not None, "an acceptable package exists"
        best.append(solution.choice)
    return tuple(best)


def ks_ratio(scaled: ScaledCase, spans: tuple[int, ...], choice: Choice) -> Fraction:
    """The exact Kalai-Smorodinsky value: the smallest share of possible gain any party gets."""
    gains = scaled.gains(choice)
    shares = [Fraction(g, s) for g, s in zip(gains, spans, strict=True) if s > 0]
    return min(shares, default=Fraction(1))


def kalai_smorodinsky(
    session: Session, scaled: ScaledCase, spans: tuple[int, ...], start: Choice
) -> Choice:
    """Lexicographic optimum of (smallest gain share, sum of utilities) over acceptable packages."""
    active = [p for p, span in enumerate(spans) if span > 0]
    if not active:
        return start
    best = start
    try:
        best = _improve_share(session, scaled, spans, best, strict=False)
        while True:
            better = _improve_share(session, scaled, spans, best, strict=True)
            if better == best:
                break
            best = better
    except TimeLimitReached:
        return best
    return _max_sum_at_share(session, scaled, spans, best)


def _improve_share(
    session: Session, scaled: ScaledCase, spans: tuple[int, ...], best: Choice, *, strict: bool
) -> Choice:
    """Maximise the gridded smallest share; with ``strict``, only among exact improvements."""
    model = PackageModel(scaled)
    share = model.model.new_int_var(0, RATIO_GRID, "share")
    ratio = ks_ratio(scaled, spans, best)
    for p, span in enumerate(spans):
        if span == 0:
            continue
        model.model.add(RATIO_GRID * model.gain(p) >= span * share)
        if strict:
            model.model.add(model.gain(p) >= ratio.numerator * span // ratio.denominator + 1)
    model.hint(best)
    solution = session.maximize(model, share, canonical=False)
    if solution is None:
        return best
    found = solution.choice
    return found if ks_ratio(scaled, spans, found) > ratio or not strict else best


def _max_sum_at_share(
    session: Session, scaled: ScaledCase, spans: tuple[int, ...], best: Choice
) -> Choice:
    ratio = ks_ratio(scaled, spans, best)
    model = PackageModel(scaled)
    at_least_share(model, spans, ratio)
    model.hint(best)
    try:
        solution = session.maximize(model, model.total())
    except TimeLimitReached:
        return best
    return best if solution is None else solution.choice


def at_least_share(
    model: PackageModel, spans: tuple[int, ...], ratio: Fraction
) -> list[cp_model.Constraint]:
    """Constrain every party's gain share to reach ``ratio`` (exact integer thresholds)."""
    return [
        model.model.add(model.gain(p) >= _ceil_div(ratio.numerator * span, ratio.denominator))
        for p, span in enumerate(spans)
        if span > 0
    ]


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)
