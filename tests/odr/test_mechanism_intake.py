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
        },
        {"id": "item2", "name": "Toyota Camry 2018", "value": "9500000.00", "note": None},
        {"id": "item3", "name": "Дача", "value": None, "note": None},
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
    }
