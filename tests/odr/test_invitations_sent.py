"""The respondent's invitation reaches them: by e-mail (real SMTP, aiosmtpd) and SMS, in their
language, with a working link that never rests in the outbox in the clear; a new link replaces a
queued old one; reminders while it is unanswered, none once they joined; the claimant hears that
they joined. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.cases import CASE, open_case, token_of
from tests.builders.mail import Smtp
from tests.conftest import Client, FakeClock, MakeClient, assert_error


@pytest.fixture
def settings(mail_env: dict[str, str], tmp_path: Path) -> Settings:
    return load_settings(
        {
            **mail_env,
            "ODR_SECRET_KEY": "s" * 48,
            "ODR_SMS_FILE": str(tmp_path / "sms.log"),
            "ODR_INVITATION_REMINDERS_H": "72,168",
            "ODR_INVITATION_TTL_HOURS": str(14 * 24),
        }
    )


async def outbox_text(app: Starlette) -> str:
    """Every outbox row as a database dump would show it."""
    async with services_of(app).engine.connect() as connection:
        rows = await connection.execute(text("SELECT * FROM outbox ORDER BY id"))
        return "\n".join(" | ".join(str(v) for v in row) for row in rows)


def join_link(message: EmailMessage) -> str:
    found = re.search(r"https?://\S+/join#token=[\w-]+", message.get_content())
    assert found, message.get_content()
    return found.group(0)


def sms_lines(settings: Settings) -> list[dict[str, Any]]:
    if not settings.sms_file.exists():
        return []
    return [json.loads(line) for line in settings.sms_file.read_text("utf-8").splitlines()]


async def join(respondent: Client, token: str) -> None:
    response = await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert response.status_code == 200, response.text


async def test_the_invitation_goes_by_e_mail_and_sms_in_russian_with_a_sealed_link(
    make_client: MakeClient, app: Starlette, smtp: Smtp, settings: Settings
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz", language="kk")
    created = await open_case(
        claimant,
        respondent={"name": "Руслан", "email": "ruslan@example.kz", "phone": "8 701 234 56 78"},
    )
    token = token_of(created)
    waiting = await outbox_text(app)
    assert "ruslan@example.kz" in waiting and "+77012345678" in waiting
    assert token not in waiting, "the link grants access: it must rest sealed"

    assert await services_of(app).outbox.flush() == 2
    [letter] = smtp.inbox.messages
    assert letter["To"] == "ruslan@example.kz"
    assert letter["Content-Language"] == "ru"  # the case's language, not the claimant's (kk)
    assert created["case"]["reference"] in letter["Subject"]
    assert "приглашает" in letter.get_content()
    link = join_link(letter)
    assert link == created["invitation"]["url"]
    [sms] = sms_lines(settings)
    assert sms["to"] == "+77012345678" and link in sms["text"]
    assert token not in await outbox_text(app), "sent: the sealed link is erased"

    # The link in the letter opens the invitation.
    link_token = link.split("#token=", 1)[1]
    preview = await make_client().post("/api/invitations/preview", json={"token": link_token})
    assert preview.status_code == 200 and preview.json()["respondent_name"] == "Руслан"


async def test_the_claimant_may_pick_the_respondents_language(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    await open_case(
        claimant, respondent={"name": "Ruslan", "email": "r@example.kz", "language": "kk"}
    )
    await services_of(app).outbox.flush()
    [letter] = smtp.inbox.messages
    assert letter["Content-Language"] == "kk"
    assert "шақырады" in letter.get_content()


async def test_a_bad_phone_number_is_refused_with_its_code(make_client: MakeClient) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    body = {"name": "Ruslan", "email": "r@example.kz", "phone": "12"}
    response = await claimant.post("/api/cases", json={**CASE, "respondent": body})
    error = assert_error(response, 422)
    [field] = error["fields"]
    assert field["field"] == "respondent.phone" and field["code"] == "phone_invalid", field


async def test_a_new_link_replaces_the_queued_old_one(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    again = await claimant.post(
        f"/api/cases/{case_id}/invitations", json={"email": "r2@example.kz"}
    )
    assert again.status_code == 201, again.text

    assert await services_of(app).outbox.flush() == 1
    [letter] = smtp.inbox.messages
    assert letter["To"] == "r2@example.kz"
    assert join_link(letter) == again.json()["url"]
    assert token_of(created) not in await outbox_text(app)


async def test_reminders_while_unanswered_each_once_and_none_after_joining(
    make_client: MakeClient, app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    services = services_of(app)
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    created = await open_case(claimant)
    await services.outbox.flush()
    assert len(smtp.inbox.messages) == 1

    clock.advance(days=2)
    await services.scheduler.tick()
    assert await services.outbox.flush() == 0  # not yet

    clock.advance(days=1, minutes=1)
    await services.scheduler.tick()
    await services.scheduler.tick()  # a second round finds nothing more to do
    assert await services.outbox.flush() == 1
    reminder = smtp.inbox.messages[-1]
    assert reminder["To"] == "ruslan@example.kz"
    assert "напоминаем" in reminder.get_content().lower()
    assert join_link(reminder) == created["invitation"]["url"]
    assert token_of(created) not in await outbox_text(app)

    await respondent.signup("ruslan@example.kz", language="ru")
    await join(respondent, token_of(created))
    assert await services.outbox.flush() == 1  # the claimant hears they joined
    joined = smtp.inbox.messages[-1]
    assert joined["To"] == "aigerim@example.kz"
    assert f"#/cases/{created['case']['id']}" in joined.get_content()

    clock.advance(days=5)  # past the 7-day reminder
    await services.scheduler.tick()
    assert await services.outbox.flush() == 0
    assert len(smtp.inbox.messages) == 3
