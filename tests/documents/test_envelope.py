"""The signed envelope and the platform key: who may sign, what is signed, where the key lives."""

from __future__ import annotations

import base64
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from odr.documents import (
    EnvelopeError,
    PlatformKey,
    SignedSettlement,
    load_public_key_pem,
    sign_envelope,
    stored_public_key,
    verification_code,
)
from odr.documents.envelope import envelope_problems
from odr.documents.example import example_record
from odr.documents.reasons import Reason

from .conftest import SIGNED_AT, TrustedKeys, signatures_for


def codes(problems: list[Reason]) -> set[str]:
    return {p.code for p in problems}


def test_signed_example_verifies(signed: SignedSettlement, trusted: TrustedKeys) -> None:
    assert envelope_problems(signed, trusted) == []
    assert len(signed.verification_code) == 11 and signed.verification_code[5] == "-"
    assert signed.verification_code == verification_code(signed.record_sha256)


def test_edited_record_or_signature_is_detected(
    signed: SignedSettlement, trusted: TrustedKeys
) -> None:
    edited = signed.model_copy(update={"record": example_record(copies=9)})
    assert codes(envelope_problems(edited, trusted)) == {
        "record_hash_mismatch",
        "platform_signature_invalid",
    }
    value = bytearray(base64.b64decode(signed.platform_signature.value))
    value[0] ^= 1
    forged = signed.model_copy(
        update={
            "platform_signature": signed.platform_signature.model_copy(
                update={"value": base64.b64encode(bytes(value)).decode()}
            )
        }
    )
    assert codes(envelope_problems(forged, trusted)) == {"platform_signature_invalid"}
    assert codes(envelope_problems(signed, {})) == {"unknown_key"}


def test_signatures_must_fit_the_parties(key: PlatformKey) -> None:
    record = example_record()
    claimant, respondent = signatures_for(record)
    with pytest.raises(EnvelopeError, match="0 respondent"):
        sign_envelope(record, [claimant, claimant], key, SIGNED_AT)
    stranger = respondent.model_copy(update={"full_name": "Someone Else"})
    with pytest.raises(EnvelopeError, match="cannot sign as respondent"):
        sign_envelope(record, [claimant, stranger], key, SIGNED_AT)
    other_hash = respondent.model_copy(update={"record_sha256": "0" * 64})
    with pytest.raises(EnvelopeError, match="signed another hash"):
        sign_envelope(record, [claimant, other_hash], key, SIGNED_AT)
    mediator = claimant.model_copy(
        update={
            "role": "mediator",
            "full_name": "Динара Маратқызы Жұмабаева",
            "identifier": "MED-0457",
        }
    )
    assert sign_envelope(record, [claimant, respondent, mediator], key, SIGNED_AT)


def test_key_is_created_once_with_owner_only_permissions(tmp_path: Path) -> None:
    first = PlatformKey.in_directory(tmp_path / "data")
    path = tmp_path / "data" / "platform-signing-key.pem"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = PlatformKey.in_directory(tmp_path / "data")
    assert again.key_id == first.key_id and len(first.key_id) == 16
    stored = stored_public_key(tmp_path / "data")
    assert stored is not None and stored.public_bytes_raw() == first.public_key.public_bytes_raw()
    assert stored_public_key(tmp_path / "empty") is None


def test_public_forms_of_the_key(key: PlatformKey) -> None:
    jwk = key.public_jwk()
    assert (jwk["kty"], jwk["crv"], jwk["kid"]) == ("OKP", "Ed25519", key.key_id)
    raw = base64.urlsafe_b64decode(jwk["x"] + "=")
    assert raw == key.public_key.public_bytes_raw()
    loaded = load_public_key_pem(key.public_key_pem())
    assert loaded.public_bytes_raw() == raw
    signature = key.sign(b"message")
    loaded.verify(signature, b"message")  # raises if the PEM held another key
    assert "PRIVATE" not in repr(key)


def test_signed_at_is_utc(signed: SignedSettlement) -> None:
    assert signed.platform_signature.signed_at == datetime(2025, 3, 14, 10, tzinfo=UTC)
