"""A person's data export: all of its own, none of the other party's private data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.applications import Starlette

from odr.cli import main
from tests.builders.privacy import (
    CLAIMANT_EMAIL,
    CLAIMANT_MESSAGE,
    CLAIMANT_SECRETS,
    FEEDBACK_COMMENT,
    RESPONDENT_MESSAGE,
    RESPONDENT_SECRETS,
    SUBJECT,
    full_case,
)
from tests.builders.settlement import CLAIMANT_DETAILS, RESPONDENT_DETAILS
from tests.conftest import Client, MakeClient, assert_error


async def test_export_holds_my_data_and_never_the_other_partys_private_interests(
    app: Starlette, make_client: MakeClient
) -> None:
    case = await full_case(app, make_client)
    response = await case.claimant.get("/api/me/export")
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    export = response.json()
    text = response.text

    assert export["format"] == "kelisim-user-export/1"
    assert export["account"]["email"] == CLAIMANT_EMAIL
    assert export["sessions"] and "id" not in export["sessions"][0]
    [mine] = export["cases"]
    assert mine["id"] == case.case_id and mine["my_role"] == "claimant"
    assert mine["subject"] == SUBJECT
    assert mine["my_interests"]["answers"]["issues"]["amount"]["best"] == 413579
    assert mine["my_feedback"]["comment"] == FEEDBACK_COMMENT
    assert mine["settlement"]["my_details"]["iin"] == CLAIMANT_DETAILS["iin"]
    assert mine["settlement"]["verification_code"] == case.verification_code
    assert [s["role"] for s in mine["settlement"]["my_signatures"]] == ["claimant"]
    messages = {e["data"]["text"]: e["mine"] for e in mine["events"] if e["type"] == "message"}
    # The room log is the record both parties saw, the other's messages included.
    assert messages == {CLAIMANT_MESSAGE: True, RESPONDENT_MESSAGE: False}
    assert any(p["my_view"] for p in mine["my_proposals"]) or mine["my_proposals"] == []

    for secret in CLAIMANT_SECRETS:
        assert secret in text
    for secret in RESPONDENT_SECRETS:
        assert secret not in text, f"the other party's private interest {secret} leaked"
    assert RESPONDENT_DETAILS["bin"] not in text, "the other party's identity details leaked"
    assert "flexible" not in text  # the respondent's walk-away stance
    for secret_field in ("password_hash", "token_hash", "csrf_token", "_sealed"):
        assert secret_field not in text

    other = (await case.respondent.get("/api/me/export")).json()
    other_text = json.dumps(other, ensure_ascii=False)
    for secret in CLAIMANT_SECRETS:
        assert secret not in other_text
    assert FEEDBACK_COMMENT not in other_text and CLAIMANT_DETAILS["iin"] not in other_text


async def test_export_needs_a_login(client: Client) -> None:
    assert_error(await client.get("/api/me/export"), 401)


async def test_export_is_in_the_openapi_document(client: Client) -> None:
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/api/me/export"]["get"]
    assert "200" in operation["responses"] and "401" in operation["responses"]


async def test_administrator_exports_by_email(
    app: Starlette,
    make_client: MakeClient,
    env: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = await full_case(app, make_client, sign_it=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    out = tmp_path / "export.json"
    # The command runs its own event loop, as it does from a shell.
    import asyncio

    code = await asyncio.to_thread(
        main, ["export-user", "--email", CLAIMANT_EMAIL, "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert out.stat().st_mode & 0o077 == 0, "the file is for the administrator only"
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["account"]["email"] == CLAIMANT_EMAIL
    assert [c["id"] for c in exported["cases"]] == [case.case_id]
    assert not any(secret in out.read_text(encoding="utf-8") for secret in RESPONDENT_SECRETS)

    missing = await asyncio.to_thread(
        main, ["export-user", "--email", "nobody@example.kz", "--out", str(out)]
    )
    assert missing == 2 and "no account" in capsys.readouterr().err
