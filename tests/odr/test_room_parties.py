"""The room with more than two parties over a real WebSocket: every party's acceptance, "waiting
for", presence, and a party's withdrawal (``POST /api/cases/{id}/withdrawal``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from starlette.applications import Starlette

from negotiation.protocol import NegotiationState
from odr.room import moves
from odr.room.log import LoggedEvent
from odr.room.state_cache import fold
from tests.builders.parties import seat_party
from tests.builders.room import joined_case, logged, view
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient

OFFER = {"amount": "100000", "issue2": "сразу"}
BETTER = {"amount": "150000", "issue2": "сразу"}


async def room_of(
    app: Starlette, address: str, make_client: MakeClient, parties: int
) -> tuple[list[RoomClient], str]:
    """A case of ``parties`` parties (the claimant, the respondent, then dana, erlan, …), each
    in the room over its own socket."""
    claimant, respondent, case_id = await joined_case(address)
    rooms = [claimant, respondent]
    for n, name in enumerate(("dana", "erlan", "farida")[: parties - 2], 3):
        client = make_client()
        await seat_party(app, client, case_id, f"party{n}", email=f"{name}@example.kz")
        rooms.append(RoomClient(address, dict(client.cookies), client.csrf))
    for room in rooms:
        await room.join(case_id)
    return rooms, case_id


async def folded(client: RoomClient) -> tuple[NegotiationState, dict[str, str]]:
    """The negotiation as ``client`` can fold it from the frames it received, and the parties'
    names by key, as the case tells them (what the browser does, with the server's engine)."""
    case = (await client.http("GET", f"/api/cases/{client.case_id}")).json()
    names = {p["role"]: p["display_name"] for p in case["parties"]}
    events = [
        LoggedEvent(
            client.case_id or "",
            e["seq"],
            e["event"],
            None,
            e["actor"]["role"],
            e["data"],
            datetime.fromisoformat(e["at"]),
        )
        for e in client.events
    ]
    opened = moves.opening(list(names), case["issues"], datetime.fromisoformat(case["created_at"]))
    return fold(opened, events, moves.to_protocol_events), names


async def waiting_for(client: RoomClient) -> list[str]:
    state, names = await folded(client)
    return [names[role] for role in state.waiting_for]


async def settle(rooms: list[RoomClient], seq: int) -> None:
    for room in rooms:
        await room.wait_seq(seq)
        assert room.violations == []


async def test_four_parties_agree_only_when_all_four_accepted_the_current_offer(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    rooms, case_id = await room_of(app, address, make_client, 4)
    claimant, respondent, dana, erlan = rooms
    here = await claimant.wait_frame(
        lambda f: f["type"] == "presence" and f["who"]["role"] == "party4" and f["online"]
    )
    assert here["who"] == {"role": "party4", "name": "erlan"}
    assert (await claimant.command("offer", package=OFFER))["type"] == "ack"
    assert (await respondent.command("accept", version=1))["type"] == "ack"
    await claimant.command("offer", package=BETTER)  # the author revises: version 2
    await settle(rooms, 3)
    assert await waiting_for(dana) == ["respondent", "dana", "erlan"]
    stale = await erlan.command("accept", version=1)
    assert (stale["type"], stale["code"]) == ("error", "stale_offer")
    assert "current is 2" in stale["message"]
    for party in (respondent, dana):
        assert (await party.command("accept", version=2))["type"] == "ack"
    await settle(rooms, 5)
    for room in rooms:
        assert await waiting_for(room) == ["erlan"]
    twice = await respondent.command("accept", version=2)
    assert (twice["code"], twice["message"]) == (
        "already_accepted",
        "you have already accepted offer version 2",
    )
    assert (await erlan.command("accept", version=2))["type"] == "ack"
    await settle(rooms, 7)
    assert [e["event"] for e in claimant.events] == [
        "offer",
        "accept",
        "offer",
        "accept",
        "accept",
        "accept",
        "agreement",
    ]
    assert claimant.events[-1]["data"] == {"version": 2, "package": BETTER}
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["status"] == "agreed"
    stored = await logged(app, case_id)
    assert all(view(room) == stored for room in rooms)
    for room in rooms:
        await room.disconnect()


async def test_a_withdrawal_mid_negotiation_leaves_the_others_to_agree(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    rooms, case_id = await room_of(app, address, make_client, 4)
    claimant, respondent, dana, erlan = rooms
    await claimant.command("offer", package=OFFER)
    await respondent.command("accept", version=1)
    left = await dana.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200, left.text
    assert left.json()["role"] == "party3" and left.json()["case_status"] == "open"
    await settle(rooms, 3)
    withdrew = claimant.events[-1]
    assert (withdrew["event"], withdrew["data"]) == ("party_withdrew", {"role": "party3"})
    assert withdrew["actor"] == {"role": "party3", "name": "dana"}
    assert await waiting_for(claimant) == ["erlan"]
    again = await dana.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert again.json() == left.json()  # the same answer; nothing more logged
    refused = await dana.command("accept", version=1)
    assert (refused["type"], refused["code"]) == ("error", "not_a_party")
    assert (await dana.command("message", text="Good luck."))["type"] == "ack"  # may still write
    assert (await erlan.command("accept", version=1))["type"] == "ack"
    await settle(rooms, 6)
    assert [e["event"] for e in erlan.events][-2:] == ["accept", "agreement"]
    assert (await claimant.http("GET", f"/api/cases/{case_id}")).json()["status"] == "agreed"
    stored = await logged(app, case_id)
    assert all(view(room) == stored for room in rooms)
    for room in rooms:
        await room.disconnect()


async def third_leaves_after_an_acceptance(
    rooms: list[RoomClient], case_id: str, author: int
) -> dict[str, Any]:
    """``rooms[author]`` offers, the claimant accepts, then the third party (dana) withdraws;
    the withdrawal's answer, once every room has the four events."""
    claimant, _, dana = rooms
    await rooms[author].command("offer", package=OFFER)
    await claimant.command("accept", version=1)
    left = await dana.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200, left.text
    await settle(rooms, 4)
    return dict(left.json())


async def test_a_withdrawal_completes_the_agreement_of_everyone_remaining(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    rooms, case_id = await room_of(app, address, make_client, 3)
    claimant, _, _ = rooms
    left = await third_leaves_after_an_acceptance(rooms, case_id, author=1)
    assert left["case_status"] == "agreed"
    assert [(e["event"], e["actor"]["role"]) for e in claimant.events[2:]] == [
        ("party_withdrew", "party3"),
        ("agreement", "system"),
    ]
    for room in rooms:
        await room.disconnect()


async def test_the_author_withdrawing_takes_its_offer_along(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    rooms, case_id = await room_of(app, address, make_client, 3)
    _, respondent, _ = rooms
    left = await third_leaves_after_an_acceptance(rooms, case_id, author=2)
    assert left["case_status"] == "open"
    assert [e["event"] for e in respondent.events[2:]] == ["withdraw", "party_withdrew"]
    state, _ = await folded(respondent)
    assert state.live_offer is None and state.parties == ("claimant", "respondent")
    refused = await respondent.command("accept", version=1)
    assert refused["code"] == "stale_offer"
    for room in rooms:
        await room.disconnect()


async def test_fewer_than_two_remaining_fails_the_mediation(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    (claimant, respondent), case_id = await room_of(app, address, make_client, 2)
    left = await respondent.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200 and left.json()["case_status"] == "failed"
    await claimant.wait_seq(2)
    assert [(e["event"], e["data"]) for e in claimant.events] == [
        ("party_withdrew", {"role": "respondent"}),
        ("closed", {"outcome": "failed", "reason": "party_withdrew"}),
    ]
    assert (await respondent.http("POST", f"/api/cases/{case_id}/withdrawal")).json() == left.json()
    late = await claimant.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert (late.status_code, late.json()["error"]["code"]) == (409, "not_negotiating")
    refused = await claimant.command("offer", package=OFFER)
    assert refused["code"] == "room_closed"
    outsider, _, _ = await joined_case(address, prefix="x")
    stranger = await outsider.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert (stranger.status_code, stranger.json()["error"]["code"]) == (404, "case_not_found")
    for room in (claimant, respondent):
        await room.disconnect()


async def test_a_party_seated_after_the_room_folded_the_case_may_move(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    """The room caches the folded negotiation; a party that joined after that (no event says
    so) is not refused as a stranger: a refusal ``not_a_party`` reads the case afresh once."""
    (claimant, respondent), case_id = await room_of(app, address, make_client, 2)
    await claimant.command("offer", package=OFFER)  # the room now holds the folded state
    client = make_client()
    await seat_party(app, client, case_id, "party3", email="dana@example.kz")
    dana = RoomClient(address, dict(client.cookies), client.csrf)
    await dana.join(case_id)
    assert (await dana.command("accept", version=1))["type"] == "ack"
    assert await waiting_for(dana) == ["respondent"]
    assert (await respondent.command("accept", version=1))["type"] == "ack"
    await settle([claimant, respondent, dana], 4)
    assert dana.events[-1]["event"] == "agreement"
    for room in (claimant, respondent, dana):
        await room.disconnect()
