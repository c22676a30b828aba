"""``SignedSettlement``: a record, who agreed to it, and the platform's signature over both.

The envelope is what the PDF embeds as ``settlement.json``. It verifies on its own (without the
PDF): the record hashes to ``record_sha256``, each party signature names that hash, and the
platform signature covers the canonical JSON of the whole envelope except the signature value.
Party signatures today are re-authenticated consent recorded by the platform; ``external``
leaves room for an NCALayer detached CMS over the same hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Annotated, Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import AfterValidator, Field, model_validator

from odr.documents.canonical import canonical_json, sha256_hex
from odr.documents.fields import Sha256Hex, Strict, Text, UtcDatetime
from odr.documents.keys import PlatformKey, verify_signature
from odr.documents.reasons import Reason
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import OrganisationParty, PersonParty, party_identifier

SIGNED_SCHEMA_V1 = "https://kelisim.kz/schemas/signed-settlement/1"
SIGNED_SCHEMA_V2 = "https://kelisim.kz/schemas/signed-settlement/2"
"""The document to sign (#14): the parties' signatures are not in the envelope but PAdES
signatures of the PDF (``odr.documents.pades_document``); ``party_signatures`` is empty and the
platform signature dates from the agreement (``procedure.agreed_at``), so the PDF is a function
of the record alone."""
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class EnvelopeError(ValueError):
    """The envelope cannot be built as asked (a signature for the wrong hash or person…)."""


def _base64(value: str) -> str:
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("must be standard base64") from None
    return value


Base64 = Annotated[str, Field(min_length=1, max_length=1_000_000), AfterValidator(_base64)]


class SignerCertificate(Strict):
    subject: Text
    issuer: Text
    serial_number: Text
    not_before: UtcDatetime
    not_after: UtcDatetime


class ExternalSignature(Strict):
    """A signature made outside Kelisim over ``record_sha256`` (e.g. NCALayer CMS, detached)."""

    format: Literal["cms-detached"]
    data: Base64
    certificate: SignerCertificate | None


PARTY_METHODS = ("password-reauthentication", "eds-cms")
"""How a party signs: a simple electronic signature (its password re-entered), or its EDS made
in NCALayer (``odr.signing``; in a version-2 document a PAdES signature of the PDF)."""


class PartySignature(Strict):
    """One signer's consent to the record with hash ``record_sha256``."""

    role: Annotated[
        str, Field(pattern=r"^(claimant|respondent|party([3-9]|10)|mediator)$", max_length=16)
    ] = Field(description="a party's key in its case, or mediator")
    full_name: Text
    identifier: Text = Field(description="IIN or BIN (a mediator: the certificate number)")
    signed_at: UtcDatetime
    method: Literal["password-reauthentication", "eds-cms"]
    record_sha256: Sha256Hex
    external: ExternalSignature | None = None


class PlatformSignature(Strict):
    algorithm: Literal["Ed25519"]
    key_id: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    signed_at: UtcDatetime
    value: Base64


class SignedSettlement(Strict):
    schema_uri: Literal[
        "https://kelisim.kz/schemas/signed-settlement/1",
        "https://kelisim.kz/schemas/signed-settlement/2",
    ] = Field(alias="schema")
    record: SettlementRecord
    record_sha256: Sha256Hex
    verification_code: Annotated[
        str, Field(pattern=r"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")
    ]
    party_signatures: list[PartySignature] = Field(max_length=11)
    platform_signature: PlatformSignature

    @model_validator(mode="after")
    def _signatures_fit_the_schema(self) -> SignedSettlement:
        """Version 1 carries every party's signature (and the mediator's, if any); version 2
        none (in the PDF)."""
        count = len(self.party_signatures)
        if self.schema_uri == SIGNED_SCHEMA_V1 and count < 2:
            raise ValueError("a signed-settlement/1 envelope carries every party's signature")
        if self.schema_uri == SIGNED_SCHEMA_V2 and count:
            raise ValueError("a signed-settlement/2 envelope's signatures are the PDF's")
        return self

    @property
    def signed_in_pdf(self) -> bool:
        """The parties' signatures are PAdES signatures of the PDF (version 2)."""
        return self.schema_uri == SIGNED_SCHEMA_V2


def record_sha256(record: SettlementRecord) -> str:
    """Hex SHA-256 of the record's canonical JSON: the value every signature refers to."""
    return sha256_hex(canonical_json(record))


def verification_code(record_hash: str) -> str:
    """A 10-character Crockford base32 code (``XXXXX-XXXXX``, 50 bits) derived from the hash.

    Short enough to read out on the phone or type into the verification page; derived, so a
    document cannot carry a code that belongs to another record.
    """
    digest = hashlib.sha256(b"kelisim-verification-code:" + record_hash.encode("ascii")).digest()
    number = int.from_bytes(digest[:8], "big") >> 14
    chars = [CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(10))]
    return "".join(chars[:5]) + "-" + "".join(chars[5:])


