"""The signed settlement's schedule over HTTP, on SQLite and PostgreSQL (#18).

An instalment settlement followed month by month with the clock moved forward: paid and
confirmed, paid and disputed, missed (overdue, then in default, with the default sums exactly);
each step logged; the wrong party refused; nothing private from the negotiation in any answer.
"""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.fulfilment.ledger import today_of
from odr.persistence.fulfilment_models import PerformanceStep
from odr.persistence.models import CaseEvent
from odr.privacy.purge import purge
from odr.room.event_data import event_data_problem
from tests.builders.app import services_of
from tests.builders.evidence import pdf
from tests.builders.fulfilment import INSTALMENT_TIYN, tracked_settlement
from tests.builders.privacy import CLAIMANT_SECRETS, RESPONDENT_SECRETS, database_text, full_case
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """Logins that last the months the tests move the clock through."""
    return {**env, "ODR_SESSION_MAX_AGE_S": str(1000 * 24 * 3600)}


def advance_to(clock: FakeClock, day: date) -> None:
    """Move the clock to ``day`` in Kazakhstan (the time of day stays)."""
    clock.advance(days=(day - today_of(clock())).days)
    assert today_of(clock()) == day


def due(schedule: dict[str, Any], key: str) -> dict[str, Any]:
    return dict(next(d for d in schedule["dues"] if d["key"] == key))


def sums(schedule: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (s["overdue_tiyn"], s["accelerated_tiyn"], s["penalty_tiyn"], s["total_tiyn"], s["total"])
        for s in schedule["sums_due"]
    ]


async def performance_events(app: Starlette, case_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type.like("performance_%"))
            .order_by(CaseEvent.seq)
        )
        return [(r.type, r.actor_role, dict(r.data)) for r in rows]


