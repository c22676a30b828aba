"""The packages the CP-SAT searches define, picked from a finite list of candidates instead.

The CP-SAT path (``negotiation.criteria``, ``negotiation.nash``, ``negotiation.alternatives``)
returns, when it finishes, the *lexicographic* optimum of each criterion over the acceptable
packages of the integer model, its last tie broken by the fixed per-option weights of
``negotiation.cpsat.option_weight`` (``tie``):

* utilitarian: the largest ``(sum of utilities, tie)``;
* ideal of party p: the largest ``(U_p, tie)``;
* Kalai-Smorodinsky: the largest ``(smallest gain share, sum, tie)`` (the utilitarian package when
  no party can gain);
* Nash: the largest ``(product of gains, sum, tie)`` (the utilitarian package when some party can
  gain nothing, the product then being 0 everywhere);
* alternative k: walk the acceptable packages in decreasing ``(sum of leaning weights x gains,
  tie)``, skipping the packages already proposed or rejected; the first one no proposed package
  dominates is the alternative, one that is dominated is rejected, and after ``MAX_TRIES``
  rejections there is no alternative k (nor any after it).

Any method that can list a set of candidates containing every such optimum (every acceptable
package, or the acceptable part of the Pareto frontier: the first three optima are Pareto-optimal
and the tie then picks among packages of equal utilities), find each party's ideal, and list the
acceptable packages in the alternatives' order, gets exactly CP-SAT's packages from the functions
here. Only a *full* tie (equal criteria, sum and tie weight) is decided differently: CP-SAT's
choice there is arbitrary, ours is the first candidate listed.

**Rounded mode.** The integer model admits a few packages a hair below someone's walk-away in real
arithmetic, which CP-SAT cuts off one by one (``negotiation.scaled``). A package the integer model
picks and the real check accepts is also the pick among the truly acceptable packages (a subset);
``check`` raises ``Undecided`` on any other, and the caller falls back to CP-SAT.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import add, mul

from negotiation.alternatives import MAX_TRIES, dominates, lean_weights
from negotiation.cpsat import tie_factor
from negotiation.scaled import Choice, ScaledCase

Point = tuple[int, ...]
"""A package's integer utility per party."""
Ranking = Callable[[Sequence[int]], Iterator[Choice]]
"""Acceptable packages in decreasing ``(sum_p weights[p] * U_p, tie)``."""
FLOAT_MARGIN = 1e-9
"""Relative margin of the floating-point prefilter for exact share comparisons (floats are off by
at most 2**-52 relative, so every package that ties the best exactly passes the filter)."""


class Undecided(Exception):
    """A fast method cannot vouch for CP-SAT's answer here: use CP-SAT."""


@dataclass(frozen=True)
class Outcome:
    """Everything ``propose`` reports for a case where some package is acceptable."""

    utilitarian: Choice
    ideals: tuple[Choice, ...]
    kalai_smorodinsky: Choice
    nash: Choice
    alternatives: tuple[Choice, ...]
    exhaustive: bool = True


@dataclass(frozen=True)
class Candidates:
    """Packages by column: ``utilities[p][k]`` is party p's integer utility of package k."""

    utilities: tuple[list[int], ...]
    ties: list[int]
    choice: Callable[[int], Choice]
    """The package at an index (built only for the few packages picked)."""

    def __len__(self) -> int:
        return len(self.ties)

    def keys(self, weights: Sequence[int], factor: int) -> list[int]:
        """``factor * sum_p weights[p] * U_p + tie`` per package: CP-SAT's tie-broken objective."""
        totals: Sequence[int] = [0] * len(self)
        for weight, column in zip(weights, self.utilities, strict=True):
            if weight:
                weighted = column if weight == 1 else map(weight.__mul__, column)
                totals = list(map(add, totals, weighted))
        keys = list(map(add, map(factor.__mul__, totals), self.ties))
        return keys


