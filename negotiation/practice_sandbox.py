"""A rehearsal's setup: the issues, the robot's plausible preferences, and the party's own.

A party may rehearse a negotiation against a simulated counterpart (``negotiation.practice_robot``)
before its case or during it. The counterpart needs preferences a real other side could have:

- **before a case**, the category's typical issues (``negotiation.practice_templates``) with how
  much each side typically likes each option and cares about each issue, plus a little noise;
- **during a case**, the case's own issues. If the party stated its private interests, they are
  used for the party (its own data, for its own rehearsal) and the robot mostly wants the
  opposite of them, but on some issues the same (real disputes have shared interests: that is
  what makes trades possible). The *other party's* interests are never an input here: the
  robot's are drawn, so a rehearsal can reveal nothing about the real other side. On a numeric
  issue the robot pulls the other way from the party; with no stated interests, the claimant is
  taken to want more money and sooner. An issue the category's other side usually cares about
  (the children's schedule in a family case, found by words of its label) weighs more for it.

Everything is drawn from a seed by ``Draws`` (a keyed hash per named draw, since the engine takes
no ``random``), so the same seed and inputs give the same robot, and one more issue does not
change the draws of the others. Numeric ranges are coarsened to at most ``MAX_POINTS`` values so
that a rehearsal's state stays small and every offer is a few taps on a phone.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from negotiation.model import Issue, NumericRange, PartyPreferences, format_number
from negotiation.practice_templates import TEMPLATES

MAX_POINTS = 21
MAX_ROUNDS = 8
PARTY, ROBOT = "you", "them"
STYLES: Mapping[str, float] = MappingProxyType({"firm": 0.5, "steady": 1.0, "accommodating": 2.0})
"""The robot's concession style and its exponent ``beta`` (``practice_robot.target``): a firm
negotiator (Boulware) holds out until late, an accommodating one gives ground early."""

CARED_WORDS: Mapping[str, tuple[tuple[str, ...], float]] = MappingProxyType(
    {
        "family": (("бала", "ребен", "ребён", "дет", "child", "kid", "visit", "кездес"), 2.2),
        "labour": (("мінездеме", "рекоменд", "referen", "формулир", "wording", "жазба"), 1.5),
        "commercial": (("бөліп", "рассроч", "instal", "мерзім", "срок", "deadline"), 1.5),
        "consumer": (("жөнде", "ремонт", "repair", "ауыстыр", "замен", "replace"), 1.5),
        "civil": (("кешірім", "извин", "apolog"), 1.5),
    }
)
"""Words (stems, lowercase, kk/ru/en) of issue labels the category's other side usually cares
about more than the rest, and by how much."""

LATER_WORDS = ("day", "days", "күн", "дн", "ден", "month", "ай", "месяц", "week", "апта", "недел")
"""Units of time: on such an issue the claimant is taken to want the lower number (sooner)."""


class Draws:
    """Reproducible numbers in [0, 1) from a seed, each by its own name."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def uniform(self, name: str, low: float = 0.0, high: float = 1.0) -> float:
        digest = hashlib.blake2b(f"{self.seed}:{name}".encode(), digest_size=8).digest()
        return low + (high - low) * int.from_bytes(digest, "big") / 2**64


@dataclass(frozen=True)
class Sandbox:
    """Everything a rehearsal's robot and its debrief need; ``party_stated`` says whether
    ``party`` holds the party's own stated interests or a typical person's in its place."""

    issues: tuple[Issue, ...]
    party: PartyPreferences
    robot: PartyPreferences
    party_stated: bool
    style: str
    max_rounds: int = MAX_ROUNDS
    role: str = "claimant"
    category: str = "civil"
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def coarse(issue: Issue, max_points: int = MAX_POINTS) -> Issue:
    """A range with at most ``max_points`` values, a subset of its own grid; others as they are."""
    numeric = issue.numeric
    if numeric is None or len(issue.options) <= max_points:
        return issue
    factor = math.ceil((len(issue.options) - 1) / (max_points - 1))
    wider = NumericRange(numeric.minimum, numeric.maximum, numeric.step * factor, numeric.unit)
    return Issue(issue.name, tuple(format_number(v) for v in wider.values()), wider)


def template_sandbox(category: str, role: str, seed: int) -> Sandbox:
    """A rehearsal of a typical dispute of ``category`` with the party in ``role``."""
    typical = TEMPLATES[category]
    other = "respondent" if role == "claimant" else "claimant"
    issues = tuple(t.issue() for t in typical)
    draws = Draws(seed)
    likings = {t.name: t.liking(other) for t in typical}
    robot = _side(ROBOT, issues, likings, {t.name: t.cares(other) for t in typical}, draws)
    mine = {t.name: t.liking(role) for t in typical}
    party = _side(PARTY, issues, mine, {t.name: t.cares(role) for t in typical}, draws)
    return Sandbox(issues, party, robot, False, _style(draws), role=role, category=category)


