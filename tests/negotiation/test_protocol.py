"""Protocol: legal and illegal moves, agreement, deadlines, and event-sourcing round trips."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiation.errors import IllegalMove
from negotiation.model import Issue, NumericRange
from negotiation.protocol import NegotiationState, apply, decide, fold, open_negotiation
from negotiation.protocol_events import (
    Accept,
    AgreementReached,
    CloseAtDeadline,
    Command,
    Event,
    Leave,
    MakeOffer,
    NegotiationClosed,
    OfferAccepted,
    OfferMade,
    OfferWithdrawn,
    PartyWithdrew,
    ProtocolError,
    Reject,
    Withdraw,
    event_from_dict,
    event_to_dict,
)

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
DEADLINE = T0 + timedelta(days=30)
ISSUES = (
    Issue("amount", ("100", "200", "300"), NumericRange(100, 300, 100, "KZT")),
    Issue("apology", ("yes", "no")),
)
PACKAGE = {"amount": "200", "apology": "yes"}


class Room:
    """Applies commands the way the WebSocket room will: decide, persist events, apply."""

    def __init__(self, parties: tuple[str, ...] = ("ana", "bek")) -> None:
        self.log: list[Event] = open_negotiation(parties, ISSUES, DEADLINE, T0)
        self.state = fold(self.log)
        self.now = T0

    def do(self, command: Command) -> list[Event]:
        self.now += timedelta(minutes=1)
        events = decide(self.state, command, self.now)
        for event in events:
            self.state = apply(self.state, event)
        self.log.extend(events)
        return events


def test_counter_offers_and_agreement() -> None:
    room = Room()
    assert room.do(MakeOffer("ana", PACKAGE))[0] == OfferMade(1, "ana", PACKAGE, room.now)
    room.do(MakeOffer("bek", {"amount": "100", "apology": "yes"}))
    assert room.state.live_offer is not None and room.state.live_offer.version == 2
    assert room.state.offer_authors == ("ana", "bek")
    events = room.do(Accept("ana", 2))
    assert [type(e) for e in events] == [OfferAccepted, AgreementReached]
    assert room.state.status == "agreed"
    assert room.state.agreed_offer is not None and room.state.agreed_offer.author == "bek"
    with pytest.raises(IllegalMove, match="already agreed"):
        room.do(MakeOffer("ana", PACKAGE))


def test_agreement_needs_every_other_party() -> None:
    room = Room(("ana", "bek", "cem"))
    room.do(MakeOffer("ana", PACKAGE))
    assert [type(e) for e in room.do(Accept("bek", 1))] == [OfferAccepted]
    with pytest.raises(ProtocolError) as info:
        room.do(Accept("bek", 1))
    assert info.value.key == "negotiation.error.already_accepted"
    assert AgreementReached in [type(e) for e in room.do(Accept("cem", 1))]


def test_only_the_latest_live_offer_can_be_accepted() -> None:
    room = Room()
    for _ in range(5):
        room.do(MakeOffer("ana", PACKAGE))
    with pytest.raises(
        ProtocolError, match=r"offer version 3 is no longer current \(current is 5\)"
    ):
        room.do(Accept("bek", 3))
    with pytest.raises(ProtocolError, match="no offer version 9") as info:
        room.do(Accept("bek", 9))
    assert info.value.key == "negotiation.error.unknown_offer"


def test_withdraw_and_reject_end_the_live_offer() -> None:
    room = Room()
    room.do(MakeOffer("ana", PACKAGE))
    with pytest.raises(ProtocolError, match="only ana can withdraw"):
        room.do(Withdraw("bek", 1))
    room.do(Withdraw("ana", 1))
    assert room.state.live_offer is None and room.state.last_offer is not None
    assert room.state.last_offer.status == "withdrawn"
    with pytest.raises(ProtocolError, match="there is no live offer"):
        room.do(Accept("bek", 1))
    room.do(MakeOffer("ana", PACKAGE))
    with pytest.raises(ProtocolError, match="your own offer"):
        room.do(Reject("ana", 2))
    room.do(Reject("bek", 2))
    assert room.state.live_offer is None and room.state.last_offer is not None
    assert (room.state.last_offer.version, room.state.last_offer.status) == (2, "rejected")


@pytest.mark.parametrize(
    ("package", "field"),
    [
        ({"amount": "200"}, "package.apology"),
        ({"amount": "250", "apology": "yes"}, "package.amount"),
        ({"amount": "200", "apology": "yes", "venue": "x"}, "package.venue"),
    ],
)
def test_offers_must_be_full_valid_packages(package: dict[str, str], field: str) -> None:
    with pytest.raises(ProtocolError) as info:
        Room().do(MakeOffer("ana", package))
    assert info.value.field == field and info.value.key == "negotiation.error.invalid_package"


def test_strangers_cannot_move() -> None:
    with pytest.raises(ProtocolError, match="'eve' is not a party"):
        Room().do(MakeOffer("eve", PACKAGE))


def test_deadline_stops_moves_and_closes() -> None:
    room = Room()
    room.do(MakeOffer("ana", PACKAGE))
    with pytest.raises(ProtocolError, match="has not passed"):
        decide(room.state, CloseAtDeadline(), DEADLINE - timedelta(seconds=1))
    with pytest.raises(ProtocolError, match="deadline passed") as info:
        decide(room.state, Accept("bek", 1), DEADLINE)
    assert info.value.key == "negotiation.error.deadline_passed"
    (event,) = decide(room.state, CloseAtDeadline(), DEADLINE)
    state = apply(room.state, event)
    assert state.status == "closed" and state.closed_reason == "deadline"
    with pytest.raises(ProtocolError, match="closed"):
        decide(state, MakeOffer("ana", PACKAGE), DEADLINE)


def test_a_party_may_leave() -> None:
    room = Room()
    assert room.do(Leave("bek")) == [
        PartyWithdrew("bek", room.now),
        NegotiationClosed("party_left", "bek", room.now),
    ]
    assert room.state.status == "closed" and room.state.parties == ("ana",)


def test_stale_acceptance_is_refused_among_three() -> None:
    room = Room(("ana", "bek", "cem"))
    room.do(MakeOffer("ana", PACKAGE))
    room.do(Accept("bek", 1))
    room.do(MakeOffer("ana", {"amount": "300", "apology": "yes"}))
    assert room.state.waiting_for == ("bek", "cem")  # bek's acceptance was of version 1
    with pytest.raises(ProtocolError) as info:
        room.do(Accept("cem", 1))
    assert info.value.key == "negotiation.error.stale_offer"
    assert info.value.params == {"version": 1, "current": 2}


def test_withdrawal_leaves_the_others_negotiating() -> None:
    room = Room(("ana", "bek", "cem", "dan"))
    room.do(MakeOffer("ana", PACKAGE))
    room.do(Accept("bek", 1))
    before = room.state
    assert before.waiting_for == ("cem", "dan")
    assert room.do(Leave("cem")) == [PartyWithdrew("cem", room.now)]
    after = room.state
    assert after.parties == ("ana", "bek", "dan") and after.waiting_for == ("dan",)
    with pytest.raises(ProtocolError) as info:
        room.do(Accept("cem", 1))
    assert info.value.key == "negotiation.error.not_a_party"
    assert [type(e) for e in room.do(Accept("dan", 1))] == [OfferAccepted, AgreementReached]
    assert room.state.status == "agreed"


def test_withdrawal_completes_an_agreement_everyone_remaining_had_accepted() -> None:
    room = Room(("ana", "bek", "cem"))
    room.do(MakeOffer("ana", PACKAGE))
    room.do(Accept("bek", 1))
    events = room.do(Leave("cem"))
    assert events == [PartyWithdrew("cem", room.now), AgreementReached(1, room.now)]
    assert room.state.status == "agreed" and room.state.accepted_by == {"ana", "bek"}


def test_withdrawing_author_takes_its_live_offer_along() -> None:
    room = Room(("ana", "bek", "cem"))
    room.do(MakeOffer("ana", PACKAGE))
    room.do(Accept("bek", 1))
    events = room.do(Leave("ana"))
    assert events == [OfferWithdrawn(1, "ana", room.now), PartyWithdrew("ana", room.now)]
    assert room.state.live_offer is None and room.state.status == "open"
    assert room.state.parties == ("bek", "cem") and room.state.waiting_for == ()


def test_an_offer_giving_the_leaver_an_item_is_withdrawn_with_it() -> None:
    """Fair division: an item's options are the parties' keys. An allocation that gives the
    leaving party something cannot become the others' agreement: it goes with the leaver."""
    items = (Issue("house", ("ana", "bek", "cem")), Issue("car", ("ana", "bek", "cem")))
    log: list[Event] = open_negotiation(("ana", "bek", "cem"), items, None, T0)
    state = fold(log)
    for command in (MakeOffer("ana", {"house": "ana", "car": "cem"}), Accept("bek", 1)):
        for event in decide(state, command, T0):
            state = apply(state, event)
    events = decide(state, Leave("cem"), T0)
    assert events == [OfferWithdrawn(1, "cem", T0), PartyWithdrew("cem", T0)]
    for event in events:
        state = apply(state, event)
    assert state.live_offer is None and state.status == "open"