async def test_an_instalment_settlement_month_by_month(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    t = await tracked_settlement(app, make_client)
    d1, d2, d3 = t.due_dates
    start = await t.schedule(t.claimant)
    assert start["me"] == "claimant" and start["verification_code"]
    assert [
        (d["key"], d["due_date"], d["amount_tiyn"], d["amount"], d["state"], d["debtor"])
        for d in start["dues"]
    ] == [
        (f"1.{n}", day.isoformat(), INSTALMENT_TIYN, "100000.00", "pending", "respondent")
        for n, day in enumerate(t.due_dates, 1)
    ]
    assert start["sums_due"] == []
    assert start["default_terms"] == {
        "acceleration_after_days": 10,
        "penalty_percent_per_day": "0.1",
    }
    assert [p["role"] for p in start["parties"]] == ["claimant", "respondent"]
    assert [d["can"] for d in start["dues"]] == [[], [], []]
    assert [d["can"] for d in (await t.schedule(t.respondent))["dues"]] == [["paid"]] * 3

    # The wrong party, or the wrong order, is refused and nothing is logged.
    assert_error(await t.step(t.claimant, "1.1", "paid"), 403, "debtor_only")
    assert_error(await t.step(t.claimant, "1.1", "received"), 409, "not_reported")
    assert_error(await t.step(t.respondent, "1.1", "done"), 422, "step_kind_mismatch")
    assert await performance_events(app, t.case_id) == []

    # Month 1: paid two days early, and confirmed.
    advance_to(clock, d1 - timedelta(days=2))
    paid = await t.step(t.respondent, "1.1", "paid", reference="KASPI-0001")
    assert paid.status_code == 201, paid.text
    first = due(paid.json(), "1.1")
    assert (first["state"], first["can"]) == ("reported", [])
    assert [(s["kind"], s["role"], s["reference"]) for s in first["steps"]] == [
        ("paid", "respondent", "KASPI-0001")
    ]
    assert_error(await t.step(t.respondent, "1.1", "paid"), 409, "already_reported")
    assert_error(await t.step(t.respondent, "1.1", "received"), 403, "creditor_only")
    assert due(await t.schedule(t.claimant), "1.1")["can"] == ["received", "disputed"]
    received = await t.step(t.claimant, "1.1", "received")
    assert received.status_code == 201, received.text
    first = due(received.json(), "1.1")
    assert (first["state"], first["days_late"]) == ("confirmed", 0)
    assert_error(await t.step(t.claimant, "1.1", "disputed", reason="x"), 409, "already_confirmed")

    # Month 2: paid, and disputed (a dispute says why).
    advance_to(clock, d2 - timedelta(days=1))
    assert (await t.step(t.respondent, "1.2", "paid", reference="KASPI-0002")).status_code == 201
    assert_error(await t.step(t.claimant, "1.2", "disputed"), 422, "reason_required")
    assert_error(await t.step(t.claimant, "1.2", "disputed", reason="   "), 422, "reason_required")
    disputed = await t.step(t.claimant, "1.2", "disputed", reason="Денег на счёте нет")
    assert disputed.status_code == 201, disputed.text
    second = due(disputed.json(), "1.2")
    assert (second["state"], second["performance"]) == ("disputed", "disputed")
    assert second["steps"][-1]["reason"] == "Денег на счёте нет"

    # Not paid after all: 5 days late it is overdue, with 0.1 % a day on it.
    advance_to(clock, d2 + timedelta(days=5))
    now = await t.schedule(t.respondent)
    second = due(now, "1.2")
    assert (second["state"], second["performance"], second["days_late"]) == (
        "overdue",
        "disputed",
        5,
    )
    # 10 000 000 tiyn × 0.1 % × 5 days = 50 000 tiyn.
    assert sums(now) == [(INSTALMENT_TIYN, 0, 50_000, 10_050_000, "100500.00")]
    assert now["sums_due"][0]["in_default"] is False

    # 11 days late (more than the 10 allowed): in default, the third instalment accelerated.
    advance_to(clock, d2 + timedelta(days=11))
    now = await t.schedule(t.claimant)
    assert (due(now, "1.2")["state"], due(now, "1.3")["state"]) == ("in_default", "pending")
    assert sums(now) == [(INSTALMENT_TIYN, INSTALMENT_TIYN, 110_000, 20_110_000, "201100.00")]
    assert now["sums_due"][0]["in_default"] is True

    # Three days after the third date: both overdue, penalties 33 and 3 days.
    advance_to(clock, d3 + timedelta(days=3))
    now = await t.schedule(t.claimant)
    assert [(d["state"], d["days_late"]) for d in now["dues"][1:]] == [
        ("in_default", 33),
        ("overdue", 3),
    ]
    assert sums(now) == [(2 * INSTALMENT_TIYN, 0, 360_000, 20_360_000, "203600.00")]

    # The second paid late and confirmed: 33 days late for the record; its principal is no
    # longer owed, its penalty for the 33 days is (330 000), beside the third's 3 days (30 000).
    assert (await t.step(t.respondent, "1.2", "paid", reference="KASPI-0003")).status_code == 201
    late = await t.step(t.claimant, "1.2", "received")
    second = due(late.json(), "1.2")
    assert (second["state"], second["days_late"]) == ("confirmed", 33)
    assert sums(late.json()) == [(INSTALMENT_TIYN, 0, 360_000, 10_360_000, "103600.00")]

    # The third paid too, 4 days late: the penalties alone are owed, and no longer grow.
    advance_to(clock, d3 + timedelta(days=4))
    assert (await t.step(t.respondent, "1.3", "paid")).status_code == 201
    assert (await t.step(t.claimant, "1.3", "received")).status_code == 201
    advance_to(clock, d3 + timedelta(days=40))
    now = await t.schedule(t.respondent)
    assert [d["state"] for d in now["dues"]] == ["confirmed"] * 3
    assert sums(now) == [(0, 0, 370_000, 370_000, "3700.00")]
    assert now["sums_due"][0]["in_default"] is False

    # Every step is in the case's log, in order, by whom, in the documented shape.
    logged = await performance_events(app, t.case_id)
    assert [(kind, role) for kind, role, _ in logged] == [
        ("performance_paid", "respondent"),
        ("performance_received", "claimant"),
        ("performance_paid", "respondent"),
        ("performance_disputed", "claimant"),
        ("performance_paid", "respondent"),
        ("performance_received", "claimant"),
        ("performance_paid", "respondent"),
        ("performance_received", "claimant"),
    ]
    assert logged[3][2] == {
        "key": "1.2",
        "obligation": 1,
        "instalment": 2,
        "reference": None,
        "reason": "Денег на счёте нет",
        "receipt_sha256": None,
    }
    for kind, _role, data in logged:
        assert event_data_problem(kind, data) is None


async def test_only_a_signed_settlement_has_a_schedule(
    app: Starlette, make_client: MakeClient
) -> None:
    t = await tracked_settlement(app, make_client, sign_it=False)
    assert_error(await t.claimant.get(t.url), 409, "not_signed")
    assert_error(await t.step(t.respondent, "1.1", "paid"), 409, "not_signed")


async def test_who_reaches_the_schedule_and_what_a_step_may_say(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    t = await tracked_settlement(app, make_client)
    mediator = await login(make_client(), "dana@centre.kz")
    seen = await t.schedule(mediator)
    assert seen["me"] == "mediator" and [d["can"] for d in seen["dues"]] == [[], [], []]
    assert_error(await t.step(mediator, "1.1", "paid"), 403, "parties_only")
    outsider = make_client()
    await outsider.signup("outsider@example.kz")
    assert_error(await outsider.get(t.url), 404, "case_not_found")
    assert_error(await t.step(outsider, "1.1", "paid"), 404, "case_not_found")
    assert_error(await admin.get(t.url), 404, "case_not_found")
    for key in ("2", "1.4", "9.1"):
        assert_error(await t.step(t.respondent, key, "paid"), 404, "due_not_found")
    for key in ("x", "1.2.3", "0", "1." + "1" * 10):
        assert_error(await t.step(t.respondent, key, "paid"), 404, "due_not_found")
    assert_error(await t.step(t.respondent, "1.1", "sent"), 422, "validation_failed")
    assert_error(
        await t.step(t.respondent, "1.1", "paid", reference="x" * 201), 422, "validation_failed"
    )
    assert_error(await t.step(t.respondent, "1.1", "paid", note="hi"), 422, "validation_failed")
    assert await performance_events(app, t.case_id) == []


RECEIPT = pdf()


async def upload(client: Client, case_id: str, shared_with: str = "everyone") -> str:
    answer = await client.post(
        f"/api/cases/{case_id}/documents",
        params={"shared_with": shared_with, "name": "чек.pdf"},
        content=RECEIPT,
        headers={"content-type": "application/pdf"},
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def test_a_receipt_is_a_document_shared_with_everyone(
    app: Starlette, make_client: MakeClient
) -> None:
    t = await tracked_settlement(app, make_client)
    private = await upload(t.respondent, t.case_id, shared_with="mediator")
    theirs = await upload(t.claimant, t.case_id)
    receipt = await upload(t.respondent, t.case_id)
    for document, status, code in (
        (private, 409, "receipt_not_shared"),
        (theirs, 422, "receipt_not_found"),
        ("0" * 32, 422, "receipt_not_found"),
    ):
        refused = await t.step(t.respondent, "1.1", "paid", receipt_document_id=document)
        assert_error(refused, status, code)
    paid = await t.step(t.respondent, "1.1", "paid", receipt_document_id=receipt)
    assert paid.status_code == 201, paid.text
    given = due(paid.json(), "1.1")["steps"][0]["receipt"]
    assert given["document_id"] == receipt
    # The creditor opens it through the case's documents.
    file = await t.claimant.get(given["url"])
    assert file.status_code == 200 and file.content == RECEIPT
    logged = await performance_events(app, t.case_id)
    assert logged[0][2]["receipt_sha256"] == given["sha256"]
    refused = await t.step(t.claimant, "1.1", "received", receipt_document_id=theirs)
    assert_error(refused, 422, "receipt_not_allowed")


async def test_nothing_private_from_the_negotiation_in_the_schedule(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case = await full_case(app, make_client)
    url = f"/api/cases/{case.case_id}/settlement/schedule"
    answers = [await case.claimant.get(url), await case.respondent.get(url)]
    key = answers[0].json()["dues"][0]["key"]
    steps = f"{url}/{key}/steps"
    answers.append(await case.respondent.post(steps, json={"kind": "paid", "reference": "R-1"}))
    answers.append(await case.claimant.post(steps, json={"kind": "disputed", "reason": "нет"}))
    clock.advance(days=300)  # everything overdue, in default, with penalties
    answers += [await case.claimant.get(url), await case.respondent.get(url)]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.text
        text = json.dumps(answer.json(), ensure_ascii=False)
        for secret in CLAIMANT_SECRETS + RESPONDENT_SECRETS:
            assert secret not in text
        for word in ("interests", "walk_away", "importance", "package", "best", "limit"):
            assert word not in text
    logged = json.dumps(await performance_events(app, case.case_id), ensure_ascii=False)
    assert not any(secret in logged for secret in CLAIMANT_SECRETS + RESPONDENT_SECRETS)


async def test_an_anonymised_case_keeps_its_steps_but_not_their_words(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case = await full_case(app, make_client)
    url = f"/api/cases/{case.case_id}/settlement/schedule"
    key = (await case.claimant.get(url)).json()["dues"][0]["key"]
    steps = f"{url}/{key}/steps"
    paid = {"kind": "paid", "reference": "Ruslan-reference-5e1d"}
    assert (await case.respondent.post(steps, json=paid)).status_code == 201
    why = {"kind": "disputed", "reason": "Aigerim-reason-8b2c"}
    assert (await case.claimant.post(steps, json=why)).status_code == 201
    assert "Ruslan-reference-5e1d" in await database_text(app)

    clock.advance(days=6 * 365)  # past the retention of settled cases
    services = services_of(app)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    text = await database_text(app)
    assert "Ruslan-reference-5e1d" not in text and "Aigerim-reason-8b2c" not in text
    async with services.sessions() as db:
        rows = await db.scalars(
            select(PerformanceStep).where(PerformanceStep.case_id == case.case_id)
        )
        assert [(r.due_key, r.kind, r.reference, r.reason) for r in rows] == [
            (key, "paid", None, None),
            (key, "disputed", None, None),
        ]


async def test_the_same_step_six_times_at_once_is_stored_once(
    app: Starlette, make_client: MakeClient
) -> None:
    t = await tracked_settlement(app, make_client)
    answers = await asyncio.gather(
        *(t.step(t.respondent, "1.1", "paid", reference=f"R-{n}") for n in range(6))
    )
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409, 409]
    for refused in (a for a in answers if a.status_code == 409):
        assert_error(refused, 409, "already_reported")
    assert [kind for kind, _, _ in await performance_events(app, t.case_id)] == ["performance_paid"]
    answers = await asyncio.gather(*(t.step(t.claimant, "1.1", "received") for _ in range(6)))
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409, 409, 409]
    for refused in (a for a in answers if a.status_code == 409):
        assert_error(refused, 409, "already_confirmed")
    due_now = due(await t.schedule(t.claimant), "1.1")
    assert [s["kind"] for s in due_now["steps"]] == ["paid", "received"]