def signing_input(signed: SignedSettlement) -> bytes:
    """Canonical JSON of the envelope without ``platform_signature.value`` (what is signed)."""
    data = signed.model_dump(mode="json", by_alias=True)
    del data["platform_signature"]["value"]
    return canonical_json(data)


def sign_envelope(
    record: SettlementRecord,
    party_signatures: Sequence[PartySignature],
    key: PlatformKey,
    now: datetime,
) -> SignedSettlement:
    """The signed envelope; raises ``EnvelopeError`` when the signatures do not fit the record."""
    digest = record_sha256(record)
    problems = signer_problems(record, digest, party_signatures)
    if problems:
        raise EnvelopeError("; ".join(p.message for p in problems))
    return _signed(record, party_signatures, key, now, SIGNED_SCHEMA_V1)


def envelope_to_sign(record: SettlementRecord, key: PlatformKey) -> SignedSettlement:
    """The version-2 envelope of the document the parties sign as a PDF: no party signature,
    signed by the platform as of the agreement, so the same record always gives the same bytes
    (Ed25519 signatures are deterministic)."""
    return _signed(record, [], key, record.procedure.agreed_at, SIGNED_SCHEMA_V2)


def _signed(
    record: SettlementRecord,
    party_signatures: Sequence[PartySignature],
    key: PlatformKey,
    now: datetime,
    schema: str,
) -> SignedSettlement:
    digest = record_sha256(record)
    unsigned = SignedSettlement.model_validate(
        {
            "schema": schema,
            "record": record,
            "record_sha256": digest,
            "verification_code": verification_code(digest),
            "party_signatures": list(party_signatures),
            "platform_signature": PlatformSignature(
                algorithm="Ed25519", key_id=key.key_id, signed_at=now, value="AA=="
            ),
        }
    )
    value = base64.b64encode(key.sign(signing_input(unsigned))).decode("ascii")
    signature = unsigned.platform_signature.model_copy(update={"value": value})
    return unsigned.model_copy(update={"platform_signature": signature})


def signer_problems(
    record: SettlementRecord, digest: str, signatures: Sequence[PartySignature]
) -> list[Reason]:
    """Why ``signatures`` are not one per party (and the mediator's, if any) of ``record``."""
    problems: list[Reason] = []
    roles = [s.role for s in signatures]
    for role in (party.role for party in record.parties):
        if roles.count(role) != 1:
            problems.append(Reason.of("signer_mismatch", f"{roles.count(role)} {role} signatures"))
    if roles.count("mediator") > (1 if record.mediator else 0):
        problems.append(Reason.of("signer_mismatch", "a mediator signature without a mediator"))
    known = {party.role for party in record.parties} | {"mediator"}
    for signature in signatures:
        if signature.role not in known:
            problems.append(Reason.of("signer_mismatch", f"{signature.role} is not a party"))
        elif signature.record_sha256 != digest:
            problems.append(Reason.of("signer_mismatch", f"{signature.role} signed another hash"))
        elif not _is_signer(record, signature):
            detail = (
                f"{signature.full_name} ({signature.identifier}) cannot sign as {signature.role}"
            )
            problems.append(Reason.of("signer_mismatch", detail))
    return problems


def _is_signer(record: SettlementRecord, signature: PartySignature) -> bool:
    """A party signs in person, by its signatory, or by a representative (power of attorney)."""
    if signature.role == "mediator":
        mediator = record.mediator
        return mediator is not None and (signature.full_name, signature.identifier) == (
            mediator.full_name,
            mediator.certificate_number,
        )
    party: PersonParty | OrganisationParty = record.party(signature.role)
    allowed = set()
    if isinstance(party, PersonParty):
        allowed.add((party.full_name, party.iin))
    else:
        allowed.add((party.signatory.full_name, party_identifier(party)))
    if party.representative is not None:
        allowed.add((party.representative.full_name, party.representative.iin))
    return (signature.full_name, signature.identifier) in allowed


def envelope_problems(
    signed: SignedSettlement, trusted_keys: Mapping[str, Ed25519PublicKey]
) -> list[Reason]:
    """Every reason the envelope is not authentic; empty when it verifies."""
    problems: list[Reason] = []
    digest = record_sha256(signed.record)
    if digest != signed.record_sha256:
        problems.append(Reason.of("record_hash_mismatch", f"computed {digest}"))
    if verification_code(signed.record_sha256) != signed.verification_code:
        problems.append(Reason.of("verification_code_mismatch", signed.verification_code))
    if not signed.signed_in_pdf:
        problems += signer_problems(signed.record, signed.record_sha256, signed.party_signatures)
    key_id = signed.platform_signature.key_id
    public_key = trusted_keys.get(key_id)
    if public_key is None:
        problems.append(Reason.of("unknown_key", f"envelope signed with key {key_id}"))
    else:
        value = base64.b64decode(signed.platform_signature.value)
        if not verify_signature(public_key, value, signing_input(signed)):
            problems.append(Reason.of("platform_signature_invalid"))
    return problems
