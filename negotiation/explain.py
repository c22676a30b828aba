"""Why a package is what it is, for one party, in that party's own terms only.

``explain`` takes *one* party's preferences, the package and that party's own anchors (d_p, its
worst package, and ideal_p, its best acceptable one) and nothing else: it cannot mention another
party's numbers because it never receives them. It returns language-neutral messages (see
``negotiation.messages``) that the UI renders in kk, ru or en.

Message keys and parameters:

* ``explain.gain_share`` ``{percent}``: the share of this party's possible gain the package gives,
  ``(u - d) / (ideal - d)`` as a whole percent (100 when the party cannot gain anything anyway).
* ``explain.above_walk_away`` ``{points}``: how far above its own walk-away the package is, in
  percentage points of its own utility (only when it stated a walk-away).
* ``explain.wins_issue`` ``{issue, option, rank}``: on one of its top-priority issues (``rank`` 1 is
  its most important) it gets its best or near-best option (within 10% of that issue's range).
* ``explain.gives_up`` ``{issue, option, preferred, cost_points}``: an issue where it does not get
  its preferred option; ``cost_points`` is what that costs it in percentage points of its own total
  utility. Listed largest cost first, at most ``MAX_GIVE_UPS``.
"""

from __future__ import annotations

from negotiation.criteria import Anchor
from negotiation.messages import Message, message
from negotiation.model import Package, PartyPreferences

TOP_ISSUES = 3
NEAR_BEST = 0.9
MAX_GIVE_UPS = 3


def explain(preferences: PartyPreferences, package: Package, anchor: Anchor) -> tuple[Message, ...]:
    """Messages explaining ``package`` to the party these preferences and anchors belong to."""
    utility = preferences.utility(package)
    span = anchor.ideal - anchor.worst
    share = 1.0 if span <= 1e-12 else (utility - anchor.worst) / span
    messages = [message("explain.gain_share", percent=round(100 * min(1.0, max(0.0, share))))]
    if preferences.reservation > 0:
        points = round(100 * (utility - preferences.reservation))
        messages.append(message("explain.above_walk_away", points=max(0, points)))
    messages += _wins(preferences, package)
    messages += _gives_up(preferences, package)
    return tuple(messages)


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


def _gives_up(preferences: PartyPreferences, package: Package) -> list[Message]:
    costs: list[tuple[float, str, str]] = []
    for issue in _ranked_issues(preferences):
        table = preferences.utilities[issue]
        preferred = max(sorted(table), key=lambda option: table[option])
        cost = preferences.weights[issue] * (table[preferred] - table[package[issue]])
        if cost > 1e-12:
            costs.append((cost, issue, preferred))
    costs.sort(key=lambda item: (-item[0], item[1]))
    return [
        message(
            "explain.gives_up",
            issue=issue,
            option=package[issue],
            preferred=preferred,
            cost_points=round(100 * cost, 1),
        )
        for cost, issue, preferred in costs[:MAX_GIVE_UPS]
    ]
