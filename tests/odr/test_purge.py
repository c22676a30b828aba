"""Retention: ``odr purge`` anonymises old concluded cases, keeps them countable and verifiable,
leaves recent ones alone, changes nothing in a dry run and nothing more when run again."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sqlalchemy import func, select
from starlette.applications import Starlette

from odr.audit import verify_chain
from odr.persistence.models import (
    AuthSession,
    Case,
    CaseParty,
    LoginFailure,
    OutboxNotice,
    PasswordReset,
    User,
)
from odr.privacy.purge import PurgeReport, purge
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.privacy import (
    CLAIMANT_SECRETS,
    PERSONAL,
    RESPONDENT_SECRETS,
    database_text,
    full_case,
)
from tests.builders.rows import count
from tests.builders.settlement import user_of
from tests.conftest import Client, FakeClock, MakeClient
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client

SIX_YEARS = 6 * 365


async def run_purge(app: Starlette, clock: FakeClock, *, dry_run: bool = False) -> PurgeReport:
    services = services_of(app)
    return await purge(services.sessions, services.settings, clock(), dry_run=dry_run)


def leftovers(text: str) -> list[str]:
    """The sentinels still in ``text``: words case-insensitively, numbers as whole numbers (a
    hex hash may hold any digits, so a number next to a hex digit does not count)."""
    lowered = text.lower()
    found = [word for word in PERSONAL if word.lower() in lowered]
    for number in CLAIMANT_SECRETS + RESPONDENT_SECRETS:
        if re.search(rf"(?<![0-9a-f]){number}(?![0-9a-f])", lowered):
            found.append(number)
    return found


async def recent_agreed_case(app: Starlette, make_client: MakeClient) -> str:
    """Another pair's case, agreed just now, with nothing in common with the old one."""
    claimant, respondent = make_client(), make_client()
    await claimant.signup("later1@example.kz")
    await respondent.signup("later2@example.kz")
    created = await open_case(
        claimant,
        subject="A bicycle sold with a bent wheel",
        respondent={"name": "Bolat", "email": "later2@example.kz"},
        issues=[{"label": "Refund", "options": ["full", "half"]}],
    )
    case_id: str = created["case"]["id"]
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    room = services_of(app).room
    offer = MakeOffer(type="offer", key="o-1", package={"issue1": "half"})
    await execute(room, await user_of(app, "later1@example.kz"), "claimant", case_id, offer)
    accept = Accept(type="accept", key="a-1", version=1)
    await execute(room, await user_of(app, "later2@example.kz"), "respondent", case_id, accept)
    # The room's letters ("a new offer") are written a moment later, off the room's path; write
    # them now, or one lands between two of the test's database snapshots.
    await services_of(app).room_letters.flush()
    return case_id


