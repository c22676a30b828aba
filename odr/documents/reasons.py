"""Why a document failed verification: a stable code for programs, a sentence for people."""

from __future__ import annotations

from dataclasses import dataclass

# Every code ``verify_pdf`` can report; docs/settlement.md explains each, a test keeps them equal.
CODES = {
    "not_a_kelisim_document": "the file is not a sealed Kelisim settlement PDF",
    "seal_mismatch": "the file was changed after it was sealed",
    "unknown_key": "the signing key is not one of the trusted keys",
    "attachment_missing": "an embedded file the document must carry is missing or unreadable",
    "envelope_invalid": "the embedded settlement JSON does not match the schema",
    "not_canonical": "the embedded JSON is not in canonical form",
    "record_hash_mismatch": "the record does not match its SHA-256 hash",
    "verification_code_mismatch": "the verification code does not belong to the record",
    "signer_mismatch": "a party signature does not match the record's parties",
    "platform_signature_invalid": "the platform signature over the settlement is not valid",
    "akoma_mismatch": "the Akoma Ntoso XML does not describe the same record",
    "party_signature_invalid": "a party's signature in the PDF is not valid",
}


@dataclass(frozen=True)
class Reason:
    code: str
    message: str

    @classmethod
    def of(cls, code: str, detail: str = "") -> Reason:
        base = CODES[code]
        return cls(code, f"{base}: {detail}" if detail else base)
