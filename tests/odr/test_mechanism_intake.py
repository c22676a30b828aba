"""Choosing the mechanism at intake: the recommendation, the claimant's choice, the items of a
division, and what the respondent sees before joining (#12)."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.cases import CASE, open_case, token_of
from tests.builders.rows import count
from tests.conftest import Client, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, staff_client
from tests.odr.centre_setup import open_case as centre_open_case
from tests.odr.room_client import RoomClient

AMOUNT = {
    "name": "amount",
    "label": "Сумма",
    "range": {"min": 0, "max": 500000, "step": 1000, "unit": "KZT"},
}
WHEN = {"label": "Срок", "options": ["сразу", "через месяц"]}
ITEMS = [
    {"name": "Квартира на Абая, 10", "value": "32000000.50", "note": "две комнаты"},
    {"name": "Toyota Camry 2018", "value": 9500000},
    {"name": "Дача"},
]


async def claimant(make_client: MakeClient) -> Client:
    client = make_client()
    await client.signup("aigerim@example.kz")
    return client


async def test_left_out_the_mechanism_is_the_recommendation(make_client: MakeClient) -> None:
    client = await claimant(make_client)
    several = (await open_case(client))["case"]
    assert several["mechanism"] == "packages" and several["items"] is None
    one_amount = (await open_case(client, issues=[AMOUNT]))["case"]
    assert one_amount["mechanism"] == "bidding"
    division = (await open_case(client, items=ITEMS))["case"]
    assert division["mechanism"] == "division"
    listed = {c["id"]: c["mechanism"] for c in (await client.get("/api/cases")).json()["cases"]}
    assert listed == {
        several["id"]: "packages",
        one_amount["id"]: "bidding",
        division["id"]: "division",
    }


async def test_division_items_are_stored_exactly_and_shown_in_the_currency(
    make_client: MakeClient, app: Starlette
) -> None:
    client = await claimant(make_client)
    case = (await open_case(client, items=ITEMS, mechanism="division"))["case"]
    shown = (await client.get(f"/api/cases/{case['id']}")).json()
    assert shown["mechanism"] == "division"
    assert shown["items"] == [
        {
            "id": "item1",
            "name": "Квартира на Абая, 10",
            "value": "32000000.50",
            "note": "две комнаты",
            "held_by": None,
            "photo": None,
        },
        {
            "id": "item2",
            "name": "Toyota Camry 2018",
            "value": "9500000.00",
            "note": None,
            "held_by": None,
            "photo": None,
        },
        {
            "id": "item3",
            "name": "Дача",
            "value": None,
            "note": None,
            "held_by": None,
            "photo": None,
        },
    ]
    async with services_of(app).sessions() as db:
        stored = await db.get_one(Case, case["id"])
        assert stored.items is not None
        assert [i["value_tiyn"] for i in stored.items] == [3200000050, 950000000, None]
        assert all(isinstance(i["value_tiyn"], int | None) for i in stored.items)
        # The room negotiates a division as packages with one issue per item, whose options are
        # the roles receiving it: those are the case's issues, so offers fold against them.
        assert [(i["name"], i["options"]) for i in stored.issues] == [
            (f"item{n}", ["claimant", "respondent"]) for n in (1, 2, 3)
        ]
        assert [i["item"]["value"] for i in stored.issues] == [3200000050, 950000000, None]


async def test_the_claimant_may_choose_other_than_recommended(make_client: MakeClient) -> None:
    client = await claimant(make_client)
    # One money issue recommends bidding; packages fit every case.
    assert (await open_case(client, issues=[AMOUNT], mechanism="packages"))["case"][
        "mechanism"
    ] == "packages"
    # Several issues, of which one is money: bidding on that amount.
    assert (await open_case(client, mechanism="bidding"))["case"]["mechanism"] == "bidding"
    # No money issue, but a claim amount: bidding on the claim.
    chosen = await open_case(client, issues=[WHEN], mechanism="bidding")
    assert chosen["case"]["mechanism"] == "bidding"


async def _refused(client: Client, app: Starlette, code: str, field: str, **changes: Any) -> None:
    before = await count(app, Case)
    response = await client.post("/api/cases", json={**CASE, **changes})
    error = assert_error(response, 422, code)
    assert [(f["field"], f["code"]) for f in error["fields"]] == [(field, code)]
    assert await count(app, Case) == before, "a refused case must store nothing"


async def test_a_choice_that_does_not_fit_the_case_is_refused_with_its_rule(
    make_client: MakeClient, app: Starlette
) -> None:
    client = await claimant(make_client)
    await _refused(client, app, "division_needs_items", "mechanism", mechanism="division")
    await _refused(client, app, "items_need_division", "items", mechanism="packages", items=ITEMS)
    await _refused(client, app, "items_need_division", "items", mechanism="bidding", items=ITEMS)
    # Bidding: two money issues, or no money at all.
    second = {**AMOUNT, "name": "fine", "label": "Пеня"}
    await _refused(
        client,
        app,
        "bidding_needs_one_amount",
        "mechanism",
        mechanism="bidding",
        issues=[AMOUNT, second],
    )
    await _refused(
        client,
        app,
        "bidding_needs_one_amount",
        "mechanism",
        mechanism="bidding",
        issues=[WHEN],
        claim=None,
    )
    error = assert_error(
        await client.post("/api/cases", json={**CASE, "mechanism": "auction"}),
        422,
        "validation_failed",
    )
    assert [(f["field"], f["code"]) for f in error["fields"]] == [("mechanism", "enum")]


async def test_items_follow_the_boundary_rules(make_client: MakeClient, app: Starlette) -> None:
    client = await claimant(make_client)
    cases = [
        ([ITEMS[0]], "too_short"),
        ([{"name": f"вещь {n}"} for n in range(51)], "too_long"),
        ([{"name": "Дача"}, {"name": "дача"}], "items_not_distinct"),
        ([{"name": "Дача"}, {"name": "Car\u0000"}], None),
        ([{"name": "Дача"}, {"name": "Car\nwash"}], None),
        ([{"name": "Дача"}, {"name": ""}], None),
        ([{"name": "Дача"}, {"name": "x" * 201}], None),
        ([{"name": "Дача"}, {"name": "Car", "value": "-1"}], None),
        ([{"name": "Дача"}, {"name": "Car", "value": "1.005"}], None),
        ([{"name": "Дача"}, {"name": "Car", "value": "1e16"}], None),
        ([{"name": "Дача"}, {"name": "Car", "extra": 1}], None),
        ([{"name": "Дача"}, {"name": "Car", "note": "y" * 1001}], None),
    ]
    for items, code in cases:
        before = await count(app, Case)
        response = await client.post(
            "/api/cases", json={**CASE, "mechanism": "division", "items": items}
        )
        error = assert_error(response, 422, "validation_failed")
        assert all(f["field"].startswith("items") for f in error["fields"]), error
        if code is not None:
            assert code in [f["code"] for f in error["fields"]], error
        assert await count(app, Case) == before
    # A note may hold line breaks (free text); trailing spaces of a name are trimmed.
    ok = [{"name": " Дача ", "note": "у озера\nс баней"}, {"name": "Car"}]
    case = (await open_case(client, mechanism="division", items=ok))["case"]
    assert [(i["name"], i["note"]) for i in case["items"]] == [
        ("Дача", "у озера\nс баней"),
        ("Car", None),
    ]


async def test_the_recommendation_and_its_reason_for_a_draft(
    make_client: MakeClient, app: Starlette
) -> None:
    client = await claimant(make_client)
    before = await count(app, Case)
    drafts = [
        ({"issues": [AMOUNT]}, "bidding", "one_money_amount"),
        ({"issues": [AMOUNT, WHEN]}, "packages", "several_issues"),
        ({"issues": [WHEN]}, "packages", "no_money_amount"),
        ({"issues": [], "items": ITEMS}, "division", "items_to_divide"),
        ({}, "packages", "no_money_amount"),
    ]
    for draft, mechanism, reason in drafts:
        response = await client.post("/api/cases/recommendation", json=draft)
        assert response.status_code == 200, response.text
        assert response.json() == {"mechanism": mechanism, "reason": reason}, draft
    assert await count(app, Case) == before, "a recommendation stores nothing"
    assert_error(await make_client().post("/api/cases/recommendation", json={}), 401)
    assert_error(await client.post("/api/cases/recommendation", json={"issues": "x"}), 422)


async def test_the_respondent_sees_the_mechanism_and_items_before_joining(
    make_client: MakeClient,
) -> None:
    client = await claimant(make_client)
    for changes, mechanism, items in (
        ({}, "packages", None),
        ({"issues": [WHEN], "mechanism": "bidding"}, "bidding", None),
        ({"items": ITEMS}, "division", ["item1", "item2", "item3"]),
    ):
        token = token_of(await open_case(client, **changes))
        preview = (
            await make_client().post("/api/invitations/preview", json={"token": token})
        ).json()
        assert preview["mechanism"] == mechanism and preview["currency"] == "KZT"
        assert (preview["items"] and [i["id"] for i in preview["items"]]) == items
    assert preview["items"][0] == {
        "id": "item1",
        "name": "Квартира на Абая, 10",
        "value": "32000000.50",
        "note": "две комнаты",
        "held_by": None,
        "photo": None,
    }


# Who holds each item now (`held_by`), so the settlement knows who hands it over.
HELD = [
    {"name": "Toyota Camry 2018", "value": "9500000", "held_by": "claimant"},
    {"name": "Квартира", "value": "30000000", "held_by": "respondent"},
    {"name": "Дача"},
]


async def test_who_holds_each_item_is_stored_and_shown(
    make_client: MakeClient, app: Starlette
) -> None:
    client = await claimant(make_client)
    created = await open_case(client, items=HELD)
    case_id = created["case"]["id"]
    holders = ["claimant", "respondent", None]
    assert [i["held_by"] for i in created["case"]["items"]] == holders
    shown = (await client.get(f"/api/cases/{case_id}")).json()
    assert [i["held_by"] for i in shown["items"]] == holders
    preview = (
        await make_client().post("/api/invitations/preview", json={"token": token_of(created)})
    ).json()
    assert [i["held_by"] for i in preview["items"]] == holders
    async with services_of(app).sessions() as db:
        stored = await db.get_one(Case, case_id)
        assert stored.items is not None
        assert [i["held_by"] for i in stored.items] == holders
        # The room's issues carry it to the settlement's transfers.
        assert [i["item"]["held_by"] for i in stored.issues] == holders


async def test_a_holder_other_than_a_party_is_refused_at_its_item(
    make_client: MakeClient, app: Starlette
) -> None:
    client = await claimant(make_client)
    for bad in ("mediator", "Claimant", "", 1, True):
        items = [HELD[0], {"name": "Дача", "held_by": bad}]
        before = await count(app, Case)
        response = await client.post(
            "/api/cases", json={**CASE, "mechanism": "division", "items": items}
        )
        error = assert_error(response, 422, "validation_failed")
        assert [(f["field"], f["code"]) for f in error["fields"]] == [
            ("items[1].held_by", "held_by_invalid")
        ], bad
        assert await count(app, Case) == before
    # null says the same as leaving it out: nobody said who holds it.
    items = [{"name": "Дача", "held_by": None}, {"name": "Car"}]
    case = (await open_case(client, mechanism="division", items=items))["case"]
    assert [i["held_by"] for i in case["items"]] == [None, None]


async def test_a_switch_to_division_carries_who_holds_each_item(
    make_client: MakeClient, app: Starlette
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    mediator = await login(make_client(), "dana@centre.kz")
    client, respondent = await claimant(make_client), make_client()
    await respondent.signup("respondent@example.kz")
    created = await centre_open_case(client)
    await join(respondent, created)
    case_id = created["case"]["id"]
    switch = f"/api/centre/cases/{case_id}/mechanism"
    bad = [HELD[0], {"name": "Дача", "held_by": "mediator"}]
    error = assert_error(
        await mediator.post(switch, json={"mechanism": "division", "items": bad}),
        422,
        "validation_failed",
    )
    assert [(f["field"], f["code"]) for f in error["fields"]] == [
        ("items[1].held_by", "held_by_invalid")
    ]
    proposed = await mediator.post(switch, json={"mechanism": "division", "items": HELD})
    assert proposed.status_code == 200, proposed.text
    pending = (await respondent.get(f"/api/cases/{case_id}")).json()["mechanism_switch"]
    assert [i["held_by"] for i in pending["items"]] == ["claimant", "respondent", None]
    for party in (client, respondent):
        answer = await party.post(f"/api/cases/{case_id}/mechanism-switch", json={"consent": True})
        assert answer.status_code == 200, answer.text
    done = (await client.get(f"/api/cases/{case_id}")).json()
    assert done["mechanism"] == "division"
    assert [i["held_by"] for i in done["items"]] == ["claimant", "respondent", None]


async def test_the_settlement_hands_each_item_over_from_its_holder(address: str) -> None:
    claimant_, respondent = (
        await RoomClient.signup(address, "claimant@example.kz"),
        await RoomClient.signup(address, "respondent@example.kz"),
    )
    created = await claimant_.http(
        "POST", "/api/cases", json={**CASE, "mechanism": "division", "items": HELD}
    )
    assert created.status_code == 201, created.text
    case_id = created.json()["case"]["id"]
    accepted = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token_of(created.json()), "consent_to_online_mediation": True},
    )
    assert accepted.status_code == 200, accepted.text
    await claimant_.join(case_id)
    await respondent.join(case_id)
    # The car (held by the claimant) and the flat (held by the respondent) both go to the
    # respondent; the dacha, whose holder nobody named, to the claimant.
    package = {"item1": "respondent", "item2": "respondent", "item3": "claimant"}
    offer = await claimant_.command("offer", package=package)
    assert offer["type"] == "ack", offer
    accepted_offer = await respondent.command("accept", version=1)
    assert accepted_offer["type"] == "ack", accepted_offer
    await claimant_.wait_frame(lambda f: f.get("event") == "agreement")

    draft = await claimant_.http("GET", f"/api/cases/{case_id}/settlement")
    assert draft.status_code == 200, draft.text
    transfers = [
        (o["debtor"], o["creditor"], o["description"])
        for o in draft.json()["terms"]["obligations"]
        if o["kind"] == "transfer"
    ]
    assert transfers == [
        # From its holder to its receiver.
        ("claimant", "respondent", "Toyota Camry 2018"),
        # The flat stays with the respondent, who holds it: nothing to hand over.
        # Nobody said who holds the dacha: the other party hands it over.
        ("respondent", "claimant", "Дача"),
    ]
    await claimant_.disconnect()
    await respondent.disconnect()


async def test_a_division_needs_no_issues_of_its_own(
    make_client: MakeClient, app: Starlette
) -> None:
    """A division negotiates over its items (one issue each): the claimant lists the items and
    no issue; without items, a case still needs at least one issue."""
    client = await claimant(make_client)
    case = (await open_case(client, issues=[], items=HELD))["case"]
    assert case["mechanism"] == "division"
    assert [i["name"] for i in case["issues"]] == ["item1", "item2", "item3"]
    body = {key: value for key, value in CASE.items() if key != "issues"}
    left_out = await client.post("/api/cases", json={**body, "items": HELD})
    assert left_out.status_code == 201, left_out.text
    no_issues: list[dict[str, Any]] = [{"issues": []}, {}]
    for changes in no_issues:
        before = await count(app, Case)
        error = assert_error(
            await client.post("/api/cases", json={**body, **changes}), 422, "validation_failed"
        )
        assert [(f["field"], f["code"]) for f in error["fields"]] == [("issues", "too_short")]
        assert await count(app, Case) == before
