"""A settlement through the API ends as a PAdES-signed PDF (#14), on SQLite and PostgreSQL:
every signature reported by POST /api/verify, ``odr verify`` and pyHanko's own validator (each
in its own process) accept it, a changed byte is refused with its reason; a party's EDS given as
a PAdES revision (``odr.settlement.sealing``) is kept and rebuilt in the sealed file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select
from starlette.applications import Starlette

from odr.documents.pades import embed_party_signature
from odr.documents.verify import verify_pdf
from odr.persistence.models import Case, Settlement
from odr.settlement import service
from odr.settlement.keys import platform_key, platform_seal
from odr.settlement.record_builder import build_record
from odr.settlement.sealing import PADES_EVIDENCE, eds_evidence, prepare_eds_revision
from tests.builders.app import services_of
from tests.builders.pades import cms_over_digest, throwaway_certificate
from tests.builders.settlement import (
    CLAIMANT_DETAILS,
    RESPONDENT_DETAILS,
    agreed_case,
    complete,
    sign,
    signed_case,
    user_of,
)
from tests.conftest import Client, MakeClient

BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*command], capture_output=True, text=True, timeout=300, check=False)


async def test_a_signed_settlement_is_a_pades_pdf_every_validator_accepts(
    app: Starlette, make_client: MakeClient, tmp_path: Path
) -> None:
    claimant, case_id, _ = await signed_case(app, make_client)
    pdf = (await claimant.get(f"/api/cases/{case_id}/settlement/pdf")).content
    anyone = Client(transport=claimant._transport, base_url=str(claimant.base_url))
    checked = await anyone.post(
        "/api/verify", content=pdf, headers={"content-type": "application/pdf"}
    )
    result = checked.json()
    assert result["valid"] is True, result
    fields = [(s["field"], s["kind"], s["valid"]) for s in result["signatures"]]
    assert fields == [
        ("kelisim-claimant", "signature", True),
        ("kelisim-respondent", "signature", True),
        ("kelisim-platform-seal", "signature", True),
    ]
    claimant_signature = result["signatures"][0]
    assert claimant_signature["name"] == CLAIMANT_DETAILS["full_name"]
    assert claimant_signature["identifier"] == CLAIMANT_DETAILS["iin"]
    assert "Kelisim platform CA" in claimant_signature["issuer"]
    assert [s["method"] for s in result["signers"]] == ["password-reauthentication"] * 2
    assert result["signers"][0]["identifier"] == CLAIMANT_DETAILS["iin"]
    # The organisation signed through its signatory: its BIN, and the record's signatory IIN.
    respondent = result["signers"][1]
    assert respondent["identifier"] == RESPONDENT_DETAILS["bin"]
    assert respondent["signatory_iin"] == RESPONDENT_DETAILS["signatory"]["iin"]
    assert result["signers"][0]["signatory_iin"] is None

    tampered = bytearray(pdf)
    tampered[len(tampered) // 3] ^= 0x01
    refused = (
        await anyone.post(
            "/api/verify", content=bytes(tampered), headers={"content-type": "application/pdf"}
        )
    ).json()
    assert refused["valid"] is False and refused["reasons"][0]["code"] == "seal_mismatch"

    keys = (await anyone.get("/.well-known/kelisim-signing-keys.json")).json()["keys"]
    settings = services_of(app).settings
    seal = platform_seal(settings)
    assert (
        keys[1]["kty"] == "EC"
        and keys[1]["x5c"][-1] == __import__("base64").b64encode(seal.root).decode()
    )
    ca = await anyone.get("/.well-known/kelisim-platform-ca.pem")
    assert ca.status_code == 200 and ca.content == seal.root_pem()
    await anyone.aclose()

    (tmp_path / "settlement.pdf").write_bytes(pdf)
    (tmp_path / "tampered.pdf").write_bytes(bytes(tampered))
    published = platform_key(settings).public_key_pem() + seal.root_pem()
    (tmp_path / "platform.pem").write_bytes(published)
    (tmp_path / "ca.pem").write_bytes(seal.root_pem())
    odr = run(str(BIN / "odr"), "verify", str(tmp_path / "settlement.pdf"), "--key",
              str(tmp_path / "platform.pem"))  # fmt: skip
    assert odr.returncode == 0, odr.stdout + odr.stderr
    assert "PDF signature kelisim-claimant: Kelisim platform seal" in odr.stdout
    bad = run(str(BIN / "odr"), "verify", str(tmp_path / "tampered.pdf"), "--key",
              str(tmp_path / "platform.pem"))  # fmt: skip
    assert bad.returncode == 1 and "reason: seal_mismatch" in bad.stdout
    hanko = run(str(BIN / "pyhanko"), "sign", "validate", "--executive-summary",
                "--no-revocation-check", "--trust-replace", "--trust", str(tmp_path / "ca.pem"),
                str(tmp_path / "settlement.pdf"))  # fmt: skip
    assert hanko.returncode == 0, hanko.stdout + hanko.stderr
    assert [line.rsplit(":", 1)[1] for line in hanko.stdout.splitlines() if ":" in line] == [
        "VALID"
    ] * 3


async def test_an_eds_revision_is_kept_and_rebuilt_in_the_sealed_pdf(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    terms = await complete(claimant, respondent, case_id)
    services = services_of(app)
    certificate = throwaway_certificate(CLAIMANT_DETAILS["full_name"], CLAIMANT_DETAILS["iin"])
    user = await user_of(app, "aigerim@example.kz")
    now = services.clock()
    async with services.sessions() as db:
        case = await db.scalar(select(Case).where(Case.id == case_id))
        settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case_id))
        assert case is not None and settlement is not None
        record = await build_record(db, case, settlement)
        assert record is not None
        prepared = await prepare_eds_revision(
            db, services.settings, settlement, record, "claimant", certificate.certificate, now
        )
    cms = cms_over_digest(prepared.digest, certificate)  # what NCALayer answers
    embed_party_signature(prepared, cms)  # the check the EDS route makes before keeping it

    async def already_checked() -> None:
        return None

    async with services.sessions() as db:
        await service.sign_settlement(
            db, services, user, case_id, terms["record_sha256"], already_checked,
            method="eds-cms",
            evidence={PADES_EVIDENCE: eds_evidence(cms, certificate.certificate, now)},
        )  # fmt: skip
    response = await sign(respondent, case_id, terms["record_sha256"])
    assert response.status_code == 201, response.text
    pdf = (await claimant.get(f"/api/cases/{case_id}/settlement/pdf")).content
    key = platform_key(services.settings)
    roots = [platform_seal(services.settings).root, certificate.certificate]
    result = verify_pdf(pdf, {key.key_id: key.public_key}, roots)
    assert result.valid, result.reasons
    eds, simple = result.signers
    assert (eds.role, eds.method, eds.identifier) == ("claimant", "eds-pades", "061211600012")
    assert (simple.role, simple.method, simple.identifier) == (
        "respondent", "password-reauthentication", "940140000385",
    )  # fmt: skip
    assert [s.field_name for s in result.signatures][:1] == ["kelisim-claimant"]
    assert prepared.pdf[: prepared.reserved_start] == pdf[: prepared.reserved_start]


async def test_the_court_api_reports_every_signature(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    _, _, signed = await signed_case(app, make_client, court_code="ASTANA-1")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    other = make_client()
    other.headers["authorization"] = f"Bearer {court_token['ALMATY-2']}"
    url = f"/api/court/v1/settlements/{signed['id']}/verification"
    answer = await court.get(url)
    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["valid"] is True
    assert [s["field"] for s in result["signatures"]] == [
        "kelisim-claimant",
        "kelisim-respondent",
        "kelisim-platform-seal",
    ]
    assert all(s["valid"] and s["issuer"] for s in result["signatures"])
    assert (await other.get(url)).status_code == 404
