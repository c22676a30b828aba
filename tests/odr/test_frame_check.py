"""The check every test's WebSocket client applies to the frames it receives
(``tests/odr/frame_check.py``): it passes what the server sends, and a frame that drifts from
``odr/room/frames.py`` or ``odr/centre/live_frames.py`` fails the test, saying where."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette

from odr.room import log
from odr.room.event_data import EVENT_DATA
from odr.room.frames import EVENT_TYPES
from tests.builders.room import joined_case
from tests.odr import frame_check

AT = "2026-12-01T09:30:00+00:00"
CASE = "0123456789abcdef0123456789abcdef"


def event(name: str, data: dict[str, Any], role: str = "claimant") -> dict[str, Any]:
    actor = {"role": role, "name": None if role == "system" else "Aigerim"}
    return {"type": "event", "seq": 3, "event": name, "actor": actor, "at": AT, "data": data}


BIDDING_RULES = {"rounds": 3, "threshold": {"kind": "percent", "value": 5}, "round_hours": 72}
# One event of every type, in the shape its producer in odr/ logs it.
EVENTS = [
    event("interests_submitted", {"role": "respondent"}, "respondent"),
    event("joint_session", {"kind": "proposed", "session": CASE, "slots": 2}, "mediator"),
    event("joint_session", {"kind": "chosen", "session": CASE}, "respondent"),
    event(
        "joint_session",
        {"kind": "confirmed", "session": CASE, "starts_at": AT, "minutes": 60, "place": None},
        "mediator",
    ),
    event("joint_session", {"kind": "cancelled", "session": CASE, "reason": "ill"}, "mediator"),
    event(
        "joint_session",
        {"kind": "outcome", "session": CASE, "outcome": "held", "note": "Agreed on dates."},
        "mediator",
    ),
    event("points_submitted", {"role": "claimant"}, "claimant"),
    event(
        "item_photo",
        {"item_id": "item1", "media_type": "image/jpeg", "bytes": 2048, "sha256": "a" * 64},
        "claimant",
    ),
    event(
        "document",
        {
            "kind": "added",
            "file_name": "Договор.pdf",
            "media_type": "application/pdf",
            "bytes": 4096,
            "sha256": "b" * 64,
        },
        "mediator",
    ),
    event(
        "proposals_ready",
        {"version": 1, "packages": [{"id": "p1", "criterion": "nash", "choice": {"price": "5"}}]},
        "system",
    ),
    event("no_agreement_zone", {"version": 2}, "system"),
    event("offer", {"version": 1, "package": {"price": "5"}, "from_proposal": "p1"}),
    event("counter_offer", {"version": 2, "package": {"price": "7"}, "counter_to": 1}),
    event("accept", {"version": 2}),
    event("reject", {"version": 2, "reason": None}),
    event("withdraw", {"version": 2}),
    event("party_withdrew", {"role": "party3"}, "party3"),
    event("message", {"text": "Сәлеметсіз бе!\nLet us settle."}),
    event("agreement", {"version": 2, "package": {"price": "7"}}, "system"),
    event("deadline", {"kind": "reminder", "deadline_at": AT, "hours": 24}, "system"),
    event("deadline", {"kind": "expired", "deadline_at": AT}, "system"),
    event("deadline", {"kind": "extended", "deadline_at": AT, "reason": "ill"}, "mediator"),
    event("system", {"key": "proposals.failed"}, "system"),
    event("system", {"key": "mediator.changed", "mediator": "Dana"}, "system"),
    event("paused", {"reason": "consultations"}, "mediator"),
    event("resumed", {"deadline_at": AT}, "mediator"),
    event("closed", {"outcome": "failed", "reason": "no answer"}, "mediator"),
    event("referred", {"referral_id": CASE, "record_shared": False}, "mediator"),
    event("attested", {"contract_date": "2026-11-30"}, "mediator"),
    event(
        "improvement_offered",
        {"round": 1, "package": {"amount": "150000"}, "replaces_version": 2, "expires_at": AT},
        "system",
    ),
    event(
        "improvement_adopted", {"round": 1, "version": 2, "package": {"amount": "150000"}}, "system"
    ),
    event("improvement_lapsed", {"round": 1, "reason": "declined"}, "system"),
    event(
        "mechanism_switch",
        {
            "kind": "proposed",
            "current": "packages",
            "to": "division",
            "items": [{"id": "item1", "name": "Car", "value_tiyn": 150000000, "note": None}],
        },
        "mediator",
    ),
    event("mechanism_switch", {"kind": "consented", "proposal_seq": 3}),
    event("mechanism_switch", {"kind": "declined", "proposal_seq": 3}, "respondent"),
    event(
        "mechanism_switch",
        {"kind": "switched", "current": "packages", "to": "division", "proposal_seq": 3},
        "system",
    ),
    event("bidding", {"kind": "rules_proposed", "rules": BIDDING_RULES}),
    event("bidding", {"kind": "rules_agreed", "rules": BIDDING_RULES}, "respondent"),
    event("bidding", {"kind": "round_opened", "round": 1, "deadline_at": AT}, "system"),
    event("bidding", {"kind": "not_yet", "round": 1, "reason": "deadline"}, "system"),
    event(
        "bidding",
        {"kind": "no_settlement", "round": 3, "reason": "bids", "options": ["packages", "court"]},
        "system",
    ),
    event("bidding", {"kind": "choice", "option": "packages"}),
    event("bidding", {"kind": "switched", "mechanism": "packages"}, "system"),
    event(
        "bidding_settled",
        {
            "version": 1,
            "round": 2,
            "amount": 15000050,
            "currency": "KZT",
            "package": {"amount": "150000.50"},
        },
        "system",
    ),
    *(
        event(
            f"performance_{kind}",
            {
                "key": "1.2",
                "obligation": 1,
                "instalment": 2,
                "reference": "KASPI-0002" if kind == "paid" else None,
                "reason": "Nothing arrived." if kind == "disputed" else None,
                "receipt_sha256": "ab" * 32 if kind == "paid" else None,
            },
            "respondent" if kind in ("paid", "done") else "claimant",
        )
        for kind in ("paid", "done", "received", "confirmed", "disputed")
    ),
    *(
        event(
            f"penalty_{kind}",
            {
                "obligation": 1,
                "amount_tiyn": None if kind == "disputed" else 15000,
                "currency": "KZT",
                "reference": "KASPI-P1" if kind == "paid" else None,
                "reason": "Nothing arrived." if kind == "disputed" else None,
            },
            "respondent" if kind == "paid" else "claimant",
        )
        for kind in ("paid", "received", "waived", "disputed")
    ),
    event(
        "writ_application_made",
        {
            "id": CASE,
            "obligations": [1],
            "total_tiyn": 20130000,
            "currency": "KZT",
            "court": {"code": "ASTANA-1", "name": "Суд №1 г. Астаны"},
        },
    ),
    event(
        "writ_application_acknowledged", {"id": CASE, "court_case_number": "2-1234/27"}, "system"
    ),
]


@pytest.fixture(autouse=True)
def forget_mismatches() -> Iterator[None]:
    """These tests make mismatches on purpose; the ones they expect are asserted, not failed."""
    yield
    frame_check.mismatches.clear()


def test_every_event_type_has_a_data_schema_and_an_example_here() -> None:
    assert set(EVENT_DATA) == set(EVENT_TYPES)
    assert {e["event"] for e in EVENTS} == set(EVENT_TYPES)


@pytest.mark.parametrize("frame", EVENTS, ids=lambda f: f"{f['event']}-{next(iter(f['data']))}")
def test_events_as_logged_fit(frame: dict[str, Any]) -> None:
    assert frame_check.room_frame(json.dumps(frame)) == frame


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "welcome", "case_id": CASE, "role": "mediator", "head_seq": 0},
        {"type": "ack", "key": "k1", "seq": 1},
        {"type": "error", "code": "invalid_frame", "message": "text: blank", "key": None},
        {"type": "resync", "reason": "start again from 0", "head_seq": 4},
        {
            "type": "presence",
            "connection": "0a1b2c3d4e5f",
            "who": {"role": "respondent", "name": "Бекзат"},
            "online": True,
            "ttl": 60,
        },
        {
            "type": "presence",
            "connection": "0a1b2c3d4e5f",
            "who": {"role": "party10", "name": "Ерлан"},
            "online": False,
            "ttl": 60,
        },
        {"type": "pong"},
    ],
    ids=lambda f: f"{f['type']}-{f.get('who', {}).get('role', '')}",
)
def test_other_server_frames_fit(frame: dict[str, Any]) -> None:
    assert frame_check.room_frame(json.dumps(frame)) == frame


@pytest.mark.parametrize(
    ("frame", "said"),
    [
        ({"type": "hello", "case_id": CASE}, "does not match any of the expected tags"),
        ({"type": "ack", "key": "k1", "seq": 1, "extra": 1}, "extra: Extra inputs"),
        ({"type": "ack", "key": "k1", "seq": "1"}, "seq: Input should be a valid integer"),
        ({"type": "error", "code": "Bad Code", "message": "m", "key": None}, "code: String"),
        ({"type": "error", "code": "forbidden", "message": "m"}, "key: Field required"),
        ({**EVENTS[5], "at": "2026-12-01T09:30:00"}, "at: Input should have timezone"),
        ({**EVENTS[5], "actor": {"role": "court", "name": None}}, "actor.role: Input"),
        (event("accept", {"version": "2"}), "data.version: Input should be a valid integer"),
        (event("offer", {"version": 2, "package": {}, "counter_to": 1}), "data.counter_to"),
        (event("counter_offer", {"version": 2, "package": {}}), "data.counter_to: Field"),
        (event("reject", {"version": 2}), "data.reason: Field required"),
        (event("deadline", {"kind": "soon", "deadline_at": AT}), "data: Input tag 'soon'"),
        (event("system", {"key": "mediator.changed"}), "data.mediator: Field required"),
        (event("closed", {"outcome": "won", "reason": ""}), "data.outcome: Input should be"),
        (event("party_withdrew", {"role": "party11"}), "data.role: String should match"),
    ],
)
def test_a_frame_that_drifts_fails_saying_where(frame: dict[str, Any], said: str) -> None:
    raw = json.dumps(frame)
    with pytest.raises(frame_check.FrameMismatch) as failed:
        frame_check.room_frame(raw)
    message = str(failed.value)
    assert message.startswith("/ws sent a frame that does not fit odr/room/frames.py")
    assert raw in message and said in message, message
    assert frame_check.mismatches == [message]  # remembered for the test's end, too


@pytest.mark.parametrize(
    ("frame", "fits"),
    [
        ({"type": "ready", "cases": [CASE]}, True),
        ({"type": "activity", "case_id": CASE, "seq": 4, "event": "offer", "at": AT}, True),
        ({"type": "activity", "case_id": CASE, "event": None}, True),  # fell behind: reload
        ({"type": "assigned", "case_id": CASE}, True),
        ({"type": "unassigned", "case_id": CASE}, True),
        ({"type": "pong"}, True),
        ({"type": "activity", "case_id": CASE, "event": "offer"}, False),
        ({"type": "activity", "case_id": CASE, "seq": 4, "event": "bid", "at": AT}, False),
        ({"type": "activity", "case_id": CASE, "seq": 4, "event": None, "at": AT}, False),
        ({"type": "ready", "cases": ["x"]}, False),
        ({"type": "event", "seq": 1}, False),  # a room frame has no business here
    ],
)
def test_centre_frames(frame: dict[str, Any], fits: bool) -> None:
    raw = json.dumps(frame)
    if fits:
        assert frame_check.centre_frame(raw) == frame
    else:
        with pytest.raises(frame_check.FrameMismatch, match=r"^/ws/centre sent a frame"):
            frame_check.centre_frame(raw)


async def test_a_test_client_fails_on_a_frame_the_server_got_wrong(
    address: str, app: Starlette, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wiring: RoomClient checks what it reads, and says so where the test waits."""
    built = log.event_frame

    def drifted(event: log.LoggedEvent, actor_name: str | None) -> dict[str, Any]:
        frame = built(event, actor_name)
        frame["data"] = {**frame["data"], "words": len(frame["data"]["text"].split())}
        return frame

    monkeypatch.setattr(log, "event_frame", drifted)
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    with pytest.raises(frame_check.FrameMismatch) as failed:  # the ack fits; the event does not
        await claimant.command("message", text="one two")
        await claimant.wait_frame(lambda f: f["type"] == "event")
    assert "data.words: Extra inputs are not permitted" in str(failed.value)
    assert "the data of a 'message' event does not fit" in str(failed.value)
    await claimant.disconnect()
