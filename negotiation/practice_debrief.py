"""What a rehearsal teaches: the compromise the engine would propose, and how the party did.

At the end of a rehearsal (an agreement, the robot walking away, or the party stopping) the party
reads what a compromise could have looked like: the Nash package the optimizer proposes for its
preferences and the robot's (``negotiation.optimizer.propose``), explained in the party's own terms
by ``negotiation.explain`` (the same words as the real proposals page). Then a few tips:

- ``practice.tip.their_priority`` ``{issue}``: what the robot cared about most. The robot is not
  a person, so naming its priority hides nothing real; it is the lesson (find out what the other
  side cares about).
- ``practice.tip.trade`` ``{give, get}``: the issue that matters much more to the robot than to
  the party (relative weights) and the one that matters more to the party: giving way on the first
  to gain on the second is the trade a negotiation is made of.
- ``practice.tip.compared`` ``{agreed, balanced}``: the agreement's share of the party's possible
  gain beside the compromise's (both on the party's own scale, ``explain.gain_share``).
- ``practice.tip.no_zone``: no package was acceptable to both (the walk-aways do not meet).
- ``practice.tip.style`` ``{style}``: how the robot conceded (firm, steady, accommodating).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from negotiation.explain import explain, gain_share
from negotiation.messages import Message, message
from negotiation.model import NegotiationCase, Package
from negotiation.optimizer import SolverSettings, propose
from negotiation.practice_sandbox import Sandbox

PRIORITIES = 2
PERCENT_EPS = 1e-9


@dataclass(frozen=True)
class Debrief:
    agreed: Mapping[str, str] | None
    compromise: Mapping[str, str] | None
    explanation: tuple[Message, ...]
    """The compromise explained to the party, in its own terms (``negotiation.explain``)."""
    their_priorities: tuple[str, ...]
    tips: tuple[Message, ...]


def debrief(
    sandbox: Sandbox, agreed: Package | None, settings: SolverSettings | None = None
) -> Debrief:
    """The lesson of a rehearsal that ended with ``agreed`` (None: no agreement)."""
    party, robot = sandbox.party, sandbox.robot
    solver = settings or SolverSettings(time_limit_s=3.0, num_workers=1, alternatives=0)
    proposals = propose(NegotiationCase(sandbox.issues, (party, robot)), solver)
    priorities = tuple(sorted(robot.weights, key=lambda n: (-robot.weights[n], n))[:PRIORITIES])
    tips = [message("practice.tip.their_priority", issue=priorities[0])]
    trade = _trade(sandbox)
    if trade is not None:
        tips.append(message("practice.tip.trade", give=trade[0], get=trade[1]))
    compromise: Mapping[str, str] | None = None
    explanation: tuple[Message, ...] = ()
    if proposals.acceptable:
        nash = next(p for p in proposals.packages if p.criterion == "nash")
        compromise = dict(nash.choice)
        anchor = proposals.anchors[party.name]
        explanation = explain(party, compromise, anchor)
        if agreed is not None:
            tips.append(
                message(
                    "practice.tip.compared",
                    agreed=_percent(gain_share(party, agreed, anchor)),
                    balanced=_percent(gain_share(party, compromise, anchor)),
                )
            )
    else:
        tips.append(message("practice.tip.no_zone"))
    tips.append(message("practice.tip.style", style=sandbox.style))
    return Debrief(
        agreed=dict(agreed) if agreed is not None else None,
        compromise=compromise,
        explanation=explanation,
        their_priorities=priorities,
        tips=tuple(tips),
    )


def _trade(sandbox: Sandbox) -> tuple[str, str] | None:
    """(give, get): the issue most weighted by the robot relative to the party, and the one
    least; None when both weigh every issue alike."""
    party, robot = sandbox.party.weights, sandbox.robot.weights
    names = [i.name for i in sandbox.issues]
    if len(names) < 2:
        return None
    ratio = {n: robot[n] / max(party[n], 1e-6) for n in names}
    give = max(names, key=lambda n: (ratio[n], n))
    get = min(names, key=lambda n: (ratio[n], n))
    if give == get or math.isclose(ratio[give], ratio[get], rel_tol=0.1):
        return None
    return give, get


def _percent(share: float) -> int:
    return math.floor(100 * share + PERCENT_EPS)
