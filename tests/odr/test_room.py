"""The negotiation room over a real WebSocket: ordering, replay, idempotency, refusals."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from starlette.applications import Starlette
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.room import joined_case, logged, view
from tests.odr.room_client import RoomClient


async def test_two_parties_exchange_messages_live_and_in_order(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    ack1 = await claimant.command("message", text="Сәлеметсіз бе! Let us settle.")
    ack2 = await respondent.command("message", text="Давайте.")
    assert (ack1["type"], ack1["seq"], ack2["seq"]) == ("ack", 1, 2)
    for client in (claimant, respondent):
        await client.wait_seq(2)
        assert [e["data"]["text"] for e in client.events] == [
            "Сәлеметсіз бе! Let us settle.",
            "Давайте.",
        ]
        assert client.events[0]["actor"] == {"role": "claimant", "name": "claimant"}
        assert client.violations == []
    assert view(claimant) == view(respondent) == await logged(app, case_id)
    for client in (claimant, respondent):
        await client.disconnect()


async def test_entering_the_room_folds_the_case_for_the_first_move(
    address: str, app: Starlette
) -> None:
    claimant, _, case_id = await joined_case(address)
    room = services_of(app).room
    room.states.forget(case_id)
    await claimant.join(case_id)
    for _ in range(200):  # read after the welcome and the replay, off the socket's path
        if room.states.get(case_id) is not None:
            break
        await asyncio.sleep(0.01)
    known = room.states.get(case_id)
    assert known is not None and (known.seq, known.status) == (0, "open")
    assert known.state is not None and known.state.parties == ("claimant", "respondent")
    assert (await claimant.command("offer", package=PACKAGE))["seq"] == 1
    await claimant.disconnect()


async def test_retried_command_creates_one_event(address: str, app: Starlette) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    first = await claimant.command("message", key="same-key-1", text="once")
    again = await claimant.command("message", key="same-key-1", text="once")
    assert first == again == {"type": "ack", "key": "same-key-1", "seq": 1}
    await claimant.reconnect()
    retried = await claimant.command("message", key="same-key-1", text="once")
    assert retried["seq"] == 1
    assert len(await logged(app, case_id)) == 1
    await claimant.disconnect()


async def test_reconnect_replays_only_what_was_missed(address: str, app: Starlette) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    await claimant.command("message", text="one")
    await respondent.wait_seq(1)
    await respondent.disconnect()
    for text in ("two", "three"):
        await claimant.command("message", text=text)
    await respondent.join(case_id)  # hello with last_seq=1
    await respondent.wait_seq(3)
    assert [e["data"]["text"] for e in respondent.events] == ["one", "two", "three"]
    assert respondent.violations == []
    assert view(respondent) == await logged(app, case_id)
    await claimant.disconnect()
    await respondent.disconnect()


async def test_foreign_origin_and_missing_session_are_refused(address: str) -> None:
    claimant, _, _ = await joined_case(address)
    with pytest.raises(InvalidStatus) as refused:
        await claimant.connect(origin="https://evil.example")
    assert refused.value.response.status_code == 403
    with pytest.raises(InvalidStatus):
        async with connect(f"ws://{address}/ws", origin=f"http://{address}"):  # type: ignore[arg-type]
            pass
    stranger = RoomClient(address, {"kelisim_session": "forged"})
    with pytest.raises(InvalidStatus):
        await stranger.connect()


async def test_party_cannot_enter_or_act_in_another_case(address: str) -> None:
    _, _, case_id = await joined_case(address)
    outsider, _, other_case = await joined_case(address, prefix="x")
    await outsider.connect()
    error = await outsider.hello(case_id)
    assert error == {
        "type": "error",
        "code": "case_not_found",
        "message": "there is no case with this id among your cases",
        "key": None,
    }
    refused = await outsider.command("message", text="hi")
    assert refused["code"] == "hello_first"
    assert (await outsider.hello(other_case))["type"] == "welcome"  # the socket is still fine
    await outsider.disconnect()


async def test_bad_frames_get_error_frames_and_the_socket_stays_open(
    address: str, app: Starlette, settings: Settings
) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    bad_frames: list[str | bytes] = [
        "not json",
        "[]",
        "{}",
        '{"type": "dance"}',
        '{"type": "message", "key": "k"}',
        '{"type": "message", "key": "bad key!", "text": "x"}',
        '{"type": "offer", "key": "k2", "package": "everything"}',
        '{"type": "hello", "case_id": "x", "last_seq": -1}',
        "[" * 5000,
        b"\xff\xfe",
        json.dumps({"type": "message", "key": "k3", "text": "x" * 5000}),
        json.dumps({"type": "message", "key": "big", "text": "x"})
        + " " * settings.ws_max_frame_bytes,
    ]
    for frame in bad_frames:
        before = len(claimant.frames)
        await claimant.send(frame)
        reply = await claimant.wait_frame(lambda f: f["type"] != "presence", since=before)
        assert reply["type"] == "error", (frame, reply)
        assert reply["code"] in ("invalid_frame", "frame_too_large"), reply
    await claimant.send({"type": "ping"})
    assert (await claimant.wait_frame(lambda f: f["type"] == "pong"))["type"] == "pong"
    assert await logged(app, case_id) == []
    await claimant.disconnect()


async def test_client_claiming_unknown_events_is_told_to_resync(address: str) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.connect()
    reply = await claimant.hello(case_id, last_seq=99)
    assert reply["type"] == "resync" and reply["head_seq"] == 0
    await claimant.disconnect()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_flooding_client_is_rate_limited(env: dict[str, str], address: str) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    for _ in range(60):
        await claimant.send({"type": "ping"})
    await claimant.wait_frame(lambda f: f.get("code") == "rate_limited")
    await claimant.disconnect()


async def test_presence_is_announced(address: str) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    seen = await claimant.wait_frame(
        lambda f: f["type"] == "presence" and f["who"]["role"] == "respondent" and f["online"]
    )
    assert seen["who"]["name"] == "respondent" and seen["ttl"] > 0
    await respondent.disconnect()
    await claimant.wait_frame(
        lambda f: f["type"] == "presence" and f["who"]["role"] == "respondent" and not f["online"]
    )
    await claimant.disconnect()


PACKAGE = {"amount": "150000", "issue2": "сразу"}


async def test_offers_and_counter_offers_to_agreement(address: str, app: Starlette) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    offer = await claimant.command("offer", package={"amount": "400000", "issue2": "сразу"})
    assert offer["type"] == "ack"
    counter = await respondent.command("offer", package=PACKAGE, counter_to=1)
    assert counter["type"] == "ack"
    accepted = await claimant.command("accept", version=2)
    assert accepted["type"] == "ack"
    await respondent.wait_seq(4)
    assert [(e["event"], e["actor"]["role"]) for e in respondent.events] == [
        ("offer", "claimant"),
        ("counter_offer", "respondent"),
        ("accept", "claimant"),
        ("agreement", "system"),
    ]
    assert respondent.events[1]["data"] == {"version": 2, "package": PACKAGE, "counter_to": 1}
    assert respondent.events[3]["data"] == {"version": 2, "package": PACKAGE}
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["status"] == "agreed"
    late = await respondent.command("message", text="one more thing")
    assert late["code"] == "room_closed"
    await claimant.wait_seq(4)
    assert view(claimant) == view(respondent) == await logged(app, case_id)
    await claimant.disconnect()
    await respondent.disconnect()


async def test_illegal_moves_are_refused_with_readable_errors(address: str, app: Starlette) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    refusals: list[tuple[RoomClient, str, dict[str, Any], str]] = [
        (claimant, "accept", {"version": 1}, "unknown_offer"),
        (claimant, "offer", {"package": {"amount": "150000"}}, "invalid_package"),
        (claimant, "offer", {"package": {**PACKAGE, "amount": "150001"}}, "invalid_package"),
        (claimant, "offer", {"package": {**PACKAGE, "extra": "x"}}, "invalid_package"),
    ]
    for client, command, body, code in refusals:
        reply = await client.command(command, **body)
        assert reply["type"] == "error" and reply["code"] == code, reply
        assert reply["message"]
    assert await logged(app, case_id) == []
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    later: list[tuple[RoomClient, str, dict[str, Any], str | None]] = [
        (claimant, "accept", {"version": 1}, "own_offer"),
        (respondent, "withdraw", {"version": 1}, "not_author"),
        (respondent, "accept", {"version": 7}, None),
        (respondent, "offer", {"package": PACKAGE, "counter_to": 5}, "invalid_counter"),
    ]
    for client, command, body, expected in later:
        reply = await client.command(command, **body)
        assert reply["type"] == "error", reply
        assert expected is None or reply["code"] == expected, reply
    assert (await claimant.command("withdraw", version=1))["type"] == "ack"
    stale = await respondent.command("accept", version=1)
    assert stale["type"] == "error"
    assert [t for _, t, _ in await logged(app, case_id)] == ["offer", "withdraw"]
    await claimant.disconnect()
    await respondent.disconnect()
