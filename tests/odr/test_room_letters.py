"""The "new offer" letters are queued off the offer's path, and only while their app runs.

Why it matters: queued in a transaction of its own before each offer's ack, the letter made the
ack wait (p99 7.7 s at 500 offers/s, bench/realtime.py); queued by a task that outlived its app,
it reopened a connection of a disposed engine (``odr restore`` then found "another connection").
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from starlette.applications import Starlette

from odr.persistence.models import OutboxNotice
from odr.room.log import LoggedEvent
from tests.builders.app import services_of
from tests.builders.room import joined_case

PACKAGE = {"amount": "150000", "issue2": "сразу"}
OTHER = {"amount": "300000", "issue2": "через месяц"}


def offer_by(author: str, case_id: str) -> LoggedEvent:
    return LoggedEvent(case_id, 9, "offer", author, "claimant", {}, datetime.now(UTC))


async def letters(app: Starlette) -> int:
    async with services_of(app).sessions() as db:
        count = await db.scalar(
            select(func.count()).select_from(OutboxNotice).where(OutboxNotice.kind == "new_offer")
        )
        return int(count or 0)


async def test_the_ack_comes_before_the_letter_which_follows_within_the_batch(
    address: str, app: Starlette
) -> None:
    first, _, first_case = await joined_case(address)
    second, _, second_case = await joined_case(address, prefix="b-")
    await first.join(first_case)  # the respondents are away: not in the rooms
    await second.join(second_case)
    services_of(app).room_letters.batch_seconds = 30  # a slow machine cannot beat the test
    # Each ack is answered before any letter is written: the batch waits.
    assert (await first.command("offer", package=PACKAGE))["type"] == "ack"
    assert (await second.command("offer", package=PACKAGE))["type"] == "ack"
    assert await letters(app) == 0
    assert await services_of(app).room_letters.flush() == 2  # both offers, one transaction
    assert await letters(app) == 2
    await first.disconnect()
    await second.disconnect()


async def test_stopping_the_app_writes_the_pending_letters_and_nothing_after(
    address: str, app: Starlette
) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    services_of(app).room_letters.batch_seconds = 30
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    letters_of_app = services_of(app).room_letters
    await letters_of_app.stop()  # what the lifespan does before the engine is disposed
    assert await letters(app) == 1
    # A late offer of a stopping app is acknowledged (it is in the log) but no task is started
    # to write its letter on an engine about to be disposed.
    assert (await claimant.command("offer", package=OTHER))["type"] == "ack"
    letters_of_app.note(case_id, [offer_by("another-author", case_id)])
    assert await letters_of_app.flush() == 0
    assert await letters(app) == 1
    await claimant.disconnect()


async def test_a_party_in_the_room_gets_no_letter_and_one_who_left_gets_the_next(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    await respondent.wait_frame(
        lambda f: f.get("type") == "presence" and f["who"]["role"] == "claimant", within=10
    )
    await claimant.wait_frame(
        lambda f: f.get("type") == "presence" and f["who"]["role"] == "respondent", within=10
    )
    room_letters = services_of(app).room_letters
    room_letters.batch_seconds = 30  # the test flushes; a slow machine cannot beat it
    assert (await claimant.command("offer", package=PACKAGE))["type"] == "ack"
    assert (await respondent.command("offer", package=PACKAGE, counter_to=1))["type"] == "ack"
    assert await room_letters.flush() == 2  # each offer's letter looked at once
    assert await letters(app) == 0  # both saw the offers as they came
    # While the spared party stays, later offers are not looked up again (at 500 offers/s that
    # was a database round trip per offer, bench/realtime.py): nothing even reaches the batch.
    assert (await claimant.command("offer", package=OTHER, counter_to=2))["type"] == "ack"
    assert await room_letters.flush() == 0
    await respondent.disconnect()
    await claimant.wait_frame(lambda f: f.get("type") == "presence" and not f["online"], within=10)
    reply = await claimant.command("offer", package=PACKAGE)
    assert reply["type"] == "ack", reply
    assert await room_letters.flush() == 1
    assert await letters(app) == 1  # the same hour: the respondent was spared, not told
    await claimant.disconnect()
