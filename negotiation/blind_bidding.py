"""Blind bidding for money-only disputes: sealed demands and offers, only the outcome disclosed.

Each round the claimant submits a demand and the respondent an offer (whole amounts in the case's
smallest money unit, e.g. tenge). The round settles when the offer reaches the demand, or when the
gap is within the threshold both parties agreed to beforehand (an absolute amount or a percentage of
the demand). Otherwise the parties learn only "no settlement yet" (or, after the last round, "no
settlement"); they never learn a bid, the gap, or how close they came.

**Settlement amount: a sealed split point.** Splitting the difference would betray the other bid:
a claimant who knows its demand ``d`` and sees the midpoint ``m`` computes the offer ``2m - d``.
Instead the session carries a sealed draw ``u`` between 1/4 and 3/4, fixed when it is opened (the
caller passes a secret integer; it is never disclosed), and the settlement is
``low + u·(high - low)`` rounded to a whole unit, where low/high are the two bids. Knowing its own
bid and the result, a party faces an unknown ``u`` and an unknown other bid: any other bid with the
result inside its own middle half of the zone fits, so many bids are consistent
(``consistent_other_bids`` counts them and the tests check there are always at least two, away
from the documented corners: the other bid is the furthest the threshold accepts, or near zero).
In expectation the split is the midpoint (the draw is symmetric about 1/2), so neither side is
favoured, and the result always lies between the two bids (nobody pays more than it offered or
gets less than it demanded, beyond the agreed threshold).

**Bids across rounds.** A demand may not increase and an offer may not decrease from one round to
the next. Without this a party could "probe": lower its demand to find where settlement starts,
then raise it again. Monotone concessions also make every "no settlement yet" mean the same thing.
A bid cannot be changed within a round (it is sealed once submitted).

The state is an immutable value; :func:`submit` returns a new one. Bids live only in the state's
private fields (excluded from ``repr`` so they never reach a log); :func:`public_view` is the only
thing to show anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from fractions import Fraction
from typing import Literal

from negotiation.errors import IllegalMove, InvalidCase

Role = Literal["claimant", "respondent"]
ROLES: tuple[Role, ...] = ("claimant", "respondent")
Status = Literal["open", "settled", "no_settlement"]

DRAW_STEPS = 10**9
"""The sealed split point is 1/4 + k/(2·DRAW_STEPS) for k in 0..DRAW_STEPS: fine enough that
every whole amount between the extremes is reachable for gaps up to about 10⁹ units."""


class InvalidBid(IllegalMove):
    """A bid that is not a valid amount or breaks the rules on bids across rounds."""

    code = "invalid_bid"


@dataclass(frozen=True)
class Threshold:
    """The gap the parties agree to bridge: ``amount`` units, or ``percent`` of the demand."""

    kind: Literal["absolute", "percent"] = "absolute"
    value: int | Fraction = 0

    def allows(self, demand: int, offer: int) -> bool:
        gap = demand - offer
        if gap <= 0:
            return True
        if self.kind == "absolute":
            return gap <= self.value
        return gap * 100 <= self.value * demand


@dataclass(frozen=True)
class BlindBiddingConfig:
    rounds: int = 3
    threshold: Threshold = field(default_factory=Threshold)
    deadline: datetime | None = None

    def __post_init__(self) -> None:
        if isinstance(self.rounds, bool) or not isinstance(self.rounds, int) or self.rounds < 1:
            raise InvalidCase(f"rounds must be at least 1 (got {self.rounds!r})", field="rounds")
        value = self.threshold.value
        if not isinstance(value, int | Fraction) or value < 0:
            raise InvalidCase(f"threshold must be ≥ 0 (got {value!r})", field="threshold.value")
        if self.threshold.kind == "percent" and value > 100:
            raise InvalidCase("a percent threshold is at most 100", field="threshold.value")
        if self.threshold.kind not in ("absolute", "percent"):
            raise InvalidCase("threshold kind is absolute or percent", field="threshold.kind")


@dataclass(frozen=True)
class BlindBiddingState:
    """The whole session. Bids and the sealed draw are private: never show this object itself."""

    config: BlindBiddingConfig
    round: int = 1
    status: Status = "open"
    settlement: int | None = None
    closed_at: datetime | None = None
    split_point: Fraction = field(default=Fraction(1, 2), repr=False)
    current: tuple[tuple[Role, int], ...] = field(default=(), repr=False)
    history: tuple[tuple[Role, int], ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class PublicView:
    """What any party, the mediator or a log may see. ``message_key`` is for the UI."""

    status: Status
    round: int
    rounds: int
    settlement: int | None
    waiting_for: tuple[Role, ...]
    message_key: str


def open_session(config: BlindBiddingConfig, secret: int) -> BlindBiddingState:
    """A new session. ``secret`` (e.g. ``secrets.randbits(64)`` at the edge) is never disclosed."""
    if isinstance(secret, bool) or not isinstance(secret, int) or secret < 0:
        raise InvalidCase("the secret must be a non-negative integer", field="secret")
    return BlindBiddingState(config=config, split_point=_draw(secret % (DRAW_STEPS + 1)))


def settlement_amount(demand: int, offer: int, split_point: Fraction) -> int:
    """``low + split_point·(high - low)``, rounded half to even to a whole unit."""
    low, high = min(demand, offer), max(demand, offer)
    return round(low + split_point * (high - low))


def submit(state: BlindBiddingState, party: Role, amount: int, now: datetime) -> BlindBiddingState:
    """Record a sealed bid; when both are in, settle the round or move on to the next one."""
    _require_open(state, now)
    if party not in ROLES:
        raise IllegalMove(f"unknown party {party!r} (claimant or respondent)", field="party")
    _check_amount(party, amount)
    if any(role == party for role, _ in state.current):
        raise IllegalMove(f"the {party} has already bid in round {state.round}", field="party")
    previous = _last_bid(state.history, party)
    if previous is not None:
        if party == "claimant" and amount > previous:
            raise InvalidBid("a demand may not go up from one round to the next", field="amount")
        if party == "respondent" and amount < previous:
            raise InvalidBid("an offer may not go down from one round to the next", field="amount")
    current = (*state.current, (party, amount))
    if len(current) < len(ROLES):
        return replace(state, current=current)
    bids = dict(current)
    history = state.history + current
    demand, offer = bids["claimant"], bids["respondent"]
    if state.config.threshold.allows(demand, offer):
        amount_due = settlement_amount(demand, offer, state.split_point)
        return replace(
            state,
            current=(),
            history=history,
            status="settled",
            settlement=amount_due,
            closed_at=now,
        )
    if state.round >= state.config.rounds:
        return replace(state, current=(), history=history, status="no_settlement", closed_at=now)
    return replace(state, current=(), history=history, round=state.round + 1)


def expire(state: BlindBiddingState, now: datetime) -> BlindBiddingState:
    """Close the session with no settlement if its deadline has passed (otherwise unchanged)."""
    deadline = state.config.deadline
    if state.status != "open" or deadline is None or now < deadline:
        return state
    return replace(state, current=(), status="no_settlement", closed_at=now)


def public_view(state: BlindBiddingState) -> PublicView:
    """The outcome so far, with no bid, gap or draw in it."""
    waiting: tuple[Role, ...] = ()
    if state.status == "open":
        done = {role for role, _ in state.current}
        waiting = tuple(r for r in ROLES if r not in done)
    key = {
        "open": "blind_bidding.no_settlement_yet" if state.round > 1 else "blind_bidding.open",
        "settled": "blind_bidding.settled",
        "no_settlement": "blind_bidding.no_settlement",
    }[state.status]
    return PublicView(
        status=state.status,
        round=state.round,
        rounds=state.config.rounds,
        settlement=state.settlement,
        waiting_for=waiting,
        message_key=key,
    )


def own_bids(state: BlindBiddingState, party: Role) -> tuple[int, ...]:
    """A party's own bids so far (it may see its own, never the other's)."""
    return tuple(amount for role, amount in (*state.history, *state.current) if role == party)


def consistent_other_bids(
    party: Role,
    own_bid: int,
    settlement: int,
    threshold: Threshold,
    candidates: range,
) -> tuple[int, ...]:
    """Other bids in ``candidates`` that could have produced ``settlement`` for some sealed draw.

    What a party could infer at best from what it sees; used to check the non-disclosure claim.
    """
    found: list[int] = []
    for other in candidates:
        demand, offer = (own_bid, other) if party == "claimant" else (other, own_bid)
        if demand < 1 or offer < 0 or not threshold.allows(demand, offer):
            continue
        if _some_draw_gives(demand, offer, settlement):
            found.append(other)
    return tuple(found)


def _some_draw_gives(demand: int, offer: int, settlement: int) -> bool:
    """Whether a sealed draw yields ``settlement``: the result grows with the draw, so bisect."""
    low, high = 0, DRAW_STEPS
    while low < high:
        middle = (low + high) // 2
        if settlement_amount(demand, offer, _draw(middle)) < settlement:
            low = middle + 1
        else:
            high = middle
    return settlement_amount(demand, offer, _draw(low)) == settlement


def _draw(k: int) -> Fraction:
    return Fraction(1, 4) + Fraction(k, 2 * DRAW_STEPS)


def _require_open(state: BlindBiddingState, now: datetime) -> None:
    if state.status == "settled":
        raise IllegalMove("the dispute is already settled; no more bids", field="status")
    if state.status == "no_settlement":
        raise IllegalMove("blind bidding has ended without settlement", field="status")
    deadline = state.config.deadline
    if deadline is not None and now >= deadline:
        raise IllegalMove(f"the deadline passed at {deadline.isoformat()}", field="deadline")


def _check_amount(party: Role, amount: int) -> None:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise InvalidBid(f"a bid is a whole amount (got {amount!r})", field="amount")
    minimum = 1 if party == "claimant" else 0
    if amount < minimum:
        raise InvalidBid(f"a {party} bid must be at least {minimum} (got {amount})", field="amount")


def _last_bid(history: tuple[tuple[Role, int], ...], party: Role) -> int | None:
    for role, amount in reversed(history):
        if role == party:
            return amount
    return None
