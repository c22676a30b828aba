"""Adjusted Winner end to end over HTTP and the room, on SQLite and PostgreSQL: offered beside the
maximum-Nash-welfare allocation, explained to each party in its own points, chosen by offering
and accepting it, and drafted into a settlement that keeps the shared item with a compensation
payment (or sells it), signed and verified."""

from __future__ import annotations

import json
from typing import Any

import httpx
from starlette.applications import Starlette

from tests.builders.division import (
    ALLOCATION,
    CLAIMANT_POINTS,
    RESPONDENT_POINTS,
    leaked_points,
    make_division,
)
from tests.builders.room import joined_case
from tests.builders.settlement import CLAIMANT_DETAILS, RESPONDENT_DETAILS
from tests.odr.room_client import PASSWORD, RoomClient

# The builder's points (71/23/6 against 44/47/9): Adjusted Winner hands 3/23 of the car from the
# claimant to the respondent, so both get 1420/23 ≈ 61.7 of their own points; the claimant keeps
# the car (20 parts to 3).
WHOLE = {"car": "claimant", "flat": "respondent", "piano": "respondent"}
SPLIT = {
    "item": "car",
    "keeper": "claimant",
    "other": "respondent",
    "keeper_parts": 20,
    "other_parts": 3,
    "keeper_percent": "86.96",
    "other_percent": "13.04",
}
OWN = [
    {"key": "division.aw_own_share", "params": {"points": 61.7, "total": 100}},
    {"key": "division.their_share", "params": {"points": 38.3}},
    {"key": "division.aw_equal", "params": {}},
]
SPLIT_PARAMS: dict[str, Any] = {**SPLIT}  # the explanation's message carries the same


async def proposed(app: Starlette, address: str) -> tuple[RoomClient, RoomClient, str]:
    """A division case where both parties stated the builder's points and the proposals came."""
    claimant, respondent, case_id = await joined_case(address)
    await make_division(app, case_id)
    await claimant.join(case_id)
    await respondent.join(case_id)
    url = f"/api/cases/{case_id}/points"
    assert (await claimant.http("PUT", url, json={"points": CLAIMANT_POINTS})).status_code == 200
    assert (
        await respondent.http("PUT", url, json={"points": RESPONDENT_POINTS})
    ).status_code == 200
    for party in (claimant, respondent):
        await party.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    return claimant, respondent, case_id


async def agree(claimant: RoomClient, respondent: RoomClient, package: dict[str, str],
                **offer: Any) -> None:  # fmt: skip
    made = await claimant.command("offer", package=package, **offer)
    assert made["type"] == "ack", made
    accepted = await respondent.command("accept", version=1)  # the case's first offer
    assert accepted["type"] == "ack", accepted
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")


async def obligations(client: RoomClient, case_id: str) -> list[dict[str, Any]]:
    draft = await client.http("GET", f"/api/cases/{case_id}/settlement")
    assert draft.status_code == 200, draft.text
    return list(draft.json()["terms"]["obligations"])


