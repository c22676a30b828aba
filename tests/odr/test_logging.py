"""Logs are JSON lines with a request id and never contain passwords, tokens or cookies."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from odr.logs import JsonFormatter, RedactingFilter, configure_logging
from tests.odr.test_cases import CASE, token_of

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
async def test_logs_hold_no_secrets(make_client: Any, log_lines: io.StringIO) -> None:
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
        claimant.cookies["kelisim_session"],
        respondent.cookies["kelisim_session"],
        claimant.cookies["kelisim_device"],
    ]
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
