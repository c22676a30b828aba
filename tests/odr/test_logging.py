"""Logs are JSON lines with a request id and never contain passwords, tokens or cookies."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message

from odr.logs import JsonFormatter, RedactingFilter, configure_logging
from odr.persistence.engine import make_engine
from odr.room.store import postgres as postgres_store
from odr.room.store import sqlite as sqlite_store
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.cases import CASE, token_of
from tests.builders.room import joined_case
from tests.conftest import MakeClient, assert_error
from tests.odr.room_client import live_server

PASSWORD = "correct horse battery"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The service's own logging set-up at its most verbose level, captured."""
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    configure_logging("DEBUG", stream)
    yield stream
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_logs_hold_no_secrets(make_client: MakeClient, log_lines: io.StringIO) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("a@example.kz", password=PASSWORD)
    await claimant.post("/api/auth/login", json={"email": "a@example.kz", "password": "wrong!!"})
    await claimant.post("/api/auth/login", json={"email": "a@example.kz", "password": PASSWORD})
    created = (await claimant.post("/api/cases", json=CASE)).json()
    token = token_of(created)
    await respondent.signup("b@example.kz", password=PASSWORD)
    await respondent.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    secrets = [
        PASSWORD,
        "wrong!!",
        token,
        claimant.csrf,
        respondent.csrf,
        *claimant.cookies.values(),  # session, device and CSRF cookies, whatever their names
        *respondent.cookies.values(),
    ]
    assert len(claimant.cookies) >= 2  # a session and a trusted device at least
    text = log_lines.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]
    assert any(line.get("logger") == "odr.access" for line in lines)
    assert all("request_id" in line for line in lines if line.get("logger") == "odr.access")
    for secret in secrets:
        assert secret and secret not in text


def test_redacting_filter_scrubs_secret_looking_extras() -> None:
    record = logging.LogRecord("x", logging.INFO, "f", 1, "msg", (), None)
    record.password = "hunter2hunter2"
    record.session_token = "abc"
    record.case_id = "keep"
    RedactingFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["password"] == "[redacted]" and line["session_token"] == "[redacted]"
    assert line["case_id"] == "keep"


def logged_lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def add_test_route(app: Starlette, path: str, endpoint: Any) -> None:
    """A route only this test has (before the static files' catch-all mount)."""
    app.router.routes.insert(0, Route(path, endpoint, methods=["GET"]))


# Statements that fail with the parameters in the exception's text: SQLAlchemy's
# "[parameters: …]", PostgreSQL's "DETAIL:  Key (email)=(…)", asyncpg's "invalid input for query
# argument $1: '…'" and PostgreSQL's 'invalid input syntax for type integer: "…"'.
FAILING_STATEMENTS = {
    "unknown_column": "INSERT INTO users (email, password_hash, no_such_column) "
    "VALUES (:email, :hash, 1)",
    "duplicate_email": "INSERT INTO users "
    "(id, email, password_hash, display_name, role, language, created_at) "
    "SELECT 'duplicate', :email, :hash, 'x', role, language, created_at FROM users",
    "argument_type": "SELECT CAST(:email AS integer), CAST(:hash AS integer)",
    "text_cast": "SELECT CAST(CAST(:email AS text) || CAST(:hash AS text) AS integer)",
}


@pytest.mark.parametrize("statement", sorted(FAILING_STATEMENTS))
async def test_a_500_logs_its_traceback_with_the_request_id_and_no_sql_parameters(
    app: Starlette, make_client: MakeClient, log_lines: io.StringIO, statement: str
) -> None:
    services = services_of(app)
    email = "leaky@example.kz"
    password_hash = await services.hasher.hash(PASSWORD)
    await make_client().signup(email)

    async def broken(request: Request) -> Response:
        async with services.sessions() as db:
            try:
                await db.execute(
                    text(FAILING_STATEMENTS[statement]), {"email": email, "hash": password_hash}
                )
            except DBAPIError as exc:  # a bug that wraps the database's error
                raise RuntimeError("could not store the account") from exc
        raise RuntimeError("the statement did not fail on this backend")

    add_test_route(app, "/test/broken", broken)
    response = await make_client().get("/test/broken", headers={"x-request-id": "req-500"})

    assert_error(response, 500, "internal_error")
    assert response.headers["x-request-id"] == "req-500"
    lines = logged_lines(log_lines)
    errors = [line for line in lines if line["message"] == "unhandled error"]
    assert len(errors) == 1, errors
    assert errors[0]["request_id"] == "req-500"
    assert "Traceback" in errors[0]["exception"] and "RuntimeError" in errors[0]["exception"]
    access = [line for line in lines if line["logger"] == "odr.access" and "broken" in line["path"]]
    assert [(a["status"], a["request_id"]) for a in access] == [(500, "req-500")]
    assert not [line for line in lines if "request_id" not in line and "exception" in line]
    text_ = log_lines.getvalue()
    for secret in (email, password_hash, password_hash.rsplit("$", 1)[1], password_hash[:30]):
        assert secret not in text_


