"""Notices: e-mail through a real SMTP server (aiosmtpd), retries while it is down, sent once."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.notify import enqueue_notice
from odr.persistence.models import OutboxNotice, User
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.mail import Smtp
from tests.builders.room import joined_case
from tests.conftest import FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import login, make_account


@pytest.fixture
def settings(mail_env: dict[str, str], smtp: Smtp, tmp_path: Path) -> Settings:
    smtp.stop()  # down until a test starts it: what the outbox does meanwhile is checked here
    return load_settings(
        {
            **mail_env,
            "ODR_SMTP_FROM": "Kelisim <noreply@kelisim.kz>",
            "ODR_SMS_FILE": str(tmp_path / "sms.log"),
            "ODR_OUTBOX_RETRY_S": "60",
        }
    )


async def queue(app: Starlette, email_address: str, kind: str, **kw: Any) -> None:
    async with services_of(app).sessions() as db:
        user_id = await db.scalar(select(User.id).where(User.email == email_address))
        assert user_id is not None
        await enqueue_notice(
            db,
            user_id=user_id,
            kind=kind,
            params={"reference": "KS-ABC123", "subject": "Долг", "deadline": "2026-12-01"},
            **kw,
        )
        await db.commit()


async def notices(app: Starlette) -> list[tuple[str, int, str | None]]:
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(OutboxNotice.status, OutboxNotice.attempts, OutboxNotice.last_error).order_by(
                OutboxNotice.id
            )
        )
        return [(status, attempts, error) for status, attempts, error in rows]


async def test_email_goes_through_smtp_in_the_recipients_language(
    app: Starlette, smtp: Smtp
) -> None:
    smtp.start()
    await make_account(app, "aigerim@example.kz", "party", language="kk")
    await make_account(app, "john@example.kz", "party", language="en")
    await queue(app, "aigerim@example.kz", "deadline_expired")
    await queue(app, "john@example.kz", "deadline_expired")
    # Two rounds at once (as two instances would): each notice still goes out once.
    sent = await asyncio.gather(services_of(app).outbox.flush(), services_of(app).outbox.flush())
    assert sum(sent) == 2
    assert await services_of(app).outbox.flush() == 0
    by_rcpt = {m["To"]: m for m in smtp.inbox.messages}
    assert len(smtp.inbox.messages) == 2
    assert by_rcpt["aigerim@example.kz"]["Subject"] == "KS-ABC123: мерзім өтті"
    assert by_rcpt["john@example.kz"]["Subject"] == "KS-ABC123: deadline passed"
    assert by_rcpt["aigerim@example.kz"]["Content-Language"] == "kk"
    assert "Kelisim <noreply@kelisim.kz>" in by_rcpt["john@example.kz"]["From"]
    assert await notices(app) == [("sent", 1, None), ("sent", 1, None)]


async def test_outbox_retries_while_smtp_is_down_and_sends_once_when_back(
    app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    await make_account(app, "ruslan@example.kz", "party", language="ru")
    await queue(app, "ruslan@example.kz", "deadline_reminder")
    assert await services_of(app).outbox.flush() == 0  # nobody listens on the SMTP port
    [(status, attempts, error)] = await notices(app)
    assert (status, attempts) == ("pending", 1) and error and "SMTP" in error
    assert await services_of(app).outbox.flush() == 0  # not due again before the back-off
    clock.advance(seconds=61)
    assert await services_of(app).outbox.flush() == 0  # still down: the next wait doubles
    assert (await notices(app))[0][:2] == ("pending", 2)
    smtp.start()
    clock.advance(seconds=60)
    assert await services_of(app).outbox.flush() == 0  # 120 s back-off not over yet
    clock.advance(seconds=61)
    assert await services_of(app).outbox.flush() == 1
    clock.advance(days=1)
    assert await services_of(app).outbox.flush() == 0
    assert [m["To"] for m in smtp.inbox.messages] == ["ruslan@example.kz"]
    assert "Срок медиации по делу KS-ABC123" in smtp.inbox.messages[0].get_content()
    assert (await notices(app))[0][:2] == ("sent", 3)


async def test_outbox_gives_up_after_the_last_attempt(
    app: Starlette, clock: FakeClock, env: dict[str, str]
) -> None:
    await make_account(app, "ruslan@example.kz", "party")
    await queue(app, "ruslan@example.kz", "case_closed")
    for _ in range(services_of(app).settings.outbox_max_attempts):
        await services_of(app).outbox.flush()
        clock.advance(days=30)
    assert (await notices(app))[0][:2] == ("failed", 8)
    assert await services_of(app).outbox.flush() == 0


async def test_sms_goes_through_the_file_gateway_only_to_people_with_a_phone(
    app: Starlette, make_client: MakeClient, settings: Settings
) -> None:
    await make_account(app, "aigerim@example.kz", "party", language="kk")
    await make_account(app, "nophone@example.kz", "party")
    client = await login(make_client(), "aigerim@example.kz")
    bad = await client.put("/api/notify/phone", json={"phone": "8 701 123"})
    assert bad.status_code == 422
    assert (
        await client.put("/api/notify/phone", json={"phone": "+77011234567"})
    ).status_code == 204
    await queue(app, "aigerim@example.kz", "deadline_expired", channel="sms")
    await queue(app, "nophone@example.kz", "deadline_expired", channel="sms")
    assert await services_of(app).outbox.flush() == 1
    [line] = settings.sms_file.read_text(encoding="utf-8").splitlines()
    sms = json.loads(line)
    assert sms["to"] == "+77011234567" and sms["text"].startswith("KS-ABC123: мерзім өтті")


async def test_unknown_notice_kinds_are_refused(app: Starlette) -> None:
    await make_account(app, "x@example.kz", "party")
    with pytest.raises(ValueError, match="unknown notice kind"):
        await queue(app, "x@example.kz", "no_such_kind")


async def test_the_in_app_list_holds_my_own_notices_newest_first_and_marks_them_read(
    make_client: MakeClient, app: Starlette
) -> None:
    claimant, respondent, outsider = make_client(), make_client(), make_client()
    await claimant.signup("aigerim@example.kz", language="kk")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    assert (await claimant.get("/api/notifications")).json() == {"notifications": [], "unread": 0}

    await respondent.signup("ruslan@example.kz")
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    again = await claimant.post(f"/api/cases/{case_id}/invitations", json={"email": "x@example.kz"})
    assert again.status_code == 409  # joined: nothing more to send, nothing more listed

    listed = (await claimant.get("/api/notifications")).json()  # in my language: Kazakh
    [notice] = listed["notifications"]
    assert listed["unread"] == 1 and notice["read"] is False
    assert notice["kind"] == "respondent_joined" and notice["path"] == f"#/cases/{case_id}"
    assert "қосылды" in notice["subject"] and "ruslan" in notice["body"]
    in_russian = (await claimant.get("/api/notifications?language=ru")).json()
    assert "присоединилась" in in_russian["notifications"][0]["subject"]
    refused = await claimant.get("/api/notifications?language=de")
    assert refused.status_code == 422

    await outsider.signup("nosy@example.kz")
    assert (await outsider.get("/api/notifications")).json()["notifications"] == []
    nosy = await outsider.post("/api/notifications/read", json={"ids": [notice["id"]]})
    assert nosy.json() == {"unread": 0}
    assert (await claimant.get("/api/notifications")).json()["unread"] == 1  # not theirs to mark

    out_of_range = await claimant.post("/api/notifications/read", json={"ids": [-1, 2**40]})
    assert_error(out_of_range, 422)
    marked = await claimant.post("/api/notifications/read", json={"ids": [notice["id"]]})
    assert marked.status_code == 200 and marked.json() == {"unread": 0}
    assert (await claimant.get("/api/notifications")).json()["notifications"][0]["read"] is True
    assert (await respondent.get("/api/notifications")).json()["notifications"] == []
    assert (await make_client().get("/api/notifications")).status_code == 401


async def test_a_new_offer_is_told_to_the_other_party_once_an_hour_with_a_link_to_the_room(
    address: str, app: Starlette, clock: FakeClock
) -> None:
    clock.now = clock.now.replace(minute=5)  # the moves well inside one clock hour
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)  # the respondent is away: not in the room
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    assert (await claimant.command("offer", package=OTHER))["type"] == "ack"
    assert await new_offer_notices(app) == {"respondent": 1}

    clock.advance(hours=1)
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    assert await new_offer_notices(app) == {"respondent": 2}
    listed = (await respondent.http("GET", "/api/notifications?language=ru")).json()
    newest = listed["notifications"][0]
    assert newest["kind"] == "new_offer" and newest["path"] == f"#/cases/{case_id}/room"
    assert "новое предложение" in newest["subject"]
    await claimant.disconnect()


PACKAGE = {"amount": "150000", "issue2": "сразу"}
OTHER = {"amount": "300000", "issue2": "через месяц"}


async def new_offer_notices(app: Starlette) -> dict[str, int]:
    """How many new-offer e-mails wait for each party (by the address's local part), once the
    letters pending in this app are written (they are batched off the offers' path)."""
    await services_of(app).room_letters.flush()
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(OutboxNotice.recipient).where(OutboxNotice.kind == "new_offer")
        )
        counts: dict[str, int] = {}
        for recipient in rows:
            counts[recipient.split("@")[0]] = counts.get(recipient.split("@")[0], 0) + 1
        return counts


async def test_my_choice_of_sms_and_quiet_hours_is_respected(
    make_client: MakeClient, app: Starlette, clock: FakeClock, smtp: Smtp, settings: Settings
) -> None:
    smtp.start()
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz", language="ru")
    refused = await claimant.put("/api/notifications/settings", json={"channel": "sms"})
    assert_error(refused, 422, "phone_required")
    chosen = await claimant.put(
        "/api/notifications/settings",
        json={"channel": "sms", "phone": "8 701 234 56 78", "quiet_hours": {"start": 22, "end": 8}},
    )
    assert chosen.status_code == 200, chosen.text
    assert chosen.json() == {
        "channel": "sms",
        "phone": "+77012345678",
        "quiet_hours": {"start": 22, "end": 8},
        # What "both" means, said on the page: the SMS only if the e-mail stays unread so long.
        "sms_after_unread_hours": settings.sms_after_unread_h,
    }
    assert (await claimant.get("/api/notifications/settings")).json() == chosen.json()

    # 23:30 in Kazakhstan (UTC+5): the respondent joins; the claimant's SMS waits for 08:00.
    clock.now = datetime(2026, 12, 7, 18, 30, tzinfo=UTC)
    created = await open_case(claimant)
    await services_of(app).outbox.flush()  # the respondent's invitation, by e-mail at once
    await respondent.signup("ruslan@example.kz")
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    assert await services_of(app).outbox.flush() == 0
    clock.now = datetime(2026, 12, 8, 2, 59, tzinfo=UTC)  # 07:59
    assert await services_of(app).outbox.flush() == 0
    clock.now = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # 08:00
    assert await services_of(app).outbox.flush() == 1
    [sms] = [json.loads(line) for line in settings.sms_file.read_text("utf-8").splitlines()]
    assert sms["to"] == "+77012345678" and "присоединилась" in sms["text"]
    link = sms["text"].rsplit(" ", 1)[1]  # a short link to the case's page (odr/notify/sms.py)
    followed = await claimant.get(link.removeprefix("http://127.0.0.1:8000"))
    assert followed.headers["location"].endswith(f"#/cases/{created['case']['id']}")
    assert [m["To"] for m in smtp.inbox.messages] == ["ruslan@example.kz"]  # no e-mail to her
    listed = (await claimant.get("/api/notifications")).json()
    assert [n["kind"] for n in listed["notifications"]] == ["respondent_joined"]  # still listed
    exported = (await claimant.get("/api/me/export")).json()
    assert [n["kind"] for n in exported["notifications"]] == ["respondent_joined"]
    assert exported["notification_settings"] == {"channel": "sms", "quiet_from": 22, "quiet_to": 8}
