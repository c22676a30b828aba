"""Compromise packages for a case: the public entry point of the optimizer.

``propose(case, settings)`` returns one package per fairness criterion of the contract (Nash,
Kalai-Smorodinsky, utilitarian), then a few diverse alternatives, every one Pareto-optimal among
acceptable packages; or, when no package is acceptable, advice per party on which of its *own*
limits would open an agreement (``negotiation.agreement_zone``).

Data → model → solve, in that order: the case is scaled to integers once (``negotiation.scaled``),
every search is a linear CP-SAT problem (``negotiation.cpsat``), and packages are compared in exact
integer arithmetic (``negotiation.criteria``, ``negotiation.nash``). Utilities in the result are
recomputed in floating point from the input, never from the scaled integers.

Determinism: the same input and settings give the same result, unless the time limit cuts a search
short; then ``Proposals.exhaustive`` is False and the packages are the best found (still acceptable,
but their optimality is not proven). A time limit reached before any package is known raises
``SolverFailure``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from negotiation.agreement_zone import Advice, advise
from negotiation.alternatives import alternatives
from negotiation.cpsat import Session
from negotiation.criteria import Anchor, ideals, kalai_smorodinsky, utilitarian
from negotiation.enumeration import enumeration_outcome
from negotiation.errors import InvalidCase
from negotiation.method import Method, choose_method
from negotiation.model import NegotiationCase
from negotiation.nash import nash
from negotiation.scaled import Choice, ScaledCase, scale_case
from negotiation.selection import Outcome, Undecided
from negotiation.two_party import frontier_outcome

MAX_PARTIES = 10
CRITERIA = ("nash", "kalai_smorodinsky", "utilitarian")
ALTERNATIVE = "alternative"


@dataclass(frozen=True)
class SolverSettings:
    """How hard to search. ``time_limit_s`` bounds the whole ``propose`` call, not one solve."""

    time_limit_s: float = 10.0
    num_workers: int = 2
    alternatives: int = 2

    def __post_init__(self) -> None:
        if not self.time_limit_s > 0:
            raise ValueError("time_limit_s must be positive")
        if self.num_workers < 1:
            raise ValueError("num_workers must be at least 1")
        if self.alternatives < 0:
            raise ValueError("alternatives must not be negative")


@dataclass(frozen=True)
class ProposedPackage:
    criterion: str
    """``nash``, ``kalai_smorodinsky``, ``utilitarian`` or ``alternative``."""
    choice: Mapping[str, str]
    utilities: Mapping[str, float]
    """Per party, full precision, recomputed from the input (operator view only)."""


@dataclass(frozen=True)
class Proposals:
    acceptable: bool
    packages: tuple[ProposedPackage, ...] = ()
    anchors: Mapping[str, Anchor] = field(default_factory=lambda: MappingProxyType({}))
    """Per party; empty when nothing is acceptable. Give a party only its own anchor."""
    advice: Mapping[str, tuple[Advice, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Per party, only when nothing is acceptable. Give a party only its own advice."""
    exhaustive: bool = True
    """False when a time limit cut a search short: packages are then best-effort."""


def propose(
    case: NegotiationCase, settings: SolverSettings | None = None, *, method: Method = Method.AUTO
) -> Proposals:
    """The labelled packages and alternatives for a case, or advice when none is acceptable.

    ``method`` forces one method (tests and the benchmark compare them); every method gives the
    same packages, and a fast method that cannot vouch for its answer falls back to CP-SAT.
    """
    settings = settings or SolverSettings()
    if len(case.parties) > MAX_PARTIES:
        raise InvalidCase(f"at most {MAX_PARTIES} parties are supported", field="parties")
    scaled = scale_case(case)
    session = Session(time_limit_s=settings.time_limit_s, num_workers=settings.num_workers)
    outcome = _outcome(session, scaled, settings.alternatives, method)
    if outcome is None:
        advice = advise(session, scaled)
        return Proposals(acceptable=False, advice=advice, exhaustive=session.exhaustive)
    labelled = (outcome.nash, outcome.kalai_smorodinsky, outcome.utilitarian)
    packages = [_package(scaled, c, name) for c, name in zip(labelled, CRITERIA, strict=True)]
    packages += [_package(scaled, c, ALTERNATIVE) for c in outcome.alternatives]
    return Proposals(
        acceptable=True,
        packages=tuple(packages),
        anchors=MappingProxyType(_anchors(scaled, outcome.ideals)),
        exhaustive=outcome.exhaustive,
    )


def _outcome(
    session: Session, scaled: ScaledCase, alternatives: int, method: Method
) -> Outcome | None:
    chosen = choose_method(scaled) if method is Method.AUTO else method
    try:
        if chosen is Method.ENUMERATION:
            return enumeration_outcome(scaled, alternatives)
        if chosen is Method.FRONTIER and scaled.parties == 2:
            return frontier_outcome(scaled, alternatives)
    except Undecided:
        pass
    return cpsat_outcome(session, scaled, alternatives)


def cpsat_outcome(session: Session, scaled: ScaledCase, count: int) -> Outcome | None:
    """Every criterion as a sequence of CP-SAT solves (exact unless the time limit cuts it)."""
    best_sum = utilitarian(session, scaled)
    if best_sum is None:
        return None
    best = ideals(session, scaled, best_sum)
    spans = tuple(scaled.utility(p, c) - scaled.worst[p] for p, c in enumerate(best))
    ks = kalai_smorodinsky(session, scaled, spans, best_sum)
    nash_choice = nash(session, scaled, spans, (ks, best_sum, *best), best_sum)
    extra = alternatives(session, scaled, spans, (nash_choice, ks, best_sum), count)
    return Outcome(
        utilitarian=best_sum,
        ideals=best,
        kalai_smorodinsky=ks,
        nash=nash_choice,
        alternatives=tuple(extra),
        exhaustive=session.exhaustive,
    )


def _package(scaled: ScaledCase, choice: Choice, criterion: str) -> ProposedPackage:
    return ProposedPackage(
        criterion=criterion,
        choice=MappingProxyType(scaled.package(choice)),
        utilities=MappingProxyType(scaled.float_utilities(choice)),
    )


def _anchors(scaled: ScaledCase, best: tuple[Choice, ...]) -> dict[str, Anchor]:
    anchors: dict[str, Anchor] = {}
    for party, ideal in zip(scaled.case.parties, best, strict=True):
        worst = sum(
            party.weights[i.name] * min(party.utilities[i.name].values())
            for i in scaled.case.issues
        )
        package = MappingProxyType(scaled.package(ideal))
        anchors[party.name] = Anchor(worst=worst, ideal=party.utility(package), best=package)
    return anchors
