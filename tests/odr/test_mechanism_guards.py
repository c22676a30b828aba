"""Each mechanism takes only its own moves (#12): a blind-bidding case refuses the room's package
moves and stated interests, a fair-division case refuses interests (points replace them); the
refusals are worded for the client and store nothing. Over HTTP and the room's WebSocket, on
SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from starlette.applications import Starlette

from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.bidding import bidding_case, choose, no_settlement
from tests.builders.division import make_division
from tests.builders.privacy import CLAIMANT_INTERESTS
from tests.builders.room import joined_case, logged
from tests.conftest import MakeClient, assert_error
from tests.odr.centre_setup import (
    add_mediator,
    join,
    new_centre,
    open_case,
    staff_client,
    staff_login,
)
from tests.odr.room_client import RoomClient

PACKAGE = {"amount": "200000", "issue2": "сразу"}
MOVES: list[dict[str, Any]] = [
    {"type": "offer", "package": PACKAGE},
    {"type": "offer", "package": PACKAGE, "counter_to": 1},
    {"type": "accept", "version": 1},
    {"type": "reject", "version": 1},
    {"type": "withdraw", "version": 1},
]
MOVE_EVENTS = {"offer", "counter_offer", "accept", "reject", "withdraw", "agreement"}


async def refused_moves(client: RoomClient) -> list[tuple[str, str]]:
    """Every package move sent by ``client``: (code, message) of each error frame."""
    answers = []
    for move in MOVES:
        body = {k: v for k, v in move.items() if k != "type"}
        frame = await client.command(move["type"], **body)
        assert frame["type"] == "error", frame
        answers.append((frame["code"], frame["message"]))
    return answers


async def test_a_bidding_room_refuses_package_moves_until_both_choose_packages(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    assert (await claimant.command("message", text="Здравствуйте"))["type"] == "ack"
    for client in (claimant, respondent):
        for code, message in await refused_moves(client):
            assert code == "not_packages"
            assert "blind bidding" in message and "bid" in message
    assert not MOVE_EVENTS & {t for _s, t, _d in await logged(app, case_id)}

    # The bidding ends without settlement and both parties choose package negotiation: the
    # room takes offers from then on (the room's knowledge of the case follows the switch).
    await no_settlement(app, claimant, respondent, case_id)
    assert (await choose(claimant, case_id, "packages")).status_code == 200
    assert (await claimant.command("offer", package=PACKAGE))["code"] == "not_packages"
    assert (await choose(respondent, case_id, "packages")).status_code == 200
    offered = await claimant.command("offer", package=PACKAGE)
    assert offered["type"] == "ack", offered
    accepted = await respondent.command("accept", version=1)
    assert accepted["type"] == "ack", accepted
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")
    await claimant.disconnect()
    await respondent.disconnect()


async def test_a_room_switched_to_bidding_refuses_the_moves_it_took_before(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    mediator = await staff_login(address, "dana@centre.kz")
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    assert (await respondent.command("reject", version=1))["type"] == "ack"

    proposed = await mediator.http(
        "POST", f"/api/centre/cases/{case_id}/mechanism", json={"mechanism": "bidding"}
    )
    assert proposed.status_code == 200, proposed.text
    for party in (claimant, respondent):
        answer = await party.http(
            "POST", f"/api/cases/{case_id}/mechanism-switch", json={"consent": True}
        )
        assert answer.status_code == 200, answer.text
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "switched")
    refused = await claimant.command("offer", package=PACKAGE)
    assert (refused["type"], refused["code"]) == ("error", "not_packages")
    assert (await respondent.command("offer", package=PACKAGE))["code"] == "not_packages"
    assert [t for _s, t, _d in await logged(app, case_id) if t in MOVE_EVENTS] == [
        "offer",
        "reject",
    ]
    for client in (claimant, respondent):
        await client.disconnect()


async def test_interests_are_refused_where_the_mechanism_does_not_use_them(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("respondent@example.kz", language="kk")
    cases = {}
    for mechanism in ("packages", "bidding", "division"):
        created = await open_case(claimant)
        await join(respondent, created)
        cases[mechanism] = created["case"]["id"]
    async with services_of(app).sessions() as db:
        await db.execute(
            update(Case).where(Case.id == cases["bidding"]).values(mechanism="bidding")
        )
        await db.commit()
    await make_division(app, cases["division"])
    body = {"answers": CLAIMANT_INTERESTS}

    ok = await claimant.put(f"/api/cases/{cases['packages']}/interests", json=body)
    assert ok.status_code == 200, ok.text
    bidding = assert_error(
        await claimant.put(f"/api/cases/{cases['bidding']}/interests", json=body),
        409,
        "not_packages",
    )
    assert "bid" in bidding["message"]
    division = assert_error(
        await claimant.put(f"/api/cases/{cases['division']}/interests", json=body),
        409,
        "not_packages",
    )
    assert "points" in division["message"]
    for case_id in (cases["bidding"], cases["division"]):
        assert not [t for _s, t, _d in await logged(app, case_id) if t == "interests_submitted"]
        missing = await claimant.get(f"/api/cases/{case_id}/interests")
        assert_error(missing, 404, "no_interests_yet")
