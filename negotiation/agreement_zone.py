"""When no package is acceptable: tell each party which of its *own* limits stand in the way.

For every party A we try relaxing A's limits, one kind at a time, keeping every other party's limits
exactly as stated:

1. **A's walk-away.** The best utility A can reach on a package every other party accepts (and that
   respects A's hard limits). If that is below A's reservation, lowering the reservation to it
   (rounded *down* to a whole percent) opens agreements: ``advice.lower_reservation``.
2. **A's hard limits, issue by issue.** If allowing some options A excluded on one issue opens an
   agreement (with A's reservation kept), we name the one A itself likes most:
   ``advice.accept_option`` (with the number and unit for a range issue).
3. If no single relaxation helps but relaxing all of A's limits together does:
   ``advice.relax_together``; if even that does not: ``advice.not_on_your_side``.

**Privacy.** A's advice is a function of A's own preferences and of one question asked about the
others: "does some package that every other party accepts give A at least x (or use this option)?"
It never contains another party's weights, utilities, reservation or hard limits, nor utilities in
anyone's terms but A's. The numbers it does contain (A's possible walk-away, an option of A's issue)
are what A could learn by itself by lowering its own limits and asking again, which any party can
do; rounding the walk-away down to a whole percent blurs even that. B's numbers influence A's
advice only through whether (and from which of A's own thresholds on) relaxing A's own limit opens
an agreement. Each party must be shown only its own entry.
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from negotiation.cpsat import PackageModel, Session, TimeLimitReached
from negotiation.messages import Message, message
from negotiation.scaled import ScaledCase

Advice = Message


def advise(session: Session, scaled: ScaledCase) -> dict[str, tuple[Advice, ...]]:
    """Advice per party name (each party sees only its own entry)."""
    advice: dict[str, tuple[Advice, ...]] = {}
    for p, party in enumerate(scaled.case.parties):
        try:
            advice[party.name] = tuple(_advise_party(session, scaled, p))
        except TimeLimitReached:
            advice[party.name] = (message("advice.unknown"),)
    return advice


def _advise_party(session: Session, scaled: ScaledCase, p: int) -> list[Advice]:
    party = scaled.case.parties[p]
    items: list[Advice] = []
    reachable = _best_reachable(session, scaled, p)
    if reachable is not None and reachable < party.reservation:
        items.append(
            message(
                "advice.lower_reservation",
                current_percent=round(party.reservation * 100),
                suggested_percent=max(0, math.floor(reachable * 100 + 1e-9)),
            )
        )
    for i, issue in enumerate(scaled.case.issues):
        if scaled.forbidden[p][i]:
            option = _opening_option(session, scaled, p, i)
            if option is not None:
                params: dict[str, str | float] = {"issue": issue.name, "option": option}
                if issue.numeric is not None:
                    params["value"] = float(option)
                    params["unit"] = issue.numeric.unit
                items.append(message("advice.accept_option", **params))
    if items:
        return items
    model = PackageModel(scaled, relax_reservation=(p,), relax_limits=(p,))
    if session.solve(model) is not None:
        return [message("advice.relax_together")]
    return [message("advice.not_on_your_side")]


def _best_reachable(session: Session, scaled: ScaledCase, p: int) -> float | None:
    """A's best utility (real, not scaled) over packages all others accept, or None if none."""
    model = PackageModel(scaled, relax_reservation=(p,))
    solution = session.maximize(model, model.utility[p])
    if solution is None:
        return None
    return scaled.case.parties[p].utility(scaled.package(solution.choice))


def _opening_option(session: Session, scaled: ScaledCase, p: int, issue: int) -> str | None:
    """A's favourite among its excluded options of one issue that would open an agreement."""
    relaxed = PackageModel(scaled, relax_limits=(p,))
    # keep A's limits on every other issue: copy them onto the relaxed model
    for i, options in enumerate(relaxed.options):
        if i != issue:
            for o, var in options.items():
                if o in scaled.forbidden[p][i]:
                    relaxed.model.add(var == 0)
    row = scaled.coef[p][issue]
    options = relaxed.options[issue]
    objective = cp_model.LinearExpr.weighted_sum(list(options.values()), [row[o] for o in options])
    solution = session.maximize(relaxed, objective)
    if solution is None:
        return None
    return scaled.case.issues[issue].options[solution.choice[issue]]
