"""The background sender drains a backlog of notices without crowding the rooms out.

It shares its process's event loop with every room of that process, so it sends ``ROUND`` at a
time, ``spacing_s`` apart, and goes on round after round while more are due (not one round per
scheduler interval). Checked against a real SMTP server (aiosmtpd), with receipt times taken as
each letter arrives there.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import select
from starlette.applications import Starlette

from odr.notify.worker import ROUND
from odr.persistence.models import OutboxNotice
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.builders.notices import queue_notices
from tests.odr.centre_setup import make_account


@pytest.fixture
def settings(mail_env: dict[str, str], tmp_path: Path) -> Settings:
    # The interval is long: only ``wake`` starts a round, so what one round does is what is seen.
    return load_settings({**mail_env, "ODR_SCHEDULER_INTERVAL_S": "3600"})


async def queue_backlog(app: Starlette, count: int) -> None:
    await make_account(app, "ruslan@example.kz", "party", language="ru")
    async with services_of(app).sessions() as db, db.begin():
        await queue_notices(
            db,
            "ruslan@example.kz",
            count,
            "deadline_reminder",
            lambda number: {"reference": f"KS-{number:06d}", "deadline": "2026-12-01"},
        )


class Arrivals:
    """Each letter's arrival at the SMTP server, in order (``time.monotonic``).

    aiosmtpd takes letters in a thread of its own, so it tells the test's loop thread-safely."""

    def __init__(self, smtp: Smtp) -> None:
        self.times: list[float] = []
        self._loop = asyncio.get_running_loop()
        self._changed = asyncio.Event()
        receive = smtp.inbox.handle_DATA

        async def timed(server: SMTP, session: Session, envelope: Envelope) -> str:
            self.times.append(time.monotonic())
            self._loop.call_soon_threadsafe(self._changed.set)
            return await receive(server, session, envelope)

        smtp.inbox.handle_DATA = timed  # type: ignore[method-assign]

    async def wait_for(self, count: int, within: float = 30) -> None:
        async with asyncio.timeout(within):
            while len(self.times) < count:
                await self._changed.wait()
                self._changed.clear()


async def statuses(app: Starlette) -> list[tuple[str, bool]]:
    """(status, leased) of every notice, oldest first."""
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(OutboxNotice.status, OutboxNotice.lease_until).order_by(OutboxNotice.id)
        )
        return [(status, lease is not None) for status, lease in rows]


async def test_one_wake_sends_a_whole_backlog_in_rounds_spaced_apart(
    app: Starlette, smtp: Smtp
) -> None:
    backlog = 2 * ROUND + 3  # three rounds, the last one short
    await queue_backlog(app, backlog)
    arrived = Arrivals(smtp)
    outbox = services_of(app).outbox
    outbox.spacing_s = 0.03
    outbox.start()
    outbox.wake.set()
    try:
        await arrived.wait_for(backlog)
    finally:
        await outbox.stop()
    assert len(smtp.inbox.messages) == backlog  # all of it, not one round per interval
    subjects = sorted(str(m["Subject"]) for m in smtp.inbox.messages)
    assert len(set(subjects)) == backlog  # each once
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrived.times)]
    # Never back to back: each letter waits the spacing after the one before (less a little
    # for the SMTP server's own thread taking them in).
    assert min(gaps) >= 0.02, gaps
    assert await statuses(app) == [("sent", False)] * backlog


async def test_stopping_midway_releases_the_rest_at_once(app: Starlette, smtp: Smtp) -> None:
    await queue_backlog(app, 10)
    arrived = Arrivals(smtp)
    outbox = services_of(app).outbox
    outbox.spacing_s = 0.5
    outbox.start()
    outbox.wake.set()
    await arrived.wait_for(1)
    started = time.monotonic()
    await outbox.stop()
    assert time.monotonic() - started < 0.4  # the pause does not hold the stop up
    sent = len(smtp.inbox.messages)
    assert 1 <= sent < 10
    left = await statuses(app)
    assert left[:sent] == [("sent", False)] * sent
    assert left[sent:] == [("pending", False)] * (10 - sent)  # released: not leased any more
    # The next start (or another instance) sends exactly the rest.
    outbox.spacing_s = 0.0
    outbox.start()
    outbox.wake.set()
    try:
        await arrived.wait_for(10)
    finally:
        await outbox.stop()
    assert len({str(m["Subject"]) for m in smtp.inbox.messages}) == len(smtp.inbox.messages) == 10
