"""A settlement signed as a PDF (#14): the document to sign, a party's EDS as a PAdES revision,
the other party's simple electronic signature, the platform's seal; and what verification says
of each signature, of a changed file, and of an old Ed25519-sealed document."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from odr.documents import PlatformKey, SettlementRecord, record_sha256
from odr.documents.example import example_record
from odr.documents.pades import PadesRefused
from odr.documents.pades_document import (
    EdsSignature,
    SimpleSignature,
    document_to_sign,
    prepare_eds,
    signed_document,
)
from odr.documents.platform_certificate import PlatformSeal
from odr.documents.verify import verify_pdf
from tests.builders.pades import Throwaway, cms_over_digest, throwaway_certificate
from tests.documents.conftest import TrustedKeys

URL = "https://kelisim.kz/#/verify/{code}"
CLAIMANT_AT = datetime(2025, 3, 14, 8, 5, tzinfo=UTC)
RESPONDENT_AT = datetime(2025, 3, 14, 9, 40, tzinfo=UTC)


@pytest.fixture(scope="module")
def record() -> SettlementRecord:
    return example_record()


@pytest.fixture(scope="module")
def seal(tmp_path_factory: pytest.TempPathFactory) -> PlatformSeal:
    return PlatformSeal.in_directory(tmp_path_factory.mktemp("seal"))


@pytest.fixture(scope="module")
def representative() -> Throwaway:
    """The claimant's representative's EDS certificate (IIN as in the example record)."""
    return throwaway_certificate("Ғалым Өтегенұлы Құдайбергенов", "781105350675")


@pytest.fixture(scope="module")
def document(record: SettlementRecord, key: PlatformKey) -> bytes:
    return document_to_sign(record, key, "kk", URL)


@pytest.fixture(scope="module")
def signed_pdf(
    document: bytes, record: SettlementRecord, seal: PlatformSeal, representative: Throwaway
) -> bytes:
    prepared = prepare_eds(document, "claimant", representative.certificate, CLAIMANT_AT)
    eds = EdsSignature(
        "claimant",
        representative.certificate,
        cms_over_digest(prepared.digest, representative),
        CLAIMANT_AT,
    )
    simple = SimpleSignature(
        "respondent",
        "Ерлан Болатұлы Сейітов",
        "150540001233",
        RESPONDENT_AT,
        record_sha256(record),
    )
    return signed_document(
        document, seal, [eds], [simple], trust_roots=[representative.certificate]
    )


def roots(seal: PlatformSeal, representative: Throwaway) -> list[bytes]:
    return [seal.root, representative.certificate]


def test_the_document_to_sign_is_a_function_of_the_record(
    document: bytes, record: SettlementRecord, key: PlatformKey
) -> None:
    assert document_to_sign(record, key, "kk", URL) == document


def test_every_signature_is_reported_and_the_document_is_valid(
    signed_pdf: bytes, seal: PlatformSeal, representative: Throwaway, trusted: TrustedKeys
) -> None:
    result = verify_pdf(signed_pdf, trusted, roots(seal, representative))
    assert result.valid, result.reasons
    assert [s.field_name for s in result.signatures] == [
        "kelisim-claimant",
        "kelisim-respondent",
        "kelisim-platform-seal",
    ]
    claimant, respondent = result.signers
    assert (claimant.role, claimant.full_name, claimant.identifier, claimant.method) == (
        "claimant",
        "Ғалым Өтегенұлы Құдайбергенов",
        "781105350675",
        "eds-pades",
    )
    assert claimant.signed_at == CLAIMANT_AT
    assert claimant.issuer == "Ғалым Өтегенұлы Құдайбергенов"  # a self-signed test certificate
    assert (respondent.full_name, respondent.identifier, respondent.method) == (
        "Ерлан Болатұлы Сейітов",
        "150540001233",
        "password-reauthentication",
    )
    assert respondent.signed_at == RESPONDENT_AT
    assert all(s.ok and s.trusted for s in result.signatures)
    # The EDS's validation data (LTV) is in the DSS before the simple signature and the seal.
    first, second = (s.signed_length for s in result.signatures[:2])
    assert b"/DSS" not in signed_pdf[:first] and b"/DSS" in signed_pdf[first:second]
    assert result.verification_code and result.settlement is not None


def test_an_untrusted_party_certificate_is_reported_with_its_reason(
    signed_pdf: bytes, seal: PlatformSeal, trusted: TrustedKeys
) -> None:
    result = verify_pdf(signed_pdf, trusted, [seal.root])
    assert not result.valid
    assert [(r.code, r.message.split(": ", 1)[1]) for r in result.reasons] == [
        ("party_signature_invalid", "claimant: signer_not_trusted")
    ]


def test_a_changed_pdf_is_invalid_with_its_reason(
    signed_pdf: bytes, seal: PlatformSeal, representative: Throwaway, trusted: TrustedKeys
) -> None:
    at = signed_pdf.index(b"/Type /Page\n") if b"/Type /Page\n" in signed_pdf else 2000
    tampered = bytearray(signed_pdf)
    tampered[at + 1] ^= 0x01
    result = verify_pdf(bytes(tampered), trusted, roots(seal, representative))
    assert not result.valid
    assert result.reasons[0].code == "seal_mismatch"
    appended = signed_pdf + b"\n1 0 obj\n<< >>\nendobj\n"
    assert not verify_pdf(appended, trusted, roots(seal, representative)).valid


def test_a_seal_by_another_platform_is_refused(
    signed_pdf: bytes, representative: Throwaway, trusted: TrustedKeys, tmp_path: Path
) -> None:
    other = PlatformSeal.in_directory(tmp_path)
    result = verify_pdf(signed_pdf, trusted, [other.root, representative.certificate])
    assert [r.code for r in result.reasons] == ["unknown_key"]
    assert result.settlement is None and not result.signers  # a forger's claims are not shown


def test_an_eds_of_someone_else_is_refused(
    document: bytes, record: SettlementRecord, seal: PlatformSeal, trusted: TrustedKeys
) -> None:
    stranger = throwaway_certificate("Бөтен Адам", "870412300128")
    prepared = prepare_eds(document, "claimant", stranger.certificate, CLAIMANT_AT)
    eds = EdsSignature(
        "claimant", stranger.certificate, cms_over_digest(prepared.digest, stranger), CLAIMANT_AT
    )
    simple = SimpleSignature(
        "respondent",
        "Ерлан Болатұлы Сейітов",
        "150540001233",
        RESPONDENT_AT,
        record_sha256(record),
    )
    pdf = signed_document(document, seal, [eds], [simple])
    result = verify_pdf(pdf, trusted, [seal.root, stranger.certificate])
    assert [r.code for r in result.reasons] == ["signer_mismatch"]
    assert "870412300128" in result.reasons[0].message


def test_a_cms_over_an_older_version_does_not_fit_the_new_document(
    document: bytes, key: PlatformKey, representative: Throwaway
) -> None:
    """Terms changed after the party signed: its CMS does not fit the new document to sign."""
    changed = example_record().model_copy(update={"place": "Алматы қаласы"})
    new_document = document_to_sign(changed, key, "kk", URL)
    old = prepare_eds(document, "claimant", representative.certificate, CLAIMANT_AT)
    eds = EdsSignature(
        "claimant",
        representative.certificate,
        cms_over_digest(old.digest, representative),
        CLAIMANT_AT,
    )
    from odr.documents.pades_document import with_eds_signatures

    with pytest.raises(PadesRefused) as refused:
        with_eds_signatures(new_document, [eds])
    assert refused.value.code == "digest_mismatch"


def test_an_old_ed25519_sealed_document_still_verifies(
    pdf_kk: bytes, trusted: TrustedKeys, seal: PlatformSeal
) -> None:
    result = verify_pdf(pdf_kk, trusted, [seal.root])
    assert result.valid, result.reasons
    assert [s.method for s in result.signers] == ["password-reauthentication"] * 2
    assert result.signatures == []


def test_pyhanko_validates_the_signed_settlement_in_its_own_process(
    signed_pdf: bytes, seal: PlatformSeal, representative: Throwaway, tmp_path: Path
) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    party = x509.load_der_x509_certificate(representative.certificate).public_bytes(Encoding.PEM)
    (tmp_path / "roots.pem").write_bytes(seal.root_pem() + party)
    (tmp_path / "settlement.pdf").write_bytes(signed_pdf)
    result = subprocess.run(
        [
            *(str(Path(sys.executable).with_name("pyhanko")), "sign", "validate"),
            *("--executive-summary", "--no-revocation-check", "--trust-replace"),
            *("--trust", str(tmp_path / "roots.pem"), str(tmp_path / "settlement.pdf")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    verdicts = [line.rsplit(":", 1) for line in result.stdout.splitlines() if ":" in line]
    assert [(v[0].split(":")[0], v[1]) for v in verdicts] == [
        ("kelisim-claimant", "VALID"),
        ("kelisim-respondent", "VALID"),
        ("kelisim-platform-seal", "VALID"),
    ]
