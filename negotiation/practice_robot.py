"""The rehearsal's counterpart: answers a party's offers the way a sensible negotiator would.

The robot knows only its own preferences (``Sandbox.robot``) and what the party has offered so
far; it never looks at the party's preferences. Each party offer is one round. Its rules:

- **What it aims for** falls over the rounds from its best package (round 0, its opening offer)
  to its walk-away at the last round: ``target(t) = r + (1 - r) * (1 - (t / T) ** (1 / beta))``,
  the time-dependent tactic of Faratin, Sierra & Jennings (1998), ``beta`` by its style (firm
  holds out until late, accommodating gives ground early).
- **It accepts** an offer that reaches its target and crosses none of its hard limits, unless an
  offer the party made earlier (and it refused) was better for it. So it never accepts a package
  worse for it than one it turned down.
- **Otherwise it counters.** If one of the party's own earlier offers now reaches its target, it
  proposes going back to that one ("your offer of round 2 would work for me now"). Else it starts
  from the party's offer and changes as little as it can until the package reaches its target:
  one option at a time, the change with the most gain for it per step away from the party's offer.
  A step away weighs more on an issue the party has not moved on between its offers (a simple
  opponent model: what a party never concedes, it probably cares about).
- **It concedes monotonically**: a counter-offer is never better for it than its previous one.
- At the last round its counter is its **final offer**; an offer after that which it cannot accept
  ends the rehearsal without agreement (it "walks away").

Replies carry language-neutral messages (``negotiation.messages``) the browser words in kk, ru
and en. Everything is deterministic: the same sandbox and offers give the same replies.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from negotiation.messages import Message, message
from negotiation.model import Issue, Package, PartyPreferences
from negotiation.practice_sandbox import STYLES, Sandbox

EPS = 1e-9
ACCEPTED, COUNTER, FINAL, WALKED_AWAY = "accepted", "counter", "final", "walked_away"


@dataclass(frozen=True)
class Reply:
    """``kind``: accepted (``package`` is the party's offer), counter or final (the robot's
    counter-offer), walked_away (no package)."""

    kind: str
    package: Mapping[str, str] | None
    messages: tuple[Message, ...] = ()


def target(sandbox: Sandbox, round_: int) -> float:
    """What the robot aims for at ``round_`` (0: its opening, ``max_rounds``: its walk-away)."""
    robot = sandbox.robot
    progress = min(1.0, max(0.0, round_ / sandbox.max_rounds))
    held: float = 1.0 - progress ** (1.0 / STYLES[sandbox.style])
    return robot.reservation + (1.0 - robot.reservation) * held


def opening(sandbox: Sandbox) -> dict[str, str]:
    """The robot's first offer: its best package (the first best option of each issue)."""
    robot = sandbox.robot
    return {
        issue.name: max(_allowed(robot, issue), key=lambda o: robot.utilities[issue.name][o])
        for issue in sandbox.issues
    }


def answer(
    sandbox: Sandbox, offers: Sequence[Package], counters: Sequence[Package], offer: Package
) -> Reply:
    """The robot's reply to ``offer``, after the party's earlier ``offers`` and its own
    ``counters`` (its opening first, then one per refused offer)."""
    robot = sandbox.robot
    round_ = len(offers) + 1
    aim = target(sandbox, round_)
    value = robot.utility(offer)
    refused_best = max((robot.utility(o) for o in offers if robot.accepts_options(o)), default=-1.0)
    crossed = _crossed(robot, sandbox.issues, offer)
    if not crossed and value >= aim - EPS and value >= refused_best - EPS:
        return Reply(ACCEPTED, dict(offer), (message("practice.reply.accepted"),))
    notes = tuple(message("practice.reply.beyond_limit", issue=name) for name in crossed[:2])
    if round_ > sandbox.max_rounds:
        return Reply(WALKED_AWAY, None, (*notes, message("practice.reply.walked_away")))
    kind = FINAL if round_ == sandbox.max_rounds else COUNTER
    earlier = [o for o in offers if robot.accepts_options(o)]
    if earlier and refused_best >= aim - EPS:
        back = max(range(len(earlier)), key=lambda k: (robot.utility(earlier[k]), -k))
        index = list(offers).index(earlier[back]) + 1
        return Reply(
            kind,
            dict(earlier[back]),
            (*notes, message("practice.reply.back_to_yours", round=index), *_last(kind)),
        )
    counter = _move_toward(sandbox, [*offers, offer], aim)
    previous = counters[-1] if counters else opening(sandbox)
    if robot.utility(counter) > robot.utility(previous) + EPS:
        counter = dict(previous)  # never ask for more than last time
    moved = tuple(  # where it gave ground: its own liking of the issue fell
        i.name
        for i in sandbox.issues
        if robot.utilities[i.name][counter[i.name]] < robot.utilities[i.name][previous[i.name]]
    )
    said = (
        message("practice.reply.moved", issues=moved) if moved else message("practice.reply.held")
    )
    return Reply(kind, counter, (*notes, said, *_last(kind)))