def test_fewer_than_two_remaining_closes() -> None:
    room = Room(("ana", "bek", "cem"))
    room.do(Leave("bek"))
    assert room.do(Leave("ana"))[-1] == NegotiationClosed("party_left", "ana", room.now)
    assert room.state.status == "closed" and room.state.parties == ("cem",)


def test_a_withdrawal_of_a_stranger_is_a_corrupt_log() -> None:
    room = Room()
    with pytest.raises(ProtocolError, match="not a party"):
        apply(room.state, PartyWithdrew("zed", T0))


@pytest.mark.parametrize(
    ("parties", "deadline", "now"),
    [
        (("ana",), None, T0),
        (("ana", "ana"), None, T0),
        (("ana", "bek"), T0, T0),
        (("ana", "bek"), None, T0.replace(tzinfo=None)),
    ],
)
def test_open_validates(parties: tuple[str, ...], deadline: datetime | None, now: datetime) -> None:
    with pytest.raises(IllegalMove):
        open_negotiation(parties, ISSUES, deadline, now)


def test_corrupt_logs_are_refused() -> None:
    room = Room()
    with pytest.raises(ProtocolError, match="out of sequence"):
        apply(room.state, OfferMade(3, "ana", PACKAGE, T0))
    with pytest.raises(ProtocolError):
        apply(None, OfferAccepted(1, "ana", T0))
    with pytest.raises(ProtocolError):
        apply(room.state, room.log[0])
    with pytest.raises(ProtocolError):
        fold([])


