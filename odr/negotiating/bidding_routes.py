"""Blind bidding over HTTP: agree the rules, bid each round sealed, choose how to go on.

Every change runs in ``Room.record`` (the case's lock, one transaction, then the room's events
published), so two requests of one case never interleave. What leaves the server:

* the rules, each round's opening, and its outcome ("not yet", "settled at X", "no settlement")
  as ``bidding``/``bidding_settled`` room events, to both parties and the mediator at once;
* to a bidder only, its own bid echoed back. The answer to a bid has the same shape and does the
  same work whether or not the other party has bid: nothing is decided in the request. By
  default a round is decided at its deadline (``bidding_rounds``), so nothing anyone can read
  changes when a party bids and the outcome's timing says nothing of who bid when. If the
  parties agreed ``announce: when_both_in``, the round is decided off the request
  (:class:`~odr.negotiating.bidding_rounds.Decider`) once both bids are in, and its outcome,
  seconds after one's own bid, tells the last bidder the other had bid first: the rules page
  says so before they choose it.

Bids are ``private_inputs`` rows that no endpoint returns to anyone but the bid's owner; the split
point's secret is the case's own (``case_secrets``), returned to nobody. Nothing here logs them.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation import blind_bidding as bb
from negotiation.errors import IllegalMove
from odr.cases.mechanism import Mechanism
from odr.cases.service import case_for, role_of
from odr.cases.status import CaseStatus
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.negotiating import bidding, bidding_choices, bidding_rounds
from odr.persistence.models import Case, PrivateInput
from odr.room.log import NewEvent
from odr.web.api import Api, Context
from odr.web.schema import RequestModel, ResponseModel

api = Api()
logger = logging.getLogger("odr.bidding")


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


def _check_bidding_case(case: Case) -> None:
    if case.mechanism != Mechanism.BIDDING:
        raise Conflict("this case is not settled by blind bidding", code="not_bidding")
    if case.status != CaseStatus.OPEN:
        raise Conflict(
            "blind bidding runs once both parties have joined and before agreement",
            code="case_not_open",
        )


async def _party_in_bidding_case(ctx: Context) -> tuple[Case, str]:
    """The caller's case (404 for anyone else) and role, if blind bidding runs in it now."""
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    _check_bidding_case(case)
    return case, role


async def _locked_bidding_case(db: AsyncSession, case_id: str) -> Case:
    """The case read again under the room's lock: the checks hold at the moment of writing."""
    locked = await db.get_one(Case, case_id)
    _check_bidding_case(locked)
    return locked


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/bidding",
    summary="Blind bidding as I may see it: rules, round, outcome, and my own bids only",
    tag="bidding",
    response=BiddingOut,
    errors=(401, 404),
)
async def get_bidding(ctx: Context) -> BiddingOut:
    return await _view(ctx)


async def _view(ctx: Context) -> BiddingOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    public = await bidding_rounds.public_of(ctx.db, case.id)
    own = await ctx.db.execute(
        select(PrivateInput.round, PrivateInput.payload).where(
            PrivateInput.case_id == case.id,
            PrivateInput.user_id == ctx.user.id,
            PrivateInput.kind == "bid",
        )
    )
    return BiddingOut(
        status=public.status,
        rules=bidding.with_announce(public.rules) if public.rules else None,
        proposed_rules=bidding.with_announce(public.proposed) if public.proposed else None,
        proposal_seq=public.proposal_seq,
        proposed_by=public.proposed_by,
        round=public.round,
        deadline_at=public.deadline_at,
        settled_amount=public.settled_amount,
        my_bids={str(number): int(payload["amount"]) for number, payload in own},
        choices=dict(public.choices) if public.choices is not None else None,
        live_mediator_requested="mediator" in (public.choices or {}).values(),
    )


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/bidding/rules",
    summary="Propose the bidding rules (rounds, the gap to bridge, round hours, when told)",
    tag="bidding",
    body=RulesIn,
    response=BiddingOut,
    errors=(401, 404, 409, 422),
)
async def propose_rules(ctx: Context, body: RulesIn) -> BiddingOut:
    case, role = await _party_in_bidding_case(ctx)
    if body.threshold.kind == "percent" and body.threshold.value > 100:
        message = "a percent threshold is at most 100"
        raise ValidationFailed(message, fields=[{"field": "threshold.value", "message": message}])
    _check_money_issue(case)
    rules = body.model_dump()

    async def decide(db: AsyncSession) -> list[NewEvent]:
        await _locked_bidding_case(db, case.id)
        if (await bidding_rounds.public_of(db, case.id)).rules is not None:
            raise Conflict("the bidding rules are already agreed", code="rules_already_agreed")
        data = {"kind": "rules_proposed", "rules": rules}
        return [NewEvent("bidding", data, ctx.user.id, role)]

    await ctx.services.room.record(case.id, decide)
    await ctx.db.commit()  # end the read snapshot: the answer shows what was just recorded
    return await _view(ctx)


