"""A centre's administrators manage its people: a mediator edited, deactivated (their open cases
unassigned and the administrators told to reassign each) and reactivated; a centre administrator
listed and removed."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseEvent
from tests.builders.app import services_of
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import (
    add_mediator,
    case_body,
    join,
    login,
    mediator_of_case,
    new_centre,
    open_case,
    staff_client,
)


async def party(make_client: MakeClient, email: str) -> Client:
    client = make_client()
    await client.signup(email)
    return client


async def test_a_mediator_is_edited_deactivated_with_cases_flagged_and_reactivated(
    app: Starlette, make_client: MakeClient
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"])
    other = await new_centre(platform, "Almaty centre", languages=["ru"])
    dana = await add_mediator(app, platform, centre["id"], "dana@centre.kz", capacity=1)
    chief = await staff_client(app, make_client, "chief@centre.kz", "clerk")
    added = await platform.post(
        f"/api/centres/{centre['id']}/admins", json={"email": "chief@centre.kz"}
    )
    assert added.status_code == 204
    base = f"/api/centres/{centre['id']}/mediators/{dana['id']}"

    # Edited: only the fields given change.
    edited = await chief.patch(base, json={"capacity": 5, "categories": ["labour", "civil"]})
    assert edited.status_code == 200, edited.text
    mediator = edited.json()["mediator"]
    assert (mediator["capacity"], mediator["categories"]) == (5, ["labour", "civil"])
    assert mediator["languages"] == dana["languages"] and mediator["active"] is True
    listed = (await chief.get(f"/api/centres/{centre['id']}/mediators")).json()["mediators"]
    assert listed[0]["capacity"] == 5
    assert_error(await chief.patch(base, json={"capacity": 0}), 422)
    assert_error(await chief.patch(base, json={"languages": []}), 422)
    assert_error(await chief.patch(base, json={"nickname": "x"}), 422)
    elsewhere = f"/api/centres/{other['id']}/mediators/{dana['id']}"
    assert_error(await chief.patch(elsewhere, json={"capacity": 2}), 404, "centre_not_found")
    assert_error(await platform.patch(elsewhere, json={"capacity": 2}), 404, "mediator_not_found")
    mediator_client = await login(make_client(), "dana@centre.kz")
    assert_error(await mediator_client.patch(base, json={"capacity": 9}), 404)

    # Two open cases and one over; deactivation takes the open ones from her.
    claimant = await party(make_client, "aigerim@example.kz")
    respondent = await party(make_client, "ruslan@example.kz")
    cases = [await open_case(claimant) for _ in range(3)]
    ids = [c["case"]["id"] for c in cases]
    assert [await mediator_of_case(app, i) for i in ids] == [dana["id"]] * 3
    await join(respondent, cases[2])
    closed = await mediator_client.post(
        f"/api/centre/cases/{ids[2]}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text

    off = await chief.patch(base, json={"active": False})
    assert off.status_code == 200, off.text
    assert off.json()["mediator"]["active"] is False
    assert sorted(off.json()["unassigned_cases"]) == sorted(ids[:2])
    assert [await mediator_of_case(app, i) for i in ids] == [None, None, dana["id"]]
    for case_id in ids[:2]:
        assert_error(await mediator_client.get(f"/api/centre/cases/{case_id}"), 404)
        view = (await chief.get(f"/api/centre/cases/{case_id}")).json()
        assert view["assignments"][-1]["reason"] == "mediator deactivated: to be reassigned"
    alerts = (await chief.get("/api/notifications")).json()["notifications"]
    flagged = [n for n in alerts if n["kind"] == "case_needs_reassignment"]
    assert sorted(n["path"] for n in flagged) == sorted(f"#/mediator/cases/{i}" for i in ids[:2])
    assert all("dana" in n["body"] for n in flagged)
    # Deactivating again changes nothing and tells nobody again.
    again = await chief.patch(base, json={"active": False})
    assert again.json()["unassigned_cases"] == []
    alerts = (await chief.get("/api/notifications")).json()["notifications"]
    assert len([n for n in alerts if n["kind"] == "case_needs_reassignment"]) == 2

    # No new case goes to her while deactivated; reactivated, she takes them again.
    fresh = (await open_case(claimant))["case"]["id"]
    assert await mediator_of_case(app, fresh) is None
    on = await chief.patch(base, json={"active": True})
    assert on.json()["mediator"]["active"] is True and on.json()["unassigned_cases"] == []
    reassigned = await chief.post(
        f"/api/centre/cases/{ids[0]}/reassign", json={"mediator_id": dana["id"], "reason": "back"}
    )
    assert reassigned.status_code == 200, reassigned.text
    assert await mediator_of_case(app, (await open_case(claimant))["case"]["id"]) == dana["id"]


async def test_centre_administrators_are_listed_and_removed_by_the_platform(
    app: Starlette, make_client: MakeClient
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"])
    chief = await staff_client(app, make_client, "chief@centre.kz", "clerk", name="Chief")
    deputy = await staff_client(app, make_client, "deputy@centre.kz", "clerk", name="Deputy")
    for email in ("chief@centre.kz", "deputy@centre.kz"):
        added = await platform.post(f"/api/centres/{centre['id']}/admins", json={"email": email})
        assert added.status_code == 204
    admins = (await chief.get(f"/api/centres/{centre['id']}/admins")).json()["admins"]
    assert [(a["name"], a["email"]) for a in admins] == [
        ("Chief", "chief@centre.kz"),
        ("Deputy", "deputy@centre.kz"),
    ]
    deputy_id = admins[1]["user_id"]
    path = f"/api/centres/{centre['id']}/admins/{deputy_id}"
    assert_error(await chief.delete(path), 403, "role_not_allowed")
    assert (await platform.delete(path)).status_code == 204
    assert_error(await platform.delete(path), 404, "admin_not_found")
    assert_error(await platform.delete(path.replace(deputy_id, "f" * 32)), 404, "admin_not_found")
    # The removed administrator no longer sees the centre.
    assert_error(await deputy.get(f"/api/centres/{centre['id']}/mediators"), 404)
    assert_error(await deputy.get(f"/api/centres/{centre['id']}/admins"), 404)
    assert (await deputy.get("/api/centres")).json()["centres"] == []
    admins = (await platform.get(f"/api/centres/{centre['id']}/admins")).json()["admins"]
    assert [a["email"] for a in admins] == ["chief@centre.kz"]


async def test_assignment_prefers_a_mediator_of_the_cases_region(
    app: Starlette, make_client: MakeClient
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Kazakhstan centre", languages=["ru"])
    anywhere = await add_mediator(app, platform, centre["id"], "aida@centre.kz")
    almaty = await add_mediator(app, platform, centre["id"], "bolat@centre.kz")
    astana = await add_mediator(app, platform, centre["id"], "dana@centre.kz")
    base = f"/api/centres/{centre['id']}/mediators"
    for mediator, regions in ((almaty, ["Алматы", "Almaty"]), (astana, ["Астана"])):
        changed = await platform.patch(f"{base}/{mediator['id']}", json={"regions": regions})
        assert changed.status_code == 200, changed.text
        assert changed.json()["mediator"]["regions"] == regions
    listed = {m["id"]: m["regions"] for m in (await platform.get(base)).json()["mediators"]}
    assert listed[anywhere["id"]] == []
    claimant = await party(make_client, "aigerim@example.kz")

    async def mediator_for(**region: str) -> str | None:
        return await mediator_of_case(app, (await open_case(claimant, **region))["case"]["id"])

    # Each region's own mediator first, however loaded the others are; spelling and case aside.
    assert [await mediator_for(region=" алматы ") for _ in range(3)] == [almaty["id"]] * 3
    assert await mediator_for(region="Астана") == astana["id"]
    # No mediator of that region: one who serves every region, never one of another region.
    assert await mediator_for(region="Шымкент") == anywhere["id"]
    assert await mediator_for(region="Шымкент") == anywhere["id"]
    # A case without a region goes to the least loaded of all.
    assert await mediator_for() == astana["id"]
    refused = await claimant.post("/api/cases", json={**case_body(), "region": "x" * 101})
    assert_error(refused, 422)


async def test_a_declared_conflict_of_interest_hands_the_case_on_for_good(
    app: Starlette, make_client: MakeClient
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"])
    elsewhere = await new_centre(platform, "Almaty centre", languages=["ru"])
    dana = await add_mediator(app, platform, centre["id"], "dana@centre.kz", name="Dana")
    erlan = await add_mediator(app, platform, centre["id"], "erlan@centre.kz", name="Erlan")
    await add_mediator(app, platform, elsewhere["id"], "olga@centre.kz", capacity=1)
    claimant = await party(make_client, "aigerim@example.kz")
    respondent = await party(make_client, "ruslan@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    first = await mediator_of_case(app, case_id)
    staff = {dana["id"]: "dana@centre.kz", erlan["id"]: "erlan@centre.kz"}
    staff_name = {dana["id"]: "Dana", erlan["id"]: "Erlan"}
    assert first in staff
    second = next(i for i in staff if i != first)
    mediator = await login(make_client(), staff[first])
    path = f"/api/centre/cases/{case_id}/conflict"
    assert_error(await mediator.post(path, json={"reason": ""}), 422)
    outsider = await login(make_client(), "olga@centre.kz")
    assert_error(await outsider.post(path, json={"reason": "x"}), 404, "case_not_found")
    assert_error(await platform.post(path, json={"reason": "x"}), 403, "not_case_mediator")

    declared = await mediator.post(path, json={"reason": "my cousin is the respondent"})
    assert declared.status_code == 204, declared.text
    # The other mediator of the same centre has it; never Olga of another centre.
    assert await mediator_of_case(app, case_id) == second
    assert_error(await mediator.get(f"/api/centre/cases/{case_id}"), 404)
    view = (await platform.get(f"/api/centre/cases/{case_id}")).json()
    last = view["assignments"][-1]
    assert (last["mediator_id"], last["previous_mediator_id"]) == (second, first)
    assert last["reason"] == "conflict of interest: my cousin is the respondent"
    # The parties hear that the mediator changed, never why.
    async with services_of(app).sessions() as db:
        logged = list(await db.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)))
    assert logged[-1].type == "system"
    assert logged[-1].data == {"key": "mediator.changed", "mediator": staff_name[second]}
    assert all("cousin" not in json.dumps(e.data, ensure_ascii=False) for e in logged)
    # Back to the first one: refused.
    back = await platform.post(
        f"/api/centre/cases/{case_id}/reassign", json={"mediator_id": first, "reason": "x"}
    )
    assert_error(back, 409, "mediator_conflicted")

    # The second declares too: nobody is left, the case waits and the administrators hear.
    successor = await login(make_client(), staff[second])
    assert (await successor.post(path, json={"reason": "I know them"})).status_code == 204
    assert await mediator_of_case(app, case_id) is None
    alerts = (await platform.get("/api/notifications")).json()["notifications"]
    assert [n["kind"] for n in alerts] == ["case_unassigned"]


async def test_a_mediator_on_leave_takes_no_new_case_until_the_day_after(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"])
    dana = await add_mediator(app, platform, centre["id"], "dana@centre.kz", capacity=20)
    erlan = await add_mediator(app, platform, centre["id"], "erlan@centre.kz", capacity=10)
    claimant = await party(make_client, "aigerim@example.kz")
    kept = (await open_case(claimant))["case"]["id"]
    assert await mediator_of_case(app, kept) == dana["id"]  # the larger capacity first
    # Noon in Kazakhstan; on leave to tomorrow inclusive.
    clock.now = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    base = f"/api/centres/{centre['id']}/mediators/{dana['id']}"
    away = await platform.patch(base, json={"away_until": "2026-12-08"})
    assert away.status_code == 200, away.text
    assert away.json()["mediator"]["away_until"] == "2026-12-08"
    assert away.json()["unassigned_cases"] == []  # a leave keeps the open cases
    assert await mediator_of_case(app, kept) == dana["id"]

    async def next_mediator() -> str | None:
        return await mediator_of_case(app, (await open_case(claimant))["case"]["id"])

    assert await next_mediator() == erlan["id"]
    clock.now = datetime(2026, 12, 8, 18, 59, tzinfo=UTC)  # 23:59 on the 8th in Kazakhstan
    assert await next_mediator() == erlan["id"]
    clock.now = datetime(2026, 12, 8, 19, 0, tzinfo=UTC)  # the 9th has begun there
    assert await next_mediator() == dana["id"]
    # Back early: null ends the leave.
    await platform.patch(base, json={"away_until": "2026-12-31"})
    assert await next_mediator() == erlan["id"]
    back = await platform.patch(base, json={"away_until": None})
    assert back.json()["mediator"]["away_until"] is None
    assert await next_mediator() == dana["id"]
