"""The plain data every part of the negotiation core agrees on.

A *case* is a set of issues and the parties' private preferences over them. A *package* chooses
one option per issue. Numeric ranges (amounts, days, instalment counts) are carried as discrete
options on a grid so that the optimizer, the explanations and the protocol all work on one
representation; the grid keeps the numeric values so that the UI and the settlement can show real
numbers.

These types hold already-validated data: build them with ``negotiation.case_format`` (contract JSON)
or ``negotiation.elicitation`` (answers a person gives), which raise typed errors on bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Package = Mapping[str, str]
"""One option (by its string id) per issue name."""


@dataclass(frozen=True)
class NumericRange:
    """A numeric issue such as an amount or a number of days, searched on a grid of ``step``."""

    minimum: float
    maximum: float
    step: float
    unit: str = ""

    def values(self) -> tuple[float, ...]:
        """Grid values from minimum to maximum inclusive (the maximum is always included)."""
        count = round((self.maximum - self.minimum) / self.step)
        points = [self.minimum + i * self.step for i in range(count + 1)]
        points = [p for p in points if p < self.maximum - 1e-9 * max(1.0, abs(self.maximum))]
        points.append(self.maximum)
        return tuple(_tidy(p) for p in points)


def format_number(value: float) -> str:
    """Canonical option id of a grid value: integers without a decimal point, else shortest repr."""
    value = _tidy(value)
    return str(int(value)) if float(value).is_integer() else repr(value)


def _tidy(value: float) -> float:
    return float(round(value, 9))


@dataclass(frozen=True)
class Issue:
    """An issue in dispute. ``options`` are string ids; for a range, ``format_number`` ids."""

    name: str
    options: tuple[str, ...]
    numeric: NumericRange | None = None

    def value_of(self, option: str) -> float | None:
        """The numeric value of an option of a range issue (None for a discrete issue)."""
        return float(option) if self.numeric is not None else None


@dataclass(frozen=True)
class PartyPreferences:
    """One party's private interests: never shown to anyone but that party and the optimizer.

    ``utility(package) = sum(weights[i] * utilities[i][package[i]])``. ``reservation`` is the
    walk-away level. ``unacceptable`` holds options the party rejects outright on an issue (a hard
    limit, e.g. an amount beyond its limit); the contract subset leaves it empty.
    """

    name: str
    weights: Mapping[str, float]
    utilities: Mapping[str, Mapping[str, float]]
    reservation: float = 0.0
    unacceptable: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    def utility(self, package: Package) -> float:
        return sum(self.weights[i] * self.utilities[i][o] for i, o in package.items())

    def accepts_options(self, package: Package) -> bool:
        return all(o not in self.unacceptable.get(i, frozenset()) for i, o in package.items())


@dataclass(frozen=True)
class NegotiationCase:
    issues: tuple[Issue, ...]
    parties: tuple[PartyPreferences, ...]

    def issue(self, name: str) -> Issue:
        for issue in self.issues:
            if issue.name == name:
                return issue
        raise KeyError(name)

    def party(self, name: str) -> PartyPreferences:
        for party in self.parties:
            if party.name == name:
                return party
        raise KeyError(name)

    def is_acceptable(self, package: Package) -> bool:
        """Every party's utility reaches its reservation and no party's hard limit is crossed."""
        return all(
            p.accepts_options(package) and p.utility(package) >= p.reservation - 1e-12
            for p in self.parties
        )
