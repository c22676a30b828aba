"""Fair division end to end: private points in, an allocation out as a room proposal, each party
told why it is fair in its own points only, counter-offers moving items, and a settlement draft
listing each item's transfer and the equalisation payment."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette

from odr.logs import QUIET_LOGGERS, configure_logging
from tests.builders.division import (
    ALLOCATION,
    CLAIMANT_POINTS,
    RESPONDENT_POINTS,
    leaked_points,
    make_division,
)
from tests.builders.room import joined_case
from tests.odr.room_client import RoomClient


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The service's own logging set-up at its most verbose level, captured."""
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    quiet = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    configure_logging("DEBUG", stream)
    yield stream
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in quiet.items():
        logging.getLogger(name).setLevel(level)


async def _division(app: Starlette, address: str) -> tuple[RoomClient, RoomClient, str]:
    claimant, respondent, case_id = await joined_case(address)
    await make_division(app, case_id)
    return claimant, respondent, case_id


async def test_a_division_from_points_to_a_settlement_draft(
    app: Starlette, address: str, log_lines: io.StringIO
) -> None:
    claimant, respondent, case_id = await _division(app, address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    points_url = f"/api/cases/{case_id}/points"

    first = await claimant.http("PUT", points_url, json={"points": CLAIMANT_POINTS})
    assert first.status_code == 200, first.text
    assert first.json()["points"] == CLAIMANT_POINTS and first.json()["all_submitted"] is False
    early = (await respondent.http("GET", f"/api/cases/{case_id}/division")).json()
    assert early["allocation"] is None and early["points_stated"] is False
    second = await respondent.http("PUT", points_url, json={"points": RESPONDENT_POINTS})
    assert second.json()["all_submitted"] is True

    ready = await respondent.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    assert [e["event"] for e in respondent.events] == [
        "points_submitted",
        "points_submitted",
        "proposals_ready",
    ]
    assert [e["data"] for e in respondent.events[:2]] == [
        {"role": "claimant"},
        {"role": "respondent"},
    ]
    proposed, *adjusted = ready["data"]["packages"]
    assert proposed == {"id": "p1", "criterion": "max_nash_welfare", "choice": ALLOCATION}
    # Beside it, Adjusted Winner's two ways with the shared car (tests/odr/test_division_aw.py).
    assert [(p["id"], p["criterion"]) for p in adjusted] == [
        ("p2", "adjusted_winner"),
        ("p3", "adjusted_winner_sale"),
    ]

    # Each party reads why it is fair in its own points only.
    mine = (await claimant.http("GET", f"/api/cases/{case_id}/division")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/division")).json()
    assert mine["allocation"]["choice"] == theirs["allocation"]["choice"] == ALLOCATION
    assert mine["allocation"]["explanation"][:3] == [
        {"key": "division.own_share", "params": {"points": 71, "total": 100}},
        {"key": "division.their_share", "params": {"points": 29}},
        {"key": "division.no_envy", "params": {}},
    ]
    assert theirs["allocation"]["explanation"][:3] == [
        {"key": "division.own_share", "params": {"points": 56, "total": 100}},
        {"key": "division.their_share", "params": {"points": 44}},
        {"key": "division.no_envy", "params": {}},
    ]
    # Shares worth 12 000 000 and 30 500 000,01 KZT: the respondent pays half the difference.
    payment = {"payer": "respondent", "payee": "claimant", "amount_tiyn": 925_000_000}
    assert mine["allocation"]["equalisation"] == theirs["allocation"]["equalisation"] == payment
    proposals = (await respondent.http("GET", f"/api/cases/{case_id}/proposals")).json()
    assert proposals["packages"][0]["explanation"] == theirs["allocation"]["explanation"]

    # A counter-offer moves the piano to the claimant; the claimant accepts it.
    offer = await claimant.command("offer", package=ALLOCATION, from_proposal="p1")
    assert offer["type"] == "ack", offer
    moved = {**ALLOCATION, "piano": "claimant"}
    counter = await respondent.command("offer", package=moved, counter_to=1)
    assert counter["type"] == "ack", counter
    accepted = await claimant.command("accept", version=2)
    assert accepted["type"] == "ack", accepted
    await respondent.wait_frame(lambda f: f.get("event") == "agreement")

    draft = await claimant.http("GET", f"/api/cases/{case_id}/settlement")
    assert draft.status_code == 200, draft.text
    obligations = [
        (o["kind"], o["debtor"], o["creditor"], o["description"], o["amount"], o["due_date"])
        for o in draft.json()["terms"]["obligations"]
    ]
    due = obligations[0][5]
    assert obligations == [
        ("transfer", "respondent", "claimant", "Toyota Camry 2019", None, due),
        ("transfer", "claimant", "respondent", "Квартира, Астана", None, due),
        # Nobody said who holds the piano: the other party hands it over.
        ("transfer", "respondent", "claimant", "Piano", None, due),
        # 12 500 000,01 against 30 000 000 KZT: half the difference, rounded down to a tiyn.
        (
            "payment",
            "respondent",
            "claimant",
            # The platform's own words, in every language a document may have.
            {
                "kk": "Үлестерді теңестіру төлемі",
                "ru": "Компенсация за неравенство долей",
                "en": "Payment equalising the shares",
            },
            "8749999.99",
            due,
        ),
    ]

    # Nothing the respondent received holds the claimant's points; nor does any log line.
    respondent_sees = json.dumps(respondent.frames) + json.dumps(theirs) + json.dumps(proposals)
    for path in ("", "/points", "/division", "/settlement"):
        respondent_sees += (await respondent.http("GET", f"/api/cases/{case_id}{path}")).text
    assert leaked_points(json.dumps(mine)) == ["71"]  # the scan finds them where they belong
    assert leaked_points(respondent_sees) == []
    assert f"/api/cases/{case_id}/points" in log_lines.getvalue()  # the capture is live
    assert leaked_points(log_lines.getvalue()) == []
    own = (await claimant.http("GET", points_url)).json()
    assert own["points"] == CLAIMANT_POINTS
    await claimant.disconnect()
    await respondent.disconnect()


@pytest.mark.parametrize(
    ("points", "field"),
    [
        ({"car": 50, "flat": 40}, "points"),  # adds up to 90
        ({"car": 50, "flat": 40, "piano": 10, "boat": 0}, "points.boat"),
        ({"car": 50.5, "flat": 39.5, "piano": 10}, "points.car"),
        ({"car": "50", "flat": 40, "piano": 10}, "points.car"),
        ({"car": 110, "flat": -10, "piano": 0}, "points.flat"),
        ({"car": True, "flat": 89, "piano": 10}, "points.car"),
    ],
)
async def test_points_are_whole_and_add_up_to_100_or_the_item_is_named(
    app: Starlette, address: str, points: dict[str, object], field: str
) -> None:
    claimant, _, case_id = await _division(app, address)
    response = await claimant.http("PUT", f"/api/cases/{case_id}/points", json={"points": points})
    assert response.status_code == 422, response.text
    assert [f["field"] for f in response.json()["error"]["fields"]] == [field]
    missing = await claimant.http("GET", f"/api/cases/{case_id}/points")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_points_yet"


async def test_points_only_in_a_division_case(address: str) -> None:
    claimant, _, case_id = await joined_case(address)
    response = await claimant.http(
        "PUT", f"/api/cases/{case_id}/points", json={"points": CLAIMANT_POINTS}
    )
    assert response.status_code == 409 and response.json()["error"]["code"] == "not_a_division"


async def test_the_case_says_whether_i_gave_my_points_and_nothing_of_the_other(
    app: Starlette, address: str
) -> None:
    """``my_points_stated`` lets the division page ask for my points only when there are some
    (no 404 on the normal path); it is about the caller alone."""
    claimant, respondent, case_id = await _division(app, address)
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["my_points_stated"] is False and case["my_interests_stated"] is False
    given = await claimant.http(
        "PUT", f"/api/cases/{case_id}/points", json={"points": CLAIMANT_POINTS}
    )
    assert given.status_code == 200, given.text
    assert (await claimant.http("GET", f"/api/cases/{case_id}")).json()["my_points_stated"] is True
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}")).json()
    assert theirs["my_points_stated"] is False
