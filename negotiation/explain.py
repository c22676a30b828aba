"""Why a package is what it is, for one party, in that party's own terms only.

``explain`` takes *one* party's preferences, the package and that party's own anchors (d_p, its
worst package; ideal_p, its best acceptable one, and that best package itself) and nothing else:
it cannot mention another party's numbers because it never receives them. It returns
language-neutral messages (see ``negotiation.messages``) that the UI renders in kk, ru or en.

Everything is said on **one scale**, the party's own possible gain: 0 is its worst package (d_p),
100 the best it could get (ideal_p, given every party's limits). The Kalai-Smorodinsky criterion
compares exactly these shares, so the percentage a party reads is the one its label speaks of.

Message keys and parameters:

* ``explain.gain_share`` ``{percent}``: ``(u - d) / (ideal - d)`` as a whole percent, rounded
  *down*: "100%" only for a package worth as much as the best (100 when the party cannot gain
  anything anyway). Rounding 99.6% up would put "100%" beside a listed concession.
* ``explain.vs_walk_away`` ``{points}``: how much better than no agreement (its walk-away, on the
  same scale; 0 when its walk-away is below its worst package) the package is, in points.
* ``explain.at_best``: the package is worth the best it could get; nothing is conceded.
* ``explain.vs_best`` ``{points}``: otherwise, how far below that best it is (``100 - percent``),
  followed by
* ``explain.gives_up`` ``{issue, option, preferred}``: an issue where the package gives it less
  than its best package does (so none beside "100%"), costliest first, at most ``MAX_GIVE_UPS``.
  ``preferred`` is the party's *own* first choice on the issue, never the best package's option,
  and no per-issue cost is given: the best package depends on the other side's private limits,
  and its option (or the cost of one issue against it) would tell the party that side's limit on
  the issue.
* ``explain.wins_issue`` ``{issue, option, rank}``: on one of its top-priority issues (``rank`` 1
  is its most important) it gets its best or near-best option (within 10% of that issue's range).

``balance_order`` is the order both parties read the proposals in (the same numbering for both,
so "proposal 2" means one package in the room): the package whose least-served party gets the
largest share first (by the shares above), then the larger total of shares, then as proposed.
The order is public; each party's shares stay private.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from negotiation.criteria import Anchor
from negotiation.messages import Message, message
from negotiation.model import Package, PartyPreferences

TOP_ISSUES = 3
NEAR_BEST = 0.9
MAX_GIVE_UPS = 3
SPAN_EPS = 1e-12
PERCENT_EPS = 1e-9
"""Float noise allowed before flooring (a package equal to the best must read 100, not 99)."""


def gain_share(preferences: PartyPreferences, package: Package, anchor: Anchor) -> float:
    """The share of its possible gain the package gives this party, in [0, 1]."""
    span = anchor.ideal - anchor.worst
    if span <= SPAN_EPS:
        return 1.0
    share = (preferences.utility(package) - anchor.worst) / span
    return min(1.0, max(0.0, share))


def _points(share: float) -> int:
    return math.floor(100 * share + PERCENT_EPS)


def explain(preferences: PartyPreferences, package: Package, anchor: Anchor) -> tuple[Message, ...]:
    """Messages explaining ``package`` to the party these preferences and anchors belong to."""
    span = anchor.ideal - anchor.worst
    percent = _points(gain_share(preferences, package, anchor))
    messages = [message("explain.gain_share", percent=percent)]
    if span > SPAN_EPS:
        walk = max(0.0, min(1.0, (preferences.reservation - anchor.worst) / span))
        messages.append(message("explain.vs_walk_away", points=max(0, percent - _points(walk))))
    messages += _wins(preferences, package)
    if percent >= 100:
        messages.append(message("explain.at_best"))
    else:
        messages.append(message("explain.vs_best", points=100 - percent))
        messages += _gives_up(preferences, package, anchor)
    return tuple(messages)


def balance_order(
    packages: Sequence[Package],
    parties: Sequence[PartyPreferences],
    anchors: Mapping[str, Anchor],
) -> list[int]:
    """Indexes of ``packages`` in reading order (see module docstring)."""

    def key(k: int) -> tuple[float, float, int]:
        shares = [gain_share(p, packages[k], anchors[p.name]) for p in parties]
        return (-min(shares, default=1.0), -math.fsum(shares), k)

    return sorted(range(len(packages)), key=key)


def _ranked_issues(preferences: PartyPreferences) -> list[str]:
    """Issues by this party's weight, most important first (ties by name, for stable output)."""
    weighted = [(w, name) for name, w in preferences.weights.items() if w > 0]
    return [name for _, name in sorted(weighted, key=lambda item: (-item[0], item[1]))]


def _wins(preferences: PartyPreferences, package: Package) -> list[Message]:
    wins: list[Message] = []
    for rank, issue in enumerate(_ranked_issues(preferences)[:TOP_ISSUES], start=1):
        table = preferences.utilities[issue]
        low, high = min(table.values()), max(table.values())
        if high > low and (table[package[issue]] - low) / (high - low) >= NEAR_BEST:
            wins.append(
                message("explain.wins_issue", issue=issue, option=package[issue], rank=rank)
            )
    return wins


def _gives_up(preferences: PartyPreferences, package: Package, anchor: Anchor) -> list[Message]:
    """Issues where the package gives less than the party's best package (or, with no best
    package known, than its favourite option on the issue), costliest first; each named with the
    party's own first choice (see the module docstring)."""
    costs: list[tuple[float, str, str]] = []
    for issue in _ranked_issues(preferences):
        table = preferences.utilities[issue]
        favourite = max(sorted(table), key=lambda option: table[option])
        reference = anchor.best[issue] if anchor.best is not None else favourite
        cost = preferences.weights[issue] * (table[reference] - table[package[issue]])
        if cost > SPAN_EPS:
            costs.append((cost, issue, favourite))
    costs.sort(key=lambda item: (-item[0], item[1]))
    return [
        message("explain.gives_up", issue=issue, option=package[issue], preferred=favourite)
        for _cost, issue, favourite in costs[:MAX_GIVE_UPS]
    ]
