"""Who holds an item among several parties (#17): any party of the case may, at intake (the
claimant, the respondent, or one of ``other_parties`` by its future key party3…) and in the
mediator's switch to fair division (a party seated in the case); another key is refused at the
item with ``held_by_not_a_party``; the settlement hands the item over from its holder."""

from __future__ import annotations

from datetime import date

from starlette.applications import Starlette

from odr.negotiating.division import item_issues
from odr.persistence.models import Case
from odr.settlement.division_terms import division_obligations
from tests.builders.cases import CASE, open_case
from tests.builders.division import make_division
from tests.builders.parties import seat_party
from tests.builders.room import joined_case
from tests.builders.rows import count
from tests.builders.switching import supervised_case
from tests.conftest import MakeClient, assert_error
from tests.odr.room_client import RoomClient

HEIRS = [
    {"name": "Дана", "email": "dana@example.kz"},
    {"name": "Ерлан", "email": "erlan@example.kz"},
    {"name": "Айгуль", "email": "aigul@example.kz"},
]


def _items(holder: str) -> list[dict[str, str]]:
    return [
        {"name": "Дом", "value": "40000000", "held_by": "claimant"},
        {"name": "Машина", "value": "9500000", "held_by": holder},
    ]


async def test_intake_takes_any_party_the_case_will_have_as_holder(
    make_client: MakeClient, app: Starlette
) -> None:
    client = make_client()
    await client.signup("claimant@example.kz")
    created = await open_case(
        client, mechanism="division", items=_items("party5"), other_parties=HEIRS
    )
    assert [i["held_by"] for i in created["case"]["items"]] == ["claimant", "party5"]
    shown = (await client.get(f"/api/cases/{created['case']['id']}")).json()
    assert [i["held_by"] for i in shown["items"]] == ["claimant", "party5"]

    # party6 would be a fourth other party; in a two-party case party3 is nobody.
    for holder, others in (("party6", HEIRS), ("party3", [])):
        before = await count(app, Case)
        response = await client.post(
            "/api/cases",
            json={
                **CASE,
                "mechanism": "division",
                "items": _items(holder),
                "other_parties": others,
            },
        )
        error = assert_error(response, 422, "validation_failed")
        assert [(f["field"], f["code"]) for f in error["fields"]] == [
            ("items[1].held_by", "held_by_not_a_party")
        ], holder
        assert await count(app, Case) == before


async def test_a_switch_names_a_seated_party_as_holder(
    make_client: MakeClient, app: Starlette
) -> None:
    claimant, respondent, mediator, case_id = await supervised_case(app, make_client)
    third = await seat_party(app, make_client(), case_id, "party3", email="party3@example.kz")
    switch = f"/api/centre/cases/{case_id}/mechanism"
    refused = await mediator.post(switch, json={"mechanism": "division", "items": _items("party4")})
    error = assert_error(refused, 422, "validation_failed")
    assert [(f["field"], f["code"]) for f in error["fields"]] == [
        ("items[1].held_by", "held_by_not_a_party")
    ]
    proposed = await mediator.post(
        switch, json={"mechanism": "division", "items": _items("party3")}
    )
    assert proposed.status_code == 200, proposed.text
    pending = (await third.client.get(f"/api/cases/{case_id}")).json()["mechanism_switch"]
    assert [i["held_by"] for i in pending["items"]] == ["claimant", "party3"]
    for party in (claimant, respondent, third.client):
        answer = await party.post(f"/api/cases/{case_id}/mechanism-switch", json={"consent": True})
        assert answer.status_code == 200, answer.text
    done = (await claimant.get(f"/api/cases/{case_id}")).json()
    assert done["mechanism"] == "division"
    assert [i["held_by"] for i in done["items"]] == ["claimant", "party3"]


def test_the_settlement_hands_an_item_over_from_a_third_party_holding_it() -> None:
    items = [
        {
            "id": "item1",
            "name": "Дом",
            "value_tiyn": 4_000_000_000,
            "note": None,
            "held_by": "claimant",
        },
        {
            "id": "item2",
            "name": "Машина",
            "value_tiyn": 950_000_000,
            "note": None,
            "held_by": "party3",
        },
        {
            "id": "item3",
            "name": "Гараж",
            "value_tiyn": 300_000_000,
            "note": None,
            "held_by": "party4",
        },
    ]
    issues = item_issues(items, ["claimant", "respondent", "party3", "party4"])
    receivers = ["claimant", "respondent", "party4"]
    package = {issue["name"]: role for issue, role in zip(issues, receivers, strict=True)}
    lines = division_obligations(
        issues,
        package,
        currency="KZT",
        due=date(2027, 1, 1),
        language="ru",
        parties=["claimant", "respondent", "party3", "party4"],
    )
    transfers = [(o["debtor"], o["creditor"]) for o in lines if o["kind"] == "transfer"]
    assert transfers == [("party3", "respondent")]  # the house and the garage stay put


async def test_the_settlement_drafted_over_http_hands_over_from_the_third_party(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    """Three heirs agree in the room; the draft settlement's transfer starts from party3, who
    holds the car, and nothing is drafted for the house its receiver holds."""
    claimant, respondent, case_id = await joined_case(address)
    seated = await seat_party(app, make_client(), case_id, "party3", email="party3@example.kz")
    cookies = {name: value for name, value in seated.client.cookies.items() if value}
    third = RoomClient(address, cookies, seated.client.csrf)
    items = [
        {"id": "item1", "name": "Дом", "value_tiyn": 4_000_000_000, "note": None,
         "held_by": "claimant"},
        {"id": "item2", "name": "Машина", "value_tiyn": 950_000_000, "note": None,
         "held_by": "party3"},
    ]  # fmt: skip
    await make_division(app, case_id, items)
    heirs = (claimant, respondent, third)
    for heir in heirs:
        await heir.join(case_id)
    offered = await claimant.command("offer", package={"item1": "claimant", "item2": "respondent"})
    assert offered["type"] == "ack", offered
    for heir in (respondent, third):
        assert (await heir.command("accept", version=1))["type"] == "ack"
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")
    draft = await third.http("GET", f"/api/cases/{case_id}/settlement")
    assert draft.status_code == 200, draft.text
    transfers = [
        (o["debtor"], o["creditor"], o["description"])
        for o in draft.json()["terms"]["obligations"]
        if o["kind"] == "transfer"
    ]
    assert transfers == [("party3", "respondent", "Машина")]
    for heir in heirs:
        await heir.disconnect()
