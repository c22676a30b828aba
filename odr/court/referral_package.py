"""The referral package: what the court a case is referred to receives (#15).

Built once, inside the referral's own transaction (``Supervision.refer``), from what is public to
every party or was given at intake, and stored as it will be served; its SHA-256 over the
canonical JSON (``odr.documents.canonical``) names it, so a court can check that the package it
holds is the one Kelisim produced, and the audit trail's hash chain records that hash when it is
made. The room log has no hash chain of its own, so the package's hash is the record's hash.

Only what each party shared reaches the court: the room's public record goes only when every
party agreed (``record_with_court``; the record is a conversation between them, so one party
cannot give away the other's offers and messages), as ``odr.centre.supervision.shared_record``
already decides for the centre's copy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.cases.parties import party_number
from odr.cases.status import CaseStatus
from odr.court.referral_schemas import (
    EndedBy,
    ReferralClaim,
    ReferralCourt,
    ReferralMediation,
    ReferralPackageDoc,
    ReferralParty,
    ReferralShared,
)
from odr.documents.canonical import canonical_json, sha256_hex
from odr.errors import ValidationFailed
from odr.negotiating.bidding_choices import COURT_CHOSEN
from odr.persistence.models import (
    Case,
    CaseEvent,
    Centre,
    Court,
    CourtReferral,
    Mediation,
    PartySharing,
)
from odr.persistence.referrals_models import ReferralPackage


async def court_named(db: AsyncSession, code: str | None) -> Court | None:
    """The connected court ``code`` names; None for no code; 422 for a code no court has."""
    if code is None:
        return None
    court = await db.scalar(select(Court).where(Court.code == code))
    if court is None:
        message = f"no court with code {code} is connected to Kelisim"
        raise ValidationFailed(
            message, fields=[{"field": "court_code", "message": message}], code="unknown_court"
        )
    return court


def jsonable(value: Any) -> Any:
    """``value`` with every float as a decimal string: canonical JSON has integers only, and the
    package is hashed as stored (an offer's amount may have come in as a float)."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [jsonable(item) for item in value]
    return value


def package_hash(package: dict[str, Any]) -> str:
    return sha256_hex(canonical_json(package))


def _ended_by(case: Case, mediation: Mediation) -> EndedBy:
    if case.status == CaseStatus.EXPIRED:
        return "deadline_passed"
    if mediation.close_reason == COURT_CHOSEN:
        return "parties_chose_court"
    return "mediator_closed"


async def _mechanisms(db: AsyncSession, case: Case) -> list[str]:
    switches = await db.scalars(
        select(CaseEvent.data)
        .where(CaseEvent.case_id == case.id, CaseEvent.type == "mechanism_switch")
        .order_by(CaseEvent.seq)
    )
    used: list[str] = []
    for data in switches:
        if data.get("kind") == "switched":
            used += [m for m in (data["current"], data["to"]) if not used or used[-1] != m]
    return used or [case.mechanism]


async def _consented(db: AsyncSession, case: Case) -> list[str]:
    agreed = set(
        await db.scalars(
            select(PartySharing.user_id).where(
                PartySharing.case_id == case.id, PartySharing.record_with_court.is_(True)
            )
        )
    )
    return [
        p.role
        for p in sorted(case.parties, key=lambda p: party_number(p.role))
        if p.user_id in agreed
    ]


def _claim(case: Case) -> ReferralClaim:
    return ReferralClaim(
        category=case.category,
        subject=case.subject,
        amount=f"{case.claim_amount:.2f}" if case.claim_amount is not None else None,
        currency=case.currency,
        issues=[str(issue.get("label") or issue.get("name")) for issue in case.issues],
        respondent_named_as=case.respondent_name,
        filed_at=case.created_at,
        language=case.language,
    )


async def build(
    db: AsyncSession,
    case: Case,
    mediation: Mediation,
    referral: CourtReferral,
    court: Court | None,
    ended: str,
) -> dict[str, Any]:
    """The package as stored and served. ``ended``: the case's status before the referral
    (failed or expired); ``referral.record`` is the centre's copy, whose events (the public
    record, present only when every party shared it) the package repeats."""
    centre = await db.get_one(Centre, mediation.centre_id)
    record_shared = bool(referral.record.get("shared"))
    doc = ReferralPackageDoc(
        referral_id=referral.id,
        case_reference=case.reference,
        court=ReferralCourt(code=court.code, name=court.name) if court else None,
        parties=[
            ReferralParty(
                role=p.role,
                name=p.display_name,
                side=p.side,  # type: ignore[arg-type]
                withdrawn=p.withdrawn_at is not None,
            )
            for p in sorted(case.parties, key=lambda p: party_number(p.role))
        ],
        claim=_claim(case),
        mediation=ReferralMediation(
            centre=centre.name,
            started_at=mediation.started_at,
            deadline_at=mediation.deadline_at,
            ended_at=mediation.closed_at,
            referred_at=referral.created_at,
            mechanisms=await _mechanisms(db, case),
            ended="expired" if ended == CaseStatus.EXPIRED else "failed",
            ended_by=_ended_by(case, mediation),
        ),
        shared=ReferralShared(
            consented=await _consented(db, case),
            record_shared=record_shared,
            events=referral.record.get("events", []) if record_shared else [],
        ),
    )
    return dict(jsonable(doc.model_dump(mode="json")))


async def produce(
    db: AsyncSession,
    case: Case,
    mediation: Mediation,
    referral: CourtReferral,
    court: Court | None,
    now: datetime,
) -> ReferralPackage:
    """Store the package of ``referral`` in the caller's transaction (before the case's status
    becomes ``referred``: ``case.status`` says how the mediation ended)."""
    package = await build(db, case, mediation, referral, court, case.status)
    row = ReferralPackage(
        referral_id=referral.id,
        case_id=case.id,
        court_id=court.id if court else None,
        package=package,
        package_sha256=package_hash(package),
        created_at=now,
    )
    db.add(row)
    await db.flush()
    return row


async def audit_packaged(
    sessions: async_sessionmaker[AsyncSession], referral_id: str, user_id: str, now: datetime
) -> None:
    """The package's hash into the audit trail's chain, once the referral committed."""
    async with sessions() as db:
        row = await db.get_one(ReferralPackage, referral_id)
        details = {"sha256": row.package_sha256, "court_id": row.court_id}
    await audit(
        sessions, AuditEvent("user", user_id, "court.referral_packaged", referral_id, details), now
    )
