"""The mediator switches a case's mechanism with both parties' consent (#12): proposed by the
mediator, consented or declined by each party over HTTP, every step an event in the room."""

from __future__ import annotations

from functools import partial
from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import Case, CaseEvent, OutboxNotice
from tests.builders.app import services_of
from tests.builders.bidding import bidding_case, choose, no_settlement
from tests.builders.room import joined_case, logged
from tests.builders.rows import count
from tests.builders.switching import ITEMS, notices, supervised_case, switch_events
from tests.conftest import MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login


async def test_both_parties_consent_and_the_mechanism_switches(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await supervised_case(app, make_client)
    switch, answer = (
        f"/api/centre/cases/{case_id}/mechanism",
        f"/api/cases/{case_id}/mechanism-switch",
    )
    assert (await claimant.get(f"/api/cases/{case_id}")).json()["mechanism"] == "packages"

    proposed = await mediator.post(switch, json={"mechanism": "bidding"})
    assert proposed.status_code == 200, proposed.text
    [event] = [e for e in proposed.json()["events"] if e["event"] == "mechanism_switch"]
    assert (event["role"], event["data"]) == (
        "mediator",
        {"kind": "proposed", "current": "packages", "to": "bidding", "items": None},
    )
    assert await notices(app, "mechanism_switch_proposed") == 2
    shown = (await respondent.get(f"/api/cases/{case_id}")).json()
    assert shown["mechanism"] == "packages"
    assert shown["mechanism_switch"] == {
        "proposal_seq": event["seq"],
        "mechanism": "bidding",
        "items": None,
        "consented": [],
    }

    one = await claimant.post(answer, json={"consent": True})
    assert one.status_code == 200, one.text
    assert one.json()["mechanism"] == "packages"
    assert one.json()["mechanism_switch"]["consented"] == ["claimant"]
    again = await claimant.post(answer, json={"consent": True})  # a double click logs nothing
    assert again.json() == one.json()
    both = await respondent.post(answer, json={"consent": True})
    assert both.status_code == 200, both.text
    assert (both.json()["mechanism"], both.json()["mechanism_switch"]) == ("bidding", None)
    assert (await claimant.get("/api/cases")).json()["cases"][0]["mechanism"] == "bidding"
    assert await switch_events(app, case_id) == [
        ("proposed", "bidding"),
        ("consented", ""),
        ("consented", ""),
        ("switched", "bidding"),
    ]
    roles = await _actors(app, case_id)
    assert roles == ["mediator", "claimant", "respondent", "system"]
    assert await notices(app, "mechanism_switched") == 2
    assert_error(await claimant.post(answer, json={"consent": True}), 409, "no_switch_proposed")

    # To division: the mediator gives the items; they become the case's once both consent.
    assert_error(
        await mediator.post(switch, json={"mechanism": "division"}), 422, "division_needs_items"
    )
    assert (
        await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})
    ).status_code == 200
    pending = (await claimant.get(f"/api/cases/{case_id}")).json()["mechanism_switch"]
    assert [i["name"] for i in pending["items"]] == ["Квартира", "Машина"]
    assert pending["items"][0]["value"] == "30000000.00"
    await claimant.post(answer, json={"consent": True})
    done = (await respondent.post(answer, json={"consent": True})).json()
    assert done["mechanism"] == "division"
    assert [(i["id"], i["name"], i["note"]) for i in done["items"]] == [
        ("item1", "Квартира", None),
        ("item2", "Машина", "Toyota"),
    ]
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case_id)
        assert case.items is not None and case.items[0]["value_tiyn"] == 3_000_000_000
        assert case.mechanism_rules is None


async def _actors(app: Starlette, case_id: str) -> list[str]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(CaseEvent.actor_role)
            .where(CaseEvent.case_id == case_id, CaseEvent.type == "mechanism_switch")
            .order_by(CaseEvent.seq)
        )
        return [role for (role,) in rows]


async def test_a_decline_ends_the_proposal_and_a_new_one_replaces_an_open_one(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await supervised_case(app, make_client)
    switch, answer = (
        f"/api/centre/cases/{case_id}/mechanism",
        f"/api/cases/{case_id}/mechanism-switch",
    )
    await mediator.post(switch, json={"mechanism": "bidding"})
    await claimant.post(answer, json={"consent": True})
    declined = await respondent.post(answer, json={"consent": False})
    assert declined.status_code == 200, declined.text
    assert (declined.json()["mechanism"], declined.json()["mechanism_switch"]) == ("packages", None)

    # A new proposal starts afresh: the claimant's consent to a replaced one does not count.
    await mediator.post(switch, json={"mechanism": "bidding"})
    await claimant.post(answer, json={"consent": True})
    await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})
    after = (await respondent.post(answer, json={"consent": True})).json()
    assert after["mechanism"] == "packages"
    assert after["mechanism_switch"]["mechanism"] == "division"
    assert after["mechanism_switch"]["consented"] == ["respondent"]


