"""Request and response models of the centre API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from odr.cases.mechanism import Mechanism
from odr.cases.parties import ROLE_PATTERN, Side
from odr.cases.schemas import ItemOut
from odr.fulfilment.analytics import Performance
from odr.notify.phones import Phone
from odr.web.schema import Email, HexId, Language, Line, Prose, RequestModel, ResponseModel

Category = Literal["civil", "family", "labour", "commercial", "consumer"]
Reason = Annotated[str, Prose(2000)]
"""Stored in ``text`` columns (close and assignment reasons, referrals); 2000 is ours."""
Score = Annotated[int, Field(ge=1, le=5)]
Region = Annotated[str, Line(100)]
"""A region as people type it ("Алматы"); matched without regard to case or spacing."""
Regions = Annotated[list[Region], Field(max_length=20)]
PartyKey = Annotated[str, Field(pattern=ROLE_PATTERN)]
"""A party's key in its case: claimant, respondent, party3 … party10."""


class CentreCreate(RequestModel):
    name: Annotated[str, Line(300)]  # centres.name is varchar(300)
    region: Annotated[str, Line(100)]  # centres.region is varchar(100)
    languages: list[Language] = Field(min_length=1, max_length=3)
    deadline_days: int | None = Field(
        default=None, ge=1, le=365, description="Default: `ODR_DEADLINE_DAYS` (30)."
    )


class CentreOut(ResponseModel):
    id: str
    name: str
    region: str
    languages: list[str]
    deadline_days: int


class CentreList(ResponseModel):
    centres: list[CentreOut]


class MediatorCreate(RequestModel):
    email: Email = Field(description="An existing account with the mediator role.")
    kind: Literal["professional", "public"]
    certificate_number: Annotated[str, Line(64)]  # mediators.certificate_number
    certificate_date: date
    languages: list[Language] = Field(min_length=1, max_length=3)
    categories: list[Category] = Field(min_length=1, max_length=5)
    capacity: int = Field(ge=1, le=1000, description="Most cases in mediation at once.")
    regions: Regions = Field(
        default_factory=list,
        description="The regions it serves; empty: every region. Assignment prefers a case's "
        "region's own mediators.",
    )


class MediatorOut(ResponseModel):
    id: str
    user_id: str
    name: str
    centre_id: str
    kind: str
    certificate_number: str
    certificate_date: date
    languages: list[str]
    categories: list[str]
    capacity: int
    active: bool
    regions: list[str] = Field(description="The regions it serves; empty: every region.")
    away_until: date | None = Field(description="On leave to this day (inclusive), if at all.")
    load: int = Field(description="Cases in mediation now.")


class MediatorList(ResponseModel):
    mediators: list[MediatorOut]


class CentreAdminCreate(RequestModel):
    email: Email


class MediatorUpdate(RequestModel):
    """What a centre's administrator changes of a mediator: only the fields given."""

    kind: Literal["professional", "public"] | None = None
    certificate_number: Annotated[str, Line(64)] | None = None
    certificate_date: date | None = None
    languages: list[Language] | None = Field(default=None, min_length=1, max_length=3)
    categories: list[Category] | None = Field(default=None, min_length=1, max_length=5)
    capacity: int | None = Field(default=None, ge=1, le=1000)
    regions: Regions | None = Field(default=None, description="Empty: every region.")
    away_until: date | None = Field(
        default=None,
        description="On leave to this day (inclusive): no new case until the day after; the "
        "open ones stay. Send null to end a leave.",
    )
    active: bool | None = Field(
        default=None,
        description="false: deactivated; the mediator's open cases are unassigned and the "
        "centre's administrators are told to reassign each. true: takes cases again.",
    )


class MediatorChanged(ResponseModel):
    mediator: MediatorOut
    unassigned_cases: list[str] = Field(
        description="Cases taken from the mediator by this deactivation, to be reassigned."
    )


class CentreAdminOut(ResponseModel):
    user_id: str
    name: str
    email: str


