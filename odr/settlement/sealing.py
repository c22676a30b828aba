"""The settlement as a signed PDF: the document to sign, the EDS revisions, the seal.

``document_for`` renders the PDF the parties sign once the terms are complete (a function of
the record: nothing is stored while parties sign). An EDS signature is a PAdES revision of it:
``prepare_eds_revision`` rebuilds the file with the EDS signatures already given for this
record (from their stored CMS and time) and appends the caller's signature field, whose digest
NCALayer signs; what to keep of an accepted one is ``eds_evidence`` (the other fields of the
signature's ``evidence`` are the certificate checks', ``odr.signing``). A password signature is
a *simple electronic signature*: the platform records it in the party's field with its seal
certificate. The last signature seals the document (``finalise``, inside the signature's
transaction: the sealed document and the last signature are stored together or not at all).

A change of terms changes the record and so the document: earlier signatures do not fit it and
are void (``odr.settlement.rules``).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CaseStatus
from odr.documents.canonical import canonical_json
from odr.documents.envelope import (
    PARTY_METHODS,
    PartySignature,
    SignedSettlement,
    sign_envelope,
)
from odr.documents.keys import PlatformKey
from odr.documents.pades import PreparedSignature
from odr.documents.pades_document import EdsSignature, SimpleSignature
from odr.documents.record import SettlementRecord
from odr.documents.record_parties import PersonParty, party_identifier
from odr.persistence.models import Case, Settlement, SettlementSignature
from odr.settings import Settings
from odr.settlement.keys import platform_key, platform_seal, trust_roots
from odr.settlement.rules import SIGNING_METHOD

PADES_EVIDENCE = "pades"
"""The key of ``SettlementSignature.evidence`` holding an EDS revision: ``{"cms",
"certificate", "prepared_at"}`` (``eds_evidence``)."""


_PYHANKO_LOADED = False


def _load_pyhanko() -> None:
    import pyhanko.sign.signers
    import pyhanko.sign.timestamps
    import pyhanko.sign.validation  # noqa: F401


async def load_pyhanko() -> None:
    """Import pyHanko (a second or more on a busy machine) on a worker thread, once per process.

    Called after a signature that does not yet seal: the last one, which renders and seals the
    document in a request, then does not also wait for the import.
    """
    global _PYHANKO_LOADED
    if not _PYHANKO_LOADED:
        await asyncio.to_thread(_load_pyhanko)
        _PYHANKO_LOADED = True


def verification_url(settings: Settings) -> str:
    """Where the document sends its reader to check it; ``{code}`` is its verification code."""
    return settings.public_base_url.rstrip("/") + "/#/verify/{code}"


async def document_for(
    settings: Settings, settlement: Settlement, record: SettlementRecord
) -> bytes:
    """The PDF/A-3 the parties sign (rendered off the event loop: it takes about a second)."""
    from odr.documents.pades_document import document_to_sign

    language = settlement.terms["document_language"]
    key = platform_key(settings)
    return await asyncio.to_thread(
        document_to_sign, record, key, language, verification_url(settings)
    )


async def prepare_eds_revision(
    db: AsyncSession,
    settings: Settings,
    settlement: Settlement,
    record: SettlementRecord,
    role: str,
    certificate: bytes | None,
    now: datetime,
) -> PreparedSignature:
    """The revision ``role`` signs next with its EDS: ``.digest`` is what NCALayer signs
    (``digested: true``); keep ``now`` (``prepared_at``) to rebuild it (``eds_evidence``)."""
    from odr.documents.pades_document import prepare_eds, with_eds_signatures

    document = await document_for(settings, settlement, record)
    earlier = eds_signatures(await _signatures(db, settlement, record))
    pdf = await asyncio.to_thread(with_eds_signatures, document, earlier)
    return await asyncio.to_thread(prepare_eds, pdf, role, certificate, now)


def eds_evidence(cms_der: bytes, certificate: bytes, prepared_at: datetime) -> dict[str, Any]:
    """What ``SettlementSignature.evidence[PADES_EVIDENCE]`` keeps of an accepted EDS revision:
    the CMS, the certificate (DER) and the exact ``now`` given to ``prepare_eds_revision``.

    Check the CMS first with ``odr.documents.pades.embed_party_signature(prepared, cms_der)``.
    """
    return {
        "cms": base64.b64encode(cms_der).decode("ascii"),
        "certificate": base64.b64encode(certificate).decode("ascii"),
        "prepared_at": prepared_at.isoformat(),
    }


def eds_signatures(rows: Sequence[SettlementSignature]) -> list[EdsSignature]:
    """The EDS revisions among ``rows``, in the order they were given."""
    found = []
    for row in sorted(rows, key=lambda r: (r.signed_at, r.id or 0)):
        # ``evidence`` is the EDS flow's column (odr/signing); absent before its migration.
        pades = (getattr(row, "evidence", None) or {}).get(PADES_EVIDENCE)
        if not isinstance(pades, dict):
            continue
        found.append(
            EdsSignature(
                role=row.role,
                certificate=base64.b64decode(pades["certificate"]),
                cms=base64.b64decode(pades["cms"]),
                prepared_at=datetime.fromisoformat(pades["prepared_at"]),
            )
        )
    return found


async def _signatures(
    db: AsyncSession, settlement: Settlement, record: SettlementRecord
) -> Sequence[SettlementSignature]:
    from odr.documents.envelope import record_sha256

    rows = await db.scalars(
        select(SettlementSignature)
        .where(
            SettlementSignature.settlement_id == settlement.id,
            SettlementSignature.record_sha256 == record_sha256(record),
        )
        .order_by(SettlementSignature.id)
    )
    return list(rows)


def _signer(record: SettlementRecord, role: str) -> tuple[str, str]:
    """(name, IIN or BIN) of whoever signs for ``role``: a representative, the person, or the
    organisation's signatory with its BIN."""
    party = record.party(role)
    if party.representative is not None:
        return party.representative.full_name, party.representative.iin
    if isinstance(party, PersonParty):
        return party.full_name, party.iin
    return party.signatory.full_name, party_identifier(party)