async def test_refusals_store_nothing(app: Starlette, make_client: MakeClient) -> None:
    claimant, _respondent, mediator, case_id = await supervised_case(app, make_client)
    switch, answer = (
        f"/api/centre/cases/{case_id}/mechanism",
        f"/api/cases/{case_id}/mechanism-switch",
    )
    before = (await count(app, CaseEvent), await count(app, OutboxNotice))
    assert_error(await claimant.post(answer, json={"consent": True}), 409, "no_switch_proposed")
    assert_error(
        await mediator.post(switch, json={"mechanism": "packages"}), 409, "mechanism_unchanged"
    )
    bad_items = await mediator.post(switch, json={"mechanism": "bidding", "items": ITEMS})
    assert_error(bad_items, 422, "items_need_division")
    one_item = await mediator.post(switch, json={"mechanism": "division", "items": [ITEMS[0]]})
    assert_error(one_item, 422, "validation_failed")
    assert_error(
        await mediator.post(switch, json={"mechanism": "auction"}), 422, "validation_failed"
    )
    assert_error(await claimant.post(switch, json={"mechanism": "bidding"}), 404)  # not staff
    assert_error(await mediator.post(answer, json={"consent": True}), 404, "case_not_found")
    assert_error(await claimant.post(answer, json={"consent": "yes please"}), 422)
    assert (await count(app, CaseEvent), await count(app, OutboxNotice)) == before

    # A concluded case keeps its mechanism.
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text
    assert_error(await mediator.post(switch, json={"mechanism": "bidding"}), 409, "case_not_open")


async def test_bidding_needs_an_amount_to_bid_on(app: Starlette, make_client: MakeClient) -> None:
    when = {"label": "Срок", "options": ["сразу", "через месяц"]}
    _c, _r, mediator, case_id = await supervised_case(app, make_client, issues=[when], claim=None)
    refused = await mediator.post(
        f"/api/centre/cases/{case_id}/mechanism", json={"mechanism": "bidding"}
    )
    assert_error(refused, 422, "bidding_needs_one_amount")


def _switched_to(to: str, frame: dict[str, Any]) -> bool:
    return (
        frame.get("event") == "mechanism_switch"
        and frame["data"]["kind"] == "switched"
        and frame["data"]["to"] == to
    )


async def test_the_room_shows_each_step_and_packages_go_on_after_a_switch_back(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await joined_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    await claimant.join(case_id)
    await respondent.join(case_id)
    switch, answer = (
        f"/api/centre/cases/{case_id}/mechanism",
        f"/api/cases/{case_id}/mechanism-switch",
    )

    for to in ("bidding", "packages"):
        assert (await mediator.http("POST", switch, json={"mechanism": to})).status_code == 200
        for party in (claimant, respondent):
            response = await party.http("POST", answer, json={"consent": True})
            assert response.status_code == 200, response.text
        for party in (claimant, respondent):
            switched = await party.wait_frame(partial(_switched_to, to))
            assert switched["actor"] == {"role": "system", "name": None}
    kinds = [e["data"]["kind"] for e in respondent.events if e["event"] == "mechanism_switch"]
    assert kinds == ["proposed", "consented", "consented", "switched"] * 2

    # The package flow works as before: an offer and its acceptance make an agreement.
    package = {"amount": "420000", "issue2": "сразу"}
    offered = await claimant.command("offer", package=package)
    assert offered["type"] == "ack", offered
    version = (await respondent.wait_frame(lambda f: f.get("event") == "offer"))["data"]["version"]
    assert (await respondent.command("accept", version=version))["type"] == "ack"
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")
    for client in (claimant, respondent, mediator):
        await client.disconnect()


async def test_both_ways_to_packages_drop_the_rules_and_log_and_notify_the_same(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    """After blind bidding ends without settlement the parties may choose packages themselves,
    or consent to the mediator's proposal: one switch either way (odr/cases/switching.py)."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await staff_login(address, "dana@centre.kz")
    switched: dict[str, dict[str, Any]] = {}
    for way, prefix in (("chosen", "a-"), ("proposed", "b-")):
        claimant, respondent, case_id = await bidding_case(app, address, prefix=prefix)
        await no_settlement(app, claimant, respondent, case_id)
        async with services_of(app).sessions() as db:
            assert (await db.get_one(Case, case_id)).mechanism_rules is not None
        before = await notices(app, "mechanism_switched")
        if way == "chosen":
            for party in (claimant, respondent):
                assert (await choose(party, case_id, "packages")).status_code == 200
        else:
            proposed = await mediator.http(
                "POST", f"/api/centre/cases/{case_id}/mechanism", json={"mechanism": "packages"}
            )
            assert proposed.status_code == 200, proposed.text
            for party in (claimant, respondent):
                answer = await party.http(
                    "POST", f"/api/cases/{case_id}/mechanism-switch", json={"consent": True}
                )
                assert answer.status_code == 200, answer.text
        assert await notices(app, "mechanism_switched") == before + 2
        async with services_of(app).sessions() as db:
            case = await db.get_one(Case, case_id)
            assert (case.mechanism, case.mechanism_rules, case.items) == ("packages", None, None)
        events = await logged(app, case_id)
        [(_seq, _type, data)] = [e for e in events if e[2].get("kind") == "switched"]
        assert _type == "mechanism_switch"
        switched[way] = data
        event = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "switched")
        assert event["actor"]["role"] == "system"
        shown = (await respondent.http("GET", f"/api/cases/{case_id}")).json()
        assert (shown["mechanism"], shown["mechanism_switch"]) == ("packages", None)
        for client in (claimant, respondent):
            await client.disconnect()
    assert switched["chosen"] == {
        "kind": "switched",
        "current": "bidding",
        "to": "packages",
        "proposal_seq": None,
    }
    assert {**switched["proposed"], "proposal_seq": None} == switched["chosen"]
