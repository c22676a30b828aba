"""Shared fixtures: one key, one signed example, and its sealed PDFs rendered once per run
(rendering is the slow part; the tests only read the bytes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from odr.documents import (
    PartySignature,
    PlatformKey,
    SettlementRecord,
    SignedSettlement,
    produce_settlement_pdf,
    record_sha256,
    sign_envelope,
)
from odr.documents.example import example_record

VERIFY_URL = "https://kelisim.kz/verify"
SIGNED_AT = datetime(2025, 3, 14, 10, 0, tzinfo=UTC)
TrustedKeys = dict[str, Ed25519PublicKey]
"""The ``trusted`` fixture: key id → the public key a seal must be made with."""


def signatures_for(record: SettlementRecord) -> list[PartySignature]:
    """Consent of the claimant's representative and the respondent's director."""
    digest = record_sha256(record)
    return [
        PartySignature(
            role="claimant",
            full_name="Ғалым Өтегенұлы Құдайбергенов",
            identifier="781105350675",
            signed_at=datetime(2025, 3, 14, 8, 5, tzinfo=UTC),
            method="password-reauthentication",
            record_sha256=digest,
        ),
        PartySignature(
            role="respondent",
            full_name="Ерлан Болатұлы Сейітов",
            identifier="150540001233",
            signed_at=datetime(2025, 3, 14, 9, 40, tzinfo=UTC),
            method="password-reauthentication",
            record_sha256=digest,
        ),
    ]


@pytest.fixture(scope="session")
def key() -> PlatformKey:
    return PlatformKey.generate()


@pytest.fixture(scope="session")
def trusted(key: PlatformKey) -> TrustedKeys:
    return {key.key_id: key.public_key}


@pytest.fixture(scope="session")
def signed(key: PlatformKey) -> SignedSettlement:
    record = example_record()
    return sign_envelope(record, signatures_for(record), key, SIGNED_AT)


@pytest.fixture(scope="session")
def pdf_kk(signed: SignedSettlement, key: PlatformKey) -> bytes:
    return produce_settlement_pdf(signed, key, "kk", VERIFY_URL)


@pytest.fixture(scope="session")
def pdf_bilingual(signed: SignedSettlement, key: PlatformKey) -> bytes:
    return produce_settlement_pdf(signed, key, "kk+ru", VERIFY_URL)