class CentreAdminList(ResponseModel):
    admins: list[CentreAdminOut]


class Reassign(RequestModel):
    mediator_id: HexId
    reason: Reason


class ReasonIn(RequestModel):
    reason: Reason


class ExtendDeadline(RequestModel):
    days: int = Field(ge=1, le=365, description="Added to the current deadline.")
    reason: Reason


class CloseMediation(RequestModel):
    outcome: Literal["settled", "failed"]
    reason: Reason


class Attest(RequestModel):
    mediation_contract_date: date


class SharingIn(RequestModel):
    interests_with_mediator: bool
    record_with_court: bool


class SharingOut(ResponseModel):
    interests_with_mediator: bool
    record_with_court: bool


class FeedbackIn(RequestModel):
    service: Score
    procedure: Score
    fairness: Score
    ease: Score
    comment: Annotated[str, Prose(4000, min_length=0)] | None = None


class FeedbackOut(ResponseModel):
    service: int
    procedure: int
    fairness: int
    ease: int
    comment: str | None
    created_at: datetime


class FeedbackState(ResponseModel):
    open: bool = Field(description="The mediation is over: a party that has not rated it may.")
    given: FeedbackOut | None = Field(description="My rating, once I gave it.")


class SwitchState(ResponseModel):
    """The mediator's latest proposal to switch the case's mechanism (``mechanism_switch``)."""

    proposal_seq: int = Field(description="The seq of the proposal's event.")
    to: Literal["packages", "bidding", "division"]
    items: list[ItemOut] | None = Field(description="The items proposed (division only).")
    status: Literal["open", "declined", "switched"]
    consented: list[PartyKey] = Field(description="The parties that consented so far.")
    declined_by: PartyKey | None


class ImprovementState(ResponseModel):
    """The latest post-settlement improvement offer: offered, then adopted or lapsed. Never a
    party's gain, nor who accepted."""

    status: Literal["offered", "adopted", "lapsed"]
    reason: Literal["declined", "expired", "signed"] | None = Field(
        description="Why it lapsed (the agreement stands)."
    )
    expires_at: datetime


class MechanismState(ResponseModel):
    """Where the case stands in its mechanism, from its public log only: never a bid, a gap,
    points, a gain or an improvement answer (``odr/centre/mechanism_state.py``)."""

    mechanism: Mechanism
    stage: Literal[
        "negotiating",
        "agreed",
        "agreeing_rules",
        "round_open",
        "settled",
        "no_settlement",
        "points",
        "allocation_proposed",
        "ended",
    ] = Field(
        description="packages: negotiating, agreed; bidding: agreeing_rules, round_open, "
        "settled, no_settlement; division: points, allocation_proposed, agreed; any: ended "
        "(the case failed, expired or was referred while its mechanism was under way)."
    )
    currency: str
    round: int | None = Field(default=None, description="Bidding: the current round.")
    rounds: int | None = Field(default=None, description="Bidding: rounds agreed.")
    round_deadline_at: datetime | None = Field(
        default=None, description="Bidding: the open round closes then."
    )
    rules_proposed: bool = Field(
        default=False, description="Bidding: a party proposed rules the other has not accepted."
    )
    settled_amount: int | None = Field(
        default=None, description="Bidding: the settled amount in tiyn (public once settled)."
    )
    choices: dict[str, Literal["packages", "mediator", "court"]] = Field(
        default_factory=dict,
        description="Bidding without settlement: each party's choice of how to go on, by role.",
    )
    points_stated: list[PartyKey] = Field(
        default_factory=list, description="Division: the parties that stated their points."
    )
    improvement: ImprovementState | None = None
    switch: SwitchState | None = None