async def finalise(
    case: Case,
    settlement: Settlement,
    record: SettlementRecord,
    signatures: Sequence[SettlementSignature],
    key: PlatformKey,
    verification_url: str,
    now: datetime,
    settings: Settings,
) -> None:
    """Every party signed: the PDF with every signature and the seal; the envelope; all stored.

    The stored envelope (``settlement.envelope``, what the court API gives) lists every party
    signature with its method; the PDF embeds the version-2 envelope of the document to sign,
    and carries the signatures as PAdES signatures.
    """
    from odr.documents.akoma import akoma_ntoso
    from odr.documents.pades_document import signed_document

    eds = eds_signatures(signatures)
    in_pdf = {s.role for s in eds}
    simple, party_signatures = [], []
    for row in signatures:
        name, identifier = _signer(record, row.role)
        method = row.method if row.method in PARTY_METHODS else SIGNING_METHOD
        if row.role not in in_pdf:
            simple.append(
                SimpleSignature(
                    row.role, name, identifier, row.signed_at, row.record_sha256, method
                )
            )
        party_signatures.append(
            PartySignature.model_validate(
                {
                    "role": row.role,
                    "full_name": name,
                    "identifier": identifier,
                    "signed_at": row.signed_at,
                    "method": method,
                    "record_sha256": row.record_sha256,
                }
            )
        )
    envelope: SignedSettlement = sign_envelope(record, party_signatures, key, now)
    document = await document_for(settings, settlement, record)
    seal = platform_seal(settings)
    pdf = await asyncio.to_thread(
        signed_document,
        document,
        seal,
        eds,
        simple,
        tsa_url=settings.tsa_url,
        trust_roots=trust_roots(settings),
    )
    url = verification_url.format(code=envelope.verification_code)
    settlement.envelope = json.loads(canonical_json(envelope))
    settlement.verification_code = envelope.verification_code
    settlement.pdf = pdf
    settlement.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    settlement.akn_xml = akoma_ntoso(envelope, url).decode()
    settlement.status = "signed"
    settlement.signed_at = now
    settlement.updated_at = now
    case.status = CaseStatus.SIGNED
    case.updated_at = now