async def test_adjusted_winner_is_offered_beside_mnw_each_explained_in_own_points(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await proposed(app, address)
    ready = next(e for e in respondent.events if e["event"] == "proposals_ready")
    # The event is as for every proposal: the split's terms are not in it.
    assert ready["data"]["packages"] == [
        {"id": "p1", "criterion": "max_nash_welfare", "choice": ALLOCATION},
        {"id": "p2", "criterion": "adjusted_winner", "choice": WHOLE},
        {"id": "p3", "criterion": "adjusted_winner_sale", "choice": WHOLE},
    ]
    mine = (await claimant.http("GET", f"/api/cases/{case_id}/division")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/division")).json()
    assert mine["allocation"]["criterion"] == "max_nash_welfare"
    assert mine["allocation"]["split"] is None
    keep, sale = mine["adjusted_winner"]
    assert (keep["package_id"], keep["criterion"]) == ("p2", "adjusted_winner")
    assert (sale["package_id"], sale["criterion"]) == ("p3", "adjusted_winner_sale")
    # 12 000 000 KZT · 3/23, rounded down to a tiyn; no equalisation beside it.
    assert keep["split"] == {**SPLIT, "settle": "compensation", "compensation_tiyn": 156_521_739}
    assert sale["split"] == {**SPLIT, "settle": "sale", "compensation_tiyn": None}
    assert keep["equalisation"] is None and sale["equalisation"] is None
    assert keep["choice"] == sale["choice"] == WHOLE
    paid = {**SPLIT_PARAMS, "tiyn": 156_521_739}
    compensation = {"key": "division.aw_compensation", "params": paid}
    assert keep["explanation"] == [*OWN, compensation]
    selling = {"key": "division.aw_sale", "params": SPLIT_PARAMS}
    assert sale["explanation"] == [*OWN, selling]
    # Each reads its own share (equal by the mechanism's promise); the rest is the same for both.
    assert [a["explanation"] for a in theirs["adjusted_winner"]] == [
        keep["explanation"],
        sale["explanation"],
    ]
    # No trace of the claimant's points in what the respondent or its proposals page receive.
    proposals = await respondent.http("GET", f"/api/cases/{case_id}/proposals")
    assert [p["id"] for p in proposals.json()["packages"]] == ["p1", "p2", "p3"]
    seen = json.dumps(respondent.frames) + json.dumps(theirs) + proposals.text
    assert leaked_points(seen) == []
    await claimant.disconnect()
    await respondent.disconnect()


async def test_kept_and_paid_for_then_signed_and_the_pdf_verifies(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await proposed(app, address)
    await agree(claimant, respondent, WHOLE, from_proposal="p2")
    drafted = await obligations(claimant, case_id)
    brief = [(o["kind"], o["debtor"], o["creditor"], o["amount"]) for o in drafted]
    assert brief == [
        ("transfer", "respondent", "claimant", None),  # the car: kept by the claimant
        ("transfer", "claimant", "respondent", None),  # the flat
        ("transfer", "claimant", "respondent", None),  # the piano
        ("payment", "claimant", "respondent", "1565217.39"),  # and no equalisation
    ]
    assert drafted[-1]["description"]["ru"].startswith("Компенсация за долю другой стороны")

    url = f"/api/cases/{case_id}/settlement"
    details = await claimant.http("PUT", f"{url}/parties/me", json=CLAIMANT_DETAILS)
    assert details.status_code == 200, details.text
    current = (await respondent.http("PUT", f"{url}/parties/me", json=RESPONDENT_DETAILS)).json()
    body = {**current["terms"], "version": current["version"], "place": "Астана"}
    body.update(document_language="ru")
    body.pop("parties", None)
    completed = await claimant.http("PUT", f"{url}/terms", json=body)
    assert completed.status_code == 200, completed.text
    record_hash = completed.json()["record_sha256"]
    for party in (claimant, respondent):
        signed = await party.http(
            "POST",
            f"{url}/signatures",
            json={"password": PASSWORD, "record_sha256": record_hash},
        )
        assert signed.status_code == 201, signed.text
    pdf = await claimant.http("GET", f"{url}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    async with httpx.AsyncClient(base_url=f"http://{address}") as anyone:
        checked = await anyone.post(
            "/api/verify", content=pdf.content, headers={"content-type": "application/pdf"}
        )
    assert checked.status_code == 200 and checked.json()["valid"] is True, checked.text
    await claimant.disconnect()
    await respondent.disconnect()


async def test_sold_and_divided_in_the_ratio(app: Starlette, address: str) -> None:
    claimant, respondent, case_id = await proposed(app, address)
    await agree(claimant, respondent, WHOLE, from_proposal="p3")
    drafted = await obligations(respondent, case_id)
    brief = [(o["kind"], o["debtor"], o["creditor"], o["amount"]) for o in drafted]
    # The respondent holds the car: he sells it and pays the claimant her 20 parts; the car is
    # not handed over, and no payment line at all.
    assert brief == [
        ("transfer", "claimant", "respondent", None),
        ("transfer", "claimant", "respondent", None),
        ("action", "respondent", "claimant", None),
    ]
    assert "20 : 3" in drafted[-1]["description"]["en"]
    await claimant.disconnect()
    await respondent.disconnect()


async def test_a_moved_item_or_a_package_typed_by_hand_is_an_ordinary_division(
    app: Starlette, address: str
) -> None:
    """Only the Adjusted Winner proposal agreed exactly as proposed is settled by its terms:
    the same choice typed by hand (no ``from_proposal``) gets the equalisation."""
    claimant, respondent, case_id = await proposed(app, address)
    await agree(claimant, respondent, WHOLE)
    kinds = [o["kind"] for o in await obligations(claimant, case_id)]
    assert kinds == ["transfer", "transfer", "transfer", "payment"]
    [payment] = [o for o in await obligations(claimant, case_id) if o["kind"] == "payment"]
    assert payment["description"]["en"] == "Payment equalising the shares"
    await claimant.disconnect()
    await respondent.disconnect()


async def test_an_aw_offer_with_an_item_moved_is_an_ordinary_division(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await proposed(app, address)
    await agree(claimant, respondent, {**WHOLE, "piano": "claimant"}, from_proposal="p2")
    payments = [o for o in await obligations(claimant, case_id) if o["kind"] == "payment"]
    assert [p["description"]["en"] for p in payments] == ["Payment equalising the shares"]
    await claimant.disconnect()
    await respondent.disconnect()
