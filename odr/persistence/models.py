"""Tables of the service. Private interests and events arrive with later features.

Ids are random (``new_id``) so that knowing one case's id says nothing about another's. Secrets
(session ids, invitation tokens) are stored only as SHA-256 hashes: a leaked database dump cannot be
replayed as a login or an invitation.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from odr.cases.parties import default_side
from odr.persistence.types import UTCDateTime


def new_id() -> str:
    """A random 128-bit id as 32 hex characters."""
    return secrets.token_hex(16)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """Set by an administrator (``odr deactivate-user``): no login, no session, no reset."""


class AuthSession(Base):
    """A login session; ``id`` is the SHA-256 of the random token held in the cookie."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(Base):
    """One failed login, counted per scope (address, account or trusted device) in a window."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_scope_key_at", "scope", "key", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PasswordReset(Base):
    """A password-reset link sent by e-mail; only the SHA-256 of its token is kept.

    Single use (``used_at``) and short-lived (``expires_at``); using one, or changing the
    password, spends every other outstanding link of the user too.
    """

    __tablename__ = "password_resets"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    category: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(500))
    claim_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2), nullable=True)
    currency: Mapped[str] = mapped_column(String(3))
    language: Mapped[str] = mapped_column(String(2))
    issues: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    respondent_name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(100), nullable=True)
    """Where the dispute is (as the claimant typed it): assignment prefers its mediators."""
    mechanism: Mapped[str] = mapped_column(String(16), default="packages")
    """odr.cases.mechanism.Mechanism: packages, bidding or division."""
    mechanism_rules: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """The mechanism's public rules once the parties agreed them (bidding: rounds, threshold,
    round deadlines); never a bid or a point."""
    items: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    """Fair division: the items to share out (name, optional agreed value in tiyn, note)."""
    status: Mapped[str] = mapped_column(String(24))
    created_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    parties: Mapped[list[CaseParty]] = relationship(
        lazy="selectin", order_by="CaseParty.id", back_populates="case"
    )


def _side_of_new_party(context: Any) -> str:
    """A party's side unless given: the claimant's and the respondent's own, else "own"."""
    return default_side(context.get_current_parameters()["role"])


class CaseParty(Base):
    __tablename__ = "case_parties"
    __table_args__ = (UniqueConstraint("case_id", "user_id"), UniqueConstraint("case_id", "role"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    """The party's key in the case (odr/cases/parties.py): claimant, respondent, party3…10."""
    display_name: Mapped[str] = mapped_column(String(200))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime())
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())
    side: Mapped[str] = mapped_column(String(16), default=_side_of_new_party)
    """claimant, respondent or own (odr/cases/parties.py); by default the role's own side."""
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """When the party left the negotiation; it stays in the case's history, not in its votes."""

    case: Mapped[Case] = relationship(back_populates="parties")


class Invitation(Base):
    """A single-use, expiring link for one invited party; only the token's hash is kept."""

    __tablename__ = "invitations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    """The respondent's number in E.164, when the claimant gave one: the invitation goes by SMS."""
    language: Mapped[str | None] = mapped_column(String(2), nullable=True)
    """The invitation's language, when the claimant picked one; else the case's."""
    link_box: Mapped[str | None] = mapped_column(Text, nullable=True)
    """The link, sealed with the secret key, for the reminders; erased once used or replaced."""
    role: Mapped[str | None] = mapped_column(String(16), nullable=True)
    """The key of the party it invites (odr/cases/parties.py); None on links made before
    several parties: the respondent."""
    display_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """The invited party's name as the claimant typed it; None: the case's respondent_name."""
    side: Mapped[str | None] = mapped_column(String(16), nullable=True)
    """The side the invited party will stand on; None: the role's default side."""


