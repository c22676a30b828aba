"""Secrets in queued notices: a reset link never rests in the outbox in the clear.

The reset token is stored only as a hash in ``password_resets``; its e-mail waits in the outbox.
These tests read the outbox row with plain SQL (as a database dump would) before and after the
e-mail goes to a real SMTP server (aiosmtpd), use the delivered link, and change the secret key
under a waiting notice.
"""

from __future__ import annotations

import base64
import logging
import re
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from starlette.applications import Starlette

from odr.app import create_app
from odr.notify import enqueue_notice
from odr.notify.notice_params import readable_params
from odr.notify.sealed_params import VERSION, Unreadable, seal, unseal
from odr.persistence.models import OutboxNotice, User
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.conftest import FakeClock, MakeClient

NEW_PASSWORD = "violet tractor meadow"
KEY = "k" * 48


@pytest.fixture
def secrets_env(mail_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    return {
        **mail_env,
        "ODR_SECRET_KEY": KEY,
        "ODR_SMS_FILE": str(tmp_path / "sms.log"),
        "ODR_OUTBOX_MAX_ATTEMPTS": "2",
    }


@pytest.fixture
def settings(secrets_env: dict[str, str]) -> Settings:
    return load_settings(secrets_env)


async def outbox_rows(app: Starlette) -> list[dict[str, Any]]:
    """Every outbox row as the database holds it, each column as text (no ORM, no decoding)."""
    async with services_of(app).engine.connect() as connection:
        result = await connection.execute(text("SELECT * FROM outbox ORDER BY id"))
        return [
            {k: "" if v is None else str(v) for k, v in row.items()} for row in result.mappings()
        ]


def reset_link(message: EmailMessage) -> str:
    found = re.search(r"https?://\S+/reset#token=([\w-]+)", message.get_content())
    assert found, message.get_content()
    return found.group(0)


async def test_a_reset_link_rests_sealed_and_the_e_mail_carries_a_working_one(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    me = make_client()
    await me.signup("r@example.kz", language="en")
    anyone = make_client()
    assert (
        await anyone.post("/api/auth/password-reset", json={"email": "r@example.kz"})
    ).status_code == 202
    [waiting] = await outbox_rows(app)
    assert waiting["status"] == "pending"

    assert await services_of(app).outbox.flush() == 1
    [letter] = smtp.inbox.messages
    link = reset_link(letter)
    token = link.split("#token=")[1]
    for value in waiting.values():  # what a dump taken before sending would have held
        assert token not in value and "#token=" not in value and link not in value
    assert "30" in letter.get_content()  # the public parameter still fills the text

    done = await anyone.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert done.status_code == 204, done.text

    [sent] = await outbox_rows(app)
    assert sent["status"] == "sent"
    assert sent["params"] != waiting["params"]  # the sealed part is gone, not only unreadable
    for value in sent.values():
        assert token not in value and "#token=" not in value
    async with services_of(app).sessions() as db:
        notice = (await db.scalars(select(OutboxNotice))).one()
    assert notice.params == {"minutes": 30}


async def test_a_changed_secret_key_fails_the_notice_without_sending_it(
    make_client: MakeClient,
    app: Starlette,
    smtp: Smtp,
    secrets_env: dict[str, str],
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await make_client().signup("k@example.kz")
    assert (
        await make_client().post("/api/auth/password-reset", json={"email": "k@example.kz"})
    ).status_code == 202
    [waiting] = await outbox_rows(app)
    sealed = waiting["params"]

    # The deployment restarts with another secret key before the worker got to the notice.
    rotated = load_settings({**secrets_env, "ODR_SECRET_KEY": "z" * 48})
    other = create_app(rotated, clock=clock)
    with caplog.at_level(logging.WARNING, logger="odr.notify"):
        async with other.router.lifespan_context(other):
            assert await services_of(other).outbox.flush() == 0  # no crash, nothing sent
            assert await services_of(other).outbox.flush() == 0  # and not tried again
    assert smtp.inbox.messages == []
    [failed] = await outbox_rows(app)
    assert failed["status"] == "failed"
    assert "secret key" in failed["last_error"]
    assert failed["params"] != sealed and "sealed" not in failed["params"]
    lines = [r for r in caplog.records if getattr(r, "notice_id", None) == int(failed["id"])]
    assert lines and all("secret key" in r.getMessage() for r in lines)
    for record in caplog.records:  # no part of the sealed box reaches a log
        assert sealed[20:60] not in str(record.__dict__)


async def queue_secret(app: Starlette, clock: FakeClock, **kw: Any) -> None:
    async with services_of(app).sessions() as db:
        user_id = await db.scalar(select(User.id).where(User.email == "s@example.kz"))
        assert user_id is not None
        await enqueue_notice(
            db,
            user_id=user_id,
            kind="password_reset",
            params={"minutes": 5},
            secret_params={"link": "https://kelisim.kz/reset#token=SECRET-123"},
            secret_key=services_of(app).settings.secret_key,
            now=clock(),
            **kw,
        )
        await db.commit()


async def test_a_secret_past_its_time_is_not_sent_and_is_erased(
    make_client: MakeClient, app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    await make_client().signup("s@example.kz")
    await queue_secret(app, clock, secret_until=clock() + timedelta(minutes=5))
    smtp.stop()  # the first attempt fails; the retry comes after the link expired
    assert await services_of(app).outbox.flush() == 0
    assert (await outbox_rows(app))[0]["status"] == "pending"
    smtp.start()
    clock.advance(minutes=6)
    assert await services_of(app).outbox.flush() == 0
    assert smtp.inbox.messages == []
    [row] = await outbox_rows(app)
    assert row["status"] == "failed" and "expired" in row["last_error"]
    assert "_sealed" not in row["params"]


async def test_a_notice_given_up_after_its_attempts_keeps_no_secret(
    make_client: MakeClient, app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    await make_client().signup("s@example.kz")
    await queue_secret(app, clock)
    smtp.stop()
    assert await services_of(app).outbox.flush() == 0
    clock.advance(hours=1)
    assert await services_of(app).outbox.flush() == 0  # ODR_OUTBOX_MAX_ATTEMPTS=2: given up
    [row] = await outbox_rows(app)
    assert row["status"] == "failed" and "SMTP" in row["last_error"]
    assert row["params"] and "_sealed" not in row["params"] and "SECRET" not in row["params"]


async def test_readable_params_open_a_waiting_notice_with_the_key(
    make_client: MakeClient, app: Starlette, clock: FakeClock
) -> None:
    await make_client().signup("s@example.kz")
    await queue_secret(app, clock)
    async with services_of(app).sessions() as db:
        notice = (await db.scalars(select(OutboxNotice))).one()
    assert "SECRET" not in str(notice.params)
    opened = readable_params(services_of(app).settings.secret_key, notice)
    assert opened == {"minutes": 5, "link": "https://kelisim.kz/reset#token=SECRET-123"}


def test_a_sealed_box_opens_only_with_its_key_and_for_its_notice() -> None:
    here, there = '["email", "password_reset", "a@b.kz"]', '["email", "password_reset", "x@b.kz"]'
    box = seal(KEY, {"link": "x#token=abc"}, until=None, context=here)
    assert "abc" not in box and box.startswith(VERSION)
    assert unseal(KEY, box, context=here).values == {"link": "x#token=abc"}
    # Two seals of one value differ (a fresh nonce each time), so equal links do not show.
    assert box != seal(KEY, {"link": "x#token=abc"}, until=None, context=here)
    raw = bytearray(base64.urlsafe_b64decode(box[len(VERSION) :]))
    raw[-1] ^= 1
    damaged = VERSION + base64.urlsafe_b64encode(bytes(raw)).decode()
    for key, candidate, context in [
        ("z" * 48, box, here),  # another secret key
        (KEY, box, there),  # moved to another recipient's row
        (KEY, damaged, here),
        (KEY, "not a box", here),
        (KEY, VERSION + "%%%", here),
    ]:
        with pytest.raises(Unreadable) as refused:
            unseal(key, candidate, context=context)
        assert "abc" not in str(refused.value) and KEY not in str(refused.value)
