"""The last signature seals the settlement: the platform signs the envelope, the PDF/A-3 is
rendered and sealed, and the row and the case become ``signed``.

Runs inside the signature's transaction (``odr.settlement.service.sign_settlement``): the sealed
document and the last signature are stored together or not at all.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Sequence
from datetime import datetime

from odr.cases.status import CaseStatus
from odr.documents.canonical import canonical_json
from odr.documents.envelope import PartySignature, SignedSettlement, sign_envelope
from odr.documents.keys import PlatformKey
from odr.documents.record import PersonParty, SettlementRecord, party_identifier
from odr.persistence.models import Case, Settlement, SettlementSignature
from odr.settings import Settings
from odr.settlement.rules import SIGNING_METHOD


def verification_url(settings: Settings) -> str:
    """Where the document sends its reader to check it; ``{code}`` is its verification code."""
    return settings.public_base_url.rstrip("/") + "/#/verify/{code}"


async def finalise(
    case: Case,
    settlement: Settlement,
    record: SettlementRecord,
    signatures: Sequence[SettlementSignature],
    key: PlatformKey,
    verification_url: str,
    now: datetime,
) -> None:
    """Every party signed: sign the envelope, render and seal the PDF, store all of it."""
    # Imported here: WeasyPrint and its fonts cost a second to load, needed only at this step.
    from odr.documents import produce_settlement_pdf
    from odr.documents.akoma import akoma_ntoso

    by_role = {s.role: s for s in signatures}
    party_signatures = []
    for party in record.parties:
        signature = by_role[party.role]
        # The person who signs: a person itself, or the organisation's signatory.
        name = party.full_name if isinstance(party, PersonParty) else party.signatory.full_name
        party_signatures.append(
            PartySignature(
                role=party.role,
                full_name=name,
                identifier=party_identifier(party),
                signed_at=signature.signed_at,
                method=SIGNING_METHOD,  # the only method until CMS signatures (NCALayer)
                record_sha256=signature.record_sha256,
            )
        )
    envelope: SignedSettlement = sign_envelope(record, party_signatures, key, now)
    language = settlement.terms["document_language"]
    url = verification_url.format(code=envelope.verification_code)
    pdf = await asyncio.to_thread(produce_settlement_pdf, envelope, key, language, url)
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