class CaseEvent(Base):
    """The case's append-only event log: what every participant of the room may see, in order.

    ``seq`` is dense and per case (1, 2, 3…); clients resume from the last one they saw. Nothing
    private (a party's interests, its explanation of a proposal) is ever stored here.
    """

    __tablename__ = "case_events"
    __table_args__ = (
        UniqueConstraint("case_id", "seq"),
        UniqueConstraint("case_id", "actor_user_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    actor_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    actor_role: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PartyInterests(Base):
    """A party's private answers about its interests. Readable only by that party and the engine."""

    __tablename__ = "party_interests"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PrivateInput(Base):
    """A party's sealed input to a mechanism: a blind bid of one round, or its division points.

    Like ``party_interests``, readable only by its owner and the engine, never by the other
    party, the mediator, a log or the room. ``kind`` names the input ("bid", "points"); ``round``
    is the bidding round (0 where rounds do not apply). One row per party, kind and round: a
    sealed bid cannot be changed.
    """

    __tablename__ = "private_inputs"
    __table_args__ = (UniqueConstraint("case_id", "user_id", "kind", "round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(16))
    round: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseSecret(Base):
    """A case's own server-side secret for its mechanism: blind bidding's sealed split point
    (kind ``bid_secret``), drawn when the rules are agreed.

    It belongs to the case, not to a party (it is nobody's input, and no party may learn it):
    kept apart from ``private_inputs`` so that no party's export, purge or view can reach it;
    it goes with the case (cascade).
    """

    __tablename__ = "case_secrets"
    __table_args__ = (UniqueConstraint("case_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseProposals(Base):
    """Packages the engine proposed for a version of the parties' interests (choices only)."""

    __tablename__ = "case_proposals"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    acceptable: Mapped[bool] = mapped_column()
    packages: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    views: Mapped[dict[str, Any]] = mapped_column(JSON)
    """Private, per role: that party's explanation of each package and its own advice. Only ever
    served to that party."""
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Settlement(Base):
    """The settlement document of an agreed case, from its editable terms to the signed PDF.

    ``terms`` is what parties fill in after agreeing (their identities, the obligations' details,
    costs, the court). Every change raises ``version`` and voids the signatures given so far, so a
    signature always covers exactly the record a party reviewed (``record_sha256``).
    """

    __tablename__ = "settlements"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    status: Mapped[str] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)
    court_id: Mapped[str | None] = mapped_column(ForeignKey("courts.id"), nullable=True, index=True)
    record_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    envelope: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """The signed settlement (record, party signatures, platform signature) once all signed."""
    verification_code: Mapped[str | None] = mapped_column(String(32), nullable=True, unique=True)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    akn_xml: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True, index=True)


class SettlementSignature(Base):
    """A party's signature: it re-entered its password and approved the record with this hash."""

    __tablename__ = "settlement_signatures"
    __table_args__ = (UniqueConstraint("settlement_id", "role", "record_sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    settlement_id: Mapped[str] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(16))
    record_sha256: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """An EDS signature's proof (odr/signing/evidence.py): the CMS, the certificate, who it
    names, and the revocation answer with its time. None for a simple (password) signature."""


class Court(Base):
    """A court that settlements can be addressed to and that imports them through the court API."""

    __tablename__ = "courts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CourtClient(Base):
    """An API client of one court; only the SHA-256 of its token is stored."""

    __tablename__ = "court_clients"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    court_id: Mapped[str] = mapped_column(ForeignKey("courts.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)

    court: Mapped[Court] = relationship(lazy="joined")


class CourtImport(Base):
    """A court's acknowledgement that it imported a settlement under its own case number."""

    __tablename__ = "court_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    settlement_id: Mapped[str] = mapped_column(
        ForeignKey("settlements.id", ondelete="CASCADE"), unique=True
    )
    court_id: Mapped[str] = mapped_column(ForeignKey("courts.id"))
    court_case_number: Mapped[str] = mapped_column(String(100))
    client_id: Mapped[str] = mapped_column(ForeignKey("court_clients.id"))
    acknowledged_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEntry(Base):
    """An append-only, hash-chained audit trail: each entry's hash covers the previous one's."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """Unique: two writers that read the same last entry cannot both append (no fork)."""
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# -- Conciliation centres: mediators, supervision, deadlines, notifications (odr/centre) ---------


class Centre(Base):
    """An out-of-court conciliation centre; its cases' deadline defaults to ``deadline_days``."""

    __tablename__ = "centres"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    region: Mapped[str] = mapped_column(String(100))
    languages: Mapped[list[str]] = mapped_column(JSON)
    deadline_days: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    simple_signature: Mapped[bool | None] = mapped_column(nullable=True)
    """May parties sign by re-entering their password? None: only while EDS is off (#14)."""


class CentreAdmin(Base):
    """A person who administers a centre: registers mediators, reassigns cases, sees analytics."""

    __tablename__ = "centre_admins"
    __table_args__ = (UniqueConstraint("centre_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)


class Mediator(Base):
    """A certified mediator of one centre, with the languages and categories it takes."""

    __tablename__ = "mediators"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), unique=True)
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    certificate_number: Mapped[str] = mapped_column(String(64))
    certificate_date: Mapped[date] = mapped_column(Date)
    languages: Mapped[list[str]] = mapped_column(JSON)
    categories: Mapped[list[str]] = mapped_column(JSON)
    capacity: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column()
    regions: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    """The regions it serves (as typed); null or empty: every region."""
    away_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    """On leave to this day (inclusive, Kazakhstan's date): no new case until the day after."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Mediation(Base):
    """A case's supervision by a centre: its mediator, deadline, pause and outcome."""

    __tablename__ = "mediations"

    case_id: Mapped[str] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    centre_id: Mapped[str] = mapped_column(ForeignKey("centres.id"), index=True)
    mediator_id: Mapped[str | None] = mapped_column(
        ForeignKey("mediators.id"), nullable=True, index=True
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    close_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    attested_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    contract_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    attestation_evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """The mediator's EDS over the attestation (odr/signing/attestation_flow.py), or None when
    attested without one."""


class MediatorAssignment(Base):
    """The history of who mediates a case: automatic assignment and each reassignment's reason."""

    __tablename__ = "mediator_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    mediator_id: Mapped[str | None] = mapped_column(ForeignKey("mediators.id"), nullable=True)
    previous_mediator_id: Mapped[str | None] = mapped_column(
        ForeignKey("mediators.id"), nullable=True
    )
    by_user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DeadlineTask(Base):
    """A reminder or expiry due at ``due_at``; ``done_at`` is set in the transaction that acts."""

    __tablename__ = "deadline_tasks"
    __table_args__ = (Index("ix_deadline_tasks_pending", "done_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deadline_at: Mapped[datetime] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    cancelled: Mapped[bool] = mapped_column(default=False)


class OutboxNotice(Base):
    """A notice to send (e-mail or SMS), written in the transaction of what it announces.

    A worker leases due rows (``lease_until``), sends, and marks them sent; a failure schedules a
    retry with back-off. ``dedupe_key`` (unique) keeps one notice per occasion and recipient.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2))
    recipient: Mapped[str] = mapped_column(String(254))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    dedupe_key: Mapped[str | None] = mapped_column(String(160), nullable=True, unique=True)
    status: Mapped[str] = mapped_column(String(12))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    """None: due at once."""
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class Notification(Base):
    """A notice as the recipient's in-app list shows it: read or not, newest first.

    Written with the e-mail notice of the same occasion (``odr.notify.enqueue_notice``), without
    its secrets; ``path`` is the app's fragment it links to (``#/cases/{id}/…``).
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    path: Mapped[str | None] = mapped_column(String(200), nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(160), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)


class NoticePreference(Base):
    """How a person wants notices: ``email``, ``sms`` or ``both``, and quiet hours (Kazakhstan
    time, UTC+5) during which nothing is sent to them; none: e-mail, at any hour."""

    __tablename__ = "notice_preferences"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    channel: Mapped[str] = mapped_column(String(8))
    quiet_from: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)
    """The hour (0–23) quiet starts; ``quiet_to`` the hour it ends (may be the next day)."""
    quiet_to: Mapped[int | None] = mapped_column(SmallInteger, nullable=True)


class UserPhone(Base):
    """A person's phone number for SMS notices (optional)."""

    __tablename__ = "user_phones"

    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    phone: Mapped[str] = mapped_column(String(20))


class PartySharing(Base):
    """What a party chose to share: its private interests with the mediator, the room's record
    with a court on referral. Nothing is shared until the party says so."""

    __tablename__ = "party_sharing"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    interests_with_mediator: Mapped[bool] = mapped_column()
    record_with_court: Mapped[bool] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseFeedback(Base):
    """A party's rating of the process (1–5 on four scales) and its comment, once per case."""

    __tablename__ = "case_feedback"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(16))
    service: Mapped[int] = mapped_column(Integer)
    procedure: Mapped[int] = mapped_column(Integer)
    fairness: Mapped[int] = mapped_column(Integer)
    ease: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CourtReferral(Base):
    """A failed or expired case referred to court with the record the parties agreed to share."""

    __tablename__ = "court_referrals"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    referred_by: Mapped[str] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StoredFile(Base):
    """A file attached to a case (an item's photo; documents and evidence later): ``odr/uploads``.

    In the database, not on a disk: one transaction with the event logging its SHA-256, the same
    for every instance, and in every backup. The id is random and the only way to name the file;
    who may read it is decided per request from the case (``odr.uploads.access``).
    """

    __tablename__ = "stored_files"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    """What it is for: ``item_photo`` (fair division)."""
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    """A small JPEG for lists (photos), or None."""
    uploaded_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# Feature tables kept in modules of their own, imported here so that ``Base.metadata`` (Alembic,
# the schema test) always knows every table.
from odr.persistence import (  # noqa: E402, F401
    caucus_models,
    documents_models,
    enforcement_models,
    fulfilment_models,
    referrals_models,
    sessions_models,
)
