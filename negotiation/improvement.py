"""Post-settlement improvement: after agreement, is there a package better for someone and worse
for no one?

Parties sometimes settle on a package that leaves value on the table. ``improve`` looks for a
package at least as good for every party and strictly better for at least one, respecting every
party's hard limits (reservations cannot bind: nobody gets less than on the agreed package). Among
such packages it returns the one with the largest sum of utilities, which is itself
Pareto-optimal, so a second round never finds more. ``None`` means the agreed package is already
Pareto-optimal.

Comparisons are exact on the integer model; in rounded mode (``negotiation.scaled``) the candidate
is re-checked in real arithmetic and cut off if it is not really an improvement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from negotiation.cpsat import PackageModel, Session
from negotiation.errors import InvalidCase
from negotiation.model import NegotiationCase, Package
from negotiation.optimizer import SolverSettings
from negotiation.scaled import Choice, ScaledCase, scale_case

MAX_RETRIES = 20


@dataclass(frozen=True)
class Improvement:
    package: Mapping[str, str]
    better_for: tuple[str, ...]
    """Parties strictly better off; everyone else is exactly as well off."""


def improve(
    case: NegotiationCase, agreed: Package, settings: SolverSettings | None = None
) -> Improvement | None:
    """A Pareto improvement on ``agreed``, or None when there is none."""
    settings = settings or SolverSettings()
    scaled = scale_case(case)
    try:
        base = scaled.choice_of(agreed)
    except (KeyError, ValueError) as error:
        raise InvalidCase("not a package of this case", field="agreed") from error
    session = Session(time_limit_s=settings.time_limit_s, num_workers=settings.num_workers)
    model = _model(scaled, base)
    for _ in range(MAX_RETRIES):
        solution = session.maximize(model, model.total())
        if solution is None:
            return None
        better = _really_better(case, scaled, base, solution.choice)
        if better:
            return Improvement(MappingProxyType(scaled.package(solution.choice)), better)
        model.forbid(solution.choice)
    return None


def _model(scaled: ScaledCase, base: Choice) -> PackageModel:
    everyone = range(scaled.parties)
    model = PackageModel(scaled, relax_reservation=everyone)
    margin = 0 if scaled.exact else scaled.issues // 2 + 2
    for p in everyone:
        model.model.add(model.utility[p] >= scaled.utility(p, base) - margin)
    model.model.add(model.total() >= scaled.total(base) + 1)
    return model


def _really_better(
    case: NegotiationCase, scaled: ScaledCase, base: Choice, found: Choice
) -> tuple[str, ...]:
    """Names of parties strictly better off, or () if anyone is worse off (real arithmetic)."""
    before, after = scaled.package(base), scaled.package(found)
    better: list[str] = []
    for party in case.parties:
        old, new = party.utility(before), party.utility(after)
        if new < old - 1e-12:
            return ()
        if new > old + 1e-12:
            better.append(party.name)
    return tuple(better)
