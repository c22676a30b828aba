"""``odr demo``, ``odr create-court`` and ``odr create-court-client`` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from odr.documents.keys import PlatformKey, key_id_of, load_public_key_pem
from odr.documents.verify import verify_pdf
from tests.builders.processes import odr


def test_court_and_client_are_created_and_errors_are_one_line(tmp_path: Path) -> None:
    created = odr("create-court", "--code", "AST-1", "--name", "Суд Астаны", data_dir=tmp_path)
    assert created.returncode == 0, created.stderr
    again = odr("create-court", "--code", "AST-1", "--name", "Другой суд", data_dir=tmp_path)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    client = odr("create-court-client", "--court", "AST-1", "--name", "import", data_dir=tmp_path)
    assert client.returncode == 0 and client.stdout.strip().startswith("kct_")
    missing = odr("create-court-client", "--court", "NOPE", "--name", "x", data_dir=tmp_path)
    assert missing.returncode == 2 and "NOPE" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.slow
def test_demo_writes_a_signed_settlement_that_verifies(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = odr("demo", "--out", str(out), "--language", "kk", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    assert "VALID" in result.stderr
    (pdf_path,) = out.glob("*.pdf")
    (json_path,) = out.glob("*.json")
    envelope = json.loads(json_path.read_text(encoding="utf-8"))
    assert envelope["record"]["case"]["language"] == "kk"
    # The embedded JSON is the document the parties signed; their signatures are the PDF's.
    assert envelope["schema"].endswith("/signed-settlement/2")
    assert envelope["party_signatures"] == []
    with pikepdf.open(pdf_path) as pdf:
        assert {"settlement.json", "settlement.akn.xml"} <= set(pdf.attachments)
    published = (out / "platform-public-key.pem").read_bytes()
    key = load_public_key_pem(published)
    platform_ca = x509.load_pem_x509_certificate(published).public_bytes(Encoding.DER)
    verified = verify_pdf(pdf_path.read_bytes(), {key_id_of(key): key}, [platform_ca])
    assert verified.valid, verified.reasons
    assert {s.role for s in verified.signers} == {"claimant", "respondent"}
    stranger = PlatformKey.generate()
    untrusted = verify_pdf(pdf_path.read_bytes(), {stranger.key_id: stranger.public_key})
    assert untrusted.valid is False and untrusted.reasons
