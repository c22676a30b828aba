"""The shape of a person's data export (``GET /api/me/export``, ``odr export-user``): what each
part holds, as the OpenAPI document describes it. ``export.py`` gathers it, and says what is
left out and why."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from odr.cases.documents import DocumentExport
from odr.caucus.export import CaucusExport
from odr.privacy.sealed_inputs import BidExport, ImprovementAnswerExport, PointsExport
from odr.web.schema import ResponseModel


class AccountExport(ResponseModel):
    id: str
    email: str
    display_name: str
    role: str
    language: str
    phone: str | None
    created_at: datetime
    deactivated_at: datetime | None


class SessionExport(ResponseModel):
    created_at: datetime
    expires_at: datetime


class PasswordResetExport(ResponseModel):
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


class PartyExport(ResponseModel):
    role: str
    display_name: str
    joined_at: datetime


class InterestsExport(ResponseModel):
    answers: dict[str, Any]
    submitted_at: datetime


class ProposalsExport(ResponseModel):
    version: int
    computed_at: datetime
    packages: list[dict[str, Any]]
    my_view: dict[str, Any] = Field(description="Your own explanation of each package and advice.")


class EventExport(ResponseModel):
    seq: int
    type: str
    actor_role: str
    mine: bool
    data: dict[str, Any]
    created_at: datetime


class SharingExport(ResponseModel):
    interests_with_mediator: bool
    record_with_court: bool
    updated_at: datetime


class FeedbackExport(ResponseModel):
    service: int
    procedure: int
    fairness: int
    ease: int
    comment: str | None
    created_at: datetime


class SignatureExport(ResponseModel):
    role: str
    record_sha256: str
    method: str
    signed_at: datetime


class SettlementExport(ResponseModel):
    status: str
    version: int
    my_details: dict[str, Any] | None = Field(description="The identity you gave for the document.")
    terms: dict[str, Any] = Field(description="The common terms, without the parties' details.")
    record_sha256: str | None
    pdf_sha256: str | None
    verification_code: str | None
    signed_at: datetime | None
    my_signatures: list[SignatureExport]


class CaseExport(ResponseModel):
    id: str
    reference: str
    my_role: str
    category: str
    subject: str
    claim_amount: Decimal | None
    currency: str
    language: str
    issues: list[dict[str, Any]]
    mechanism: str
    items: list[dict[str, Any]] | None
    respondent_name: str
    status: str
    created_at: datetime
    updated_at: datetime
    consented_at: datetime
    parties: list[PartyExport]
    my_interests: InterestsExport | None
    my_bids: list[BidExport] = Field(description="Blind bidding: your own bids, by round.")
    my_points: PointsExport | None = Field(description="Fair division: your own points.")
    my_improvement_answers: list[ImprovementAnswerExport]
    my_proposals: list[ProposalsExport]
    events: list[EventExport] = Field(
        description="The room log both parties saw, the other party's offers and messages too."
    )
    my_sharing: SharingExport | None
    my_feedback: FeedbackExport | None
    settlement: SettlementExport | None
    my_documents: list[DocumentExport] = Field(
        default_factory=list, description="The documents and evidence you gave the case."
    )
    my_caucus: CaucusExport | None = Field(
        default=None,
        description="Your private conversation with the mediator (the caucus), if you had one.",
    )


class NoticeExport(ResponseModel):
    channel: str
    kind: str
    language: str
    recipient: str
    params: dict[str, Any]
    status: str
    created_at: datetime
    sent_at: datetime | None


class InAppExport(ResponseModel):
    kind: str
    params: dict[str, Any]
    path: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationSettingsExport(ResponseModel):
    channel: str
    quiet_from: int | None
    quiet_to: int | None


class AuditExport(ResponseModel):
    occurred_at: datetime
    action: str
    target: str | None
    details: dict[str, Any]


class UserExport(ResponseModel):
    format: Literal["kelisim-user-export/1"] = "kelisim-user-export/1"
    exported_at: datetime
    account: AccountExport
    sessions: list[SessionExport]
    password_resets: list[PasswordResetExport]
    cases: list[CaseExport]
    notices: list[NoticeExport]
    notifications: list[InAppExport] = Field(description="The notices listed in the app.")
    notification_settings: NotificationSettingsExport | None = Field(
        description="How you chose to be told (channel, quiet hours); null: never chosen."
    )
    audit: list[AuditExport] = Field(description="Audit entries of your own actions.")
