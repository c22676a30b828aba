"""Tamper evidence: any change to a sealed PDF, anywhere, makes it invalid; nothing raises."""

from __future__ import annotations

import io

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odr.documents import (
    PlatformKey,
    SignedSettlement,
    Verification,
    canonical_json,
    verify_pdf,
)
from odr.documents.example import example_record
from odr.documents.produce import embedded_files
from odr.documents.render import render_pdf
from odr.documents.seal import seal_pdf

from .conftest import VERIFY_URL, TrustedKeys


def codes(result: Verification) -> set[str]:
    return {reason.code for reason in result.reasons}


def test_sealed_document_verifies(
    pdf_kk: bytes, trusted: TrustedKeys, signed: SignedSettlement
) -> None:
    result = verify_pdf(pdf_kk, trusted)
    assert result.valid and result.reasons == []
    assert result.settlement == signed
    assert result.verification_code == signed.verification_code
    assert [(s.role, s.identifier) for s in result.signers] == [
        ("claimant", "781105350675"),
        ("respondent", "150540001233"),
    ]
    assert len(result.pdf_sha256) == 64


def test_untrusted_key_is_reported(pdf_kk: bytes) -> None:
    result = verify_pdf(pdf_kk, {PlatformKey.generate().key_id: PlatformKey.generate().public_key})
    assert not result.valid and codes(result) == {"unknown_key"}
    # Nothing an untrusted seal covers is read (anyone can upload): no claims to show.
    assert result.settlement is None and result.key_id is not None


@pytest.mark.parametrize("where", [0, 100, 0.25, 0.5, 0.75, -600, -300, -40, -2])
def test_one_flipped_byte_anywhere_is_detected(
    pdf_kk: bytes, trusted: TrustedKeys, where: float
) -> None:
    position = int(where * len(pdf_kk)) if isinstance(where, float) else where
    tampered = bytearray(pdf_kk)
    tampered[position] ^= 0x01
    result = verify_pdf(bytes(tampered), trusted)
    assert not result.valid
    assert codes(result) & {"seal_mismatch", "not_a_kelisim_document", "unknown_key"}


def test_flipped_byte_inside_the_embedded_json_is_detected(
    pdf_kk: bytes, trusted: TrustedKeys
) -> None:
    with pikepdf.open(io.BytesIO(pdf_kk)) as pdf:
        stream = pdf.attachments["settlement.json"].obj.EF.F
        raw = stream.read_raw_bytes()
    start = pdf_kk.index(raw)
    tampered = bytearray(pdf_kk)
    tampered[start + len(raw) // 2] ^= 0x20
    result = verify_pdf(bytes(tampered), trusted)
    assert not result.valid and "seal_mismatch" in codes(result)


def test_record_edited_and_reembedded_without_the_key(
    pdf_kk: bytes, trusted: TrustedKeys, signed: SignedSettlement
) -> None:
    """A forger changes the agreed sum in the JSON and saves the PDF with a PDF tool."""
    data = canonical_json(signed).replace(b'"1800000.00"', b'"180000.00"', 1)
    with pikepdf.open(io.BytesIO(pdf_kk)) as pdf:
        pdf.attachments["settlement.json"].obj.EF.F.write(data)
        out = io.BytesIO()
        pdf.save(out)
    result = verify_pdf(out.getvalue(), trusted)
    assert not result.valid
    assert "not_a_kelisim_document" in codes(result) or "seal_mismatch" in codes(result)


def test_forged_document_sealed_with_another_key(
    signed: SignedSettlement, trusted: TrustedKeys
) -> None:
    """Re-rendered from an edited record and sealed with the forger's own key."""
    forger = PlatformKey.generate()
    forged = signed.model_copy(update={"record": example_record(copies=1)})
    pdf = seal_pdf(render_pdf(forged, "kk", VERIFY_URL, embedded_files(forged, VERIFY_URL)), forger)
    result = verify_pdf(pdf, trusted)
    assert not result.valid and codes(result) == {"unknown_key"}
    with_forger_trusted = verify_pdf(pdf, {**trusted, forger.key_id: forger.public_key})
    assert codes(with_forger_trusted) == {"record_hash_mismatch", "platform_signature_invalid"}


def test_missing_attachment_is_reported(
    signed: SignedSettlement, key: PlatformKey, trusted: TrustedKeys
) -> None:
    only_json = embedded_files(signed, VERIFY_URL)[:1]
    pdf = seal_pdf(render_pdf(signed, "kk", VERIFY_URL, only_json), key)
    result = verify_pdf(pdf, trusted)
    assert codes(result) == {"attachment_missing"}


@pytest.mark.parametrize(
    "garbage", [b"", b"%PDF-1.7\n%%EOF\n", b"\x00" * 1000, "not bytes", None, b"%PDF" + b"A" * 5000]
)
def test_garbage_is_invalid_not_an_exception(garbage: object) -> None:
    result = verify_pdf(garbage, {})  # type: ignore[arg-type]
    assert not result.valid and "not_a_kelisim_document" in codes(result)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_fuzz_flips_and_truncations_never_verify(
    pdf_kk: bytes, trusted: TrustedKeys, data: st.DataObject
) -> None:
    blob = bytearray(pdf_kk)
    if data.draw(st.booleans(), label="truncate"):
        cut = data.draw(st.integers(0, len(blob) - 1), label="cut")
        blob = blob[:cut]
    else:
        position = data.draw(st.integers(0, len(blob) - 1), label="position")
        blob[position] ^= data.draw(st.integers(1, 255), label="mask")
    result = verify_pdf(bytes(blob), trusted)
    assert not result.valid and result.reasons


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes_never_verify(blob: bytes) -> None:
    result = verify_pdf(blob, {})
    assert not result.valid and result.reasons
