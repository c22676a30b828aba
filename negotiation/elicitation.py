"""Turn answers a stressed, non-technical person can give into ``PartyPreferences``.

Nobody in a dispute can say "price matters 0.37 to me". People can say which issue matters most
(a ranking) or spread 100 points, mark each option as ideal / acceptable / unacceptable, give a
best / acceptable / limit amount, and pick how firm they are from a few plain sentences. This module
maps those answers onto the additive model of ``negotiation.model`` so that the weights sum to 1,
every utility lies in [0, 1], the best outcome of each issue is worth 1, and every "no" is a hard
limit (``PartyPreferences.unacceptable``) rather than merely a low number.

Answers (a JSON-able dict, parsed by :func:`parse_answers`)::

    {"importance": {"ranking": ["amount", ["deadline", "apology"]]},   # or {"points": {...}}
     "issues": {
        "apology": {"options": {"yes": "ideal", "no": "unacceptable", "letter": "acceptable"},
                    "order": ["letter"]},                              # optional, best first
        "amount": {"best": 900000, "acceptable": 700000, "limit": 500000}},
     "walk_away": "firm"}                                             # see WALK_AWAY_LEVELS

Ranking to weights uses the rank-order centroid (Barron & Barrett 1996): of the weight vectors
consistent with the ranking, it is the centroid, and in simulation studies it recovers "true"
weights better than rank-sum or reciprocal-rank weights. Tied issues share the mean of the centroid
weights of the places they occupy, so a tie never changes the other issues' weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType

from negotiation.elicitation_answers import (
    ACCEPTABLE_ANCHOR,
    WALK_AWAY_LEVELS,
    DiscreteAnswer,
    ElicitationAnswers,
    IssueAnswer,
    PointsImportance,
    RangeAnswer,
    RankingImportance,
    Tiers,
    parse_answers,
    range_utility,
)
from negotiation.model import Issue, PartyPreferences

__all__ = [
    "ACCEPTABLE_BAND",
    "WALK_AWAY_FRACTION",
    "WALK_AWAY_LEVELS",
    "DiscreteAnswer",
    "ElicitationAnswers",
    "IssueAnswer",
    "PointsImportance",
    "RangeAnswer",
    "RankingImportance",
    "build_preferences",
    "parse_answers",
    "rank_order_centroid",
]

WALK_AWAY_FRACTION: Mapping[str, float] = MappingProxyType(
    {"firm": 1.0, "balanced": 0.5, "flexible": 0.0}
)
"""Share of the party's own "acceptable on every issue" utility used as its reservation."""

ACCEPTABLE_BAND = (0.25, 0.75)
"""Utilities given to ranked acceptable options, best first, spread evenly over this band."""

# Building preferences


def rank_order_centroid(tiers: Tiers) -> dict[str, Fraction]:
    """Exact ROC weights: place k of n gets (1/n)·Σ_{j=k..n} 1/j; a tie shares its places' mean."""
    n = sum(len(tier) for tier in tiers)
    place_weight = [sum(Fraction(1, j) for j in range(k, n + 1)) / n for k in range(1, n + 1)]
    weights: dict[str, Fraction] = {}
    place = 0
    for tier in tiers:
        shared = Fraction(sum(place_weight[place : place + len(tier)], Fraction(0))) / len(tier)
        for name in tier:
            weights[name] = shared
        place += len(tier)
    return weights


def build_preferences(
    party_name: str, issues: Sequence[Issue], answers: ElicitationAnswers
) -> PartyPreferences:
    """The party's preferences: weights from importance, utilities and hard limits per issue.

    ``reservation`` is ``WALK_AWAY_FRACTION[walk_away]`` times the utility the party itself gets
    when every issue lands exactly on what it called acceptable (its worst acceptable option, or
    its "acceptable" value of a range). "firm" therefore means "on balance no worse than what I
    said I can accept", "flexible" leaves only the hard limits. Being the party's own answers, it
    never needs the other side's information.
    """
    weights = _weights(issues, answers)
    utilities: dict[str, Mapping[str, float]] = {}
    unacceptable: dict[str, frozenset[str]] = {}
    anchor = 0.0
    for issue in issues:
        answer = answers.issues[issue.name]
        if isinstance(answer, RangeAnswer):
            table, banned, level = _range_utilities(issue, answer)
        else:
            table, banned, level = _discrete_utilities(issue, answer)
        utilities[issue.name] = MappingProxyType(table)
        if banned:
            unacceptable[issue.name] = banned
        anchor += weights[issue.name] * level
    reservation = min(1.0, max(0.0, WALK_AWAY_FRACTION[answers.walk_away] * anchor))
    return PartyPreferences(
        name=party_name,
        weights=MappingProxyType(weights),
        utilities=MappingProxyType(utilities),
        reservation=reservation,
        unacceptable=MappingProxyType(unacceptable),
    )


def _weights(issues: Sequence[Issue], answers: ElicitationAnswers) -> dict[str, float]:
    names = [issue.name for issue in issues]
    if isinstance(answers.importance, RankingImportance):
        exact = rank_order_centroid(answers.importance.tiers)
    else:
        exact = {n: Fraction(answers.importance.points[n], 100) for n in names}
    weights = {n: float(exact[n]) for n in names}
    # Floats of exact fractions summing to 1 are off by a few ulps at most; put the rest on the
    # heaviest issue so the sum is as close to 1 as floating point allows.
    heaviest = max(names, key=lambda n: weights[n])
    weights[heaviest] += 1.0 - math.fsum(weights.values())
    return weights


def _discrete_utilities(
    issue: Issue, answer: DiscreteAnswer
) -> tuple[dict[str, float], frozenset[str], float]:
    """Ideal 1, acceptable in a middle band (ranked if ordered), unacceptable 0 and banned.

    With no ideal option the best acceptable ones are scaled up to 1: utilities measure how good
    an outcome is compared with the best this party hopes for on the issue.
    """
    raw: dict[str, float] = {}
    tier_of = {name: i for i, tier in enumerate(answer.order) for name in tier}
    low, high = ACCEPTABLE_BAND
    steps = max(1, len(answer.order) - 1)
    for option in issue.options:
        mark = answer.marks[option]
        if mark == "ideal":
            raw[option] = 1.0
        elif mark == "unacceptable":
            raw[option] = 0.0
        elif len(answer.order) > 1:
            raw[option] = high - (high - low) * tier_of[option] / steps
        else:
            raw[option] = ACCEPTABLE_ANCHOR
    top = max(raw.values())
    table = {option: min(1.0, value / top) for option, value in raw.items()}
    banned = frozenset(o for o in issue.options if answer.marks[o] == "unacceptable")
    level = min(table[o] for o in issue.options if o not in banned)
    return table, banned, level


def _range_utilities(
    issue: Issue, answer: RangeAnswer
) -> tuple[dict[str, float], frozenset[str], float]:
    """Piecewise linear through (best, 1), (acceptable, 0.5), (limit, 0); beyond limit banned."""
    table: dict[str, float] = {}
    banned: set[str] = set()
    for option in issue.options:
        value = range_utility(answer, float(option))
        if value is None:
            banned.add(option)
            table[option] = 0.0
        else:
            table[option] = value
    level = range_utility(answer, answer.acceptable)
    return table, frozenset(banned), 1.0 if level is None else level
