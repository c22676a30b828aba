"""Conciliation centres: assignment, visibility between centres, the mediator's actions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseEvent, Mediation, OutboxNotice
from tests.builders.app import services_of
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import (
    add_mediator,
    join,
    mediator_ids,
    mediator_of_case,
    new_centre,
    open_case,
    staff_client,
)


async def party(make_client: MakeClient, email: str, **extra: Any) -> Client:
    client: Client = make_client()
    await client.signup(email, **extra)
    return client


async def test_assignment_respects_language_category_capacity_and_balances_load(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Almaty conciliation centre", languages=["kk", "ru", "en"])
    await add_mediator(app, admin, centre["id"], "m1@centre.kz", languages=["ru"], capacity=2)
    await add_mediator(app, admin, centre["id"], "m2@centre.kz", languages=["kk", "ru"], capacity=1)
    await add_mediator(
        app, admin, centre["id"], "m3@centre.kz", languages=["en"], categories=["labour"]
    )
    ids = await mediator_ids(app)
    claimant = await party(make_client, "claimant@example.kz")

    async def assigned(**changes: Any) -> str | None:
        created = await open_case(claimant, **changes)
        return await mediator_of_case(app, created["case"]["id"])

    # Ties go to the longest-registered; then to whoever has fewer cases.
    assert await assigned() == ids["m1"]
    assert await assigned() == ids["m2"]
    assert await assigned() == ids["m1"]  # m2 is full (capacity 1)
    full = await open_case(claimant)  # both Russian-speaking civil mediators are full
    assert await mediator_of_case(app, full["case"]["id"]) is None
    assert await assigned(language="en", category="labour") == ids["m3"]
    assert await assigned(language="kk", category="family") is None  # m2 (kk) is full
    assert await assigned(language="en") is None  # m3 takes no civil cases

    mediators = (await admin.get(f"/api/centres/{centre['id']}/mediators")).json()["mediators"]
    assert {m["name"]: m["load"] for m in mediators} == {"m1": 2, "m2": 1, "m3": 1}

    # The administrator assigns the unassigned case by hand, with the reason recorded.
    case_id = full["case"]["id"]
    response = await admin.post(
        f"/api/centre/cases/{case_id}/reassign",
        json={"mediator_id": ids["m3"], "reason": "m3 reads Russian as well"},
    )
    assert response.status_code == 200, response.text
    last = response.json()["assignments"][-1]
    assert (last["mediator_id"], last["previous_mediator_id"]) == (ids["m3"], None)
    assert last["reason"] == "m3 reads Russian as well"
    assert await mediator_of_case(app, case_id) == ids["m3"]
    # The parties' room says who mediates now, without the centre's internal reason.
    async with services_of(app).sessions() as db:
        (event,) = await db.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id))
    assert (event.type, event.data) == ("system", {"key": "mediator.changed", "mediator": "m3"})
    # Each assignment told the mediator, in the outbox.
    async with services_of(app).sessions() as db:
        kinds = list(await db.scalars(select(OutboxNotice.kind)))
    assert kinds.count("case_assigned") == 5


async def test_mediator_of_one_centre_cannot_see_another_centres_cases(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    x = await new_centre(admin, "Centre X", languages=["ru"])
    y = await new_centre(admin, "Centre Y", languages=["kk"])
    await add_mediator(app, admin, x["id"], "mx@centre.kz", languages=["ru"])
    await add_mediator(app, admin, y["id"], "my@centre.kz", languages=["kk"])
    claimant = await party(make_client, "claimant@example.kz")
    case_x = (await open_case(claimant, language="ru"))["case"]["id"]
    case_y = (await open_case(claimant, language="kk"))["case"]["id"]
    mx = await staff_client(app, make_client, "x-only@centre.kz", "mediator")  # no centre at all
    from tests.odr.centre_setup import login

    mediator_x = await login(make_client(), "mx@centre.kz")
    board = (await mediator_x.get("/api/centre/dashboard")).json()
    assert [c["id"] for c in board["cases"]] == [case_x]
    assert board["sees_analytics"] is False
    assert_error(await mediator_x.get("/api/centre/analytics"), 403, "not_centre_admin")
    for path in (
        f"/api/centre/cases/{case_y}",
        f"/api/centre/cases/{'f' * 32}",
    ):
        assert_error(await mediator_x.get(path), 404, "case_not_found")
    for action, body in (
        ("pause", {"reason": "x"}),
        ("deadline", {"days": 3, "reason": "x"}),
        ("close", {"outcome": "failed", "reason": "x"}),
    ):
        response = await mediator_x.post(f"/api/centre/cases/{case_y}/{action}", json=body)
        assert_error(response, 404, "case_not_found")
    assert (await mx.get("/api/centre/dashboard")).json()["cases"] == []
    assert_error(await mx.get(f"/api/centre/cases/{case_x}"), 404, "case_not_found")
    # A party is not centre staff: the same 404.
    assert_error(await claimant.get(f"/api/centre/cases/{case_x}"), 404, "case_not_found")
    # A centre administrator sees its centre's cases only, and may not act as mediator.
    await staff_client(app, make_client, "chief-x@centre.kz", "clerk")
    response = await admin.post(
        f"/api/centres/{x['id']}/admins", json={"email": "chief-x@centre.kz"}
    )
    assert response.status_code == 204, response.text
    chief = await login(make_client(), "chief-x@centre.kz")
    board = (await chief.get("/api/centre/dashboard")).json()
    assert [c["id"] for c in board["cases"]] == [case_x] and board["sees_analytics"] is True
    assert_error(await chief.get(f"/api/centre/cases/{case_y}"), 404, "case_not_found")
    response = await chief.post(f"/api/centre/cases/{case_x}/pause", json={"reason": "x"})
    assert_error(response, 403, "not_case_mediator")
    assert_error(await chief.get(f"/api/centres/{y['id']}/mediators"), 404, "centre_not_found")
    assert (await chief.get(f"/api/centre/analytics?centre_id={y['id']}")).status_code == 404


async def test_mediator_pauses_resumes_extends_and_closes_then_parties_rate(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"], deadline_days=10)
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    from tests.odr.centre_setup import login

    mediator = await login(make_client(), "dana@centre.kz")
    claimant = await party(make_client, "claimant@example.kz")
    respondent = await party(make_client, "ruslan@example.kz", language="kk")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    base = f"/api/centre/cases/{case_id}"

    row = (await mediator.get("/api/centre/dashboard")).json()["cases"][0]
    assert (row["status"], row["days_to_deadline"], row["stalled"]) == ("open", 10, False)
    clock.advance(days=4)
    row = (await mediator.get("/api/centre/dashboard")).json()["cases"][0]
    assert (row["days_to_deadline"], row["stalled"]) == (6, True)

    paused = await mediator.post(f"{base}/pause", json={"reason": "a party is in hospital"})
    assert paused.status_code == 200, paused.text
    assert paused.json()["case"]["status"] == "paused"
    assert_error(await mediator.post(f"{base}/pause", json={"reason": "x"}), 409, "case_not_open")
    clock.advance(days=2)
    resumed = (await mediator.post(f"{base}/resume")).json()
    assert resumed["case"]["status"] == "open"
    assert resumed["case"]["days_to_deadline"] == 6  # the pause did not count
    extended = await mediator.post(f"{base}/deadline", json={"days": 5, "reason": "documents"})
    assert extended.json()["case"]["days_to_deadline"] == 11
    assert_error(await mediator.post(f"{base}/deadline", json={"days": 0, "reason": "x"}), 422)
    assert_error(
        await mediator.post(f"{base}/close", json={"outcome": "settled", "reason": "x"}),
        409,
        "not_agreed",
    )
    feedback = {"service": 5, "procedure": 4, "fairness": 5, "ease": 3, "comment": "Рақмет"}
    state = (await claimant.get(f"/api/cases/{case_id}/feedback")).json()
    assert state == {"open": False, "given": None}
    early = await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)
    assert_error(early, 409, "case_not_over")
    closed = await mediator.post(f"{base}/close", json={"outcome": "failed", "reason": "no deal"})
    assert closed.json()["case"]["status"] == "failed"
    events = [e["event"] for e in closed.json()["events"]]
    assert events == ["paused", "resumed", "deadline", "closed"]

    assert (await respondent.get(f"/api/cases/{case_id}/feedback")).json()["open"] is True
    assert (await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)).status_code == 201
    state = (await claimant.get(f"/api/cases/{case_id}/feedback")).json()
    assert state["open"] is False and state["given"]["comment"] == "Рақмет"
    again = await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)
    assert_error(again, 409, "feedback_given")
    bad = {**feedback, "fairness": 6}
    assert_error(await respondent.post(f"/api/cases/{case_id}/feedback", json=bad), 422)

    # Refer to court: the record stays a summary until every party agrees to share it.
    nothing = {"interests_with_mediator": False, "record_with_court": False}
    assert (await claimant.get(f"/api/cases/{case_id}/sharing")).json() == nothing
    await claimant.put(
        f"/api/cases/{case_id}/sharing",
        json={"interests_with_mediator": False, "record_with_court": True},
    )
    shared = (await claimant.get(f"/api/cases/{case_id}/sharing")).json()
    assert shared == {"interests_with_mediator": False, "record_with_court": True}
    assert (await respondent.get(f"/api/cases/{case_id}/sharing")).json() == nothing
    referred = await mediator.post(f"{base}/refer", json={"reason": "the claimant asks"})
    assert referred.status_code == 201, referred.text
    record = referred.json()["record"]
    assert record["shared"] is False and record["events"] == []
    assert record["parties"] == [
        {"role": "claimant", "name": "claimant"},
        {"role": "respondent", "name": "ruslan"},
    ]

    # Every party heard of each step, in its own language.
    async with services_of(app).sessions() as db:
        notices = list(
            await db.execute(
                select(OutboxNotice.kind, OutboxNotice.language, OutboxNotice.recipient).where(
                    OutboxNotice.kind != "case_assigned"
                )
            )
        )
        mediation = await db.get_one(Mediation, case_id)
        logged = list(await db.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case_id)))
    assert ("case_paused", "kk", "ruslan@example.kz") in notices
    assert {kind for kind, _, _ in notices} >= {
        "case_paused",
        "case_resumed",
        "deadline_extended",
        "case_closed",
        "case_referred",
    }
    assert mediation.outcome == "referred"
    assert logged[-1] == "referred"

    report = (await admin.get("/api/centre/analytics")).json()
    assert report["overall"]["cases"] == 1 and report["overall"]["settled"] == 0
    assert report["feedback"]["responses"] == 1 and report["feedback"]["service"] == 5
    csv = await admin.get("/api/centre/analytics.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("dimension,key,cases")
