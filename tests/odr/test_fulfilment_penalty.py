"""The default penalty settled over HTTP (#18 follow-up), on SQLite and PostgreSQL.

The settlement is ``tests/builders/enforcement.py``'s: 300,000.00 KZT in three instalments due
on days 10, 40 and 70, 10 days' grace, 0.1 % a day. Instalment 1 paid on day 12 (2 days late)
and confirmed owes a penalty of 10,000,000 × 0.1 % × 2 = 20,000 tiyn. The debtor reports paying
15,000 of it (disputed, then reported again and received), the creditor waives the rest; on day
51 instalment 2 (11 days late) adds 110,000, and the writ application claims what is still
owed. Each step is a ``penalty_*`` event of the case's log; the wrong party, order and amount
are refused.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from starlette.applications import Starlette

from odr.fulfilment.default_sums import sums_due
from odr.fulfilment.ledger import Step, states_of
from odr.fulfilment.penalty_ledger import PenaltyKind, PenaltyStep, settled_of
from odr.fulfilment.schedule import default_terms_of, schedule_of
from odr.persistence.fulfilment_models import PenaltyStep as PenaltyRow
from odr.persistence.models import CaseEvent
from odr.privacy.purge import purge
from odr.room.event_data import event_data_problem
from tests.builders.app import services_of
from tests.builders.enforcement import SESSIONS_LAST, Followed, paid_late
from tests.builders.fulfilment_records import settlements
from tests.builders.privacy import database_text
from tests.conftest import Client, FakeClock, MakeClient, assert_error


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {**env, **SESSIONS_LAST}


async def penalty(client: Client, case: Followed, obligation: Any = 1, **body: Any) -> Any:
    url = f"/api/cases/{case.case_id}/settlement/schedule/penalties/{obligation}/steps"
    return await client.post(url, json=body)


def standing(schedule: dict[str, Any]) -> tuple[Any, ...]:
    (p,) = schedule["penalties"]
    return (p["accrued_tiyn"], p["received_tiyn"], p["waived_tiyn"], p["owed_tiyn"])


async def penalty_events(app: Starlette, case_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type.like("penalty_%"))
            .order_by(CaseEvent.seq)
        )
        return [(r.type, r.actor_role, dict(r.data)) for r in rows]


async def test_a_penalty_is_paid_disputed_received_and_waived_and_leaves_the_sums(
    app: Starlette, make_client: MakeClient, clock: FakeClock, court_token: dict[str, str]
) -> None:
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    debtor, creditor = case.respondent, case.claimant
    schedule = (await debtor.get(f"/api/cases/{case.case_id}/settlement/schedule")).json()
    assert standing(schedule) == (20_000, 0, 0, 20_000)
    assert schedule["penalties"][0]["can"] == ["paid"]

    # Who may say what.
    assert_error(
        await penalty(case.mediator, case, kind="paid", amount_tiyn=1), 403, "parties_only"
    )
    assert_error(await penalty(creditor, case, kind="paid", amount_tiyn=1), 403, "debtor_only")
    assert_error(await penalty(debtor, case, kind="waived", amount_tiyn=1), 403, "creditor_only")
    assert_error(
        await penalty(debtor, case, 9, kind="paid", amount_tiyn=1), 404, "obligation_not_found"
    )
    assert_error(await penalty(debtor, case, "x", kind="paid", amount_tiyn=1), 404)
    # Amounts: whole tiyn, at least 1, at most what is owed.
    over = await penalty(debtor, case, kind="paid", amount_tiyn=20_001)
    assert_error(over, 422, "amount_over_owed")
    assert_error(await penalty(debtor, case, kind="paid", amount_tiyn=0), 422)
    assert_error(await penalty(debtor, case, kind="paid", amount_tiyn=1.5), 422)
    assert_error(await penalty(debtor, case, kind="paid"), 422, "amount_required")

    # Reported, disputed, reported again, received.
    reported = await penalty(debtor, case, kind="paid", amount_tiyn=15_000, reference="KASPI-P1")
    assert reported.status_code == 201, reported.text
    (p,) = reported.json()["penalties"]
    assert p["waiting_tiyn"] == 15_000 and p["owed_tiyn"] == 20_000 and p["can"] == []
    again = await penalty(debtor, case, kind="paid", amount_tiyn=1)
    assert_error(again, 409, "already_reported")
    assert_error(await penalty(creditor, case, kind="waived", amount_tiyn=1), 409, "report_waiting")
    assert_error(await penalty(creditor, case, kind="disputed"), 422, "reason_required")
    mine = (await creditor.get(f"/api/cases/{case.case_id}/settlement/schedule")).json()
    assert mine["penalties"][0]["can"] == ["received", "disputed"]
    disputed = await penalty(creditor, case, kind="disputed", reason="Не поступило")
    assert disputed.status_code == 201 and disputed.json()["penalties"][0]["waiting_tiyn"] is None
    assert_error(await penalty(creditor, case, kind="received"), 409, "not_reported")
    await penalty(debtor, case, kind="paid", amount_tiyn=15_000, reference="KASPI-P2")
    received = (await penalty(creditor, case, kind="received")).json()
    assert standing(received) == (20_000, 15_000, 0, 5_000)
    (owed,) = received["sums_due"]
    assert (owed["penalty_tiyn"], owed["penalty_settled_tiyn"], owed["total_tiyn"]) == (
        5_000,
        15_000,
        5_000,
    )

    # The creditor waives the rest; nothing more can be recorded then.
    assert_error(
        await penalty(creditor, case, kind="waived", amount_tiyn=5_001), 422, "amount_over_owed"
    )
    waived = (
        await penalty(creditor, case, kind="waived", amount_tiyn=5_000, reason="Прощаю")
    ).json()
    assert standing(waived) == (20_000, 15_000, 5_000, 0)
    assert waived["sums_due"][0]["total_tiyn"] == 0 and waived["sums_due"][0]["penalty"] == "0.00"
    assert waived["penalties"][0]["can"] == []
    assert_error(
        await penalty(creditor, case, kind="received", amount_tiyn=1), 422, "amount_over_owed"
    )

    # Later defaults add their penalty; what was settled stays settled, exactly.
    case.at(51)
    later = (await case.mediator.get(f"/api/cases/{case.case_id}/settlement/schedule")).json()
    assert standing(later) == (130_000, 15_000, 5_000, 110_000)
    (sums,) = later["sums_due"]
    assert (sums["overdue_tiyn"], sums["accelerated_tiyn"], sums["penalty_tiyn"]) == (
        10_000_000,
        10_000_000,
        110_000,
    )
    assert sums["total_tiyn"] == 20_110_000 and later["penalties"][0]["can"] == []
    creditor_direct = await penalty(creditor, case, kind="received", amount_tiyn=10_000)
    assert standing(creditor_direct.json()) == (130_000, 25_000, 5_000, 100_000)

    # The writ application claims what is still owed.
    made = await creditor.post(
        f"/api/cases/{case.case_id}/settlement/writ-application", json={"language": "ru"}
    )
    assert made.status_code == 201, made.text
    (claimed,) = made.json()["sums"]["obligations"]
    assert (claimed["penalty_tiyn"], claimed["total_tiyn"]) == (100_000, 20_100_000)

    # Each step an event of the case's log, never the negotiation's.
    logged = await penalty_events(app, case.case_id)
    assert [(kind, role) for kind, role, _ in logged] == [
        ("penalty_paid", "respondent"),
        ("penalty_disputed", "claimant"),
        ("penalty_paid", "respondent"),
        ("penalty_received", "claimant"),
        ("penalty_waived", "claimant"),
        ("penalty_received", "claimant"),
    ]
    assert logged[0][2] == {
        "obligation": 1,
        "amount_tiyn": 15_000,
        "currency": "KZT",
        "reference": "KASPI-P1",
        "reason": None,
    }
    assert logged[3][2]["amount_tiyn"] == 15_000 and logged[1][2]["amount_tiyn"] is None
    assert all(event_data_problem(kind, data) is None for kind, _, data in logged)


async def test_a_step_sent_again_with_its_key_is_stored_once(
    app: Starlette, make_client: MakeClient, clock: FakeClock, court_token: dict[str, str]
) -> None:
    """A second click, or a resend after the answer was lost: with the same key the waiver (or
    the report of a payment) is stored and logged once, and answered with the schedule."""
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    debtor, creditor = case.respondent, case.claimant
    first = await penalty(creditor, case, kind="waived", amount_tiyn=1_000, key="waive-1")
    again = await penalty(creditor, case, kind="waived", amount_tiyn=1_000, key="waive-1")
    assert first.status_code == again.status_code == 201, again.text
    assert standing(again.json()) == standing(first.json()) == (20_000, 0, 1_000, 19_000)
    # Another key is another step; the same key is the debtor's own to use too.
    other = await penalty(creditor, case, kind="waived", amount_tiyn=1_000, key="waive-2")
    assert standing(other.json()) == (20_000, 0, 2_000, 18_000)
    for _ in range(2):
        paid = await penalty(debtor, case, kind="paid", amount_tiyn=500, key="waive-1")
        assert paid.status_code == 201, paid.text
    assert [kind for kind, _, _ in await penalty_events(app, case.case_id)] == [
        "penalty_waived",
        "penalty_waived",
        "penalty_paid",
    ]
    async with services_of(app).sessions() as db:
        assert len(list(await db.scalars(select(PenaltyRow)))) == 3
    # A due's step keeps its key the same way.
    steps = f"/api/cases/{case.case_id}/settlement/schedule"
    schedule = (await debtor.get(steps)).json()
    due = next(d for d in schedule["dues"] if d["can"])
    for _ in range(2):
        step = await debtor.post(f"{steps}/{due['key']}/steps", json={"kind": "paid", "key": "p2"})
        assert step.status_code == 201, step.text
    async with services_of(app).sessions() as db:
        rows = await db.scalars(select(CaseEvent).where(CaseEvent.type == "performance_paid"))
        assert [r.data["key"] for r in rows].count(due["key"]) == 1
    assert_error(await penalty(creditor, case, kind="waived", amount_tiyn=1, key="a b"), 422)


@settings(max_examples=200, deadline=None)
@given(settlements(), st.integers(0, 400), st.integers(0, 10**10))
def test_what_was_settled_comes_off_the_penalty_exactly_and_never_below_zero(
    given_settlement: tuple[dict[str, Any], list[Step]], first: int, settled: int
) -> None:
    rec, steps = given_settlement
    terms = default_terms_of(rec)
    states = states_of(schedule_of(rec), steps, date(2027, 1, 1) + timedelta(days=first), terms)
    before = {s.obligation: s for s in sums_due(states, terms)}
    after = {s.obligation: s for s in sums_due(states, terms, dict.fromkeys(before, settled))}
    for number, sums in before.items():
        less = after[number]  # still listed: it owes something, or settled some penalty
        accrued = sums.penalty_tiyn
        assert type(less.penalty_tiyn) is int and less.penalty_tiyn == max(0, accrued - settled)
        assert less.penalty_settled_tiyn == min(settled, accrued)
        assert less.penalty_accrued_tiyn == accrued
        assert less.total_tiyn == sums.total_tiyn - less.penalty_settled_tiyn >= 0


def test_a_penalty_ledger_folds_reports_answers_and_waivers() -> None:
    at = datetime(2027, 2, 1, tzinfo=UTC)

    def s(kind: PenaltyKind, amount: int | None, role: str = "claimant") -> PenaltyStep:
        return PenaltyStep(1, kind, role, at, amount)

    folded = settled_of(
        [
            s("paid", 300, "respondent"),
            s("disputed", None),
            s("paid", 200, "respondent"),
            s("received", 200),
            s("waived", 50),
            s("received", 25),
            s("paid", 10, "respondent"),
        ]
    )
    assert (folded.received_tiyn, folded.waived_tiyn, folded.settled_tiyn) == (225, 50, 275)
    assert folded.waiting is not None and folded.waiting.amount_tiyn == 10


async def test_an_anonymised_case_keeps_its_penalty_steps_but_not_their_words(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case = await paid_late(app, make_client, clock)
    paid = {"kind": "paid", "amount_tiyn": 100, "reference": "Ruslan-penalty-ref-77"}
    assert (await penalty(case.respondent, case, **paid)).status_code == 201
    why = {"kind": "disputed", "reason": "Aigerim-penalty-why-55"}
    assert (await penalty(case.claimant, case, **why)).status_code == 201
    assert "Ruslan-penalty-ref-77" in await database_text(app)

    clock.advance(days=6 * 365)  # past the retention of settled cases
    services = services_of(app)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    text = await database_text(app)
    assert "Ruslan-penalty-ref-77" not in text and "Aigerim-penalty-why-55" not in text
    async with services.sessions() as db:
        rows = await db.scalars(select(PenaltyRow).where(PenaltyRow.case_id == case.case_id))
        assert [(r.kind, r.amount_tiyn, r.reference, r.reason) for r in rows] == [
            ("paid", 100, None, None),
            ("disputed", None, None, None),
        ]
