"""A person's data, on request: everything Kelisim holds about one account, as one JSON document.

Answers the data subject's right of access (Law of RK "On personal data and their protection";
GDPR art. 15 and 20 for users who expect it). Served to the person at ``GET /api/me/export`` and
to an administrator answering a written request with ``odr export-user``.

What it holds, and the line drawn at other people:

- the account, its phone, login sessions and password-reset requests (dates, never hashes);
- each case the person is a party to: the case as both parties see it (subject, claim, issues,
  mechanism and items, the parties' names), the person's own private interests, its own sealed
  inputs to the mechanism (blind bids, division points, answers to an improvement), its own
  proposal explanations and advice, its sharing choices and feedback;
- the case's room log, including the other party's offers and messages: both parties saw them
  in the room, they are the shared record of the negotiation, not the other party's private data;
- the settlement: the person's own identity details and the common terms, the hashes and code.
  The other party's identity details (IIN/BIN, address, representative) are left out: the person
  has them in the signed PDF it can download, and they are not the person's own data;
- the notices sent to the person (without sealed secrets such as reset links), and the audit
  entries of the person's own actions.

Never included: the other party's private interests, bids, points or answers, its explanations
or advice, its sharing choices or feedback; the case's own secrets (blind bidding's sealed split
point, ``case_secrets``); and any secret or hash of one (password, session ids, tokens).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.documents import own_documents
from odr.caucus.export import own_caucus
from odr.notify.notice_params import public_params
from odr.persistence.models import (
    AuditEntry,
    AuthSession,
    Case,
    CaseEvent,
    CaseFeedback,
    CaseParty,
    CaseProposals,
    NoticePreference,
    Notification,
    OutboxNotice,
    PartyInterests,
    PartySharing,
    PasswordReset,
    PrivateInput,
    Settlement,
    SettlementSignature,
    User,
    UserPhone,
)
from odr.privacy.export_document import (
    AccountExport,
    AuditExport,
    CaseExport,
    EventExport,
    FeedbackExport,
    InAppExport,
    InterestsExport,
    NoticeExport,
    NotificationSettingsExport,
    PartyExport,
    PasswordResetExport,
    ProposalsExport,
    SessionExport,
    SettlementExport,
    SharingExport,
    SignatureExport,
    UserExport,
)
from odr.privacy.sealed_inputs import own_inputs


def own_settlement_terms(
    terms: Mapping[str, Any], role: str
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """(this party's own details, the terms without any party's details)."""
    parties = terms.get("parties") or {}
    mine = parties.get(role)
    return (dict(mine) if mine is not None else None), {
        k: v for k, v in terms.items() if k != "parties"
    }


def own_view(views: Mapping[str, Any], role: str) -> dict[str, Any]:
    """Only this party's explanations and advice: ``views`` holds every party's, by role."""
    view = views.get(role)
    return dict(view) if isinstance(view, Mapping) else {}


async def export_user(db: AsyncSession, user: User, now: datetime) -> UserExport:
    """Everything held about ``user`` (see the module docstring for what and why)."""
    phone = await db.get(UserPhone, user.id)
    sessions = await db.scalars(
        select(AuthSession).where(AuthSession.user_id == user.id).order_by(AuthSession.created_at)
    )
    resets = await db.scalars(
        select(PasswordReset)
        .where(PasswordReset.user_id == user.id)
        .order_by(PasswordReset.created_at)
    )
    memberships = await db.scalars(
        select(CaseParty).where(CaseParty.user_id == user.id).order_by(CaseParty.joined_at)
    )
    cases = [await _case(db, user, membership) for membership in memberships]
    notices = await db.scalars(
        select(OutboxNotice).where(OutboxNotice.user_id == user.id).order_by(OutboxNotice.id)
    )
    listed = await db.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    preference = await db.get(NoticePreference, user.id)
    audit = await db.scalars(
        select(AuditEntry)
        .where(AuditEntry.actor_kind == "user", AuditEntry.actor_id == user.id)
        .order_by(AuditEntry.id)
    )
    return UserExport(
        exported_at=now,
        account=AccountExport(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            role=user.role,
            language=user.language,
            phone=phone.phone if phone is not None else None,
            created_at=user.created_at,
            deactivated_at=user.deactivated_at,
        ),
        sessions=[SessionExport.model_validate(s) for s in sessions],
        password_resets=[PasswordResetExport.model_validate(r) for r in resets],
        cases=cases,
        notices=[
            NoticeExport(
                channel=n.channel,
                kind=n.kind,
                language=n.language,
                recipient=n.recipient,
                params=public_params(n.params),
                status=n.status,
                created_at=n.created_at,
                sent_at=n.sent_at,
            )
            for n in notices
        ],
        notifications=[InAppExport.model_validate(n) for n in listed],
        notification_settings=NotificationSettingsExport.model_validate(preference)
        if preference is not None
        else None,
        audit=[AuditExport.model_validate(a) for a in audit],
    )


async def _case(db: AsyncSession, user: User, membership: CaseParty) -> CaseExport:
    case = await db.get_one(Case, membership.case_id)
    role = membership.role
    parties = await db.scalars(
        select(CaseParty).where(CaseParty.case_id == case.id).order_by(CaseParty.id)
    )
    interests = await db.scalar(
        select(PartyInterests).where(
            PartyInterests.case_id == case.id, PartyInterests.user_id == user.id
        )
    )
    inputs = list(
        await db.scalars(
            select(PrivateInput)
            .where(PrivateInput.case_id == case.id, PrivateInput.user_id == user.id)
            .order_by(PrivateInput.kind, PrivateInput.round)
        )
    )
    proposals = await db.scalars(
        select(CaseProposals)
        .where(CaseProposals.case_id == case.id)
        .order_by(CaseProposals.version)
    )
    events = await db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    )
    sharing = await db.scalar(
        select(PartySharing).where(PartySharing.case_id == case.id, PartySharing.user_id == user.id)
    )
    feedback = await db.scalar(
        select(CaseFeedback).where(CaseFeedback.case_id == case.id, CaseFeedback.user_id == user.id)
    )
    return CaseExport(
        id=case.id,
        reference=case.reference,
        my_role=role,
        category=case.category,
        subject=case.subject,
        claim_amount=case.claim_amount,
        currency=case.currency,
        language=case.language,
        issues=case.issues,
        mechanism=case.mechanism,
        items=case.items,
        respondent_name=case.respondent_name,
        status=case.status,
        created_at=case.created_at,
        updated_at=case.updated_at,
        consented_at=membership.consented_at,
        parties=[PartyExport.model_validate(p) for p in parties],
        my_interests=InterestsExport.model_validate(interests) if interests else None,
        **own_inputs(inputs),
        my_proposals=[
            ProposalsExport(
                version=p.version,
                computed_at=p.computed_at,
                packages=p.packages,
                my_view=own_view(p.views, role),
            )
            for p in proposals
        ],
        events=[
            EventExport(
                seq=e.seq,
                type=e.type,
                actor_role=e.actor_role,
                mine=e.actor_user_id == user.id,
                data=e.data,
                created_at=e.created_at,
            )
            for e in events
        ],
        my_sharing=SharingExport.model_validate(sharing) if sharing else None,
        my_feedback=FeedbackExport.model_validate(feedback) if feedback else None,
        settlement=await _settlement(db, case, user, role),
        my_documents=await own_documents(db, case.id, user.id),
        my_caucus=await own_caucus(db, case.id, role),
    )


async def _settlement(
    db: AsyncSession, case: Case, user: User, role: str
) -> SettlementExport | None:
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is None:
        return None
    signatures = await db.scalars(
        select(SettlementSignature)
        .where(
            SettlementSignature.settlement_id == settlement.id,
            SettlementSignature.user_id == user.id,
        )
        .order_by(SettlementSignature.id)
    )
    mine, terms = own_settlement_terms(settlement.terms, role)
    return SettlementExport(
        status=settlement.status,
        version=settlement.version,
        my_details=mine,
        terms=terms,
        record_sha256=settlement.record_sha256,
        pdf_sha256=settlement.pdf_sha256,
        verification_code=settlement.verification_code,
        signed_at=settlement.signed_at,
        my_signatures=[SignatureExport.model_validate(s) for s in signatures],
    )
