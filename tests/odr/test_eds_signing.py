"""Parties sign a settlement with EDS (NCALayer's CMS) through the API: accepted when it is
theirs and valid, refused with its reason otherwise; the password only where allowed."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from starlette.applications import Starlette

from odr.documents.pdf_signatures import read_signatures
from tests.builders.eds_signing import eds_sign, prepare, ready, stored
from tests.builders.pki import NOW, Authority, Issued, ncalayer_cms, serve
from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    complete,
    sign,
)
from tests.builders.several_settlement import ROLES, five_party_terms
from tests.conftest import FakeClock, MakeClient

CLAIMANT_IIN = CLAIMANT_DETAILS["iin"]


def SETTLEMENT(case_id: str) -> str:
    return f"/api/cases/{case_id}/settlement"


RESPONDENT_BIN = RESPONDENT_DETAILS["bin"]
SIGNATORY_IIN = RESPONDENT_DETAILS["signatory"]["iin"]


@pytest.fixture(scope="module")
def pki() -> Iterator[Authority]:
    with serve(Authority()) as served:
        yield served


@pytest.fixture
def env(env: dict[str, str], tmp_path: Path, pki: Authority) -> dict[str, str]:
    anchors = tmp_path / "nca-rk.pem"
    anchors.write_bytes(pki.anchors_pem())
    return {**env, "ODR_EDS_TRUST_ANCHORS": str(anchors), "ODR_EDS_REVOCATION": "require"}


async def test_both_parties_sign_with_eds_and_the_last_signature_seals_the_settlement(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    claimant, respondent, case_id = await ready(app, make_client)
    prepared = await prepare(claimant, case_id)
    assert len(base64.b64decode(prepared["digest"])) == 32  # the PDF revision's SHA-256
    assert prepared["digest_algorithm"] == "sha256"
    assert (
        prepared["record_sha256"]
        == (await claimant.get(SETTLEMENT(case_id))).json()["record_sha256"]
    )

    first = await eds_sign(claimant, case_id, pki.person(CLAIMANT_IIN))
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "signing"
    organisation = pki.organisation(RESPONDENT_BIN, SIGNATORY_IIN)
    second = await eds_sign(respondent, case_id, organisation)
    assert second.status_code == 201, second.text
    assert second.json()["status"] == "signed"

    rows = {row.role: row for row in await stored(app)}
    assert {row.method for row in rows.values()} == {"eds-cms"}
    claimant_proof = rows["claimant"].evidence
    assert claimant_proof is not None
    assert claimant_proof["signer"]["iin"] == CLAIMANT_IIN
    assert claimant_proof["revocation"]["method"] == "ocsp"
    assert claimant_proof["revocation"]["status"] == "good"
    assert claimant_proof["revocation"]["checked_at"]
    respondent_proof = rows["respondent"].evidence
    assert respondent_proof is not None
    assert respondent_proof["signer"]["bin"] == RESPONDENT_BIN
    assert respondent_proof["signer"]["iin"] == SIGNATORY_IIN
    assert base64.b64decode(respondent_proof["certificate"]) == organisation.der
    assert set(respondent_proof["pades"]) == {"cms", "certificate", "prepared_at"}

    # Both EDS signatures are PAdES revisions of the sealed PDF, intact, naming their signers.
    pdf = (await claimant.get(f"{SETTLEMENT(case_id)}/pdf")).content
    reports = read_signatures(pdf, [pki.root.der])
    named = {report.iin: report for report in reports if report.iin}
    assert {CLAIMANT_IIN, SIGNATORY_IIN} <= set(named)
    assert named[SIGNATORY_IIN].bin == RESPONDENT_BIN
    assert all(report.intact and report.valid for report in named.values())
    assert all(report.trusted for report in named.values())


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("another person's IIN", "eds_wrong_iin"),
        ("expired", "eds_expired"),
        ("revoked", "eds_revoked"),
        ("authentication key", "eds_authentication_key"),
        ("unknown issuer", "eds_unknown_issuer"),
    ],
)
async def test_a_certificate_that_is_not_the_party_s_valid_signing_key_is_refused(
    app: Starlette, make_client: MakeClient, pki: Authority, case: str, reason: str
) -> None:
    claimant, _, case_id = await ready(app, make_client)
    signer = {
        "another person's IIN": lambda: pki.person("990101300111"),
        "expired": lambda: pki.person(
            CLAIMANT_IIN, not_before=NOW - timedelta(days=400), not_after=NOW - timedelta(days=1)
        ),
        "revoked": lambda: revoked(pki),
        "authentication key": lambda: pki.person(CLAIMANT_IIN, usage="auth"),
        "unknown issuer": lambda: Authority(key_base=10).person(CLAIMANT_IIN),
    }[case]()
    response = await eds_sign(claimant, case_id, signer)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == reason
    assert await stored(app) == []


def revoked(pki: Authority) -> Issued:
    certificate = pki.person(CLAIMANT_IIN, key_slot=4)
    pki.revoke(certificate)
    return certificate


async def test_a_signature_over_an_older_version_is_refused(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    claimant, respondent, case_id = await ready(app, make_client)
    older = await prepare(claimant, case_id)
    # The respondent changes the terms meanwhile: the record has a new hash.
    changed = await complete(claimant, respondent, case_id, place="Алматы")
    assert changed["record_sha256"] != older["record_sha256"]
    cms = ncalayer_cms(pki.person(CLAIMANT_IIN), base64.b64decode(older["digest"]))
    response = await claimant.post(
        f"/api/cases/{case_id}/settlement/eds/sign",
        json={"token": older["token"], "cms": base64.b64encode(cms).decode()},
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "eds_older_version"
    assert await stored(app) == []


async def test_garbage_another_party_s_token_and_an_expired_token_are_refused(
    app: Starlette, make_client: MakeClient, pki: Authority, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await ready(app, make_client)
    url = f"/api/cases/{case_id}/settlement/eds/sign"
    prepared = await prepare(claimant, case_id)
    cms = base64.b64encode(ncalayer_cms(pki.person(CLAIMANT_IIN), hashlib.sha256().digest()))
    for body, code in [
        ({"token": prepared["token"], "cms": "bm90IGEgY21zIGF0IGFsbA=="}, "eds_cms_malformed"),
        ({"token": prepared["token"], "cms": "not base64 at all!"}, "validation_failed"),
        ({"token": "A" * 40, "cms": cms.decode()}, "eds_token_invalid"),
    ]:
        response = await claimant.post(url, json=body)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == code
    theirs = await respondent.post(url, json={"token": prepared["token"], "cms": cms.decode()})
    assert theirs.json()["error"]["code"] == "eds_token_invalid"
    clock.advance(seconds=601)
    late = await claimant.post(url, json={"token": prepared["token"], "cms": cms.decode()})
    assert late.json()["error"]["code"] == "eds_token_expired"
    assert await stored(app) == []


async def test_with_eds_configured_the_password_is_refused_and_the_page_is_told(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, _, case_id = await ready(app, make_client)
    methods = await claimant.get(f"/api/cases/{case_id}/settlement/signing-methods")
    assert methods.json() == {
        "eds": True,
        "simple": False,
        "ncalayer_url": "wss://127.0.0.1:13579",
    }
    record_hash = (await prepare(claimant, case_id))["record_sha256"]
    response = await sign(claimant, case_id, record_hash)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "simple_signature_not_allowed"
    assert await stored(app) == []


async def test_a_stranger_learns_nothing_of_the_case(
    app: Starlette, make_client: MakeClient
) -> None:
    _, _, case_id = await ready(app, make_client)
    stranger = make_client()
    await stranger.signup("stranger@example.kz")
    for method, path in [
        ("GET", "signing-methods"),
        ("POST", "eds/prepare"),
    ]:
        response = await stranger.request(method, f"/api/cases/{case_id}/settlement/{path}")
        assert response.status_code == 404, response.text


async def test_five_parties_sign_with_eds_and_the_document_carries_five_signatures(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    """Among five parties (#17) each signs its own PAdES revision; the last one seals."""
    parties, case_id, _ = await five_party_terms(app, make_client, court_code=None)
    for n, party in enumerate(parties, 1):
        if party.role == "respondent":
            signer = pki.organisation(RESPONDENT_BIN, SIGNATORY_IIN)
        else:
            details = (await party.client.get(SETTLEMENT(case_id))).json()["parties"][party.role]
            signer = pki.person(details["iin"])
        signed = await eds_sign(party.client, case_id, signer)
        assert signed.status_code == 201, signed.text
        assert signed.json()["status"] == ("signed" if n == 5 else "signing")
    pdf = (await parties[4].client.get(f"{SETTLEMENT(case_id)}/pdf")).content
    fields = [s.field_name for s in read_signatures(pdf, [pki.root.der])]
    assert fields[:5] == [f"kelisim-{role}" for role in ROLES] and len(fields) == 6
    checked = await parties[0].client.post(
        "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
    )
    verdict = checked.json()
    assert verdict["valid"] is True, verdict["reasons"]
    assert sorted(s["role"] for s in verdict["signers"]) == sorted(ROLES)
    assert {s["method"] for s in verdict["signers"]} == {"eds-pades"}
