"""Small cases by listing every package: exact, and faster than any solver below a few thousand.

Every package over the options no hard limit excludes is listed once, with each party's integer
utility (``negotiation.scaled``) and its tie weight; the acceptable ones are the candidates of
``negotiation.selection``, which picks exactly what the CP-SAT searches would. Nothing here is
approximate: the same integers, the same comparisons, the same tie-break. The cost is linear in the
number of packages, so ``negotiation.method`` only sends cases below a measured size here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from negotiation.cpsat import option_weight, tie_factor
from negotiation.scaled import Choice, ScaledCase
from negotiation.selection import Candidates, Outcome, decide, descending


def package_count(scaled: ScaledCase) -> int:
    """How many packages respect every party's hard limits (reservations aside)."""
    count = 1
    for i in range(scaled.issues):
        count *= len(scaled.allowed(i))
    return count


def enumeration_outcome(scaled: ScaledCase, alternatives: int) -> Outcome | None:
    """CP-SAT's outcome by listing every package; None when none is acceptable."""
    allowed = [scaled.allowed(i) for i in range(scaled.issues)]
    columns = [
        _column([[row[o] for o in allowed[i]] for i, row in enumerate(party)])
        for party in scaled.coef
    ]
    ties = _column([[option_weight(i, o) for o in options] for i, options in enumerate(allowed)])
    keep: Sequence[int] = range(len(ties))
    for column, threshold in zip(columns, scaled.reservation, strict=True):
        if threshold is not None:
            keep = [k for k in keep if column[k] >= threshold]
    if isinstance(keep, range):
        kept = columns
    else:
        kept = [[column[k] for k in keep] for column in columns]
        ties = [ties[k] for k in keep]
    radices = [len(options) for options in allowed]

    def choice(index: int) -> Choice:
        """Package ``keep[index]``, decoded from its ``itertools.product`` position."""
        position = keep[index]
        digits: list[int] = []
        for options, radix in zip(reversed(allowed), reversed(radices), strict=True):
            position, digit = divmod(position, radix)
            digits.append(options[digit])
        return tuple(reversed(digits))

    candidates = Candidates(tuple(kept), ties, choice)
    factor = tie_factor(scaled.issues)

    def ideal(party: int) -> Choice:
        greedy = _unconstrained_ideal(scaled, allowed, party)
        if all(
            t is None or scaled.utility(p, greedy) >= t for p, t in enumerate(scaled.reservation)
        ):
            return greedy  # the best of all packages, and acceptable: the best acceptable one
        weights = [int(p == party) for p in range(scaled.parties)]
        return choice(max(range(len(ties)), key=candidates.keys(weights, factor).__getitem__))

    def ranking(weights: Sequence[int]) -> Iterator[Choice]:
        return descending(candidates.keys(weights, factor), choice)

    return decide(scaled, candidates, ideal, ranking, alternatives)


def _unconstrained_ideal(
    scaled: ScaledCase, allowed: Sequence[Sequence[int]], party: int
) -> Choice:
    """The largest ``(U_party, tie)`` over all packages: issue by issue, as both are sums (on
    equal keys the first option, as the enumeration order would give)."""
    factor = tie_factor(scaled.issues)
    row = scaled.coef[party]
    return tuple(
        max(options, key=lambda o, i=i: factor * row[i][o] + option_weight(i, o))  # type: ignore[misc]
        for i, options in enumerate(allowed)
    )


def _column(table: Sequence[Sequence[int]]) -> list[int]:
    """Per package (in ``itertools.product`` order), the sum of one entry per issue."""
    column = [0]
    for entries in table:
        column = [total + entry for total in column for entry in entries]
    return column
