"""Settlement documents: record → signed envelope → sealed PDF/A-3, and offline verification.

No database, no HTTP: callers (the case service, the CLI) pass data in and get bytes or a
verdict back. See docs/settlement.md for the formats and the seal design.
"""

from odr.documents.canonical import canonical_json
from odr.documents.envelope import (
    EnvelopeError,
    ExternalSignature,
    PartySignature,
    PlatformSignature,
    SignedSettlement,
    record_sha256,
    sign_envelope,
    verification_code,
)
from odr.documents.fields import money
from odr.documents.identifiers import IdentifierError, validate_bin, validate_iin
from odr.documents.keys import PlatformKey, PlatformKeyError, load_public_key_pem, stored_public_key
from odr.documents.produce import produce_settlement_pdf
from odr.documents.record import SettlementRecord
from odr.documents.verify import Verification, verify_pdf

__all__ = [
    "EnvelopeError",
    "ExternalSignature",
    "IdentifierError",
    "PartySignature",
    "PlatformKey",
    "PlatformKeyError",
    "PlatformSignature",
    "SettlementRecord",
    "SignedSettlement",
    "Verification",
    "canonical_json",
    "load_public_key_pem",
    "money",
    "produce_settlement_pdf",
    "record_sha256",
    "sign_envelope",
    "stored_public_key",
    "validate_bin",
    "validate_iin",
    "verification_code",
    "verify_pdf",
]