async def test_an_old_concluded_case_is_anonymised_yet_counted_and_verifiable(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    old = await full_case(app, make_client)
    before_text = await database_text(app)
    assert sorted(leftovers(before_text)) == sorted(
        [*PERSONAL, *CLAIMANT_SECRETS, *RESPONDENT_SECRETS]
    ), "every sentinel must be in the database before, or the scan proves nothing"

    # Nothing is old yet: the case, its parties and their accounts stay.
    fresh = await run_purge(app, clock)
    assert fresh.counts["cases_anonymised"] == fresh.counts["accounts_anonymised"] == 0

    clock.advance(days=SIX_YEARS)
    recent_id = await recent_agreed_case(app, make_client)
    admin = await login(make_client(), "admin@centre.kz")
    report_before = (await admin.get("/api/centre/analytics")).json()
    assert report_before["overall"]["cases"] == 2 and report_before["overall"]["settled"] == 2
    snapshot = await database_text(app)

    dry = await run_purge(app, clock, dry_run=True)
    assert dry.counts["cases_anonymised"] == 1 and dry.counts["accounts_anonymised"] == 2
    assert await database_text(app) == snapshot, "a dry run changed the database"

    done = await run_purge(app, clock)
    assert done.counts == dry.counts, (done.counts, dry.counts)
    after = await database_text(app)
    assert leftovers(after) == []

    # Still counted, by the same category, month and outcome; only the free-text comment went.
    report_after = (await admin.get("/api/centre/analytics")).json()
    for key in ("overall", "by_category", "by_month", "by_mediator"):
        assert report_after[key] == report_before[key], key
    assert report_after["feedback"]["responses"] == report_before["feedback"]["responses"] == 1
    assert report_after["comments"] == []

    # The signed PDF still verifies, by upload and by its code; the code names the same file.
    upload = await admin.post(
        "/api/verify", content=old.pdf, headers={"content-type": "application/pdf"}
    )
    assert upload.status_code == 200 and upload.json()["valid"] is True, upload.text
    by_code = (await admin.get(f"/api/verify/{old.verification_code}")).json()
    assert by_code["valid"] is True and by_code["signers"] == []
    assert by_code["pdf_sha256"] == hashlib.sha256(old.pdf).hexdigest()
    assert by_code["record_sha256"] == upload.json()["record_sha256"]
    assert by_code["case_reference"] == upload.json()["case_reference"]

    async with services_of(app).sessions() as db:
        assert (await verify_chain(db)).broken_at is None
        recent = await db.get_one(Case, recent_id)
        assert recent.subject == "A bicycle sold with a bent wheel"
        assert recent.respondent_name == "Bolat"
        parties = await db.scalar(
            select(func.count()).select_from(CaseParty).where(CaseParty.case_id == recent_id)
        )
        assert parties == 2
        kept = set(await db.scalars(select(User.email)))
    assert {"later1@example.kz", "later2@example.kz", "admin@centre.kz"} <= kept
    # The recent parties' own client still sees their case as before.
    assert "A bicycle sold" in await database_text(app)

    again = await run_purge(app, clock)
    assert again.total == 0, again.counts
    assert await database_text(app) == after


async def test_expired_technical_rows_go_and_each_accounts_last_login_stays(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    client: Client = make_client()
    await client.signup("someone@example.kz")  # a session, then another one a day later
    clock.advance(days=1)
    await login_as(make_client(), "someone@example.kz")
    wrong = await make_client().post(
        "/api/auth/login", json={"email": "someone@example.kz", "password": "not it at all"}
    )
    assert wrong.status_code == 401
    reset = await make_client().post(
        "/api/auth/password-reset", json={"email": "someone@example.kz"}
    )
    assert reset.status_code == 202, reset.text
    counts_before = await counts(app)
    assert counts_before[LoginFailure] >= 1 and counts_before[OutboxNotice] >= 1

    clock.advance(days=120)
    report = await run_purge(app, clock)
    assert report.counts["sessions_deleted"] >= 1
    assert report.counts["login_failures_deleted"] == counts_before[LoginFailure]
    assert report.counts["password_resets_deleted"] == counts_before[PasswordReset]
    assert report.counts["notices_deleted"] == counts_before[OutboxNotice]
    after = await counts(app)
    assert after[AuthSession] == 1, "the latest session dates the last login"
    assert after[LoginFailure] == after[PasswordReset] == after[OutboxNotice] == 0
    assert (await run_purge(app, clock)).total == 0

    # Three years on without a login and without a case: the account is anonymised.
    clock.advance(days=3 * 365 + 2)
    gone = await run_purge(app, clock)
    assert gone.counts["accounts_anonymised"] == 1
    async with services_of(app).sessions() as db:
        emails = list(await db.scalars(select(User.email)))
    assert not [e for e in emails if "someone" in e]
    refused = await make_client().post(
        "/api/auth/login",
        json={"email": "someone@example.kz", "password": "correct horse battery"},
    )
    assert refused.status_code == 401


async def login_as(client: Client, email: str) -> Client:
    response = await client.post(
        "/api/auth/login", json={"email": email, "password": "correct horse battery"}
    )
    assert response.status_code == 200, response.text
    return client


async def counts(app: Starlette) -> dict[Any, int]:
    return {
        model: await count(app, model)
        for model in (AuthSession, LoginFailure, PasswordReset, OutboxNotice)
    }
