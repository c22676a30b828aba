"""SMS for real: notices reach a phone through a provider's HTTP API (a local gateway server in
the test, tests/builders/sms_gateway.py), short, in the recipient's language, with a short link;
only when the e-mail (real SMTP) stays unread; within a per-number limit; delivery reported back
with the callback secret; once each with two instances on PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.app import create_app
from odr.persistence.models import OutboxNotice
from odr.settings import Settings, SettingsError, load_settings
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.mail import Smtp
from tests.builders.notices import queue_notices
from tests.builders.sms_gateway import SmsGateway
from tests.conftest import ORIGIN, Client, FakeClock, MakeClient, assert_error

SECRET = "callback-secret-0123456789"


@pytest.fixture
def gateway() -> Iterator[SmsGateway]:
    server = SmsGateway()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(mail_env: dict[str, str], gateway: SmsGateway) -> Settings:
    return load_settings(
        {
            **mail_env,
            "ODR_SMS_BACKEND": "http",
            "ODR_SMS_URL": gateway.url,
            "ODR_SMS_LOGIN": "kelisim",
            "ODR_SMS_PASSWORD": "provider-password",
            "ODR_SMS_CALLBACK_SECRET": SECRET,
            "ODR_SMS_AFTER_UNREAD_H": "4",
        }
    )


async def flush(app: Starlette) -> int:
    return int(await services_of(app).outbox.flush())


async def joined(make_client: MakeClient, phone: str | None) -> tuple[Client, dict[str, Any]]:
    """The claimant (Russian, with ``phone`` saved) hears that the respondent joined."""
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz", language="ru")
    if phone is not None:
        saved = await claimant.put("/api/notify/phone", json={"phone": phone})
        assert saved.status_code == 204, saved.text
    created = await open_case(claimant)
    await respondent.signup("ruslan@example.kz")
    accepted = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert accepted.status_code == 200, accepted.text
    return claimant, created


async def statuses(app: Starlette, channel: str = "sms") -> list[tuple[str, str | None]]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(OutboxNotice.status, OutboxNotice.last_error)
            .where(OutboxNotice.channel == channel)
            .order_by(OutboxNotice.id)
        )
        return [(status, error) for status, error in rows]


async def test_a_saved_phone_gets_a_short_sms_when_the_e_mail_stays_unread(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    smtp: Smtp,
    gateway: SmsGateway,
    address: str,
) -> None:
    claimant, created = await joined(make_client, "8 (701) 234-56-78")  # typed as people do
    case_id = created["case"]["id"]
    await flush(app)  # the invitation and the claimant's e-mail go at once
    assert "aigerim@example.kz" in [m["To"] for m in smtp.inbox.messages]
    assert gateway.requests == []  # the e-mail has its hours first
    clock.advance(hours=3, minutes=59)
    await flush(app)
    assert gateway.requests == []
    clock.advance(minutes=2)
    assert await flush(app) == 1
    [sms] = gateway.requests
    assert sms.fields["to"] == "+77012345678" and sms.fields["sender"] == "Kelisim"
    assert sms.headers["authorization"] == "Basic " + "a2VsaXNpbTpwcm92aWRlci1wYXNzd29yZA=="
    text = sms.fields["text"]
    assert "вторая сторона присоединилась" in text and len(text) <= 134  # Russian, two parts
    link = text.rsplit(" ", 1)[1]
    assert link.startswith("http://127.0.0.1:8000/s/") and case_id not in text
    assert SECRET not in text

    # The short link leads to the room's page and marks the notice read.
    followed = await claimant.get(link.removeprefix("http://127.0.0.1:8000"))
    assert followed.status_code == 303
    assert followed.headers["location"] == f"http://127.0.0.1:8000/#/cases/{case_id}"
    listed = (await claimant.get("/api/notifications")).json()
    assert listed["unread"] == 0
    # An altered or made-up token leads to the front page and reveals nothing.
    for token in (link.rsplit("/", 1)[1][:-1] + "A", "1AAAAAAAAAA", "zz"):
        other = await claimant.get(f"/s/{token}")
        assert other.status_code == 303 and other.headers["location"] == "http://127.0.0.1:8000/"

    # The provider reports delivery to the callback URL the message carried.
    reported = await gateway.report(sms, "DELIVRD", address)
    assert reported.status_code == 204, reported.text
    assert await statuses(app) == [("delivered", None)]


async def test_delivery_reports_need_the_secret_and_an_undelivered_sms_goes_by_e_mail(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    smtp: Smtp,
    gateway: SmsGateway,
    address: str,
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz", language="kk")
    chosen = await claimant.put(
        "/api/notifications/settings", json={"channel": "sms", "phone": "+7 701 234 56 78"}
    )
    assert chosen.status_code == 200, chosen.text
    await notify(app, "aigerim@example.kz")
    assert await flush(app) == 1
    [sms] = gateway.requests
    assert sms.fields["text"].startswith("KS-ABC123: мерзім өтті")  # Kazakh, SMS only
    assert "callback_url" in sms.fields and sms.fields["id"]

    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        path = "/api/notify/sms/status"
        report = {"id": sms.fields["id"], "status": "UNDELIV"}
        assert_error(await http.post(path, json=report), 401, "sms_callback_refused")
        wrong = await http.post(path, json=report, headers={"x-sms-secret": "x" * 26})
        assert_error(wrong, 401, "sms_callback_refused")
        real = sms.fields["id"]
        forged = {"id": real[:-1] + ("1" if real[-1] == "0" else "0"), "status": "UNDELIV"}
        ignored = await http.post(path, json=forged, headers={"x-sms-secret": SECRET})
        assert ignored.status_code == 204
    assert await statuses(app) == [("sent", None)]

    # The real report, by the callback URL (its secret in the query), twice: one e-mail instead.
    for _ in range(2):
        answered = await gateway.report(sms, "UNDELIV", address, error="phone off")
        assert answered.status_code == 204, answered.text
    assert await statuses(app) == [("undelivered", "phone off")]
    assert await flush(app) == 1
    [letter] = [m for m in smtp.inbox.messages if m["To"] == "aigerim@example.kz"]
    assert letter["Subject"] == "KS-ABC123: мерзім өтті"
    assert await flush(app) == 0


async def notify(app: Starlette, email: str, *, times: int = 1) -> None:
    async with services_of(app).sessions() as db, db.begin():
        await queue_notices(
            db,
            email,
            times,
            "deadline_expired",
            lambda _: {"reference": "KS-ABC123", "subject": "Долг"},
        )


async def test_a_notice_read_in_time_sends_no_sms(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp, gateway: SmsGateway
) -> None:
    claimant, _ = await joined(make_client, "+77012345678")
    await flush(app)
    read = await claimant.post("/api/notifications/read", json={})
    assert read.status_code == 200
    clock.advance(hours=5)
    assert await flush(app) == 0
    assert gateway.requests == []
    assert await statuses(app) == [
        ("cancelled", "not sent: the notice was read before the SMS was due")
    ]


async def test_one_number_gets_at_most_three_sms_an_hour_the_rest_wait(
    app: Starlette, make_client: MakeClient, clock: FakeClock, gateway: SmsGateway
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz", language="ru")
    chosen = await claimant.put(
        "/api/notifications/settings", json={"channel": "sms", "phone": "+77012345678"}
    )
    assert chosen.status_code == 200
    await notify(app, "aigerim@example.kz", times=5)
    assert await flush(app) == 3
    assert await flush(app) == 0
    assert [s for s, _ in await statuses(app)] == ["sent"] * 3 + ["pending"] * 2
    clock.advance(minutes=59)
    assert await flush(app) == 0
    clock.advance(minutes=2)
    assert await flush(app) == 2
    assert len(gateway.requests) == 5
    async with services_of(app).sessions() as db:
        attempts = list(await db.scalars(select(OutboxNotice.attempts)))
    assert attempts == [1] * 5  # waiting for the limit is no attempt


async def test_gateway_down_is_retried_and_each_sms_goes_once(
    app: Starlette, make_client: MakeClient, clock: FakeClock, gateway: SmsGateway
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz", language="en")
    await claimant.put(
        "/api/notifications/settings", json={"channel": "sms", "phone": "+77012345678"}
    )
    await notify(app, "aigerim@example.kz")
    gateway.status = 503
    assert await flush(app) == 0
    [(status, error)] = await statuses(app)
    assert status == "pending" and error == "SMS gateway answered 503"
    gateway.status = 200
    clock.advance(seconds=61)
    assert await flush(app) == 1
    clock.advance(days=1)
    assert await flush(app) == 0
    assert gateway.texts() == [("+77012345678", "KS-ABC123: deadline passed")]


async def test_a_form_body_and_a_bearer_token_for_providers_that_want_them(
    env: dict[str, str], gateway: SmsGateway, clock: FakeClock
) -> None:
    settings = load_settings(
        {
            **env,
            "ODR_SMS_BACKEND": "http",
            "ODR_SMS_URL": gateway.url,
            "ODR_SMS_FORMAT": "form",
            "ODR_SMS_TOKEN": "provider-token",
            "ODR_BACKGROUND_WORKERS": "0",
        }
    )
    assert "provider-token" not in repr(settings)
    from odr.notify.sms import HttpSmsGateway

    await HttpSmsGateway(settings).send("+77012345678", "Сәлем", message_id="7.abc")
    [sent] = gateway.requests
    assert sent.form and sent.headers["authorization"] == "Bearer provider-token"
    assert sent.fields == {
        "to": "+77012345678",
        "text": "Сәлем",
        "sender": "Kelisim",
        "id": "7.abc",
    }


def test_sms_settings_are_checked(env: dict[str, str]) -> None:
    with pytest.raises(SettingsError, match="ODR_SMS_URL"):
        load_settings({**env, "ODR_SMS_BACKEND": "http"})
    with pytest.raises(SettingsError, match="ODR_SMS_CALLBACK_SECRET"):
        load_settings({**env, "ODR_SMS_CALLBACK_SECRET": "short"})
    with pytest.raises(SettingsError, match="ODR_SMS_FORMAT"):
        load_settings({**env, "ODR_SMS_FORMAT": "xml"})


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)])
async def test_two_instances_on_postgresql_send_each_sms_once(
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    settings: Settings,
    gateway: SmsGateway,
    backend: str,
) -> None:
    people = [f"p{n}@example.kz" for n in range(6)]
    for n, email in enumerate(people):
        client = make_client()
        await client.signup(email, language="ru")
        phone = f"+7701234567{n}"
        chosen = await client.put(
            "/api/notifications/settings", json={"channel": "sms", "phone": phone}
        )
        assert chosen.status_code == 200, chosen.text
        await notify(app, email, times=2)
    other = create_app(settings, clock=clock)  # a second instance: its own engine and worker
    async with other.router.lifespan_context(other):
        sent = await asyncio.gather(
            *(services_of(i).outbox.flush() for i in (app, other) for _ in range(3))
        )
    assert sum(sent) == len(gateway.requests) == 12
    ids = [r.fields["id"] for r in gateway.requests]
    assert len(set(ids)) == 12
    assert sorted(to for to, _ in gateway.texts()) == sorted(
        f"+7701234567{n}" for n in range(6) for _ in range(2)
    )


async def test_an_e_mail_the_address_refuses_lets_the_sms_go_at_once(
    mail_env: dict[str, str], gateway: SmsGateway, smtp: Smtp, clock: FakeClock
) -> None:
    smtp.stop()  # the mailbox never answers: one attempt, then the e-mail is given up
    settings = load_settings(
        {
            **mail_env,
            "ODR_SMS_BACKEND": "http",
            "ODR_SMS_URL": gateway.url,
            "ODR_OUTBOX_MAX_ATTEMPTS": "1",
        }
    )
    application = create_app(settings, clock=clock)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application)
        claimant = Client(transport=transport, base_url=ORIGIN)
        respondent = Client(transport=transport, base_url=ORIGIN)
        clients = iter((claimant, respondent))
        await joined(lambda: next(clients), "+77012345678")
        await flush(application)
        emails = await statuses(application, "email")
        assert emails and {status for status, _ in emails} == {"failed"}
        assert await statuses(application) == [("sent", None)]
        for client in (claimant, respondent):
            await client.aclose()
    assert [to for to, _ in gateway.texts()] == ["+77012345678"]  # no 4-hour wait
