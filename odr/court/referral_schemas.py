"""The referral package's schema (what a court receives for a case referred to it) and the court
API's bodies for referrals (#15).

The package says who the parties are, what was claimed at intake, how the mediation went in
neutral terms, and what the parties agreed to share. It has no field for anything private: no
interests, walk-away points, bids, points, improvement answers, caucus, or the mediator's own
reasons (free text that could carry what a party told the mediator alone).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Final, Literal

from pydantic import Field

from odr.cases.parties import ROLE_PATTERN, Side
from odr.centre.schemas import Reason
from odr.web import boundary
from odr.web.schema import IdOf, Line, RequestModel, ResponseModel

FORMAT: Final = "kelisim.court-referral/1"
EndedBy = Literal["parties_chose_court", "mediator_closed", "deadline_passed"]


class ReferralCourt(ResponseModel):
    code: str
    name: str


class ReferralParty(ResponseModel):
    role: str = Field(
        pattern=ROLE_PATTERN,
        description="The party's key: claimant, respondent, party3 … party10 (in that order).",
    )
    name: str = Field(description="The name the party gave Kelisim (opening or joining the case).")
    side: Side = Field(description="claimant, respondent, or own (nobody's ally).")
    withdrawn: bool = Field(description="The party withdrew from the negotiation before it ended.")


class ReferralClaim(ResponseModel):
    category: str
    subject: str
    amount: str | None = Field(
        description="The amount claimed at intake, a decimal string; null if none was stated."
    )
    currency: str
    issues: list[str] = Field(description="The issues in dispute, as the claimant named them.")
    respondent_named_as: str = Field(description="The respondent's name as the claimant gave it.")
    filed_at: datetime
    language: str


class ReferralMediation(ResponseModel):
    centre: str
    started_at: datetime
    deadline_at: datetime
    ended_at: datetime | None
    referred_at: datetime
    mechanisms: list[str] = Field(
        description="The mechanisms the case went through, in order (packages, bidding, division)."
    )
    ended: Literal["failed", "expired"] = Field(
        description="failed: ended without agreement before the deadline; expired: the deadline "
        "passed without agreement."
    )
    ended_by: EndedBy
    agreement_reached: Literal[False] = False


class ReferralEvent(ResponseModel):
    seq: int
    type: str
    role: str
    at: str
    data: dict[str, Any]


class ReferralShared(ResponseModel):
    consented: list[str] = Field(
        description="The roles of the parties who agreed to share the room's record with the court."
    )
    record_shared: bool = Field(
        description="True once every party agreed; only then are events sent."
    )
    events: list[ReferralEvent] = Field(
        description="The room's public record (offers, answers, messages, agreement steps) when "
        "every party agreed to share it; empty otherwise."
    )


class ReferralPackageDoc(ResponseModel):
    format: Literal["kelisim.court-referral/1"] = FORMAT
    referral_id: str
    case_reference: str
    court: ReferralCourt | None
    parties: list[ReferralParty]
    claim: ReferralClaim
    mediation: ReferralMediation
    shared: ReferralShared


class CourtReferralSummary(ResponseModel):
    id: str
    case_reference: str
    referred_at: datetime
    package_sha256: str
    court_case_number: str | None = Field(description="Set once this court acknowledged it.")
    links: dict[str, str]


class CourtReferralPage(ResponseModel):
    referrals: list[CourtReferralSummary]
    next_cursor: str | None = Field(
        description="Pass as ?since= to get what was referred after this page; null when done."
    )


class CourtReferralOut(ResponseModel):
    id: str
    package: ReferralPackageDoc
    package_sha256: str = Field(
        description="SHA-256 (hex) of the canonical JSON of `package` (docs/settlement.md's rules: "
        "sorted keys, no whitespace, UTF-8). Hash `package` exactly as received to check it."
    )
    court_case_number: str | None
    acknowledged_at: datetime | None


class ReferralAcknowledgementIn(RequestModel):
    court_case_number: Annotated[str, Line(100)] = Field(examples=["7594-26-00-2/1234"])


class ReferralAcknowledgementOut(ResponseModel):
    referral_id: str
    court_case_number: str
    acknowledged_at: datetime


class CaseReferralOut(ResponseModel):
    """What the parties and the centre see of a referral."""

    referred_at: datetime
    court: ReferralCourt | None
    court_case_number: str | None
    acknowledged_at: datetime | None


class ReferIn(RequestModel):
    """The mediator's referral: why (kept by the centre, not sent to the court) and to which
    court, by its code (``odr create-court``); without one, no court's client receives it."""

    reason: Reason
    court_code: Annotated[str, IdOf(boundary.COURT_CODE)] | None = Field(
        default=None, examples=["ASTANA-1"]
    )


class CourtsOut(ResponseModel):
    courts: list[ReferralCourt]