def _check_money_issue(case: Case) -> None:
    try:
        bidding.money_issue(case.issues)
    except ValueError:
        raise Conflict(
            "blind bidding needs the case's amount as a numeric issue", code="not_money_claim"
        ) from None


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/bidding/rules/accept",
    summary="Accept the other party's proposed rules; round 1 opens at once",
    tag="bidding",
    body=AcceptIn,
    response=BiddingOut,
    errors=(401, 404, 409, 422),
)
async def accept_rules(ctx: Context, body: AcceptIn) -> BiddingOut:
    case, role = await _party_in_bidding_case(ctx)

    async def decide(db: AsyncSession) -> list[NewEvent]:
        locked = await _locked_bidding_case(db, case.id)
        public = await bidding_rounds.public_of(db, case.id)
        if public.rules is not None:
            raise Conflict("the bidding rules are already agreed", code="rules_already_agreed")
        if public.proposal_seq != body.proposal_seq or public.proposed is None:
            raise Conflict(
                "these are not the rules proposed last: read them again", code="stale_rules"
            )
        if public.proposed_by == role:
            raise Forbidden("the other party accepts the rules you proposed", code="own_rules")
        now = ctx.services.clock()
        rules = dict(public.proposed)
        locked.mechanism_rules = rules
        locked.updated_at = now
        # The sealed split point: drawn here, the case's own secret, never logged or returned.
        bidding_rounds.seal(db, case.id, now)
        agreed = NewEvent("bidding", {"kind": "rules_agreed", "rules": rules}, ctx.user.id, role)
        return [agreed, bidding_rounds.open_round(db, case.id, 1, now, int(rules["round_hours"]))]

    await ctx.services.room.record(case.id, decide)
    await ctx.db.commit()  # end the read snapshot: the answer shows what was just recorded
    return await _view(ctx)


@api.endpoint(
    "PUT",
    "/api/cases/{case_id}/bidding/bid",
    summary="Submit my sealed bid of the open round (a demand or an offer, whole tiyn)",
    tag="bidding",
    body=BidIn,
    response=BidOut,
    errors=(401, 404, 409, 422),
)
async def put_bid(ctx: Context, body: BidIn) -> BidOut:
    case, role = await _party_in_bidding_case(ctx)
    assert role in bb.ROLES
    party: bb.Role = "claimant" if role == "claimant" else "respondent"

    announce = bidding.AT_DEADLINE

    async def decide(db: AsyncSession) -> list[NewEvent]:
        nonlocal announce
        await _locked_bidding_case(db, case.id)
        now = ctx.services.clock()
        public = await bidding_rounds.public_of(db, case.id)
        if public.rules is None:
            raise Conflict(
                "bids open once both parties agreed the rules", code="bidding_not_started"
            )
        announce = bidding.announce_of(public.rules)
        if public.status != "open" or body.round != public.round or _past(public, now):
            raise Conflict(f"round {body.round} is not open for bids", code="round_closed")
        bids = await bidding_rounds.bids_of(db, case.id)
        mine = bids.get(body.round, {}).get(party)
        if mine is not None:
            if mine == body.amount:
                return []  # the same bid again (a retry): answered as the first time
            raise Conflict("a sealed bid cannot be changed within its round", code="bid_sealed")
        # Checked on the bidder's own bids only (the other's are not in this replay): the
        # refusal can say nothing about the other party.
        own_only = {n: {party: b[party]} for n, b in bids.items() if party in b}
        own_only.setdefault(body.round, {})[party] = body.amount
        try:
            bidding.replay(public.rules, 0, own_only, body.round, now)
        except IllegalMove as exc:
            raise ValidationFailed(
                exc.message,
                code=_bid_code(exc),
                fields=[{"field": "amount", "message": exc.message}],
            ) from None
        db.add(
            PrivateInput(
                case_id=case.id,
                user_id=ctx.user.id,
                kind="bid",
                round=body.round,
                payload={"amount": body.amount},
                submitted_at=now,
            )
        )
        return []

    await ctx.services.room.record(case.id, decide)
    if announce == bidding.WHEN_BOTH_IN:  # by the rules, whether or not the other bid
        bidding_rounds.decider(ctx.services.room).schedule(case.id)
    return BidOut(round=body.round, amount=body.amount)


def _past(public: bidding.PublicState, now: datetime) -> bool:
    return public.deadline_at is not None and now >= public.deadline_at


def _bid_code(exc: IllegalMove) -> str:
    return "bid_not_monotone" if "from one round to the next" in exc.message else "invalid_bid"


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/bidding/choice",
    summary="After no settlement: choose package negotiation, a live mediator or court",
    tag="bidding",
    body=ChoiceIn,
    response=BiddingOut,
    errors=(401, 404, 409, 422),
)
async def choose(ctx: Context, body: ChoiceIn) -> BiddingOut:
    case, role = await _party_in_bidding_case(ctx)

    async def decide(db: AsyncSession) -> list[NewEvent]:
        locked = await _locked_bidding_case(db, case.id)
        public = await bidding_rounds.public_of(db, case.id)
        if public.status != "no_settlement" or public.switched:
            raise Conflict(
                "the options are offered once the last round ended without settlement",
                code="bidding_not_ended",
            )
        events = [NewEvent("bidding", {"kind": "choice", "option": body.option}, ctx.user.id, role)]
        before = dict(public.choices or {})
        choices = {**before, role: body.option}
        now = ctx.services.clock()
        locked.updated_at = now
        return events + await bidding_choices.act(db, locked, body.option, before, choices, now)

    await ctx.services.room.record(case.id, decide)
    await ctx.db.commit()  # end the read snapshot: the answer shows what was just recorded
    return await _view(ctx)
