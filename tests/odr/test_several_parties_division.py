"""Fair division among five heirs: each states its own points, maximum Nash welfare divides the
items among all five (Adjusted Winner only shares between two, and the answer says so), each
item's options in the room are the five parties, and each heir reads why it is fair in its own
points."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.negotiating.division import explain_share, party_options
from odr.negotiating.division_service import adjusted_winner_applies
from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.division import make_division
from tests.builders.parties import seat_party
from tests.builders.room import joined_case
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient

ROLES = ["claimant", "respondent", "party3", "party4", "party5"]
ITEMS: list[dict[str, Any]] = [
    {"id": f"item{n}", "name": name, "value_tiyn": value, "note": None, "held_by": None}
    for n, (name, value) in enumerate(
        [
            ("Дом в Шымкенте", 4_000_000_000),
            ("Toyota Land Cruiser", 2_500_000_000),
            ("Гараж", 300_000_000),
            ("Дача", 900_000_000),
            ("Пианино", 40_000_000),
        ],
        1,
    )
]
# Each heir cares most for one item: maximum Nash welfare gives each its own.
POINTS = {
    role: {f"item{n}": 80 if n == k else 5 for n in range(1, 6)} for k, role in enumerate(ROLES, 1)
}
ALLOCATION = {f"item{k}": role for k, role in enumerate(ROLES, 1)}


async def _heirs(
    app: Starlette, address: str, make_client: MakeClient
) -> tuple[str, dict[str, RoomClient]]:
    claimant, respondent, case_id = await joined_case(address)
    heirs = {"claimant": claimant, "respondent": respondent}
    for role in ROLES[2:]:
        seated = await seat_party(app, make_client(), case_id, role, email=f"{role}@example.kz")
        cookies = {name: value for name, value in seated.client.cookies.items() if value}
        heirs[role] = RoomClient(address, cookies, seated.client.csrf)
    await make_division(app, case_id, ITEMS)
    return case_id, heirs


async def test_five_heirs_divide_the_items_each_reading_its_own_points(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, heirs = await _heirs(app, address, make_client)
    for role in ROLES:
        stated = await heirs[role].http(
            "PUT", f"/api/cases/{case_id}/points", json={"points": POINTS[role]}
        )
        assert stated.status_code == 200, stated.text
        assert stated.json()["all_submitted"] is (role == ROLES[-1]), role
    task = services_of(app).division.tasks.get(case_id)
    if task is not None:
        await task

    for role, heir in heirs.items():
        division = (await heir.http("GET", f"/api/cases/{case_id}/division")).json()
        assert division["all_submitted"] is True
        allocation = division["allocation"]
        assert allocation["choice"] == ALLOCATION
        assert allocation["equalisation"] is None  # among five, who pays whom is theirs to agree
        assert division["adjusted_winner_applies"] is False and division["adjusted_winner"] == []
        assert allocation["explanation"] == [
            {"key": "division.own_share", "params": {"points": 80, "total": 100}},
            {"key": "division.best_other_share", "params": {"points": 5}},
            {"key": "division.no_envy", "params": {}},
        ], role

    # The room's issues: one per item, one option per party.
    async with services_of(app).sessions() as db:
        issues = (await db.scalar(select(Case.issues).where(Case.id == case_id))) or []
    assert [issue["options"] for issue in issues] == [ROLES] * len(ITEMS)
    seen = (await heirs["party4"].http("GET", f"/api/cases/{case_id}")).json()
    assert [issue["options"] for issue in seen["issues"]] == [ROLES] * len(ITEMS)

    # In the room an offer gives items to any of the five; all five accepting is the agreement.
    for heir in heirs.values():
        await heir.join(case_id)
    moved = {**ALLOCATION, "item5": "party3"}  # the piano to party3 too
    offered = await heirs["party3"].command("offer", package=moved, from_proposal="p1")
    assert offered["type"] == "ack", offered
    for role in ROLES:
        if role != "party3":
            assert (await heirs[role].command("accept", version=1))["type"] == "ack", role
    await heirs["claimant"].wait_frame(lambda f: f.get("event") == "agreement")
    for heir in heirs.values():
        await heir.disconnect()


async def test_two_heirs_still_get_adjusted_winner(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await make_division(app, case_id, ITEMS)
    points = {
        "claimant": {"item1": 60, "item2": 30, "item3": 4, "item4": 4, "item5": 2},
        "respondent": {"item1": 30, "item2": 20, "item3": 10, "item4": 35, "item5": 5},
    }
    for party, role in ((claimant, "claimant"), (respondent, "respondent")):
        await party.http("PUT", f"/api/cases/{case_id}/points", json={"points": points[role]})
    task = services_of(app).division.tasks.get(case_id)
    if task is not None:
        await task
    division = (await claimant.http("GET", f"/api/cases/{case_id}/division")).json()
    assert division["adjusted_winner_applies"] is True and division["adjusted_winner"]
    assert division["allocation"]["explanation"][1]["key"] == "division.their_share"


def test_envy_free_up_to_one_is_said_of_the_tightest_share() -> None:
    """Among three, the claimant would rather have either other share, each worth 45 of its
    points: without its best item the respondent's is worth 5 and party3's 15 to it, so the
    bound it reads is party3's (without «d», 15)."""
    roles = ["claimant", "respondent", "party3"]
    points = {"a": 10, "b": 40, "c": 5, "d": 30, "e": 15}
    package = {"a": "claimant", "b": "respondent", "c": "respondent", "d": "party3", "e": "party3"}
    assert explain_share("claimant", points, package, {"d": "Dacha"}, roles) == [
        {"key": "division.own_share", "params": {"points": 10, "total": 100}},
        {"key": "division.best_other_share", "params": {"points": 45}},
        {"key": "division.envy_free_up_to_one", "params": {"item": "Dacha", "points": 15}},
    ]


def test_party_options_give_each_item_every_party_and_leave_other_issues() -> None:
    issues: list[dict[str, Any]] = [
        {"name": "car", "options": ["claimant", "respondent"], "item": {}},
        {"name": "x"},
    ]
    assert party_options(issues, ROLES) == [
        {"name": "car", "options": ROLES, "item": {}},
        {"name": "x"},
    ]


def test_adjusted_winner_is_between_the_claimant_and_the_respondent_only() -> None:
    """Its terms name a keeper among those two: two left after the respondent withdrew divide by
    maximum Nash welfare alone."""
    assert adjusted_winner_applies(["respondent", "claimant"])
    assert not adjusted_winner_applies(["claimant", "party3"])
    assert not adjusted_winner_applies(ROLES)
