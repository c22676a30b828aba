"""Blind bidding: rounds, rules on bids, settlement, and that no bid or gap is ever disclosed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from negotiation.blind_bidding import (
    BlindBiddingConfig,
    BlindBiddingState,
    InvalidBid,
    Threshold,
    consistent_other_bids,
    expire,
    open_session,
    own_bids,
    public_view,
    settlement_amount,
    submit,
)
from negotiation.errors import IllegalMove, InvalidCase

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def session(rounds: int = 3, threshold: Threshold | None = None, **kw: object) -> BlindBiddingState:
    config = BlindBiddingConfig(rounds=rounds, threshold=threshold or Threshold(), **kw)  # type: ignore[arg-type]
    return open_session(config, secret=123)


def play(state: BlindBiddingState, demand: int, offer: int) -> BlindBiddingState:
    state = submit(state, "claimant", demand, NOW)
    return submit(state, "respondent", offer, NOW)


def test_offer_at_or_above_demand_settles_between_the_bids() -> None:
    state = play(session(), 500_000, 600_000)
    view = public_view(state)
    assert view.status == "settled" and view.message_key == "blind_bidding.settled"
    assert view.settlement is not None and 500_000 <= view.settlement <= 600_000
    assert state.closed_at == NOW


def test_gap_within_absolute_threshold_settles() -> None:
    state = play(session(threshold=Threshold("absolute", 50_000)), 500_000, 450_000)
    assert public_view(state).status == "settled"
    state = play(session(threshold=Threshold("absolute", 50_000)), 500_000, 449_999)
    assert public_view(state).status == "open" and public_view(state).round == 2


def test_gap_within_percent_of_demand_settles() -> None:
    assert play(session(threshold=Threshold("percent", 10)), 500_000, 450_000).status == "settled"
    assert play(session(threshold=Threshold("percent", 10)), 500_000, 449_999).status == "open"


def test_no_settlement_after_the_last_round() -> None:
    state = session(rounds=2)
    state = play(state, 900, 100)
    assert public_view(state).message_key == "blind_bidding.no_settlement_yet"
    state = play(state, 800, 200)
    view = public_view(state)
    assert view.status == "no_settlement" and view.settlement is None
    with pytest.raises(IllegalMove, match="ended"):
        submit(state, "claimant", 700, NOW)


def test_bids_are_monotone_across_rounds() -> None:
    state = play(session(), 900, 100)
    with pytest.raises(InvalidBid, match="demand may not go up"):
        submit(state, "claimant", 901, NOW)
    with pytest.raises(InvalidBid, match="offer may not go down"):
        submit(state, "respondent", 99, NOW)
    state = submit(state, "claimant", 900, NOW)  # standing firm is allowed
    assert own_bids(state, "claimant") == (900, 900)


def test_one_sealed_bid_per_party_per_round() -> None:
    state = submit(session(), "claimant", 900, NOW)
    with pytest.raises(IllegalMove, match="already bid in round 1"):
        submit(state, "claimant", 800, NOW)
    assert public_view(state).waiting_for == ("respondent",)


@pytest.mark.parametrize(
    ("party", "amount"),
    [("claimant", 0), ("respondent", -1), ("claimant", 1.5), ("claimant", True), ("x", 5)],
)
def test_invalid_bids_are_rejected(party: str, amount: object) -> None:
    with pytest.raises(IllegalMove):
        submit(session(), party, amount, NOW)  # type: ignore[arg-type]


def test_no_bids_after_settlement_or_deadline() -> None:
    settled = play(session(), 100, 100)
    with pytest.raises(IllegalMove, match="already settled"):
        submit(settled, "claimant", 100, NOW)
    timed = session(deadline=NOW)
    with pytest.raises(IllegalMove, match="deadline"):
        submit(timed, "claimant", 100, NOW)
    closed = expire(timed, NOW + timedelta(seconds=1))
    assert public_view(closed).status == "no_settlement"
    assert expire(session(), NOW) == session()


@pytest.mark.parametrize(
    "kw",
    [
        {"rounds": 0},
        {"threshold": Threshold("absolute", -1)},
        {"threshold": Threshold("percent", 101)},
    ],
)
def test_invalid_config(kw: dict[str, object]) -> None:
    with pytest.raises(InvalidCase):
        BlindBiddingConfig(**kw)  # type: ignore[arg-type]


def test_midpoint_would_reveal_but_the_sealed_split_does_not() -> None:
    # With the midpoint, a claimant demanding 1000 who sees 900 knows the offer was 800.
    state = open_session(BlindBiddingConfig(threshold=Threshold("absolute", 400)), secret=0)
    state = play(state, 1000, 800)
    assert state.settlement == 850  # split point 1/4 for secret 0
    others = consistent_other_bids(
        "claimant", 1000, 850, Threshold("absolute", 400), range(0, 2000)
    )
    assert 800 in others and len(others) > 100


def test_state_repr_hides_bids_and_draw() -> None:
    state = submit(session(), "claimant", 777_777, NOW)
    assert "777777" not in repr(state) and "split_point" not in repr(state)


BIDS = st.integers(3, 5_000)


@settings(max_examples=60, deadline=None)
@given(
    demand=BIDS,
    offer=BIDS,
    secret=st.integers(0, 10**6),
    limit=st.integers(0, 600),
    who=st.sampled_from(["claimant", "respondent"]),
)
def test_own_bid_and_result_never_pin_down_the_other_bid(
    demand: int, offer: int, secret: int, limit: int, who: str
) -> None:
    threshold = Threshold("absolute", limit)
    assume(threshold.allows(demand, offer))
    assume(demand - offer != limit or limit == 0)  # the documented threshold-edge corner
    state = play(open_session(BlindBiddingConfig(threshold=threshold), secret), demand, offer)
    settlement = public_view(state).settlement
    assert settlement is not None
    assert min(demand, offer) <= settlement <= max(demand, offer)
    own, other = (demand, offer) if who == "claimant" else (offer, demand)
    window = range(max(0, other - 40), other + 41)
    consistent = consistent_other_bids(who, own, settlement, threshold, window)  # type: ignore[arg-type]
    assert other in consistent
    assert len(consistent) >= 2


@settings(max_examples=60, deadline=None)
@given(
    rounds=st.lists(st.tuples(BIDS, BIDS), min_size=1, max_size=4),
    secret=st.integers(0, 10**6),
    percent=st.integers(0, 30),
)
def test_public_view_never_contains_a_bid_or_the_gap(
    rounds: list[tuple[int, int]], secret: int, percent: int
) -> None:
    config = BlindBiddingConfig(rounds=4, threshold=Threshold("percent", percent))
    state = open_session(config, secret)
    demand_cap, offer_floor = 10**9, 0
    for demand, offer in rounds:
        if state.status != "open":
            break
        demand, offer = min(demand, demand_cap), max(offer, offer_floor)
        demand_cap, offer_floor = demand, offer
        state = submit(state, "claimant", demand, NOW)
        secrets = {demand, offer, demand - offer, abs(demand - offer)}
        for view in (public_view(state), public_view(submit(state, "respondent", offer, NOW))):
            values = {v for v in asdict(view).values() if isinstance(v, int)}
            disclosed = values - {view.settlement}
            assert not disclosed & secrets - set(range(0, 5))
        state = submit(state, "respondent", offer, NOW)


def test_settlement_amount_is_symmetric_in_expectation() -> None:
    assert settlement_amount(1000, 2000, Fraction(1, 4)) == 1250
    assert settlement_amount(2000, 1000, Fraction(3, 4)) == 1750
