"""A person's data export: all of its own, none of the other party's private data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cli import main
from odr.persistence.models import CaseSecret
from tests.builders.app import services_of
from tests.builders.bidding import RULES, agree_rules, bid, bidding_case, decided
from tests.builders.cases import CASE, token_of
from tests.builders.division import (
    CLAIMANT_POINTS,
    RESPONDENT_POINTS,
    leaked_points,
    make_division,
)
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
from tests.odr.room_client import RoomClient


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


async def test_export_holds_my_own_bids_and_points_and_never_the_sealing_secret(
    address: str, app: Starlette
) -> None:
    # Blind bidding: each party's own bids, sentinel amounts no outcome can equal.
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    assert (await bid(claimant, case_id, 1, 97_531_357)).status_code == 200
    assert (await bid(respondent, case_id, 1, 1_357_913)).status_code == 200
    await decided(app)
    # Fair division: each party's own points (71 and 23 are the claimant's sentinels).
    division = await open_case_as(claimant, respondent)
    await make_division(app, division)
    for client, points in ((claimant, CLAIMANT_POINTS), (respondent, RESPONDENT_POINTS)):
        stated = await client.http("PUT", f"/api/cases/{division}/points", json={"points": points})
        assert stated.status_code == 200, stated.text
    async with services_of(app).sessions() as db:
        secret = await db.scalar(select(CaseSecret.payload).where(CaseSecret.case_id == case_id))
    assert secret is not None

    exports = {}
    for who, client in (("claimant", claimant), ("respondent", respondent)):
        response = await client.http("GET", "/api/me/export")
        assert response.status_code == 200, response.text
        exports[who] = response
    mine = {c["id"]: c for c in exports["claimant"].json()["cases"]}
    assert mine[case_id]["mechanism"] == "bidding"
    assert [(b["round"], b["amount"]) for b in mine[case_id]["my_bids"]] == [(1, 97_531_357)]
    assert mine[case_id]["my_points"] is None
    assert mine[division]["my_points"]["points"] == CLAIMANT_POINTS
    assert mine[division]["my_bids"] == []
    theirs = {c["id"]: c for c in exports["respondent"].json()["cases"]}
    assert [(b["round"], b["amount"]) for b in theirs[case_id]["my_bids"]] == [(1, 1_357_913)]
    assert theirs[division]["my_points"]["points"] == RESPONDENT_POINTS

    assert "1357913" not in exports["claimant"].text and "97531357" in exports["claimant"].text
    assert "97531357" not in exports["respondent"].text
    assert leaked_points(exports["respondent"].text) == []
    for response in exports.values():
        assert "bid_secret" not in response.text and '"secret"' not in response.text
        assert f":{secret['secret']}," not in response.text.replace(" ", "")
    for client in (claimant, respondent):
        await client.disconnect()


async def open_case_as(claimant: RoomClient, respondent: RoomClient) -> str:
    """Another case between the same two parties (both joined)."""
    created = await claimant.http("POST", "/api/cases", json=CASE)
    assert created.status_code == 201, created.text
    accepted = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token_of(created.json()), "consent_to_online_mediation": True},
    )
    assert accepted.status_code == 200, accepted.text
    return str(created.json()["case"]["id"])
