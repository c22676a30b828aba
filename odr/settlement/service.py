"""Settlement rules: draft after agreement, edit terms, sign, and finalise the signed document.

The lifecycle of a ``Settlement`` row:

``drafting``  terms are being completed (each party's identity, obligations' details, court);
``signing``   at least one party has signed the current record;
``signed``    every party signed the same record hash: the envelope is signed by the platform,
              the PDF/A-3 is rendered and stored, and the case becomes ``signed``;
``filed``     a court acknowledged the import under its own case number (see ``odr.court``).

Any edit before ``signed`` raises ``version`` and so changes the record's hash: signatures given
for the earlier hash no longer count, and the parties see that they must sign again. No HTTP here.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.documents.canonical import canonical_json
from odr.documents.envelope import (
    PartySignature,
    SignedSettlement,
    record_sha256,
    sign_envelope,
)
from odr.documents.keys import PlatformKey
from odr.documents.record import (
    PersonParty,
    SettlementRecord,
    party_identifier,
)
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.persistence.models import (
    Case,
    Court,
    Settlement,
    SettlementSignature,
    User,
)
from odr.persistence.upsert import insert_unless_present
from odr.settlement.drafting import draft_terms, legal_basis
from odr.settlement.record_builder import (
    ROLES,
    agreement_of,
    check_obligations,
    local_date,
)

SIGNING_METHOD: Literal["password-reauthentication"] = "password-reauthentication"


async def open_settlement(db: AsyncSession, case: Case, now: datetime) -> Settlement:
    """The case's settlement, drafted from the agreed package the first time it is asked for."""
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is not None:
        return settlement
    agreement = await agreement_of(db, case.id)
    if agreement is None:
        raise Conflict(
            "there is no agreement yet: the settlement is drafted once every party accepted the "
            "same offer",
            code="no_agreement",
        )
    terms = draft_terms(
        case.issues,
        agreement.package,
        currency=case.currency,
        agreed_on=local_date(agreement.at),
        language=case.language,
    )
    terms.update(
        {
            "place": "",
            "kind": "mediation_agreement_out_of_court",
            "court_code": None,
            "court_case_number": None,
            "legal_basis": legal_basis(case.category, case.language),
            "document_language": case.language,
            "parties": {role: None for role in ROLES},
        }
    )
    # Both parties open the page at about the same time: one statement decides which draft
    # stays, and both get that one.
    await insert_unless_present(
        db,
        Settlement,
        {
            "case_id": case.id,
            "status": "drafting",
            "version": 1,
            "terms": terms,
            "created_at": now,
            "updated_at": now,
        },
        unique=("case_id",),
    )
    await db.commit()
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    assert settlement is not None
    return settlement


def ensure_editable(settlement: Settlement) -> None:
    if settlement.status in ("signed", "filed"):
        raise Conflict(
            "the settlement is signed by every party and can no longer change",
            code="settlement_signed",
        )


async def update_terms(
    db: AsyncSession,
    settlement: Settlement,
    version: int,
    terms: dict[str, Any],
    currency: str,
    now: datetime,
) -> None:
    """Replace the shared terms (not the parties' identities); voids earlier signatures."""
    ensure_editable(settlement)
    if version != settlement.version:
        raise Conflict(
            f"the terms changed meanwhile (now version {settlement.version}); reload and check "
            "them again",
            code="stale_version",
        )
    if terms.get("court_code") is not None:
        court = await db.scalar(select(Court).where(Court.code == terms["court_code"]))
        if court is None:
            message = f"no court with code {terms['court_code']} is connected to Kelisim"
            raise ValidationFailed(
                message, fields=[{"field": "court_code", "message": message}], code="unknown_court"
            )
        settlement.court_id = court.id
    else:
        settlement.court_id = None
    check_obligations(terms["obligations"], currency)
    settlement.terms = {**terms, "parties": settlement.terms["parties"]}
    _changed(settlement, now)


def update_party(
    settlement: Settlement, role: str, details: dict[str, Any], email: str, now: datetime
) -> None:
    ensure_editable(settlement)
    parties = dict(settlement.terms["parties"])
    parties[role] = {**details, "email": email}
    settlement.terms = {**settlement.terms, "parties": parties}
    _changed(settlement, now)


def _changed(settlement: Settlement, now: datetime) -> None:
    settlement.version += 1
    settlement.status = "drafting"
    settlement.updated_at = now
    settlement.record_sha256 = None


async def signatures_for(
    db: AsyncSession, settlement: Settlement, record_hash: str | None
) -> Sequence[SettlementSignature]:
    if record_hash is None:
        return []
    rows = await db.scalars(
        select(SettlementSignature)
        .where(
            SettlementSignature.settlement_id == settlement.id,
            SettlementSignature.record_sha256 == record_hash,
        )
        .order_by(SettlementSignature.id)
    )
    return list(rows)


async def sign(
    db: AsyncSession,
    case: Case,
    settlement: Settlement,
    user: User,
    role: str,
    reviewed_hash: str,
    now: datetime,
    record: SettlementRecord,
) -> list[SettlementSignature]:
    """Record ``user``'s signature of the record it reviewed; returns the current signatures."""
    if settlement.status in ("signed", "filed"):
        raise Conflict("the settlement is already signed by every party", code="settlement_signed")
    current = record_sha256(record)
    if reviewed_hash != current:
        raise Conflict(
            "the settlement changed after you reviewed it; read it again and sign the new text",
            code="record_changed",
        )
    existing = await signatures_for(db, settlement, current)
    if not any(s.role == role for s in existing):
        db.add(
            SettlementSignature(
                settlement_id=settlement.id,
                user_id=user.id,
                role=role,
                record_sha256=current,
                method=SIGNING_METHOD,
                signed_at=now,
            )
        )
        await db.flush()
    settlement.record_sha256 = current
    settlement.status = "signing"
    settlement.updated_at = now
    return list(await signatures_for(db, settlement, current))


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
    case.status = "signed"
    case.updated_at = now


def role_required(role: str | None) -> str:
    if role not in ROLES:
        raise Forbidden("only the parties sign the settlement", code="role_not_allowed")
    return role
