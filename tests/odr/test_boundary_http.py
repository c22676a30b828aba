"""Text and ids PostgreSQL cannot hold are refused at the boundary, on both backends.

Each of these was a 500 on PostgreSQL (NUL in a query parameter of text, a value longer than its
``varchar``, a cursor json.loads could not finish) found from outside. Now every one is a 4xx in
the one error shape, naming the field, and nothing is stored.
"""

from __future__ import annotations

import base64
import json

import httpx
import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.court.clients import add_court, issue_client
from odr.persistence.models import AuditEntry, Case, Centre, User
from tests.builders.app import services_of
from tests.builders.cases import CASE
from tests.builders.rows import count
from tests.conftest import Client, MakeClient, assert_error
from tests.odr.centre_setup import new_centre, staff_client

NUL = "a\u0000b"
ID = "f" * 32  # well formed, names nothing


def refused_field(response: httpx.Response, field: str, code: str = "control_character") -> None:
    error = assert_error(response, 422, "validation_failed")
    assert [(f["field"], f["code"]) for f in error["fields"]] == [(field, code)], error


async def test_nul_in_party_texts_is_refused_and_nothing_is_stored(
    app: Starlette, make_client: MakeClient
) -> None:
    anyone = make_client()
    login = await anyone.post("/api/auth/login", json={"email": "a\u0000b@x.kz", "password": "p"})
    refused_field(login, "email")
    signup = await anyone.post(
        "/api/auth/signup",
        json={"email": "new@example.kz", "password": "correct horse battery", "display_name": NUL},
    )
    refused_field(signup, "display_name")
    assert await count(app, User) == 0

    claimant: Client = make_client()
    await claimant.signup("claimant@example.kz")
    refused_field(
        await claimant.post("/api/cases", json={**CASE, "subject": NUL + "cd"}), "subject"
    )
    respondent = {"name": NUL, "email": "r@example.kz"}
    refused_field(
        await claimant.post("/api/cases", json={**CASE, "respondent": respondent}),
        "respondent.name",
    )
    overlong = {**CASE, "subject": "x" * 501}
    refused_field(await claimant.post("/api/cases", json=overlong), "subject", "string_too_long")
    # A lone surrogate (valid JSON escape, not valid Unicode) is named too, not "invalid JSON".
    raw = json.dumps({**CASE, "subject": "PLACEHOLDER"}).replace("PLACEHOLDER", "x\\ud800y")
    surrogate = await claimant.post(
        "/api/cases", content=raw, headers={"content-type": "application/json"}
    )
    refused_field(surrogate, "subject", "lone_surrogate")
    assert await count(app, Case) == 0