class PartyOnCase(ResponseModel):
    """One of a case's 2–10 parties as staff see it (``odr/centre/roster.py``)."""

    role: str = Field(
        pattern=ROLE_PATTERN,
        description="The party's key in the case: claimant, respondent, party3 … party10.",
    )
    name: str = Field(description="The party's name (as the claimant typed it while invited).")
    side: Side = Field(description="claimant, respondent, or own (nobody's ally).")
    state: Literal["invited", "dropped", "joined", "withdrawn"] = Field(
        description="invited: the case waits for it; dropped: it never joined and the case "
        "went ahead without it; joined; withdrawn: it left the negotiation."
    )
    joined_at: datetime | None
    withdrawn_at: datetime | None = Field(description="When it left the negotiation, if it did.")
    last_active_at: datetime | None = Field(
        description="The last event the party made in the room (offer, message, signature…)."
    )


class DashboardCase(ResponseModel):
    id: str
    reference: str
    category: str
    subject: str
    language: str
    status: str
    centre: str
    centre_id: str
    mediator: str | None
    mediator_id: str | None
    parties: list[str] = Field(
        description="The names of the parties who joined, in party order (see `roster`)."
    )
    roster: list[PartyOnCase] = Field(
        description="Every party in party order, invited, dropped, joined or withdrawn, with "
        "its side."
    )
    deadline_at: datetime
    days_to_deadline: int = Field(description="Whole days left (negative once passed).")
    last_activity_at: datetime
    last_event: str | None
    stalled: bool = Field(description="An active case without activity for ODR_STALLED_AFTER_H.")
    mine: bool = Field(description="You are the case's mediator.")
    mechanism: MechanismState


class Dashboard(ResponseModel):
    cases: list[DashboardCase]
    stalled_after_h: int
    sees_analytics: bool = Field(
        description="The caller administers a centre (or the platform): analytics are open to it."
    )


class AssignmentOut(ResponseModel):
    mediator_id: str | None
    previous_mediator_id: str | None
    reason: str
    assigned_at: datetime


class SharedInterests(ResponseModel):
    role: str
    answers: dict[str, Any]


class RoomEvent(ResponseModel):
    seq: int
    event: str
    role: str
    at: datetime
    data: dict[str, Any]


class MediatorCase(ResponseModel):
    case: DashboardCase
    issues: list[dict[str, Any]]
    paused_at: datetime | None
    outcome: str | None
    attested_at: datetime | None
    mediation_contract_date: date | None
    events: list[RoomEvent]
    shared_interests: list[SharedInterests] = Field(
        description="Only the interests a party chose to share with the mediator, and only for "
        "the case's current mediator: empty for administrators and anyone else."
    )
    assignments: list[AssignmentOut]
    eds: bool = Field(
        description="The mediator may attest with EDS through NCALayer (`…/attest/eds`): this "
        "service has НУЦ РК trust anchors configured. The page then offers it first."
    )
    ncalayer_url: str = Field(description="Where the browser reaches NCALayer.")


class ReferralOut(ResponseModel):
    id: str
    record: dict[str, Any]


class Breakdown(ResponseModel):
    key: str
    cases: int
    concluded: int
    settled: int
    settlement_rate: float | None
    median_days_to_settlement: float | None


class FeedbackSummary(ResponseModel):
    responses: int
    service: float | None
    procedure: float | None
    fairness: float | None
    ease: float | None


class Analytics(ResponseModel):
    overall: Breakdown
    by_mechanism: list[Breakdown] = Field(
        description="By the mechanism each case has now (the one it ended by): packages, "
        "bidding, division."
    )
    by_category: list[Breakdown]
    by_mediator: list[Breakdown]
    by_month: list[Breakdown]
    by_parties: list[Breakdown] = Field(
        description="By the case's number of parties (invited ones included): `2`, `3–5`, "
        "`6–10`; a band without cases is left out."
    )
    feedback: FeedbackSummary
    comments: list[str]
    performance: Performance = Field(
        description="How the signed settlements are carried out (#18): the on-time rate, days "
        "late and the share with a writ application, overall, by category and by mechanism."
    )


class PhoneIn(RequestModel):
    phone: Phone = Field(
        description="As typed (`8 701 234 56 78`, `+7 (701) 234-56-78`); checked and stored "
        "in E.164 (`+77012345678`), Kazakhstan by default."
    )
