"""The conciliation centre sees each case's mechanism and its public state (#12): blind bidding's
rules, rounds and outcome, fair division's points stated and allocation, improvement offers, the
mediator's switch proposals; never a bid, a gap, points, a gain or an improvement answer. And the
analytics split settlement rates by mechanism.

Sentinel bids and points are planted, and everything the mediator receives (HTTP bodies, room
frames, dashboard frames) is scanned for them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import update
from starlette.applications import Starlette

from odr.centre.mechanism_state import LoggedEvent, mechanism_state
from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.dashboard import DashboardSocket
from tests.builders.division import (
    ALLOCATION,
    CLAIMANT_POINTS,
    RESPONDENT_POINTS,
    leaked_points,
    make_division,
)
from tests.builders.room import joined_case
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login
from tests.odr.room_client import RoomClient

RULES = {
    "rounds": 3,
    "threshold": {"kind": "absolute", "value": 1000},
    "round_hours": 48,
    "announce": "when_both_in",  # decided as soon as both bids are in, without moving the clock
}
# Round 1 does not settle; round 2 settles strictly between the two bids. Odd tiyn: no outcome
# or other number on the page can equal them.
DEMANDS = [52_718_301, 40_123_457]
OFFERS = [21_904_113, 40_123_451]


def bid_spellings() -> list[str]:
    return [s for tiyn in DEMANDS + OFFERS for s in (str(tiyn), f"{tiyn / 100:.2f}")]


class Mediator:
    """The case's mediator over real HTTP and in the room, keeping every body it received."""

    def __init__(self, client: RoomClient) -> None:
        self.client = client
        self.seen: list[str] = []

    async def get(self, path: str) -> dict[str, Any]:
        response = await self.client.http("GET", path)
        assert response.status_code == 200, response.text
        self.seen.append(response.text)
        return dict(response.json())

    async def post(self, path: str, body: dict[str, Any] | None = None) -> httpx.Response:
        response = await self.client.http("POST", path, json=body)
        self.seen.append(response.text)
        return response

    async def state(self, case_id: str) -> dict[str, Any]:
        """The mechanism state as the dashboard row and the case view both give it."""
        board = await self.get("/api/centre/dashboard")
        [row] = [c for c in board["cases"] if c["id"] == case_id]
        view = await self.get(f"/api/centre/cases/{case_id}")
        assert view["case"]["mechanism"] == row["mechanism"]
        return dict(row["mechanism"])

    def received(self, dashboard: DashboardSocket | None = None) -> str:
        frames = [json.dumps(f) for f in self.client.frames]
        return "\n".join([*self.seen, *frames, *(dashboard.raw if dashboard else [])])


async def centre_and_mediator(app: Starlette, make_client: MakeClient, address: str) -> Mediator:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    return Mediator(await staff_login(address, "dana@centre.kz"))


async def set_mechanism(app: Starlette, case_id: str, mechanism: str) -> None:
    """As test_bidding does: the builders' case has its money issue first."""
    async with services_of(app).sessions() as db:
        await db.execute(update(Case).where(Case.id == case_id).values(mechanism=mechanism))
        await db.commit()


async def agree_rules(
    claimant: RoomClient, respondent: RoomClient, case_id: str, rules: dict[str, Any]
) -> None:
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=rules)
    assert proposed.status_code == 200, proposed.text
    accepted = await respondent.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert accepted.status_code == 200, accepted.text


async def bid_round(
    app: Starlette, parties: tuple[RoomClient, RoomClient], case_id: str, n: int
) -> None:
    from odr.negotiating.bidding_rounds import decider

    for party, amount in zip(parties, (DEMANDS[n - 1], OFFERS[n - 1]), strict=True):
        response = await party.http(
            "PUT", f"/api/cases/{case_id}/bidding/bid", json={"round": n, "amount": amount}
        )
        assert response.status_code == 200, response.text
    await decider(services_of(app).room).settle()


