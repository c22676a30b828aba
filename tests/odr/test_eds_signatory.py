"""An organisation signs through the signatory its details name (#14): the signatory's IIN is
asked beside the BIN, kept in the settlement record and the PDF, compared with the IIN of the
organisation's EDS certificate at signing, and reported by verification."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from starlette.applications import Starlette

from odr.documents.example import example_record, example_record_data
from odr.documents.pades_document import field_for
from odr.documents.pdf_signatures import SignatureReport
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import OrganisationParty, PersonParty
from odr.documents.signatories import signatory_matches
from odr.documents.verify_signers import party_signers
from odr.persistence.models import Settlement
from odr.settlement.keys import platform_key, platform_seal
from tests.builders.app import services_of
from tests.builders.eds_signing import eds_sign, ready, stored
from tests.builders.pki import Authority, serve
from tests.builders.settlement import CLAIMANT_DETAILS, RESPONDENT_DETAILS
from tests.conftest import Client, MakeClient, assert_error

BIN = RESPONDENT_DETAILS["bin"]
SIGNATORY_IIN = RESPONDENT_DETAILS["signatory"]["iin"]
ANOTHER_EMPLOYEE = "990101300112"
ODR = Path(sys.executable).parent / "odr"


@pytest.fixture(scope="module")
def pki() -> Iterator[Authority]:
    with serve(Authority()) as served:
        yield served


@pytest.fixture
def env(env: dict[str, str], tmp_path: Path, pki: Authority) -> dict[str, str]:
    anchors = tmp_path / "nca-rk.pem"
    anchors.write_bytes(pki.anchors_pem())
    return {**env, "ODR_EDS_TRUST_ANCHORS": str(anchors), "ODR_EDS_REVOCATION": "require"}


def odr(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(ODR), *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def settlement_url(case_id: str) -> str:
    return f"/api/cases/{case_id}/settlement"


async def both_signed(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> tuple[Client, str, bytes]:
    claimant, respondent, case_id = await ready(app, make_client)
    first = await eds_sign(claimant, case_id, pki.person(CLAIMANT_DETAILS["iin"]))
    assert first.status_code == 201, first.text
    second = await eds_sign(respondent, case_id, pki.organisation(BIN, SIGNATORY_IIN))
    assert second.status_code == 201, second.text
    assert second.json()["status"] == "signed"
    pdf = (await claimant.get(f"{settlement_url(case_id)}/pdf")).content
    return claimant, case_id, pdf


async def test_the_signatory_s_iin_is_asked_beside_the_bin_and_checked(
    app: Starlette, make_client: MakeClient
) -> None:
    _, respondent, case_id = await ready(app, make_client)
    url = f"{settlement_url(case_id)}/parties/me"
    signatory = RESPONDENT_DETAILS["signatory"]
    without = {k: v for k, v in signatory.items() if k != "iin"}
    for sent, code in (
        (without, "missing"),
        ({**signatory, "iin": "800101300123"}, "iin_invalid"),  # the check digit is 5
        ({**signatory, "iin": "80010130012"}, "iin_invalid"),
    ):
        error = assert_error(
            await respondent.put(url, json={**RESPONDENT_DETAILS, "signatory": sent}), 422
        )
        assert [(f["field"], f["code"]) for f in error["fields"]] == [("signatory.iin", code)]
    saved = (await respondent.get(settlement_url(case_id))).json()
    assert saved["parties"]["respondent"]["signatory"]["iin"] == SIGNATORY_IIN, "unchanged"


async def test_the_record_and_the_pdf_name_the_signatory_s_iin(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    claimant, case_id, pdf = await both_signed(app, make_client, pki)
    settlement = (await claimant.get(settlement_url(case_id))).json()
    respondent = next(p for p in settlement["record"]["parties"] if p["role"] == "respondent")
    assert respondent["bin"] == BIN
    assert respondent["signatory"]["iin"] == SIGNATORY_IIN

    pages = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    text = " ".join(pages.replace("\u2010\n", "").split())  # lines joined, hyphenation undone
    # The parties block of this Russian document…
    assert f"директор Руслан Ахметов (ИИН {SIGNATORY_IIN}) на основании: устав" in text, text
    # …and the respondent's signature block.
    assert f"ФИО: Руслан Ахметов (ИИН {SIGNATORY_IIN}) ИИН/БИН: {BIN}" in text, text


async def test_the_organisation_s_certificate_of_another_employee_is_refused(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    _, respondent, case_id = await ready(app, make_client)
    response = await eds_sign(respondent, case_id, pki.organisation(BIN, ANOTHER_EMPLOYEE))
    error = assert_error(response, 422, "eds_wrong_signatory_iin")
    assert "signatory" in error["message"] and "BIN" in error["message"]
    assert ANOTHER_EMPLOYEE not in response.text and SIGNATORY_IIN not in response.text
    assert await stored(app) == []


async def drop_signatory_iin(app: Starlette, case_id: str) -> None:
    """The respondent's details as saved before the signatory's IIN was asked for."""
    async with services_of(app).sessions() as db:
        settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case_id))
        assert settlement is not None
        parties: dict[str, Any] = dict(settlement.terms["parties"])
        details = dict(parties["respondent"])
        details["signatory"] = {k: v for k, v in details["signatory"].items() if k != "iin"}
        parties["respondent"] = details
        settlement.terms = {**settlement.terms, "parties": parties}
        await db.commit()


async def test_details_saved_without_the_signatory_s_iin_are_refused_before_signing(
    app: Starlette, make_client: MakeClient, pki: Authority
) -> None:
    claimant, respondent, case_id = await ready(app, make_client)
    await drop_signatory_iin(app, case_id)
    settlement = (await respondent.get(settlement_url(case_id))).json()
    party = next(p for p in settlement["record"]["parties"] if p["role"] == "respondent")
    assert "iin" not in party["signatory"], "an older record's JSON has no signatory IIN"

    prepared = await respondent.post(f"{settlement_url(case_id)}/eds/prepare")
    error = assert_error(prepared, 409, "eds_signatory_iin_missing")
    assert "IIN" in error["message"]
    # The claimant, a person, signs as before.
    signed = await eds_sign(claimant, case_id, pki.person(CLAIMANT_DETAILS["iin"]))
    assert signed.status_code == 201, signed.text

    again = await respondent.put(
        f"{settlement_url(case_id)}/parties/me", json=RESPONDENT_DETAILS
    )  # the details completed: signing as the signatory works
    assert again.status_code == 200, again.text
    response = await eds_sign(respondent, case_id, pki.organisation(BIN, SIGNATORY_IIN))
    assert response.status_code == 201, response.text


async def test_verification_reports_the_signatory_s_iin(
    app: Starlette, make_client: MakeClient, pki: Authority, tmp_path: Path
) -> None:
    claimant, _, pdf = await both_signed(app, make_client, pki)
    anyone = Client(transport=claimant._transport, base_url=str(claimant.base_url))
    result = (
        await anyone.post("/api/verify", content=pdf, headers={"content-type": "application/pdf"})
    ).json()
    await anyone.aclose()
    assert result["valid"] is True, result["reasons"]
    signers = {s["role"]: s for s in result["signers"]}
    assert signers["respondent"]["identifier"] == BIN
    assert signers["respondent"]["signatory_iin"] == SIGNATORY_IIN
    assert signers["respondent"]["method"] == "eds-pades"
    assert signers["claimant"]["identifier"] == CLAIMANT_DETAILS["iin"]
    assert signers["claimant"]["signatory_iin"] is None
    signature = next(s for s in result["signatures"] if s["field"] == "kelisim-respondent")
    assert (signature["bin"], signature["iin"]) == (BIN, SIGNATORY_IIN)

    settings = services_of(app).settings
    (tmp_path / "settlement.pdf").write_bytes(pdf)
    key = platform_key(settings).public_key_pem() + platform_seal(settings).root_pem()
    (tmp_path / "platform.pem").write_bytes(key)
    (tmp_path / "nca.pem").write_bytes(pki.anchors_pem())
    files = [str(tmp_path / name) for name in ("settlement.pdf", "platform.pem", "nca.pem")]
    verified = odr("verify", files[0], "--key", files[1], "--trust", files[2])
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert f"(BIN {BIN}, signatory IIN {SIGNATORY_IIN})" in verified.stdout
    assert f"BIN {BIN}, signatory IIN {SIGNATORY_IIN}; issuer" in verified.stdout


def test_verification_refuses_another_employee_s_signature_in_the_pdf() -> None:
    """The record says who signs for the organisation: a PDF signed with its certificate by
    another employee (the server refuses one; such a document was put together elsewhere) does
    not verify, and a record made before the signatory's IIN was asked for compares the BIN."""
    record = example_record()
    organisation = record.party("respondent")
    assert isinstance(organisation, OrganisationParty) and organisation.signatory.iin
    person = record.party("claimant")
    assert isinstance(person, PersonParty)
    at = datetime(2026, 3, 1, tzinfo=UTC)

    def problems(record: SettlementRecord, holder_iin: str) -> list[str]:
        reports = [
            SignatureReport(field_for("claimant"), "signature", signer="A", iin=person.iin,
                            certificate_sha256="a", signed_at=at),
            SignatureReport(field_for("respondent"), "signature", signer="B", iin=holder_iin,
                            bin=organisation.bin, certificate_sha256="b", signed_at=at),
        ]  # fmt: skip
        seal = SignatureReport("kelisim-platform-seal", "signature", certificate_sha256="seal")
        signers, found = party_signers(SimpleNamespace(record=record), reports, seal)  # type: ignore[arg-type]
        respondent = next(s for s in signers if s.role == "respondent")
        assert (respondent.identifier, respondent.signatory_iin) == (organisation.bin, holder_iin)
        return [f"{r.code}: {r.message}" for r in found]

    assert problems(record, organisation.signatory.iin) == []
    refused = problems(record, ANOTHER_EMPLOYEE)
    assert len(refused) == 1 and refused[0].startswith("signer_mismatch")
    assert "signatory" in refused[0]
    older = example_record_data()
    del older["parties"][1]["signatory"]["iin"]
    assert problems(SettlementRecord.model_validate(older), ANOTHER_EMPLOYEE) == []
    assert signatory_matches(record, "mediator", ANOTHER_EMPLOYEE)  # no party: nothing to compare
