"""A few diverse Pareto-optimal packages besides the labelled ones.

Alternative ``k`` leans toward party ``k mod n``: it maximises a weighted sum of the parties' gain
shares (``G_p / span_p``) with weight 3 for that party and 1 for the others, excluding every package
already proposed. Leaning in turn toward each party gives the room packages that differ in a way
each side can recognise, without any party's private numbers being needed to describe them.

Why the result is Pareto-optimal: a package dominating it would have a larger positive-weighted sum,
so it must be one of the excluded (already proposed) packages; we check exactly that in Python and,
in the rare case it happens, exclude the candidate too and try again.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from negotiation.cpsat import PackageModel, Session, TimeLimitReached
from negotiation.scaled import Choice, ScaledCase

LEAN = 3
PRECISION = 2**4
MAX_TRIES = 4


def alternatives(
    session: Session,
    scaled: ScaledCase,
    spans: tuple[int, ...],
    proposed: Sequence[Choice],
    count: int,
) -> list[Choice]:
    """Up to ``count`` distinct Pareto-optimal packages not in ``proposed`` (fewer if none)."""
    found: list[Choice] = []
    excluded = list(dict.fromkeys(proposed))
    rejected: list[Choice] = []
    try:
        for k in range(count):
            choice = _one(session, scaled, spans, k % scaled.parties, excluded, rejected)
            if choice is None:
                break
            found.append(choice)
            excluded.append(choice)
    except TimeLimitReached:
        pass
    return found


def _one(
    session: Session,
    scaled: ScaledCase,
    spans: tuple[int, ...],
    favoured: int,
    excluded: list[Choice],
    rejected: list[Choice],
) -> Choice | None:
    weights = lean_weights(spans, favoured)
    for _ in range(MAX_TRIES):
        model = PackageModel(scaled)
        for choice in (*excluded, *rejected):
            model.forbid(choice)
        objective = cp_model.LinearExpr.weighted_sum(
            [model.gain(p) for p in range(scaled.parties)], weights
        )
        solution = session.maximize(model, objective)
        if solution is None:
            return None
        if not any(dominates(scaled, other, solution.choice) for other in excluded):
            return solution.choice
        rejected.append(solution.choice)
    return None


def lean_weights(spans: tuple[int, ...], favoured: int) -> list[int]:
    """Integer weights proportional to ``lean / span_p``, each at least 1 and at most 48."""
    smallest = min((s for s in spans if s > 0), default=1)
    return [
        max(1, round(PRECISION * (LEAN if p == favoured else 1) * smallest / span)) if span else 1
        for p, span in enumerate(spans)
    ]


def dominates(scaled: ScaledCase, a: Choice, b: Choice) -> bool:
    ua = [scaled.utility(p, a) for p in range(scaled.parties)]
    ub = [scaled.utility(p, b) for p in range(scaled.parties)]
    return all(x >= y for x, y in zip(ua, ub, strict=True)) and ua != ub