PARTIES = ("ana", "bek", "cem", "dan")
PACKAGES = st.fixed_dictionaries(
    {"amount": st.sampled_from(["100", "200", "300"]), "apology": st.sampled_from(["yes", "no"])}
)
COMMANDS = st.one_of(
    st.builds(MakeOffer, st.sampled_from(PARTIES), PACKAGES),
    st.builds(Accept, st.sampled_from(PARTIES), st.integers(0, 6)),
    st.builds(Reject, st.sampled_from(PARTIES), st.integers(0, 6)),
    st.builds(Withdraw, st.sampled_from(PARTIES), st.integers(0, 6)),
    st.builds(Leave, st.sampled_from(PARTIES)),
    st.just(CloseAtDeadline()),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(COMMANDS, st.integers(0, 20 * 24 * 60)), max_size=25),
    st.integers(2, 4),
)
def test_folding_the_log_equals_the_state_reached_step_by_step(
    steps: list[tuple[Command, int]], party_count: int
) -> None:
    parties = PARTIES[:party_count]
    log: list[Event] = open_negotiation(parties, ISSUES, DEADLINE, T0)
    state = fold(log)
    now = T0
    for command, minutes in steps:
        now += timedelta(minutes=minutes)
        before = state
        try:
            events = decide(state, command, now)
        except IllegalMove as error:
            assert str(error)
            assert state == before  # a refused move changes nothing
            continue
        for event in events:
            state = apply(state, event)
        log.extend(events)
        # Invariants of every reachable state.
        last = state.last_offer
        assert (last.version if last else 0) == state.offers_made
        assert last is None or last.author == state.offer_authors[-1]
        assert (last is not None and last.status == "agreed") == (state.status == "agreed")
        if state.status == "agreed":
            assert state.agreed_offer is not None and state.accepted_by >= set(state.parties)
        assert set(state.parties) <= set(parties)
    assert fold(log) == state
    # The log survives its JSON form unchanged (the room persists it that way).
    stored = json.loads(json.dumps([event_to_dict(e) for e in log]))
    assert fold(event_from_dict(e) for e in stored) == state
    assert state.events_applied == len(log)


def test_state_is_comparable_after_replay_from_any_prefix() -> None:
    room = Room()
    room.do(MakeOffer("ana", PACKAGE))
    room.do(MakeOffer("bek", PACKAGE))
    stale: NegotiationState = fold(room.log[:2])
    for event in room.log[2:]:
        stale = apply(stale, event)
    assert stale == room.state