def _last(kind: str) -> tuple[Message, ...]:
    return (message("practice.reply.final"),) if kind == FINAL else ()


def _allowed(party: PartyPreferences, issue: Issue) -> list[str]:
    banned = party.unacceptable.get(issue.name, frozenset())
    return [o for o in issue.options if o not in banned]


def _crossed(robot: PartyPreferences, issues: Sequence[Issue], offer: Package) -> list[str]:
    return [i.name for i in issues if offer[i.name] in robot.unacceptable.get(i.name, frozenset())]


def _move_toward(sandbox: Sandbox, offers: Sequence[Package], aim: float) -> dict[str, str]:
    """The package nearest the party's latest offer (in its steps) that reaches ``aim``."""
    robot, issues = sandbox.robot, sandbox.issues
    offer = offers[-1]
    firmness = _firmness(issues, offers)
    package = {i.name: _nearest_allowed(robot, i, offer[i.name]) for i in issues}
    while robot.utility(package) < aim - EPS:
        current = robot.utility(package)
        best: tuple[float, float, str, str] | None = None
        finishing: tuple[float, float, str, str] | None = None
        for issue in issues:
            table = robot.utilities[issue.name]
            here = _distance(issue, package[issue.name], offer[issue.name])
            for option in _allowed(robot, issue):
                gain = robot.weights[issue.name] * (table[option] - table[package[issue.name]])
                if gain <= EPS:
                    continue
                step = firmness[issue.name] * (_distance(issue, option, offer[issue.name]) - here)
                step = max(step, EPS)
                if current + gain >= aim - EPS:
                    candidate = (step, gain, issue.name, option)
                    if finishing is None or candidate[:2] < finishing[:2]:
                        finishing = candidate
                ratio = (-gain / step, step, issue.name, option)
                if best is None or ratio < best:
                    best = ratio
        chosen = finishing if finishing is not None else best
        if chosen is None:  # nothing improves it: cannot happen, its best package reaches 1
            break
        package[chosen[2]] = chosen[3]
    return package


def _nearest_allowed(robot: PartyPreferences, issue: Issue, option: str) -> str:
    allowed = _allowed(robot, issue)
    if option in allowed:
        return option
    if issue.numeric is None:
        table = robot.utilities[issue.name]
        return max(allowed, key=lambda o: table[o])
    return min(allowed, key=lambda o: abs(float(o) - float(option)))


def _distance(issue: Issue, option: str, offered: str) -> float:
    """How far an option is from the party's: 1 for another discrete option, a range's share."""
    if issue.numeric is None:
        return 0.0 if option == offered else 1.0
    span = issue.numeric.maximum - issue.numeric.minimum
    return abs(float(option) - float(offered)) / span if span > 0 else 0.0


def _firmness(issues: Sequence[Issue], offers: Sequence[Package]) -> dict[str, float]:
    """1 plus the share of the party's moves in which it kept this issue where it was."""
    moves = len(offers) - 1
    if moves < 1:
        return {i.name: 1.0 for i in issues}
    return {
        i.name: 1.0
        + sum(1 for a, b in itertools.pairwise(offers) if a[i.name] == b[i.name]) / moves
        for i in issues
    }
