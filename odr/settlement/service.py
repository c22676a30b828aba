"""Settlement rules with their reads and writes: draft after agreement, edit terms, sign, seal.

The lifecycle of a ``Settlement`` row:

``drafting``  terms are being completed (each party's identity, obligations' details, court);
``signing``   at least one party has signed the current record;
``signed``    every party signed the same record hash: the envelope is signed by the platform,
              the PDF/A-3 is rendered and stored, and the case becomes ``signed``;
``filed``     a court acknowledged the import under its own case number (see ``odr.court``).

A party's request is one call here (``settlement_for``, ``change_terms``, ``change_my_details``,
``sign_settlement``): who may see the case (404), whether there is an agreement (409), whether the
caller is a party who signs (403), then the change as one transaction under the case's lock
(``odr.cases.locking``). What may change and how an edit voids signatures is in
``odr.settlement.rules`` (pure); sealing the document in ``odr.settlement.sealing``. No HTTP here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.cases.locking import case_for_update
from odr.cases.service import case_for, role_of
from odr.documents.envelope import record_sha256
from odr.documents.record import SettlementRecord
from odr.errors import Conflict, ValidationFailed
from odr.fulfilment.reminders import plan as plan_reminders
from odr.negotiating.division_agreed import agreed_adjusted_winner
from odr.persistence.models import (
    Case,
    Court,
    Settlement,
    SettlementSignature,
    User,
)
from odr.persistence.upsert import insert_unless_present
from odr.services import Services
from odr.settlement import notices, rules
from odr.settlement.agreement import agreement_of, local_date
from odr.settlement.completeness import missing_items
from odr.settlement.division_terms import is_division
from odr.settlement.drafting import draft_terms, legal_basis
from odr.settlement.keys import platform_key
from odr.settlement.parties import drafting_roles, settlement_roles
from odr.settlement.record_builder import build_record
from odr.settlement.sealing import finalise, load_pyhanko, verification_url

ConfirmPassword = Callable[[], Awaitable[None]]
"""Returns when the caller re-entered its password; otherwise counts the failure and raises."""


async def settlement_for(
    db: AsyncSession, user: User, case_id: str, now: datetime
) -> tuple[Case, Settlement]:
    """The case (404 unless ``user`` is a party) and its settlement, drafted on first sight;
    403 for a party who withdrew before the agreement (the settlement, with the others' IINs
    and addresses, is not theirs: ``odr.settlement.parties``)."""
    case = await case_for(db, user, case_id)
    settlement = await open_settlement(db, case, now)
    rules.role_required(role_of(case, user), settlement_roles(case, settlement))
    return case, settlement


async def change_terms(
    db: AsyncSession,
    services: Services,
    user: User,
    case_id: str,
    version: int,
    terms: dict[str, Any],
) -> tuple[Case, Settlement]:
    """Replace the shared terms (not the parties' identities) edited from ``version``; voids
    earlier signatures, unless the terms are already these (``rules.replace_terms``)."""
    case, settlement = await settlement_for(db, user, case_id, services.clock())
    roles = settlement_roles(case, settlement)
    rules.role_required(role_of(case, user), roles)
    terms = rules.number_instalments(terms)
    async with case_for_update(db, services.room.locks, case, settlement):
        rules.ensure_current(settlement, version)
        court_id = await _court_id(db, terms.get("court_code"))
        now = services.clock()
        rules.replace_terms(settlement, terms, court_id, case.currency, now, roles)
    return case, settlement


async def change_my_details(
    db: AsyncSession, services: Services, user: User, case_id: str, details: dict[str, Any]
) -> tuple[Case, Settlement]:
    """The caller's identity as the settlement must name it; voids earlier signatures, unless
    the settlement already names the caller so (``rules.update_party``)."""
    case, settlement = await settlement_for(db, user, case_id, services.clock())
    role = rules.role_required(role_of(case, user), settlement_roles(case, settlement))
    async with case_for_update(db, services.room.locks, case, settlement):
        rules.update_party(settlement, role, details, user.email, services.clock())
    return case, settlement


async def sign_settlement(
    db: AsyncSession,
    services: Services,
    user: User,
    case_id: str,
    reviewed_hash: str,
    confirm_password: ConfirmPassword,
    *,
    method: str = rules.SIGNING_METHOD,
    evidence: dict[str, Any] | None = None,
) -> tuple[Case, Settlement]:
    """Sign the record the caller reviewed; the last signature seals the document.

    ``method`` and ``evidence``: a simple signature (password) by default; an EDS signature
    (``odr.signing.settlement_flow``) passes its method and proof, checked by then.

    The password is checked before the case's lock is waited for: hashing takes a while, and
    its failure count is committed on its own.
    """
    case, settlement = await settlement_for(db, user, case_id, services.clock())
    roles = settlement_roles(case, settlement)
    role = rules.role_required(role_of(case, user), roles)
    await confirm_password()
    now = services.clock()
    async with case_for_update(db, services.room.locks, case, settlement):
        record = await build_record(db, case, settlement)
        if record is None:
            missing = ", ".join(missing_items(settlement, roles))
            raise Conflict(
                f"the settlement is not complete yet (missing: {missing})", code="incomplete"
            )
        signatures = await sign(
            db, settlement, user, role, reviewed_hash, now, record, method, evidence
        )
        signed_roles = {s.role for s in signatures}
        if signed_roles >= {p.role for p in record.parties}:
            key = platform_key(services.settings)
            url = verification_url(services.settings)
            settings = services.settings
            await finalise(case, settlement, record, signatures, key, url, now, settings)
            assert settlement.envelope is not None  # sealed just now
            await plan_reminders(db, case.id, settlement.envelope["record"], now, settings)
        await notices.after_signature(db, case, settlement, roles, signed_roles, reviewed_hash, now)
    if settlement.status != "signed":
        await load_pyhanko()  # the last signature seals with pyHanko: not to wait for it then
    await audit(
        services.sessions,
        AuditEvent(
            "user",
            user.id,
            "settlement.sign",
            settlement.id,
            {"role": role, "record_sha256": reviewed_hash, "status": settlement.status},
        ),
        now,
    )
    # Signing closes an open improvement offer: the agreement stands (odr/negotiating/improvement).
    await services.improvements.close_on_signature(case.id)
    return case, settlement


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
    adjusted = (
        await agreed_adjusted_winner(
            db, case.id, version=agreement.version, package=agreement.package, seq=agreement.seq
        )
        if is_division(case.issues)
        else None
    )
    terms = draft_terms(
        case.issues,
        agreement.package,
        currency=case.currency,
        agreed_on=local_date(agreement.at),
        language=case.language,
        adjusted_winner=adjusted,
        parties=drafting_roles(case),
    )
    terms.update(
        {
            "place": "",
            "kind": "mediation_agreement_out_of_court",
            "court_code": None,
            "court_case_number": None,
            "legal_basis": legal_basis(case.category),
            "subject_description": None,  # the case's subject as filed, until a party words it
            "document_language": case.language,
            # The parties still taking part at the agreement (odr.settlement.parties).
            "parties": {role: None for role in drafting_roles(case)},
        }
    )
    # The parties open the page at about the same time: one statement decides which draft
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


async def _court_id(db: AsyncSession, code: str | None) -> str | None:
    """The connected court the terms name, if any; 422 for a code no court has here."""
    if code is None:
        return None
    court = await db.scalar(select(Court).where(Court.code == code))
    if court is None:
        message = f"no court with code {code} is connected to Kelisim"
        raise ValidationFailed(
            message, fields=[{"field": "court_code", "message": message}], code="unknown_court"
        )
    return court.id


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
    settlement: Settlement,
    user: User,
    role: str,
    reviewed_hash: str,
    now: datetime,
    record: SettlementRecord,
    method: str = rules.SIGNING_METHOD,
    evidence: dict[str, Any] | None = None,
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
                method=method,
                signed_at=now,
                evidence=evidence,
            )
        )
        await db.flush()
    settlement.record_sha256 = current
    settlement.status = "signing"
    settlement.updated_at = now
    return list(await signatures_for(db, settlement, current))
