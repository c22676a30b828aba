"""The platform's PAdES seal and its X.509 certificate (self-issued, or configured)."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from odr.documents.pades_seal import SEAL_FIELD, TIMESTAMP_FIELD, seal_pades
from odr.documents.pdf_signatures import read_signatures
from odr.documents.platform_certificate import PlatformSeal, SealCertificateError
from tests.builders.pades import small_pdf
from tests.builders.tsa import serve_tsa


@pytest.fixture(scope="module")
def seal(tmp_path_factory: pytest.TempPathFactory) -> PlatformSeal:
    return PlatformSeal.in_directory(tmp_path_factory.mktemp("data"))


def test_first_run_issues_a_platform_ca_and_a_seal_certificate_once(tmp_path: Path) -> None:
    from cryptography import x509

    first = PlatformSeal.in_directory(tmp_path)
    again = PlatformSeal.in_directory(tmp_path)
    assert first.chain == again.chain and first.key_pem == again.key_pem
    assert stat.S_IMODE((tmp_path / "platform-seal.pem").stat().st_mode) == 0o600
    seal_certificate, ca = (x509.load_der_x509_certificate(der) for der in first.chain)
    assert seal_certificate.issuer == ca.subject
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = seal_certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert "key" not in repr(first).lower()


def test_a_configured_key_and_chain_are_used_and_checked(
    seal: PlatformSeal, tmp_path: Path
) -> None:
    (tmp_path / "key.pem").write_bytes(seal.key_pem)
    (tmp_path / "chain.pem").write_bytes(seal.chain_pem())
    configured = PlatformSeal.from_files(tmp_path / "key.pem", tmp_path / "chain.pem")
    assert configured.chain == seal.chain
    other = PlatformSeal.in_directory(tmp_path / "other")
    (tmp_path / "other-key.pem").write_bytes(other.key_pem)
    with pytest.raises(SealCertificateError, match="not the key's"):
        PlatformSeal.from_files(tmp_path / "other-key.pem", tmp_path / "chain.pem")
    with pytest.raises(SealCertificateError, match="cannot read"):
        PlatformSeal.from_files(tmp_path / "missing.pem", tmp_path / "chain.pem")


def test_the_seal_is_a_pades_signature_trusted_through_the_platform_ca(seal: PlatformSeal) -> None:
    sealed = seal_pades(small_pdf(), seal)
    assert sealed.startswith(small_pdf())
    (report,) = read_signatures(sealed, [seal.root])
    assert report.field_name == SEAL_FIELD and report.ok
    assert report.signer == "Kelisim platform seal"
    assert "Kelisim platform CA" in (report.issuer or "")
    assert not report.timestamped
    assert b"/SubFilter /ETSI.CAdES.detached" in sealed
    assert b"/DSS" in sealed  # the validation data (LTV) embedded
    (untrusted,) = read_signatures(sealed, [])
    assert untrusted.problems == ["signer_not_trusted"]


def test_with_a_tsa_the_seal_is_timestamped_and_a_document_timestamp_follows(
    seal: PlatformSeal, tmp_path: Path
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    with serve_tsa() as tsa:
        tsa_root = x509.load_pem_x509_certificate(tsa.root_pem).public_bytes(Encoding.DER)
        sealed = seal_pades(small_pdf(), seal, tsa_url=tsa.url, trust_roots=[tsa_root])
        assert tsa.requests >= 2  # the signature's timestamp (B-T), the document timestamp
        assert b"/DSS" in sealed
        unknown_tsa = seal_pades(small_pdf(), seal, tsa_url=tsa.url)  # its root not trusted
    (stamped,) = read_signatures(unknown_tsa, [seal.root, tsa_root])
    assert stamped.timestamped and stamped.ok  # B-T still, without the validation data
    signature, timestamp = read_signatures(sealed, [seal.root, tsa_root])
    assert signature.field_name == SEAL_FIELD and signature.timestamped and signature.ok
    assert timestamp.field_name == TIMESTAMP_FIELD and timestamp.kind == "timestamp"
    (tmp_path / "sealed.pdf").write_bytes(sealed)
    (tmp_path / "roots.pem").write_bytes(seal.root_pem() + tsa.root_pem)
    result = subprocess.run(
        [
            *(str(Path(sys.executable).with_name("pyhanko")), "sign", "validate"),
            *("--executive-summary", "--no-revocation-check", "--trust-replace"),
            *("--trust", str(tmp_path / "roots.pem"), str(tmp_path / "sealed.pdf")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_seal_keeps_the_pdf_a_identification(seal: PlatformSeal, pdf_kk: bytes) -> None:
    import pikepdf

    from odr.documents.seal import read_seal

    rendered = pdf_kk[: read_seal(pdf_kk).signed_length]  # type: ignore[union-attr]
    sealed = seal_pades(rendered, seal)
    with pikepdf.open(io.BytesIO(sealed)) as pdf:
        meta = pdf.open_metadata()
        assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("3", "B")
        assert meta.get("pdf:Producer") == str(pdf.docinfo["/Producer"])  # PDF/A: the same
        assert sorted(pdf.attachments) == ["settlement.akn.xml", "settlement.json"]
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        for field in pdf.Root.AcroForm.Fields:
            assert int(field.F) & 4  # printable, as PDF/A wants of every annotation
            assert [float(v) for v in field.Rect] == [0, 0, 0, 0]  # invisible: no appearance
