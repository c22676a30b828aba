"""Two-party cases from their exact Pareto frontier (``negotiation.frontier``).

The labelled packages (Nash, Kalai-Smorodinsky, utilitarian) are Pareto-optimal and, among
packages of equal utilities, the ones with the largest tie weight: exactly the points the frontier
keeps. So ``negotiation.selection`` picks them from the acceptable run of the frontier. A party's
ideal and the alternatives need not be on the frontier (an ideal may be any package giving that
party its best; an alternative's walk passes over dominated packages), so they come from
``negotiation.best_first``, which lists acceptable packages in the exact order CP-SAT's objectives
define.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from negotiation.best_first import best_first
from negotiation.cpsat import option_weight, tie_factor
from negotiation.frontier import Levels, build_levels
from negotiation.scaled import Choice, ScaledCase
from negotiation.selection import Candidates, Outcome, decide

FRONTIER_BUDGET = 400_000
"""Partial packages the frontier may consider before the case goes to CP-SAT (see
``negotiation.method``)."""


def frontier_outcome(
    scaled: ScaledCase, alternatives: int, budget: int = FRONTIER_BUDGET
) -> Outcome | None:
    """CP-SAT's outcome for a two-party case; None when no package is acceptable."""
    levels = build_levels(scaled, budget)
    top = levels.levels[0]
    run = levels.acceptable()
    candidates = Candidates(
        (top.first[run.start : run.stop], top.second[run.start : run.stop]),
        top.tie[run.start : run.stop],
        lambda k: levels.choice(run.start + k),
    )

    def ideal(party: int) -> Choice:
        return next(best_first(levels, _objective(levels, (1 - party, party))))

    def ranking(weights: Sequence[int]) -> Iterator[Choice]:
        return best_first(levels, _objective(levels, (weights[0], weights[1])))

    return decide(scaled, candidates, ideal, ranking, alternatives)


def _objective(levels: Levels, weights: tuple[int, int]) -> list[list[int]]:
    """``factor * (w_0 U_0 + w_1 U_1) + tie`` per issue and option: CP-SAT's tie-broken order."""
    scaled = levels.scaled
    factor = tie_factor(scaled.issues)
    first, second = scaled.coef
    return [
        [
            factor * (weights[0] * first[i][o] + weights[1] * second[i][o]) + option_weight(i, o)
            for o in range(len(first[i]))
        ]
        for i in range(scaled.issues)
    ]