# Fail the room's next write inside its own store, with the command's data among the parameters.
FAILING_ROOM_SQL = {
    "postgres": (
        postgres_store,
        "PG_INSERT_GUARDED",
        "SELECT $1::text, $2::int, $3::text, $4::text, $5::text, ($6::text || $7::text)::int,"
        " $8::timestamptz, $9::text",
    ),
    "sqlite": (
        sqlite_store,
        "SQLITE_INSERT",
        "INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_role, data,"
        " idempotency_key, created_at, no_such_column) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
    ),
}


async def test_a_room_session_at_debug_logs_no_cookie_csrf_token_or_frame_text(
    app: Starlette, backend: str, log_lines: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    said, failed_to_say = "my bottom line is 4150000", "then 4170000 it is"
    async with live_server(app) as address:
        claimant, respondent, case_id = await joined_case(address)
        await claimant.join(case_id)
        await respondent.join(case_id)
        assert (await claimant.command("message", text=said))["type"] == "ack"
        await respondent.wait_seq(1)
        monkeypatch.setattr(*FAILING_ROOM_SQL[backend])
        refused = await respondent.command("message", text=failed_to_say)
        assert (refused["type"], refused["code"]) == ("error", "internal_error")
        assert respondent.ws is not None and respondent.ws.response is not None
        socket_id = respondent.ws.response.headers["x-request-id"]
        for client in (claimant, respondent):
            await client.disconnect()

    lines = logged_lines(log_lines)
    failures = [line for line in lines if line["message"] == "command failed"]
    assert [line["request_id"] for line in failures] == [socket_id]
    assert "Traceback" in failures[0]["exception"]
    accepted = [line for line in lines if "[accepted]" in line["message"]]
    assert len(accepted) == 2 and all("request_id" in line for line in accepted)
    # The loggers that would leak really ran at DEBUG: handshake headers and frames were logged.
    messages = [line["message"] for line in lines]
    assert any(m.lower().startswith("< cookie:") for m in messages)
    assert any(m.startswith("< TEXT") for m in messages)
    assert any(m.startswith("> TEXT") for m in messages)
    text_ = log_lines.getvalue()
    secrets = [said, failed_to_say, "4150000", "4170000", claimant.csrf, respondent.csrf]
    secrets += [*claimant.cookies.values(), *respondent.cookies.values()]
    for secret in secrets:
        assert secret and secret not in text_, secret


async def test_the_engine_keeps_parameters_out_of_its_errors(settings: Settings) -> None:
    engine = make_engine(settings)
    try:
        async with engine.connect() as connection:
            with pytest.raises(DBAPIError) as caught:
                await connection.execute(
                    text("INSERT INTO users (email, no_such_column) VALUES (:email, 1)"),
                    {"email": "leaky@example.kz"},
                )
    finally:
        await engine.dispose()
    assert "leaky@example.kz" not in str(caught.value)
    assert "parameters hidden" in str(caught.value)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_client_that_hangs_up_before_its_body_is_no_bug(
    app: Starlette, log_lines: io.StringIO
) -> None:
    """A body cut off by the client (a closed tab, a proxy giving up) is not a 500: nothing is
    logged as an error, nothing is answered, and the access line says 499."""
    messages: list[Message] = [
        {"type": "http.request", "body": b'{"email": "a@example.kz", ', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/auth/login",
        "raw_path": b"/api/auth/login",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    await app(scope, receive, send)

    assert sent == []
    lines = logged_lines(log_lines)
    assert not [line for line in lines if line["message"] == "unhandled error"]
    access = [line for line in lines if line["logger"] == "odr.access"]
    assert [line["status"] for line in access] == [499]
