"""The case as integers, so that CP-SAT can search it and Python can compare packages exactly.

CP-SAT only takes integer coefficients. A party's utility for a package is a sum of
``weight * utility`` terms, so we give every (party, issue, option) an integer coefficient and
compare packages by exact integer (and big-integer product) arithmetic from then on.

* **Exact mode.** When every weight and every utility is a decimal with few digits (``0.35``,
  ``0.7``: what people and research data sets use), ``weight * utility * 10**k`` is an exact
  integer for ``k`` = weight digits + utility digits. The integer model is then the case itself:
  ties are real ties and near-ties are never flipped by rounding.
* **Rounded mode.** Otherwise (``1/3``, interpolated range utilities) each coefficient is rounded
  on a grid of ``2**-24``; the criteria are then exact for that quantised case, and a party's
  integer utility is within ``issues/2`` grid units (``3e-8`` per issue) of the real one.
  Reservations are *loosened* by that margin, so the integer model admits every acceptable
  package plus perhaps a few a hair below someone's walk-away; every solution is checked in real
  arithmetic and such a package is cut off and the solve repeated (``negotiation.cpsat``), so
  nothing unacceptable is ever proposed and nothing acceptable is missed.

Magnitudes are kept small on purpose: a party's utility is below ``2**25`` and every constraint or
objective the optimizer writes stays below about ``2**46`` even for 10 parties. CP-SAT's presolve
and LP work in floating point, and larger coefficients cost speed and (we saw) correctness.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from negotiation.model import NegotiationCase, Package

Choice = tuple[int, ...]
_Term = Callable[[float, float], int]
"""A package as one option index per issue, in the case's issue order."""

MAX_DECIMAL_DIGITS = 7
ACCEPT_TOLERANCE = 1e-12
"""Same tolerance as ``NegotiationCase.is_acceptable``."""
ROUNDED_SCALE = 2**24


@dataclass(frozen=True)
class ScaledCase:
    """Integer coefficients of a case plus everything derived from them once."""

    case: NegotiationCase
    scale: int
    exact: bool
    coef: tuple[tuple[tuple[int, ...], ...], ...]
    """``coef[p][i][o]``: party p's integer utility for option o of issue i."""
    worst: tuple[int, ...]
    """``worst[p]`` = d_p: party p's utility for its own worst package (hard limits ignored)."""
    reservation: tuple[int | None, ...]
    """Smallest acceptable integer utility per party (None: the reservation never binds)."""
    forbidden: tuple[tuple[frozenset[int], ...], ...]
    """``forbidden[p][i]``: option indexes of issue i that party p's hard limits exclude."""

    @property
    def parties(self) -> int:
        return len(self.coef)

    @property
    def issues(self) -> int:
        return len(self.case.issues)

    def utility(self, party: int, choice: Choice) -> int:
        row = self.coef[party]
        return sum(row[i][o] for i, o in enumerate(choice))

    def gains(self, choice: Choice) -> tuple[int, ...]:
        """``U_p - d_p`` per party: never negative."""
        return tuple(self.utility(p, choice) - self.worst[p] for p in range(self.parties))

    def total(self, choice: Choice) -> int:
        return sum(self.utility(p, choice) for p in range(self.parties))

    def package(self, choice: Choice) -> dict[str, str]:
        return {
            issue.name: issue.options[o] for issue, o in zip(self.case.issues, choice, strict=True)
        }

    def choice_of(self, package: Package) -> Choice:
        return tuple(issue.options.index(package[issue.name]) for issue in self.case.issues)

    def float_utilities(self, choice: Choice) -> dict[str, float]:
        """Full-precision utilities recomputed from the input (never from the scaled integers)."""
        package = self.package(choice)
        return {p.name: p.utility(package) for p in self.case.parties}

    def accepts(self, choice: Choice, relaxed: Iterable[int] = ()) -> bool:
        """Reservations checked in real (float) arithmetic, as the contract defines them."""
        skip = frozenset(relaxed)
        package = self.package(choice)
        return all(
            party.utility(package) >= party.reservation - ACCEPT_TOLERANCE
            for p, party in enumerate(self.case.parties)
            if p not in skip
        )

    def allowed(self, issue: int, relaxed: Iterable[int] = ()) -> tuple[int, ...]:
        """Options of an issue no party's hard limit excludes (parties in ``relaxed`` ignored)."""
        skip = frozenset(relaxed)
        banned: set[int] = set()
        for p in range(self.parties):
            if p not in skip:
                banned |= self.forbidden[p][issue]
        return tuple(o for o in range(len(self.case.issues[issue].options)) if o not in banned)


def scale_case(case: NegotiationCase) -> ScaledCase:
    """Choose exact decimal scaling when the inputs allow it, else a fine rounded grid."""
    weights = [w for p in case.parties for w in p.weights.values()]
    utilities = [u for p in case.parties for table in p.utilities.values() for u in table.values()]
    weight_digits = _decimal_digits(weights)
    utility_digits = _decimal_digits(utilities)
    exact = (
        weight_digits is not None
        and utility_digits is not None
        and weight_digits + utility_digits <= MAX_DECIMAL_DIGITS
    )
    if exact and weight_digits is not None and utility_digits is not None:
        scale = 10 ** (weight_digits + utility_digits)
        wd, ud = weight_digits, utility_digits
        coef = _coefficients(case, lambda w, u: _decimal_units(w, wd) * _decimal_units(u, ud))
        margin = 0
    else:
        scale = ROUNDED_SCALE
        coef = _coefficients(case, lambda w, u: round(w * u * ROUNDED_SCALE))
        margin = len(case.issues) // 2 + 2
    worst = tuple(sum(min(row) for row in party) for party in coef)
    return ScaledCase(
        case=case,
        scale=scale,
        exact=exact,
        coef=coef,
        worst=worst,
        reservation=tuple(
            _reservation(p.reservation, scale, margin, worst[k]) for k, p in enumerate(case.parties)
        ),
        forbidden=tuple(
            tuple(
                frozenset(
                    issue.options.index(o) for o in party.unacceptable.get(issue.name, frozenset())
                )
                for issue in case.issues
            )
            for party in case.parties
        ),
    )


def _coefficients(case: NegotiationCase, term: _Term) -> tuple[tuple[tuple[int, ...], ...], ...]:
    return tuple(
        tuple(
            tuple(
                term(party.weights[issue.name], party.utilities[issue.name][o])
                for o in issue.options
            )
            for issue in case.issues
        )
        for party in case.parties
    )


def _reservation(value: float, scale: int, margin: int, worst: int) -> int | None:
    """Integer walk-away with the model's ``1e-12`` tolerance; loosened by the rounding margin.

    In exact mode this is exactly ``U >= (r - 1e-12) * scale``. In rounded mode it lets through
    every package that might be acceptable; ``PackageModel.accepts`` then checks the real numbers.
    """
    threshold = math.ceil((value - ACCEPT_TOLERANCE) * scale - 1e-6) - margin
    return threshold if threshold > worst else None


def _decimal_digits(values: Sequence[float]) -> int | None:
    """Fewest decimal digits that write every value exactly (its shortest repr), None if > 9."""
    digits = 0
    for value in values:
        exponent = Decimal(repr(value)).normalize().as_tuple().exponent
        assert isinstance(exponent, int), "inputs are finite"
        digits = max(digits, -exponent)
        if digits > MAX_DECIMAL_DIGITS:
            return None
    return digits


def _decimal_units(value: float, digits: int) -> int:
    return int(Decimal(repr(value)).scaleb(digits))