def decide(
    scaled: ScaledCase,
    candidates: Candidates,
    ideal: Callable[[int], Choice],
    ranking: Ranking,
    alternatives: int,
) -> Outcome | None:
    """CP-SAT's outcome from ``candidates`` (see module docstring); None when there are none."""
    if not len(candidates):
        return None
    check = _checker(scaled)
    factor = tie_factor(scaled.issues)
    sums = candidates.keys([1] * scaled.parties, factor)
    utilitarian = _argmax(sums)
    ideals = tuple(check(ideal(p)) for p in range(scaled.parties))
    spans = tuple(scaled.utility(p, c) - scaled.worst[p] for p, c in enumerate(ideals))
    gains = [
        [u - worst for u in column]
        for column, worst in zip(candidates.utilities, scaled.worst, strict=True)
    ]
    ks = _kalai_smorodinsky(gains, spans, sums, utilitarian)
    nash = _nash(gains, spans, sums, utilitarian)
    picked = tuple(check(candidates.choice(k)) for k in (nash, ks, utilitarian))
    extra = walk_alternatives(scaled, spans, picked, alternatives, ranking, check)
    return Outcome(
        utilitarian=picked[2],
        ideals=ideals,
        kalai_smorodinsky=picked[1],
        nash=picked[0],
        alternatives=tuple(extra),
    )


def descending(keys: Sequence[int], choice: Callable[[int], Choice]) -> Iterator[Choice]:
    """Packages by decreasing key, equal keys by index; sorts only as far as it is read."""
    done, take = 0, 8
    while done < len(keys):
        top = heapq.nlargest(take, range(len(keys)), key=keys.__getitem__)
        for k in top[done:]:
            yield choice(k)
        done, take = len(top), take * 8


def walk_alternatives(
    scaled: ScaledCase,
    spans: tuple[int, ...],
    proposed: Sequence[Choice],
    count: int,
    ranking: Ranking,
    check: Callable[[Choice], Choice],
) -> list[Choice]:
    """``negotiation.alternatives.alternatives``, step for step, on a ranked list."""
    found: list[Choice] = []
    excluded = list(dict.fromkeys(proposed))
    rejected: list[Choice] = []
    for k in range(count):
        ranked = ranking(lean_weights(spans, k % scaled.parties))
        choice = None
        for _ in range(MAX_TRIES):
            candidate = next((c for c in ranked if c not in excluded and c not in rejected), None)
            if candidate is None:
                break
            check(candidate)
            if not any(dominates(scaled, other, candidate) for other in excluded):
                choice = candidate
                break
            rejected.append(candidate)
        if choice is None:
            break
        found.append(choice)
        excluded.append(choice)
    return found


def _checker(scaled: ScaledCase) -> Callable[[Choice], Choice]:
    def check(choice: Choice) -> Choice:
        if not scaled.exact and not scaled.accepts(choice):
            raise Undecided("a package on the edge of a walk-away")
        return choice

    return check


def _argmax(keys: Sequence[int]) -> int:
    """The first index of the largest key."""
    return max(range(len(keys)), key=keys.__getitem__)


def _best_by_sum(indexes: Sequence[int], sums: Sequence[int]) -> int:
    return max(indexes, key=sums.__getitem__)


def _nash(
    gains: Sequence[list[int]], spans: tuple[int, ...], sums: Sequence[int], utilitarian: int
) -> int:
    if any(span == 0 for span in spans):
        return utilitarian
    products = gains[0]
    for column in gains[1:]:
        products = list(map(mul, products, column))
    best = max(products)
    return _best_by_sum([k for k, v in enumerate(products) if v == best], sums)


def _kalai_smorodinsky(
    gains: Sequence[list[int]], spans: tuple[int, ...], sums: Sequence[int], utilitarian: int
) -> int:
    active = [p for p, span in enumerate(spans) if span > 0]
    if not active:
        return utilitarian
    approx: Sequence[float] = list(map(float(spans[active[0]]).__rtruediv__, gains[active[0]]))
    for p in active[1:]:
        approx = list(map(min, approx, map(float(spans[p]).__rtruediv__, gains[p])))
    floor = max(approx) * (1 - FLOAT_MARGIN)
    close = [k for k, a in enumerate(approx) if a >= floor]
    exact = {k: min(Fraction(gains[p][k], spans[p]) for p in active) for k in close}
    best = max(exact.values())
    return _best_by_sum([k for k in close if exact[k] == best], sums)
