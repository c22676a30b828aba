"""A centre's administrators are told (e-mail through real SMTP, and in the app) when a new case
finds no eligible mediator and when such a case's deadline passes unassigned: once each."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import add_mediator, login, new_centre, open_case, staff_client


@pytest.fixture
def settings(mail_env: dict[str, str]) -> Settings:
    return load_settings(mail_env)


async def test_admins_hear_of_a_case_without_a_mediator_and_of_its_expiry(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    centre = await new_centre(platform, "Astana centre", languages=["ru"], deadline_days=10)
    # Dana takes only labour cases: a civil case finds nobody.
    await add_mediator(app, platform, centre["id"], "dana@centre.kz", categories=["labour"])
    chief = await staff_client(app, make_client, "chief@centre.kz", "clerk", language="kk")
    added = await platform.post(
        f"/api/centres/{centre['id']}/admins", json={"email": "chief@centre.kz"}
    )
    assert added.status_code == 204, added.text
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    case = (await open_case(claimant))["case"]
    await services_of(app).outbox.flush()

    letters = [m for m in smtp.inbox.messages if m["To"] == "chief@centre.kz"]
    assert [m["Subject"] for m in letters] == [f"{case['reference']}: бос медиатор табылмады"]
    assert f"#/mediator/cases/{case['id']}" in letters[0].get_content()
    listed = (await chief.get("/api/notifications")).json()["notifications"]
    assert [(n["kind"], n["path"]) for n in listed] == [
        ("case_unassigned", f"#/mediator/cases/{case['id']}")
    ]
    # The platform's administrator is not the centre's: the centre has its own.
    assert "root@kelisim.kz" not in [m["To"] for m in smtp.inbox.messages]
    dana = await login(make_client(), "dana@centre.kz")
    assert (await dana.get("/api/notifications")).json()["notifications"] == []

    clock.advance(days=11)
    scheduler = services_of(app).scheduler
    await scheduler.tick()
    await scheduler.tick()
    await services_of(app).outbox.flush()
    subjects = [m["Subject"] for m in smtp.inbox.messages if m["To"] == "chief@centre.kz"]
    assert subjects == [
        f"{case['reference']}: бос медиатор табылмады",
        f"{case['reference']}: мерзім медиаторсыз өтті",
    ]
    chief = await login(make_client(), "chief@centre.kz")  # the old session expired meanwhile
    kinds = [n["kind"] for n in (await chief.get("/api/notifications")).json()["notifications"]]
    assert kinds == ["unassigned_case_expired", "case_unassigned"]


async def test_a_centre_without_administrators_alerts_the_platforms(
    app: Starlette, make_client: MakeClient, smtp: Smtp
) -> None:
    platform = await staff_client(app, make_client, "root@kelisim.kz", "admin")
    await new_centre(platform, "Astana centre", languages=["ru"])
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    case = (await open_case(claimant))["case"]
    kinds = [n["kind"] for n in (await platform.get("/api/notifications")).json()["notifications"]]
    assert kinds == ["case_unassigned"]
    await services_of(app).outbox.flush()
    subjects = [m["Subject"] for m in smtp.inbox.messages if m["To"] == "root@kelisim.kz"]
    assert subjects == [f"{case['reference']}: нет свободного медиатора"]
