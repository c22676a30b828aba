"""A party's PAdES signature by interrupted signing: prepare, sign the digest elsewhere, embed.

The signer is a throwaway RSA certificate made here; its CMS is made over the prepared digest
the way NCALayer's ``sign`` with ``digested: true`` makes it (``tests/builders/pades.py``).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from odr.documents.pades import (
    PadesRefused,
    PreparedSignature,
    embed_party_signature,
    prepare_party_signature,
)
from tests.builders.pades import Throwaway, cms_over_digest, small_pdf, throwaway_certificate


@pytest.fixture(scope="module")
def signer() -> Throwaway:
    return throwaway_certificate()


@pytest.fixture(scope="module")
def prepared(signer: Throwaway) -> PreparedSignature:
    return prepare_party_signature(
        small_pdf(), "kelisim-claimant", signer.certificate, signer_name="Айгерім", reason="r"
    )


def test_prepare_appends_an_update_with_an_empty_placeholder(prepared: PreparedSignature) -> None:
    original = small_pdf()
    assert prepared.pdf.startswith(original)  # an incremental update: the old bytes stay
    start, end = prepared.reserved_start, prepared.reserved_end
    assert prepared.pdf[start:end][:1] == b"<" and set(prepared.pdf[start + 1 : end - 1]) == {48}
    assert prepared.digest == hashlib.sha256(prepared.signed_bytes()).digest()
    assert b"/ByteRange [0 %d %d %d" % prepared.byte_range[1:] in prepared.pdf
    assert b"/SubFilter /ETSI.CAdES.detached" in prepared.pdf


def test_prepared_survives_json(prepared: PreparedSignature) -> None:
    text = json.dumps(prepared.to_json())
    assert PreparedSignature.from_json(json.loads(text)) == prepared


def test_prepared_json_that_no_longer_matches_its_pdf_is_refused(
    prepared: PreparedSignature,
) -> None:
    data = prepared.to_json()
    data["digest"] = "00" * 32
    with pytest.raises(PadesRefused) as refused:
        PreparedSignature.from_json(data)
    assert refused.value.code == "prepared_invalid"
    with pytest.raises(PadesRefused) as refused:
        PreparedSignature.from_json({"pdf": "not base64!"})
    assert refused.value.code == "prepared_invalid"


def test_embed_gives_a_pdf_whose_signature_pyhanko_validates(
    prepared: PreparedSignature, signer: Throwaway
) -> None:
    signed = embed_party_signature(prepared, cms_over_digest(prepared.digest, signer))
    assert len(signed) == len(prepared.pdf)
    from odr.documents.pdf_signatures import read_signatures

    (found,) = read_signatures(signed, trust_roots=[signer.certificate])
    assert found.field_name == "kelisim-claimant"
    assert found.intact and found.valid and found.trusted
    assert found.iin == "061211600012"
    assert found.covers_whole_file


def test_cms_over_another_digest_is_refused(prepared: PreparedSignature, signer: Throwaway) -> None:
    with pytest.raises(PadesRefused) as refused:
        embed_party_signature(prepared, cms_over_digest(b"\x01" * 32, signer))
    assert refused.value.code == "digest_mismatch"


def test_cms_over_an_older_version_of_the_document_is_refused(signer: Throwaway) -> None:
    older = prepare_party_signature(small_pdf(), "kelisim-claimant", signer.certificate)
    newer = prepare_party_signature(
        small_pdf().replace(b"595", b"596"), "kelisim-claimant", signer.certificate
    )
    with pytest.raises(PadesRefused) as refused:
        embed_party_signature(newer, cms_over_digest(older.digest, signer))
    assert refused.value.code == "digest_mismatch"


def test_cms_from_another_certificate_than_announced_is_refused(
    prepared: PreparedSignature,
) -> None:
    other = throwaway_certificate("Басқа адам", "870412300128")
    with pytest.raises(PadesRefused) as refused:
        embed_party_signature(prepared, cms_over_digest(prepared.digest, other))
    assert refused.value.code == "certificate_mismatch"


def test_garbage_and_tampered_cms_are_refused(
    prepared: PreparedSignature, signer: Throwaway
) -> None:
    with pytest.raises(PadesRefused) as refused:
        embed_party_signature(prepared, b"\x30\x03\x02\x01\x01")
    assert refused.value.code == "cms_unreadable"
    good = bytearray(cms_over_digest(prepared.digest, signer))
    good[-5] ^= 0xFF  # inside the signature value, the last field of the SignerInfo
    with pytest.raises(PadesRefused) as refused:
        embed_party_signature(prepared, bytes(good))
    assert refused.value.code == "signature_invalid"


def test_unreadable_pdf_is_refused() -> None:
    with pytest.raises(PadesRefused) as refused:
        prepare_party_signature(b"%PDF-1.7\nnot really", "kelisim-claimant", None)
    assert refused.value.code == "pdf_unreadable"


def test_pyhanko_cli_validates_the_signed_pdf_in_its_own_process(
    prepared: PreparedSignature, signer: Throwaway, tmp_path: Path
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    signed = embed_party_signature(prepared, cms_over_digest(prepared.digest, signer))
    (tmp_path / "signed.pdf").write_bytes(signed)
    root = x509.load_der_x509_certificate(signer.certificate).public_bytes(Encoding.PEM)
    (tmp_path / "root.pem").write_bytes(root)
    result = pyhanko_validate(tmp_path / "signed.pdf", tmp_path / "root.pem")
    assert result.returncode == 0, result.stdout + result.stderr
    (line,) = [row for row in result.stdout.splitlines() if row.startswith("kelisim-claimant:")]
    assert line.endswith(":VALID"), result.stdout

    tampered = signed.replace(b"/MediaBox [ 0 0 595 842 ]", b"/MediaBox [ 0 0 595 843 ]")
    assert tampered != signed
    (tmp_path / "tampered.pdf").write_bytes(tampered)
    result = pyhanko_validate(tmp_path / "tampered.pdf", tmp_path / "root.pem")
    assert result.returncode != 0


def pyhanko_validate(pdf: Path, root: Path) -> subprocess.CompletedProcess[str]:
    """``pyhanko sign validate`` as a separate process, trusting only ``root``."""
    cli = Path(sys.executable).with_name("pyhanko")
    return subprocess.run(
        [
            *(str(cli), "sign", "validate", "--executive-summary", "--no-revocation-check"),
            *("--trust", str(root), "--trust-replace", str(pdf)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_prepare_at_a_given_time_is_a_pure_function(signer: Throwaway) -> None:
    """The server may keep only the CMS and the time, and rebuild the signed file later."""
    from datetime import UTC, datetime

    at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = prepare_party_signature(
        small_pdf(), "kelisim-claimant", signer.certificate, signed_at=at
    )
    again = prepare_party_signature(
        small_pdf(), "kelisim-claimant", signer.certificate, signed_at=at
    )
    assert first == again
    assert b"/M (D:20260102030405Z)" in first.pdf.replace(b"\\072", b":")