async def test_one_line_fields_refuse_line_breaks_free_text_keeps_them(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant: Client = make_client()
    await claimant.signup("claimant@example.kz")
    refused = await claimant.post("/api/cases", json={**CASE, "subject": "two\nlines"})
    refused_field(refused, "subject", "line_break")
    answers = {"answers": {"note": "a\x00"}}
    refused_field(await claimant.put(f"/api/cases/{ID}/interests", json=answers), "answers.note")


async def test_nul_in_centre_texts_is_refused(app: Starlette, make_client: MakeClient) -> None:
    admin = await staff_client(app, make_client, "admin@example.kz", role="admin")
    refused_field(
        await admin.post("/api/centres", json={"name": NUL, "region": "A", "languages": ["kk"]}),
        "name",
    )
    refused_field(
        await admin.post("/api/centres", json={"name": "C", "region": NUL, "languages": ["kk"]}),
        "region",
    )
    assert await count(app, Centre) == 0
    centre = await new_centre(admin, "Centre One")
    refused_field(
        await admin.post(f"/api/centres/{centre['id']}/admins", json={"email": "a\x00@x.kz"}),
        "email",
    )
    close = {"outcome": "failed", "reason": NUL}
    refused_field(await admin.post(f"/api/centre/cases/{ID}/close", json=close), "reason")
    reassign = {"mediator_id": ID, "reason": NUL}
    refused_field(await admin.post(f"/api/centre/cases/{ID}/reassign", json=reassign), "reason")
    reassign = {"mediator_id": "F" * 32, "reason": "because"}
    refused = await admin.post(f"/api/centre/cases/{ID}/reassign", json=reassign)
    refused_field(refused, "mediator_id", "id_invalid")


@pytest.mark.parametrize(
    ("method", "path", "code"),
    [
        ("GET", "/api/cases/{bad}", "case_not_found"),
        ("POST", "/api/cases/{bad}/invitations", "case_not_found"),
        ("GET", "/api/cases/{bad}/interests", "case_not_found"),
        ("GET", "/api/cases/{bad}/proposals", "case_not_found"),
        ("GET", "/api/cases/{bad}/feedback", "case_not_found"),
        ("GET", "/api/cases/{bad}/sharing", "case_not_found"),
        ("GET", "/api/cases/{bad}/settlement", "case_not_found"),
        ("GET", "/api/centre/cases/{bad}", "case_not_found"),
        ("GET", "/api/centres/{bad}/mediators", "centre_not_found"),
        ("GET", "/api/verify/{bad}", "unknown_verification_code"),
    ],
)
@pytest.mark.parametrize("bad", ["a%00b", "f" * 5000, "%ED%A0%80", "F" * 32])
async def test_a_path_id_that_cannot_exist_is_the_routes_own_404(
    app: Starlette, make_client: MakeClient, method: str, path: str, code: str, bad: str
) -> None:
    client = await staff_client(app, make_client, "admin@example.kz", role="admin")
    response = await client.request(method, path.format(bad=bad))
    assert_error(response, 404, code)


@pytest.fixture
async def court(app: Starlette, make_client: MakeClient) -> Client:
    services = services_of(app)
    async with services.sessions() as db:
        await add_court(db, "ASTANA-1", "Суд №1 г. Астаны", services.clock())
        issued = await issue_client(db, "ASTANA-1", "import", services.clock())
        await db.commit()
    client: Client = make_client()
    client.headers["authorization"] = f"Bearer {issued.token}"
    return client


def b64(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).decode().rstrip("=")


async def test_court_api_refuses_bad_ids_cursors_and_case_numbers(
    app: Starlette, court: Client
) -> None:
    base = "/api/court/v1/settlements"
    for bad in ("a%00b", "f" * 5000):
        for suffix in ("", "/pdf", "/xml"):
            assert_error(await court.get(f"{base}/{bad}{suffix}"), 404, "settlement_not_found")
    ack = await court.put(f"{base}/{ID}/acknowledgement", json={"court_case_number": NUL})
    refused_field(ack, "court_case_number")
    cursors = [
        b64(b"[" * 120),  # deeply nested JSON
        b64(json.dumps(["2026-01-01T10:00:00", ID]).encode()),  # a time without its zone
        b64(json.dumps(["2026-01-01T10:00:00+00:00", "x" * 40]).encode()),
        "a%00b",
        "%%%",
        "x" * 5000,
    ]
    for since in cursors:
        response = await court.get(f"{base}?since={since}")
        error = assert_error(response, 422, "validation_failed")
        [(field, code)] = [(f["field"], f["code"]) for f in error["fields"]]
        assert field == "since" and code in ("bad_cursor", "control_character", "string_too_long")
    for limit in ("0", "201", "²", "1.5", "a%00", "-1"):
        refused_field(await court.get(f"{base}?limit={limit}"), "limit", error_code(limit))
    refused_field(await court.get(f"{base}?lmit=5"), "lmit", "extra_forbidden")
    assert (await court.get(f"{base}?since=&limit=200")).status_code == 200
    async with services_of(app).sessions() as db:
        targets = list(await db.scalars(select(AuditEntry.target)))
    assert all(t is None or len(t) <= 64 for t in targets)


def error_code(limit: str) -> str:
    return {
        "0": "greater_than_equal",
        "-1": "greater_than_equal",
        "201": "less_than_equal",
        "a%00": "control_character",
    }.get(limit, "int_parsing")


async def test_analytics_centre_id_is_checked(app: Starlette, make_client: MakeClient) -> None:
    admin = await staff_client(app, make_client, "admin@example.kz", role="admin")
    for bad, code in (("a%00b", "control_character"), ("f" * 5000, "string_too_long")):
        for path in ("/api/centre/analytics", "/api/centre/analytics.csv"):
            refused_field(await admin.get(f"{path}?centre_id={bad}"), "centre_id", code)