def case_sandbox(
    issues: Sequence[Issue],
    category: str,
    role: str,
    seed: int,
    *,
    labels: Mapping[str, str],
    party: PartyPreferences | None = None,
) -> Sandbox:
    """A rehearsal of a case's issues; ``party`` is the party's own stated preferences, if any."""
    small = tuple(coarse(issue) for issue in issues)
    draws = Draws(seed)
    mine = _restrict(party, small) if party is not None else None
    care = {i.name: _cared(category, labels.get(i.name, "")) for i in small}
    likings = {i.name: _robot_liking(i, role, mine, draws, labels.get(i.name, "")) for i in small}
    robot = _side(ROBOT, small, likings, care, draws)
    if mine is None:
        mirrored = {i.name: _mirror(likings[i.name], i, draws) for i in small}
        flat = {i.name: 1.0 for i in small}
        mine = _side(PARTY, small, mirrored, flat, draws)
    labels = MappingProxyType(dict(labels))
    style = _style(draws)
    return Sandbox(
        small, mine, robot, party is not None, style, role=role, category=category, labels=labels
    )


def _style(draws: Draws) -> str:
    names = list(STYLES)
    return names[min(len(names) - 1, int(draws.uniform("style") * len(names)))]


def _side(
    name: str,
    issues: Sequence[Issue],
    likings: Mapping[str, Mapping[str, float]],
    care: Mapping[str, float],
    draws: Draws,
) -> PartyPreferences:
    """Preferences around ``likings``: noisy weights and discrete likings, a drawn hard limit on
    each range (the robot will not go past it), a walk-away between its worst and its best."""
    raw = {i.name: care[i.name] * draws.uniform(f"{name}:w:{i.name}", 0.6, 1.4) for i in issues}
    total = math.fsum(raw.values())
    weights = {n: w / total for n, w in raw.items()}
    utilities: dict[str, Mapping[str, float]] = {}
    banned: dict[str, frozenset[str]] = {}
    for issue in issues:
        liking = likings[issue.name]
        if issue.numeric is not None:
            limit = draws.uniform(f"{name}:limit:{issue.name}", 0.6, 0.9)
            table = dict(liking)
            beyond = frozenset(o for o in issue.options if 1.0 - liking[o] > limit + 1e-9)
            if beyond:
                banned[issue.name] = beyond
        else:
            noisy = {
                o: min(
                    1.0,
                    max(0.0, liking[o] + draws.uniform(f"{name}:u:{issue.name}:{o}", -0.15, 0.15)),
                )
                for o in issue.options
            }
            top = max(noisy.values())
            table = {o: (v / top if top > 0 else 1.0) for o, v in noisy.items()}
        utilities[issue.name] = MappingProxyType(table)
    worst = math.fsum(
        weights[i.name]
        * min(utilities[i.name][o] for o in i.options if o not in banned.get(i.name, frozenset()))
        for i in issues
    )
    reservation = worst + (1.0 - worst) * draws.uniform(f"{name}:walk", 0.3, 0.5)
    return PartyPreferences(
        name=name,
        weights=MappingProxyType(weights),
        utilities=MappingProxyType(utilities),
        reservation=reservation,
        unacceptable=MappingProxyType(banned),
    )


def _restrict(party: PartyPreferences, issues: Sequence[Issue]) -> PartyPreferences:
    """The party's own preferences on the coarsened issues (their values are on its grid)."""
    utilities = {
        i.name: MappingProxyType({o: party.utilities[i.name][o] for o in i.options}) for i in issues
    }
    banned = {
        i.name: frozenset(o for o in i.options if o in party.unacceptable.get(i.name, frozenset()))
        for i in issues
    }
    return PartyPreferences(
        name=PARTY,
        weights=party.weights,
        utilities=MappingProxyType(utilities),
        reservation=party.reservation,
        unacceptable=MappingProxyType({n: b for n, b in banned.items() if b}),
    )


def _cared(category: str, label: str) -> float:
    words, factor = CARED_WORDS.get(category, ((), 1.0))
    text = label.casefold()
    return factor if any(word in text for word in words) else 1.0


def _robot_liking(
    issue: Issue, role: str, party: PartyPreferences | None, draws: Draws, label: str
) -> Mapping[str, float]:
    options = issue.options
    if issue.numeric is not None:
        party_higher = _party_wants_higher(issue, role, party, label)
        last = len(options) - 1
        return {o: (last - k if party_higher else k) / last for k, o in enumerate(options)}
    if party is None:
        return {o: draws.uniform(f"them:like:{issue.name}:{o}") for o in options}
    theirs = party.utilities[issue.name]
    shared = draws.uniform(f"them:shared:{issue.name}") < 0.25
    return {o: theirs[o] if shared else 1.0 - theirs[o] for o in options}


def _party_wants_higher(
    issue: Issue, role: str, party: PartyPreferences | None, label: str
) -> bool:
    """From the party's own utilities at both ends, else from the unit and the party's role."""
    if party is not None:
        table = party.utilities[issue.name]
        low, high = table[issue.options[0]], table[issue.options[-1]]
        if low != high:
            return high > low
    assert issue.numeric is not None
    words = f"{issue.numeric.unit} {label}".casefold().split()
    claimant_higher = not any(w.startswith(LATER_WORDS) for w in words)
    return claimant_higher == (role == "claimant")


def _mirror(liking: Mapping[str, float], issue: Issue, draws: Draws) -> Mapping[str, float]:
    """A typical party's liking when it stated none: the robot's reversed, with some noise on
    discrete options (a range stays linear, the other way)."""
    if issue.numeric is not None:
        return {o: 1.0 - v for o, v in liking.items()}
    return {
        o: min(1.0, max(0.0, 1.0 - v + draws.uniform(f"you:like:{issue.name}:{o}", -0.2, 0.2)))
        for o, v in liking.items()
    }
