"""The exact Pareto frontier of a two-party case, built issue by issue with dominance pruning.

With two parties and additive utilities a package's value is a point ``(U_0, U_1)`` in the plane,
and it is the sum of one point per issue. Build the frontier of the *suffixes* (the issues from k
to the last) from the last issue back to the first: the candidates for issues k.. are each option
of issue k plus each frontier point of issues k+1..; keep only those no other candidate dominates.
Dropping a dominated partial package loses nothing: whatever options complete it, the same
completion of the partial that dominates it is at least as good for both parties and strictly
better for one. So level 0 is exactly the Pareto frontier of all packages (over the options no hard
limit excludes), in integers (``negotiation.scaled``), hence with exact ties.

Among partial packages with *equal* utilities we keep the one with the largest tie weight
(``negotiation.cpsat.option_weight``; it is additive, so the same argument applies), which is the
package CP-SAT's tie-break would pick among them.

The levels are kept: level k answers exactly "can a partial package of issues 0..k-1 still be
completed into an acceptable package?" (``Levels.completes``), which ``negotiation.best_first``
uses to list acceptable packages in order without ever entering a dead end.

Its size depends on the case, not only on the number of packages (two parties who rank every
option alike have a one-point frontier); the work is counted and ``FrontierTooLarge`` raised past
a budget, and the caller then uses CP-SAT.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from negotiation.cpsat import option_weight
from negotiation.scaled import Choice, ScaledCase
from negotiation.selection import Undecided

NO_LIMIT = -(2**80)
"""A threshold no utility is below (a party without a binding walk-away)."""


class FrontierTooLarge(Undecided):
    """The frontier grew past the work budget: CP-SAT will be faster on this case."""


@dataclass(frozen=True)
class Level:
    """The Pareto frontier of the suffixes from one issue on, by ascending ``first``.

    ``second`` is then strictly descending. ``option`` and ``rest`` say how each point continues:
    its option on this level's issue and its index on the next level.
    """

    first: list[int]
    second: list[int]
    tie: list[int]
    option: list[int]
    rest: list[int]

    def reaches(self, need_first: int, need_second: int) -> bool:
        """Whether some point has ``first >= need_first`` and ``second >= need_second``."""
        j = bisect_left(self.first, need_first)
        return j < len(self.first) and self.second[j] >= need_second


@dataclass(frozen=True)
class Levels:
    scaled: ScaledCase
    allowed: tuple[tuple[int, ...], ...]
    levels: tuple[Level, ...]
    """``levels[k]``: frontier of the issues k..; ``levels[issues]`` is the empty suffix."""
    thresholds: tuple[int, int]
    """Smallest acceptable integer utility per party (``NO_LIMIT`` when none binds)."""

    def choice(self, index: int, level: int = 0) -> Choice:
        """The package of point ``index`` of ``levels[level]`` (its issues from ``level`` on)."""
        options: list[int] = []
        for k in range(level, len(self.allowed)):
            point = self.levels[k]
            options.append(point.option[index])
            index = point.rest[index]
        return tuple(options)

    def completes(self, level: int, first: int, second: int) -> bool:
        """Whether a partial package of issues 0..level-1 worth ``(first, second)`` can still
        become acceptable."""
        low_first, low_second = self.thresholds
        return self.levels[level].reaches(low_first - first, low_second - second)

    def acceptable(self) -> range:
        """Indexes of the level-0 points that reach both walk-aways (a contiguous run)."""
        top = self.levels[0]
        start = bisect_left(top.first, self.thresholds[0])
        end = start
        while end < len(top.first) and top.second[end] >= self.thresholds[1]:
            end += 1
        return range(start, end)


def build_levels(scaled: ScaledCase, budget: int) -> Levels:
    """Every suffix frontier of a two-party case; ``FrontierTooLarge`` past ``budget`` points."""
    assert scaled.parties == 2, "the frontier method is for two parties"
    allowed = tuple(scaled.allowed(i) for i in range(scaled.issues))
    first_coef, second_coef = scaled.coef
    levels = [Level([0], [0], [0], [], [])]
    work = 0
    for i in reversed(range(scaled.issues)):
        level = _extend(levels[0], allowed[i], first_coef[i], second_coef[i], i)
        work += len(level.first) * len(allowed[i])
        if work > budget:
            raise FrontierTooLarge(f"more than {budget} partial packages")
        levels.insert(0, level)
    thresholds = tuple(NO_LIMIT if t is None else t for t in scaled.reservation)
    return Levels(scaled, allowed, tuple(levels), (thresholds[0], thresholds[1]))


def _extend(
    rest: Level,
    options: Sequence[int],
    first_coef: Sequence[int],
    second_coef: Sequence[int],
    issue: int,
) -> Level:
    """The frontier of (one option of ``issue``) + (a point of ``rest``)."""
    indexes = range(len(rest.first))
    candidates: list[tuple[int, int, int, int, int]] = []
    for o in options:
        a, b, t = first_coef[o], second_coef[o], option_weight(issue, o)
        candidates.extend(
            zip(
                [x + a for x in rest.first],
                [y + b for y in rest.second],
                [z + t for z in rest.tie],
                repeat(o),
                indexes,
            )
        )
    # Largest first, then largest second, then largest tie: the sweep keeps a point only if its
    # second beats every point with a larger (or equal) first, i.e. exactly the undominated ones,
    # and of equal points the one with the largest tie weight.
    candidates.sort(reverse=True)
    kept: list[tuple[int, int, int, int, int]] = []
    best_second = NO_LIMIT
    for candidate in candidates:
        if candidate[1] > best_second:
            kept.append(candidate)
            best_second = candidate[1]
    kept.reverse()
    if not kept:  # every option of some issue is excluded: no package at all
        return Level([], [], [], [], [])
    first, second, tie, option, index = (list(column) for column in zip(*kept, strict=True))
    return Level(first, second, tie, option, index)
