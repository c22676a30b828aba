"""Which exact method proposes packages for a case, by its shape.

All three give the same packages (``negotiation.selection`` says which, and why each method finds
them); they differ only in speed:

* **enumeration** (``negotiation.enumeration``): linear in the number of packages, no start-up
  cost. CP-SAT costs several milliseconds per solve however small the case, and ``propose`` makes
  at least six solves, so listing every package wins up to a few thousand packages.
* **frontier** (``negotiation.two_party``): two parties only; linear in the size of the Pareto
  frontier times the number of options, whatever the number of packages (hundreds of thousands of
  packages have a frontier of a few hundred points).
* **cpsat** (``negotiation.criteria``, ``nash``, ``alternatives``): everything else, and the
  fallback when a fast method cannot vouch for its answer (``Undecided``: a frontier past its
  budget, or a rounded-mode package on the edge of a walk-away).

The thresholds are measured with ``bench/optimizer.py`` (see docs/negotiation.md).
"""

from __future__ import annotations

from enum import StrEnum

from negotiation.enumeration import package_count
from negotiation.scaled import ScaledCase

ENUMERATION_LIMITS = {2: 200}
"""Largest number of packages listed rather than searched, by number of parties. Two parties: the
frontier is as fast as listing from about 256 packages on (0.6 vs 0.8 ms measured), and a
fraction of a millisecond either way."""
ENUMERATION_LIMIT = 10_000
"""The same for three parties and more: listing 15,625 packages took 40-90 ms against CP-SAT's
50-100 ms, 4,096 took 10-28 ms against 25-150 ms (``bench/optimizer.py --crossover``)."""


class Method(StrEnum):
    AUTO = "auto"
    ENUMERATION = "enumeration"
    FRONTIER = "frontier"
    CPSAT = "cpsat"


def choose_method(scaled: ScaledCase) -> Method:
    """The fastest exact method for the case's shape (by number of parties and packages)."""
    limit = ENUMERATION_LIMITS.get(scaled.parties, ENUMERATION_LIMIT)
    if package_count(scaled) <= limit:
        return Method.ENUMERATION
    if scaled.parties == 2:
        return Method.FRONTIER
    return Method.CPSAT
