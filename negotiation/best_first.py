"""Acceptable packages of a two-party case, best first, for an additive objective.

A party's ideal (the largest ``(U_p, tie)``) and the alternatives (the largest ``(weighted gains,
tie)``, then the next, ...) need the best few *acceptable* packages for an objective that is a sum
of one integer per issue. A best-first search over partial packages does it: a partial package's
priority is its value so far plus the best each remaining issue could add (never less than any
completion's value), so full packages come off the heap in exactly decreasing value.

Walk-aways make some partial packages dead ends. The suffix frontiers of ``negotiation.frontier``
answer exactly whether a partial package can still be completed into an acceptable one, so dead
ends are never entered and every expansion leads to some acceptable package. The search still
counts its steps and raises ``SearchTooLong`` past a budget (the caller then uses CP-SAT).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Sequence

from negotiation.frontier import Levels
from negotiation.scaled import Choice
from negotiation.selection import Undecided

STEP_BUDGET = 20_000
"""Partial packages taken off the heap per listing before giving up (measured: the research-size
cases need a few dozen)."""


class SearchTooLong(Undecided):
    """The best-first listing exceeded its step budget."""


def best_first(
    levels: Levels, objective: Sequence[Sequence[int]], budget: int = STEP_BUDGET
) -> Iterator[Choice]:
    """Acceptable packages by decreasing ``sum_i objective[i][option_i]``; equal values in the
    order they were reached (deterministic)."""
    allowed = levels.allowed
    issues = len(allowed)
    first_coef, second_coef = levels.scaled.coef
    bound = [0] * (issues + 1)
    for i in reversed(range(issues)):
        bound[i] = bound[i + 1] + max((objective[i][o] for o in allowed[i]), default=0)
    if not levels.completes(0, 0, 0):
        return
    count = 0
    heap: list[tuple[int, int, int, int, int, Choice]] = [(-bound[0], 0, 0, 0, 0, ())]
    steps = 0
    while heap:
        _, _, value, first, second, prefix = heapq.heappop(heap)
        k = len(prefix)
        if k == issues:
            yield prefix
            continue
        steps += 1
        if steps > budget:
            raise SearchTooLong(f"more than {budget} steps")
        for o in allowed[k]:
            a = first + first_coef[k][o]
            b = second + second_coef[k][o]
            if levels.completes(k + 1, a, b):
                v = value + objective[k][o]
                count += 1
                heapq.heappush(heap, (-(v + bound[k + 1]), count, v, a, b, (*prefix, o)))
