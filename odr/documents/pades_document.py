"""A settlement signed as a PDF, revision by revision: the document, the parties, the seal.

The life cycle (#14, docs/settlement.md "Seal"):

1. ``document_to_sign``: once the terms are complete, the PDF/A-3 is rendered from the record
   alone (the version-2 envelope, ``envelope_to_sign``, dated by the agreement): the same record
   always gives the same bytes, so nothing needs storing while parties sign.
2. Each party signing with its EDS adds a PAdES signature in its field ``kelisim-<role>``
   (``prepare_eds`` gives the digest NCALayer signs, with the time the server keeps;
   ``with_eds_signatures`` rebuilds the file from the stored CMSes and times, in signing order,
   and refuses with ``PadesRefused`` if any CMS does not fit its revision).
3. A party that signs by re-entering its password gives a *simple electronic signature*: the
   platform signs that party's field with its seal certificate, the signature dictionary naming
   the person (``/Name``), its IIN or BIN (``/ContactInfo``) and saying what it is (``/Reason``).
4. The platform seal comes last (``pades_seal.seal_pades``).

A change of terms changes the record, hence the document to sign: earlier CMSes no longer fit
and are void, as the password signatures are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from odr.cases.parties import MAX_PARTIES, is_party_role, party_number
from odr.documents.envelope import envelope_to_sign
from odr.documents.keys import PlatformKey
from odr.documents.pades import PreparedSignature, embed_party_signature, prepare_party_signature
from odr.documents.pades_seal import seal_pades, with_validation_data
from odr.documents.platform_certificate import PlatformSeal
from odr.documents.produce import embedded_files
from odr.documents.record import SettlementRecord
from odr.documents.render import render_pdf
from odr.documents.sync import run_sync

FIELD_PREFIX = "kelisim-"
EDS_REASON = "EDS of the party: consent to the settlement in this file"
SIMPLE_REASON = (
    "Simple electronic signature: {name} ({identifier}) re-entered the password on the Kelisim "
    "platform at {at} to sign the settlement record {sha256}; attested by the platform's seal"
)
ATTESTED_EDS_REASON = (
    "EDS of {name} ({identifier}) over the settlement record {sha256} (CMS), checked by the "
    "Kelisim platform at {at}; attested by the platform's seal"
)
SIMPLE_METHOD = "password-reauthentication"
EDS_METHOD = "eds-pades"  # how a verifier names an EDS that signs the PDF itself


def field_for(role: str) -> str:
    """The signature field of a role: ``kelisim-claimant``, ``kelisim-respondent``,
    ``kelisim-party3``…, ``kelisim-mediator``."""
    return FIELD_PREFIX + role


@dataclass(frozen=True)
class EdsSignature:
    """What the server keeps of an accepted EDS signature to rebuild its revision."""

    role: str
    certificate: bytes  # DER
    cms: bytes  # DER, detached CMS SignedData over the revision's byte range
    prepared_at: datetime  # the /M the revision was prepared with


@dataclass(frozen=True)
class SimpleSignature:
    """A password re-authentication (or an EDS over the record hash rather than the PDF),
    recorded in the party's field as the platform's attestation."""

    role: str
    full_name: str
    identifier: str  # IIN (a person, a representative) or BIN (an organisation)
    signed_at: datetime
    record_sha256: str
    method: str = SIMPLE_METHOD  # "eds-cms": an EDS over the record hash, not over this PDF


def document_to_sign(
    record: SettlementRecord, key: PlatformKey, language: str, verification_url: str
) -> bytes:
    """The PDF/A-3 the parties sign: a pure function of its arguments.

    ``verification_url`` may hold ``{code}``, replaced by the record's verification code.
    """
    envelope = envelope_to_sign(record, key)
    url = verification_url.format(code=envelope.verification_code)
    return render_pdf(envelope, language, url, embedded_files(envelope, url))


def prepare_eds(
    pdf: bytes, role: str, certificate: bytes | None, prepared_at: datetime
) -> PreparedSignature:
    """The revision ``role`` signs next with its EDS; ``prepared.digest`` goes to NCALayer."""
    return prepare_party_signature(
        pdf, field_for(role), certificate, reason=EDS_REASON, signed_at=prepared_at
    )


def with_eds_signatures(pdf: bytes, signatures: Sequence[EdsSignature]) -> bytes:
    """``pdf`` with each EDS signature's revision rebuilt and filled, in the order given."""
    for signature in signatures:
        prepared = prepare_eds(pdf, signature.role, signature.certificate, signature.prepared_at)
        pdf = embed_party_signature(prepared, signature.cms)
    return pdf


def with_simple_signature(pdf: bytes, seal: PlatformSeal, signature: SimpleSignature) -> bytes:
    """``pdf`` with ``signature`` recorded in its role's field, signed by the platform's seal."""
    template = SIMPLE_REASON if signature.method == SIMPLE_METHOD else ATTESTED_EDS_REASON
    reason = template.format(
        name=signature.full_name,
        identifier=signature.identifier,
        at=signature.signed_at.isoformat(),
        sha256=signature.record_sha256,
    )
    prepared = prepare_party_signature(
        pdf,
        field_for(signature.role),
        seal.certificate,
        signer_name=signature.full_name,
        reason=reason,
        contact_info=signature.identifier,
        signed_at=signature.signed_at,
    )
    return embed_party_signature(prepared, _seal_cms(seal, prepared.digest))


def signed_document(
    document: bytes,
    seal: PlatformSeal,
    eds: Sequence[EdsSignature],
    simple: Sequence[SimpleSignature],
    *,
    tsa_url: str | None = None,
    trust_roots: Sequence[bytes] = (),
) -> bytes:
    """The finished file: the document, the EDS revisions and their validation data (LTV, when
    their chains lead to ``trust_roots``), the simple signatures, the seal."""
    pdf = with_eds_signatures(document, eds)
    pdf = with_validation_data(pdf, [field_for(s.role) for s in eds], trust_roots)
    for signature in sorted(simple, key=lambda s: _signing_order(s.role)):
        pdf = with_simple_signature(pdf, seal, signature)
    return seal_pades(pdf, seal, tsa_url=tsa_url, trust_roots=trust_roots)


def _signing_order(role: str) -> int:
    """The parties' fields in party order (claimant, respondent, party3 …), the mediator's last."""
    return party_number(role) if is_party_role(role) else MAX_PARTIES + 1


def _seal_cms(seal: PlatformSeal, digest: bytes) -> bytes:
    """A detached CMS by the seal key over ``digest`` (what NCALayer does for an EDS)."""
    from asn1crypto import keys, x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from odr.documents.pades_seal import der_key

    chain = [x509.Certificate.load(der) for der in seal.chain]
    store = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    store.register_multiple(chain[1:])
    signer = signers.SimpleSigner(
        signing_cert=chain[0],
        signing_key=keys.PrivateKeyInfo.load(der_key(seal.key_pem)),
        cert_registry=store,
    )

    async def sign() -> bytes:
        content = await signer.async_sign(digest, "sha256", use_pades=True)
        der: bytes = content.dump()
        return der

    return run_sync(sign())
