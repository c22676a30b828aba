"""Deadlines: reminders before, expiry on time, nothing twice (also across a restart and with
two app instances racing on one PostgreSQL database)."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.app import create_app
from odr.persistence.models import Case, CaseEvent, DeadlineTask, OutboxNotice
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.builders.rows import count
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client


@pytest.fixture
def settings(mail_env: dict[str, str], smtp: Smtp) -> Settings:
    smtp.stop()  # down until a test starts it, so that no letter goes before the test expects it
    return load_settings(mail_env)


async def deadline_events(app: Starlette, case_id: str) -> list[dict[str, Any]]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(CaseEvent.data)
            .where(CaseEvent.case_id == case_id, CaseEvent.type == "deadline")
            .order_by(CaseEvent.seq)
        )
        return list(rows)


async def notice_kinds(app: Starlette) -> Counter[str]:
    async with services_of(app).sessions() as db:
        return Counter(await db.scalars(select(OutboxNotice.kind)))


async def supervised_case(
    app: Starlette, make_client: MakeClient, *, joined: bool = True
) -> tuple[str, Client, Client, Callable[[], Awaitable[None]]]:
    """A case of a 5-day centre: its id, the claimant, the mediator, and the respondent's join
    (already done unless ``joined`` is False)."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Karaganda centre", languages=["ru"], deadline_days=5)
    await add_mediator(app, admin, centre["id"], "dana@centre.kz")
    claimant, respondent = make_client(), make_client()
    await claimant.signup("claimant@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)

    async def join_now() -> None:
        await join(respondent, created)

    if joined:
        await join_now()
    mediator = await login(make_client(), "dana@centre.kz")
    return created["case"]["id"], claimant, mediator, join_now


async def test_the_deadline_counts_from_the_respondents_consent(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case_id, _claimant, mediator, join_now = await supervised_case(app, make_client, joined=False)
    row = (await mediator.get("/api/centre/dashboard")).json()["cases"][0]
    assert (row["status"], row["days_to_deadline"]) == ("awaiting_respondent", 5)
    clock.advance(days=3)  # the respondent takes three days to accept
    await join_now()
    row = (await mediator.get("/api/centre/dashboard")).json()["cases"][0]
    assert (row["status"], row["days_to_deadline"]) == ("open", 5)
    clock.advance(days=4, hours=12)  # past the old deadline, before the new one
    assert await services_of(app).scheduler.tick() == 2  # the 72 h and 24 h reminders, no expiry
    assert [e["kind"] for e in await deadline_events(app, case_id)] == ["reminder", "reminder"]
    clock.advance(days=1)
    assert await services_of(app).scheduler.tick() == 1
    assert [e["kind"] for e in await deadline_events(app, case_id)][-1] == "expired"


async def test_reminders_then_expiry_once_each_across_a_restart(
    app: Starlette, make_client: MakeClient, clock: FakeClock, settings: Settings
) -> None:
    case_id, claimant, mediator, _join = await supervised_case(app, make_client)
    scheduler = services_of(app).scheduler
    assert await scheduler.tick() == 0
    clock.advance(days=2, hours=1)  # 72 h before the 5-day deadline has passed
    assert await scheduler.tick() == 1
    assert await scheduler.tick() == 0
    assert [e["kind"] for e in await deadline_events(app, case_id)] == ["reminder"]
    assert (await notice_kinds(app))["deadline_reminder"] == 2  # both parties
    listed = (await claimant.get("/api/notifications")).json()["notifications"]
    [reminded] = [n for n in listed if n["kind"] == "deadline_reminder"]
    assert reminded["path"] == f"#/cases/{case_id}"  # the e-mail and the app link to the case

    # A restarted instance finds what is due in the database, and nothing already done.
    restarted = create_app(settings, clock=clock)
    async with restarted.router.lifespan_context(restarted):
        assert await services_of(restarted).scheduler.tick() == 0
        clock.advance(days=2)
        assert await services_of(restarted).scheduler.tick() == 1  # the 24-hour reminder
        clock.advance(days=1)
        assert await services_of(restarted).scheduler.tick() == 1  # expiry
        assert await scheduler.tick() == 0
    events = await deadline_events(app, case_id)
    assert [(e["kind"], e.get("hours")) for e in events] == [
        ("reminder", 72),
        ("reminder", 24),
        ("expired", None),
    ]
    kinds = await notice_kinds(app)
    assert (kinds["deadline_reminder"], kinds["deadline_expired"]) == (4, 3)  # + the mediator
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).status == "expired"
    row = (await mediator.get("/api/centre/dashboard")).json()["cases"][0]
    assert (row["status"], row["days_to_deadline"]) == ("expired", -1)

    # Expired: parties cannot act; the mediator may extend, which reopens and re-plans.
    feedback = {"service": 4, "procedure": 4, "fairness": 4, "ease": 4}
    assert (await claimant.post(f"/api/cases/{case_id}/feedback", json=feedback)).status_code == 201
    extended = await mediator.post(
        f"/api/centre/cases/{case_id}/deadline", json={"days": 7, "reason": "parties are close"}
    )
    assert extended.status_code == 200, extended.text
    assert extended.json()["case"]["status"] == "open"
    pending = await count(
        app, DeadlineTask, DeadlineTask.done_at.is_(None), DeadlineTask.cancelled.is_(False)
    )
    assert pending == 3
    closed = await mediator.post(
        f"/api/centre/cases/{case_id}/close", json={"outcome": "failed", "reason": "x"}
    )
    assert closed.status_code == 200
    again = await mediator.post(f"/api/centre/cases/{case_id}/resume")
    assert_error(again, 409, "case_not_paused")
    clock.advance(days=30)
    assert await scheduler.tick() == 0  # closing cancelled the remaining tasks


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_two_instances_on_postgresql_send_each_reminder_exactly_once(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    settings: Settings,
    smtp: Smtp,
    backend: str,
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Aktobe centre", languages=["ru"], deadline_days=5)
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", capacity=100)
    claimant: Client = make_client()
    await claimant.signup("claimant@example.kz")
    cases = [(await open_case(claimant))["case"]["id"] for _ in range(12)]
    clock.advance(days=2, hours=1)  # every case's 72-hour reminder is due

    other = create_app(settings, clock=clock)  # a second instance: its own engine and room
    async with other.router.lifespan_context(other):
        instances = [app, other]
        done = await asyncio.gather(
            *(services_of(i).scheduler.tick() for i in instances for _ in range(3))
        )
        # Six ticks race over the same due rows; which instance wins each is up to the
        # scheduler (one may win them all), but together they carry out each task once.
        assert sum(done) == len(cases), done
        for case_id in cases:
            assert [e["kind"] for e in await deadline_events(app, case_id)] == ["reminder"]
        assert (await notice_kinds(app))["deadline_reminder"] == len(cases)

        smtp.start()
        sent = await asyncio.gather(
            *(services_of(i).outbox.flush() for i in instances for _ in range(2))
        )
    # "72" alone could be part of a random case reference: match the hours with their unit.
    reminders = [m for m in smtp.inbox.messages if re.search(r"\b72 (ч|hours|сағат)", m["Subject"])]
    # + the mediator's assignments and the respondents' invitations
    assert sum(sent) == len(smtp.inbox.messages) == 3 * len(cases)
    assert len(reminders) == len(cases)
    assert len({m["Message-ID"] for m in smtp.inbox.messages}) == len(smtp.inbox.messages)


def test_reminder_hours_setting_is_validated(tmp_path: Path) -> None:
    from odr.settings import SettingsError

    base = {"ODR_DATA_DIR": str(tmp_path)}
    assert load_settings({**base, "ODR_DEADLINE_REMINDERS_H": "1, 48"}).deadline_reminders_h == (
        1,
        48,
    )
    with pytest.raises(SettingsError, match="ODR_DEADLINE_REMINDERS_H"):
        load_settings({**base, "ODR_DEADLINE_REMINDERS_H": "soon"})