async def test_bidding_state_from_rules_to_round_two_to_settled_and_no_bid_reaches_the_mediator(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    mediator = await centre_and_mediator(app, make_client, address)
    claimant, respondent, case_id = await joined_case(address)
    await set_mechanism(app, case_id, "bidding")
    await claimant.join(case_id)
    await respondent.join(case_id)
    await mediator.client.join(case_id)
    async with DashboardSocket(address, mediator.client.cookies) as dashboard:
        await dashboard.wait(lambda f: f["type"] == "ready")
        state = await mediator.state(case_id)
        assert (state["mechanism"], state["stage"], state["round"]) == (
            "bidding",
            "agreeing_rules",
            None,
        )
        assert state["rules_proposed"] is False and state["currency"] == "KZT"

        proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
        assert proposed.status_code == 200, proposed.text
        assert (await mediator.state(case_id))["rules_proposed"] is True
        accepted = await respondent.http(
            "POST",
            f"/api/cases/{case_id}/bidding/rules/accept",
            json={"proposal_seq": proposed.json()["proposal_seq"]},
        )
        assert accepted.status_code == 200, accepted.text
        state = await mediator.state(case_id)
        assert (state["stage"], state["round"], state["rounds"]) == ("round_open", 1, 3)
        assert state["round_deadline_at"] is not None

        await bid_round(app, (claimant, respondent), case_id, 1)
        await mediator.client.wait_frame(lambda f: f.get("data", {}).get("round") == 2)
        state = await mediator.state(case_id)
        assert (state["stage"], state["round"], state["rounds"]) == ("round_open", 2, 3)
        opened = datetime.fromisoformat(state["round_deadline_at"])
        assert opened > datetime.now(UTC)
        assert state["settled_amount"] is None

        await bid_round(app, (claimant, respondent), case_id, 2)
        settled = await mediator.client.wait_frame(lambda f: f.get("event") == "bidding_settled")
        await dashboard.wait(lambda f: f.get("event") == "bidding_settled")
        state = await mediator.state(case_id)
        assert (state["stage"], state["round"]) == ("settled", 2)
        assert state["settled_amount"] == settled["data"]["amount"]
        assert OFFERS[1] < state["settled_amount"] < DEMANDS[1]
        assert state["round_deadline_at"] is None

        received = mediator.received(dashboard)
    assert '"bidding_settled"' in received and '"round_open"' in received  # it was all seen
    for spelling in bid_spellings():
        assert spelling not in received, spelling
    for client in (claimant, respondent, mediator.client):
        await client.disconnect()


async def test_bidding_without_settlement_shows_the_parties_choices(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    mediator = await centre_and_mediator(app, make_client, address)
    claimant, respondent, case_id = await joined_case(address)
    await set_mechanism(app, case_id, "bidding")
    await claimant.join(case_id)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    await bid_round(app, (claimant, respondent), case_id, 1)
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    state = await mediator.state(case_id)
    assert (state["stage"], state["round"], state["rounds"]) == ("no_settlement", 1, 1)
    assert state["choices"] == {}
    chose = await claimant.http(
        "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": "court"}
    )
    assert chose.status_code == 200, chose.text
    assert (await mediator.state(case_id))["choices"] == {"claimant": "court"}
    for spelling in bid_spellings()[:4]:  # round 1's bids
        assert spelling not in mediator.received(), spelling
    await claimant.disconnect()


async def test_division_state_points_then_allocation_then_agreed_and_no_point_reaches_mediator(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    mediator = await centre_and_mediator(app, make_client, address)
    claimant, respondent, case_id = await joined_case(address)
    await make_division(app, case_id)
    for client in (claimant, respondent, mediator.client):
        await client.join(case_id)
    async with DashboardSocket(address, mediator.client.cookies) as dashboard:
        await dashboard.wait(lambda f: f["type"] == "ready")
        state = await mediator.state(case_id)
        assert (state["mechanism"], state["stage"], state["points_stated"]) == (
            "division",
            "points",
            [],
        )
        points = f"/api/cases/{case_id}/points"
        stated = await claimant.http("PUT", points, json={"points": CLAIMANT_POINTS})
        assert stated.status_code == 200, stated.text
        await mediator.client.wait_frame(lambda f: f.get("event") == "points_submitted")
        state = await mediator.state(case_id)
        assert (state["stage"], state["points_stated"]) == ("points", ["claimant"])

        stated = await respondent.http("PUT", points, json={"points": RESPONDENT_POINTS})
        assert stated.status_code == 200, stated.text
        await mediator.client.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
        state = await mediator.state(case_id)
        assert (state["stage"], state["points_stated"]) == (
            "allocation_proposed",
            ["claimant", "respondent"],
        )

        assert (await claimant.command("offer", package=ALLOCATION))["type"] == "ack"
        assert (await respondent.command("accept", version=1))["type"] == "ack"
        await mediator.client.wait_frame(lambda f: f.get("event") == "agreement")
        state = await mediator.state(case_id)
        assert state["stage"] == "agreed"
        received = mediator.received(dashboard)
    assert '"allocation_proposed"' in received and '"points_submitted"' in received
    assert leaked_points(received) == []
    for client in (claimant, respondent, mediator.client):
        await client.disconnect()


def _event(seq: int, kind: str, data: dict[str, Any], role: str = "system") -> LoggedEvent:
    return LoggedEvent(seq, kind, role, data)


def test_a_switch_proposal_its_consents_and_a_new_mechanism_start_afresh() -> None:
    """Before a switch the events belong to the old mechanism; the proposal's consents and a
    decline are public and shown; a later proposal replaces an earlier one."""
    items = [
        {"id": "item1", "name": "Дача", "value_tiyn": 950_000_000, "note": None},
        {"id": "item2", "name": "Машина", "value_tiyn": None, "note": "Toyota"},
    ]
    log = [
        _event(3, "bidding", {"kind": "rules_proposed", "rules": RULES}, "claimant"),
        _event(4, "mechanism_switch", {"kind": "proposed", "to": "division", "items": items}),
        _event(5, "mechanism_switch", {"kind": "consented", "proposal_seq": 4}, "respondent"),
    ]
    state = mechanism_state("bidding", "open", "KZT", log).model_dump(mode="json")
    assert (state["stage"], state["rules_proposed"]) == ("agreeing_rules", True)
    switch = state.pop("switch")
    assert [(i["id"], i["name"], i["value"], i["note"]) for i in switch.pop("items")] == [
        ("item1", "Дача", "9500000.00", None),
        ("item2", "Машина", None, "Toyota"),
    ]  # as the case shows items (odr/cases/items.py)
    assert switch == {
        "proposal_seq": 4,
        "to": "division",
        "status": "open",
        "consented": ["respondent"],
        "declined_by": None,
    }
    log += [
        _event(6, "mechanism_switch", {"kind": "consented", "proposal_seq": 4}, "claimant"),
        _event(7, "mechanism_switch", {"kind": "switched", "to": "division", "proposal_seq": 4}),
    ]
    state = mechanism_state("division", "open", "KZT", log).model_dump(mode="json")
    assert (state["stage"], state["points_stated"]) == ("points", [])
    assert state["rules_proposed"] is False and state["round"] is None
    assert state["switch"]["status"] == "switched"
    assert state["switch"]["consented"] == ["claimant", "respondent"]

    log += [
        _event(8, "mechanism_switch", {"kind": "proposed", "to": "packages", "items": None}),
        _event(9, "mechanism_switch", {"kind": "declined", "proposal_seq": 8}, "claimant"),
    ]
    switch = mechanism_state("division", "open", "KZT", log).switch
    assert switch is not None
    assert (switch.to, switch.status, switch.declined_by, switch.consented) == (
        "packages",
        "declined",
        "claimant",
        [],
    )


def test_a_case_closed_while_its_mechanism_runs_shows_it_ended() -> None:
    log = [
        _event(3, "bidding", {"kind": "rules_agreed", "rules": RULES}, "respondent"),
        _event(
            4,
            "bidding",
            {"kind": "round_opened", "round": 1, "deadline_at": "2026-12-08T10:00:00+00:00"},
        ),
    ]
    running = mechanism_state("bidding", "open", "KZT", log)
    assert (running.stage, running.round, running.round_deadline_at is not None) == (
        "round_open",
        1,
        True,
    )
    failed = mechanism_state("bidding", "failed", "KZT", log)
    assert (failed.stage, failed.round, failed.round_deadline_at) == ("ended", 1, None)
    assert mechanism_state("division", "expired", "KZT", []).stage == "ended"
    assert mechanism_state("packages", "agreed", "KZT", []).stage == "agreed"


def test_improvement_offered_adopted_or_lapsed_never_who_answered() -> None:
    expires = "2026-12-08T10:00:00+00:00"
    offered = _event(10, "improvement_offered", {"round": 1, "package": {}, "expires_at": expires})
    state = mechanism_state("packages", "agreed", "KZT", [offered])
    assert state.stage == "agreed" and state.improvement is not None
    assert state.improvement.status == "offered"
    adopted = _event(11, "improvement_adopted", {"round": 1, "version": 2, "package": {}})
    improvement = mechanism_state("packages", "agreed", "KZT", [offered, adopted]).improvement
    assert improvement is not None and improvement.status == "adopted"
    lapsed = _event(11, "improvement_lapsed", {"round": 1, "reason": "declined"})
    improvement = mechanism_state("packages", "agreed", "KZT", [offered, lapsed]).improvement
    assert improvement is not None
    assert (improvement.status, improvement.reason) == ("lapsed", "declined")
    assert "role" not in improvement.model_dump()
    assert "claimant" not in improvement.model_dump_json()


async def close_failed(mediator: Mediator, case_id: str) -> None:
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", {"outcome": "failed", "reason": "no way forward"}
    )
    assert closed.status_code == 200, closed.text


async def test_analytics_split_settlement_rates_and_days_by_mechanism(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    """Of each mechanism one case settled and one failed (a bidding case without settlement
    among them), one packages case still open: the rate is settled / concluded per mechanism,
    and a bidding settlement counts as one although it logs no ``agreement`` event."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = Mediator(await staff_login(address, "dana@centre.kz"))
    cases = {}
    for prefix in ("ps", "pf", "po", "bs", "bf", "ds", "df"):
        cases[prefix] = await joined_case(address, prefix)
    for prefix in ("bs", "bf"):
        await set_mechanism(app, cases[prefix][2], "bidding")
    for prefix in ("ds", "df"):
        await make_division(app, cases[prefix][2])

    clock.advance(hours=24)  # packages: agreed a day after the mediation started
    claimant, respondent, case_id = cases["ps"]
    for client in (claimant, respondent):
        await client.join(case_id)
    package = {"amount": "200000", "issue2": "сразу"}
    assert (await claimant.command("offer", package=package))["type"] == "ack"
    assert (await respondent.command("accept", version=1))["type"] == "ack"
    await close_failed(mediator, cases["pf"][2])

    clock.advance(hours=24)  # bidding: settled two days in
    claimant, respondent, case_id = cases["bs"]
    await claimant.join(case_id)
    await agree_rules(claimant, respondent, case_id, RULES)
    for n in (1, 2):
        await bid_round(app, (claimant, respondent), case_id, n)
    await claimant.wait_frame(lambda f: f.get("event") == "bidding_settled")
    claimant, respondent, case_id = cases["bf"]
    await claimant.join(case_id)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    await bid_round(app, (claimant, respondent), case_id, 1)
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    await close_failed(mediator, case_id)

    clock.advance(hours=48)  # division: agreed four days in
    claimant, respondent, case_id = cases["ds"]
    for client in (claimant, respondent):
        await client.join(case_id)
    await claimant.http("PUT", f"/api/cases/{case_id}/points", json={"points": CLAIMANT_POINTS})
    await respondent.http("PUT", f"/api/cases/{case_id}/points", json={"points": RESPONDENT_POINTS})
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    assert (await claimant.command("offer", package=ALLOCATION))["type"] == "ack"
    assert (await respondent.command("accept", version=1))["type"] == "ack"
    await close_failed(mediator, cases["df"][2])

    report = (await admin.get("/api/centre/analytics")).json()
    by = {b["key"]: b for b in report["by_mechanism"]}
    assert {k: (b["cases"], b["concluded"], b["settled"]) for k, b in by.items()} == {
        "bidding": (2, 2, 1),
        "division": (2, 2, 1),
        "packages": (3, 2, 1),
    }
    assert {k: b["settlement_rate"] for k, b in by.items()} == dict.fromkeys(by, 0.5)
    assert {k: b["median_days_to_settlement"] for k, b in by.items()} == {
        "bidding": 2.0,
        "division": 4.0,
        "packages": 1.0,
    }
    assert (report["overall"]["settled"], report["overall"]["concluded"]) == (3, 6)
    lines = (await admin.get("/api/centre/analytics.csv")).text.splitlines()
    assert "mechanism,bidding,2,2,1,0.5,2.0," in lines  # the last column, value, is empty here
    assert "mechanism,division,2,2,1,0.5,4.0," in lines
    for clients in cases.values():
        for client in clients[:2]:
            await client.disconnect()


async def test_a_referred_bidding_case_gives_the_court_its_rounds_never_a_bid(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    """The court's record of a referred case (both parties shared it) holds the mechanism's
    public steps: the rules agreed, each round's "not yet", the end without settlement."""
    mediator = await centre_and_mediator(app, make_client, address)
    claimant, respondent, case_id = await joined_case(address)
    await set_mechanism(app, case_id, "bidding")
    await claimant.join(case_id)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    await bid_round(app, (claimant, respondent), case_id, 1)
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    await close_failed(mediator, case_id)
    for party in (claimant, respondent):
        shared = await party.http(
            "PUT",
            f"/api/cases/{case_id}/sharing",
            json={"interests_with_mediator": False, "record_with_court": True},
        )
        assert shared.status_code == 200, shared.text
    referred = await mediator.post(f"/api/centre/cases/{case_id}/refer", {"reason": "court"})
    assert referred.status_code == 201, referred.text
    record = referred.json()["record"]
    assert record["shared"] is True
    kinds = [e["data"].get("kind") for e in record["events"] if e["type"] == "bidding"]
    assert kinds[:3] == ["rules_proposed", "rules_agreed", "round_opened"]
    assert "no_settlement" in kinds
    for spelling in bid_spellings()[:4]:  # round 1's bids
        assert spelling not in referred.text, spelling
    await claimant.disconnect()
