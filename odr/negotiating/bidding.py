"""Blind bidding for a money claim, as the service runs it: rules, rounds, sealed bids. Pure.

The engine (``negotiation.blind_bidding``) decides a round from two sealed bids and a sealed split
point. Here the session is spread over what the service stores: the agreed rules and every round's
opening and outcome are public events of the case log (``bidding``, ``bidding_settled``); the
bids are ``private_inputs`` rows (kind ``bid``, the round, the amount in whole tiyn) and the
split point's secret is the case's own (``case_secrets``, kind ``bid_secret``: no party's input),
both read only by the engine.
:func:`public_state` folds the log; :func:`replay` rebuilds the engine's state from the private
rows to check a new bid (monotone across rounds) and to decide a round.

A round whose deadline passes with a bid missing ends as "not yet" (or, if it was the last, "no
settlement"): the engine has no such move, so :func:`pass_round` adds it, keeping the bids that
were in as history (they still bind later bids to be monotone).

**When an outcome is announced** (the rules' ``announce``, :func:`announce_of`). Deciding a round
the moment its second bid arrives tells the second bidder that the other had bid already (the
outcome follows its own bid at once) and the first that the other has just bid. So by default
(``at_deadline``) a round is decided at its deadline only, whatever the order and time of the
bids. The parties may agree ``when_both_in`` instead, knowing that it tells each that the other
has bid. Rules agreed before the choice existed lack the field and keep the behaviour the
parties agreed to then, ``when_both_in``: agreed rules do not change under the parties' feet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from negotiation import blind_bidding as bb

AT_DEADLINE = "at_deadline"
WHEN_BOTH_IN = "when_both_in"
ANNOUNCE = (AT_DEADLINE, WHEN_BOTH_IN)
"""When a round's outcome is announced: at its deadline (the default of new rules), or as soon as
both bids are in."""
OPTIONS = ("packages", "mediator", "court")
"""What the parties are offered when the last round ends without settlement."""
TIYN_PER_UNIT = 100


@dataclass(frozen=True)
class PublicState:
    """What the log says about the session: anyone in the room may know all of it."""

    proposal_seq: int | None = None
    proposed: Mapping[str, Any] | None = None
    proposed_by: str | None = None
    rules: Mapping[str, Any] | None = None
    round: int = 0
    deadline_at: datetime | None = None
    status: Literal["agreeing", "open", "settled", "no_settlement"] = "agreeing"
    settled_amount: int | None = None
    choices: Mapping[str, str] | None = None
    switched: bool = False


def public_state(events: Sequence[tuple[int, str, str, Mapping[str, Any]]]) -> PublicState:
    """Fold the case's ``bidding`` and ``bidding_settled`` events: (seq, type, actor role, data)."""
    state = PublicState()
    for seq, kind, actor, data in events:
        if kind == "bidding_settled":
            state = replace(state, status="settled", settled_amount=int(data["amount"]))
            continue
        if kind != "bidding":
            continue
        what = data["kind"]
        if what == "rules_proposed":
            state = replace(state, proposal_seq=seq, proposed=data["rules"], proposed_by=actor)
        elif what == "rules_agreed":
            state = replace(state, rules=data["rules"], proposal_seq=None, status="open")
        elif what in ("round_opened", "round_moved"):  # moved: by a pause of the case
            deadline = datetime.fromisoformat(data["deadline_at"])
            state = replace(state, round=int(data["round"]), deadline_at=deadline)
        elif what == "no_settlement":
            state = replace(state, status="no_settlement", deadline_at=None, choices={})
        elif what == "choice":
            state = replace(state, choices={**(state.choices or {}), actor: data["option"]})
        elif what == "switched":
            state = replace(state, switched=True)
    return state


def announce_of(rules: Mapping[str, Any]) -> str:
    """When the rules announce a round's outcome; rules logged before the choice existed (no
    ``announce``) announced it as soon as both bids were in, and still do."""
    announce = rules.get("announce", WHEN_BOTH_IN)
    return announce if announce in ANNOUNCE else WHEN_BOTH_IN


def with_announce(rules: Mapping[str, Any]) -> dict[str, Any]:
    """The rules with their ``announce`` said, as a party reads them (old rules lack it)."""
    return {**rules, "announce": announce_of(rules)}


def config_of(rules: Mapping[str, Any]) -> bb.BlindBiddingConfig:
    """The engine's configuration for the agreed rules (no session deadline: rounds have theirs)."""
    threshold = rules["threshold"]
    return bb.BlindBiddingConfig(
        rounds=int(rules["rounds"]),
        threshold=bb.Threshold(threshold["kind"], int(threshold["value"])),
    )


def pass_round(state: bb.BlindBiddingState, now: datetime) -> bb.BlindBiddingState:
    """End the open round without settlement because its deadline passed with a bid missing."""
    history = state.history + state.current
    if state.round >= state.config.rounds:
        return replace(state, current=(), history=history, status="no_settlement", closed_at=now)
    return replace(state, current=(), history=history, round=state.round + 1)


def replay(
    rules: Mapping[str, Any],
    secret: int,
    bids: Mapping[int, Mapping[bb.Role, int]],
    through_round: int,
    now: datetime,
) -> bb.BlindBiddingState:
    """The engine's state after every round before ``through_round`` and that round's bids.

    Earlier rounds were decided already: each had both bids (the engine decided it) or was
    passed at its deadline. Raises the engine's ``IllegalMove``/``InvalidBid`` for a bid the
    rules do not allow (a demand that went up, an offer that went down).
    """
    state = bb.open_session(config_of(rules), secret)
    for number in range(1, through_round + 1):
        round_bids = bids.get(number, {})
        for role in bb.ROLES:
            if role in round_bids:
                state = bb.submit(state, role, round_bids[role], now)
        if number < through_round and state.status == "open" and state.round == number:
            state = pass_round(state, now)
    return state


def settled_package(issues: Sequence[Mapping[str, Any]], amount: int) -> dict[str, str]:
    """The agreed value of the case's money issue for a settled amount in tiyn (exact)."""
    return {money_issue(issues): str(to_units(amount))}


def money_issue(issues: Sequence[Mapping[str, Any]]) -> str:
    """The name of the case's money issue: its first numeric range (bidding needs one)."""
    for issue in issues:
        if isinstance(issue.get("range"), Mapping):
            return str(issue["name"])
    raise ValueError("the case has no numeric issue to settle")


def to_units(tiyn: int) -> Decimal:
    """Tiyn as currency units with two decimals: 15000050 → 150000.50."""
    return (Decimal(tiyn) / TIYN_PER_UNIT).quantize(Decimal("0.01"))


def split_point_secret(secret: int) -> Fraction:
    """The sealed split point a stored secret stands for (for tests of the settled amount)."""
    return bb.open_session(bb.BlindBiddingConfig(), secret).split_point
