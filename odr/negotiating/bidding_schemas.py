"""Bodies of the blind-bidding endpoints (``odr.negotiating.bidding_routes``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from odr.web.schema import RequestModel, ResponseModel


class ThresholdIn(RequestModel):
    kind: Literal["absolute", "percent"] = "absolute"
    value: int = Field(
        default=0, ge=0, le=10**15, description="Tiyn (absolute) or whole percent of the demand."
    )


class RulesIn(RequestModel):
    rounds: int = Field(default=3, ge=1, le=10)
    threshold: ThresholdIn = Field(default_factory=ThresholdIn)
    round_hours: int = Field(default=72, ge=1, le=720, description="How long each round is open.")
    announce: Literal["at_deadline", "when_both_in"] = Field(
        default="at_deadline",
        description="When a round's outcome is told: at its deadline, to both at once whatever "
        "the order of the bids (default), or as soon as both have bid (which tells each that the "
        "other has bid). Rules agreed before this field existed read as when_both_in.",
    )


class AcceptIn(RequestModel):
    proposal_seq: int = Field(ge=1, description="The seq of the rules_proposed event accepted.")


class BidIn(RequestModel):
    round: int = Field(ge=1, le=10)
    amount: int = Field(ge=0, le=10**15, description="Whole tiyn: a demand or an offer.")


class ChoiceIn(RequestModel):
    option: Literal["packages", "mediator", "court"]


class BidOut(ResponseModel):
    """The same shape and values whatever the other party did: only one's own bid."""

    round: int
    amount: int
    sealed: Literal[True] = True


class SideRoundOut(ResponseModel):
    entered: dict[str, int] = Field(description="Member's key → the amount it entered (tiyn).")
    agreed: int | None = Field(description="The side's bid, once every member entered it.")
    waiting_for: list[str] = Field(
        description="Members who have not entered the amount the caller entered (or, before "
        "the caller entered one, every member who has not entered any)."
    )


class SideOut(ResponseModel):
    """The caller's side as its members see it (never the other side's)."""

    side: Literal["claimant", "respondent"]
    members: list[str] = Field(description="The side's parties taking part, in party order.")
    rounds: dict[str, SideRoundOut] = Field(description="By round, the rounds entered so far.")


class BiddingOut(ResponseModel):
    status: Literal["agreeing", "open", "settled", "no_settlement"]
    rules: dict[str, Any] | None
    proposed_rules: dict[str, Any] | None
    proposal_seq: int | None
    proposed_by: str | None
    round: int
    deadline_at: datetime | None
    settled_amount: int | None = Field(description="Tiyn, once settled.")
    my_bids: dict[str, int] = Field(description="The caller's own bids by round (never others').")
    choices: dict[str, str] | None
    live_mediator_requested: bool = Field(
        description="A party chose a live mediator after no settlement (the centre was told)."
    )
    side: SideOut | None = Field(
        default=None,
        description="When the caller's side has several members: what each entered as the "
        "side's bid by round, and whether it counts yet. Null for a side of one (every "
        "two-party case), whose bid counts when made.",
    )
