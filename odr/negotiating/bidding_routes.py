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

Bids are ``private_inputs`` rows that no endpoint returns to anyone but the bid's owner and, in a
case of several parties, the other members of its side (``bidding_sides``: a side bids as one,
its bid counting once every member entered the same amount); the split point's secret is the
case's own (``case_secrets``), returned to nobody. Nothing here logs them.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation import blind_bidding as bb
from negotiation.errors import IllegalMove
from odr.cases.mechanism import Mechanism
from odr.cases.parties import in_party_order
from odr.cases.service import case_for, role_of
from odr.cases.status import CaseStatus
from odr.errors import Conflict, Forbidden, ValidationFailed
from odr.negotiating import bidding, bidding_choices, bidding_rounds, bidding_sides
from odr.negotiating.bidding_schemas import (
    AcceptIn,
    BiddingOut,
    BidIn,
    BidOut,
    ChoiceIn,
    RulesIn,
    SideOut,
    SideRoundOut,
)
from odr.negotiating.taking_part import require_taking_part
from odr.persistence.models import Case, PrivateInput
from odr.persistence.upsert import upsert
from odr.room.log import NewEvent
from odr.web.api import Api, Context

api = Api()
logger = logging.getLogger("odr.bidding")


def _check_bidding_case(case: Case) -> None:
    if case.mechanism != Mechanism.BIDDING:
        raise Conflict("this case is not settled by blind bidding", code="not_bidding")
    if case.status != CaseStatus.OPEN:
        raise Conflict(
            "blind bidding runs once the parties have joined and before agreement",
            code="case_not_open",
        )
    problem = bidding_sides.sides_problem(_sides(case).values())
    if problem is not None:
        raise Conflict(problem, code=bidding_sides.NEEDS_TWO_SIDES)


def _sides(case: Case) -> dict[str, str]:
    """Role → side of the parties taking part."""
    return {p.role: p.side for p in case.parties if p.withdrawn_at is None}


async def _party_in_bidding_case(ctx: Context) -> tuple[Case, str]:
    """The caller's case (404 for anyone else) and role, if blind bidding runs in it now."""
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    _check_bidding_case(case)
    require_taking_part(case, role)
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
        side=await _side_view(ctx, case),
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


async def _side_view(ctx: Context, case: Case) -> SideOut | None:
    """The caller's side's entries, when the side has other members to agree with."""
    sides = _sides(case)
    me = role_of(case, ctx.user)
    mine = sides.get(me)
    members = in_party_order(r for r, s in sides.items() if s == mine)
    if mine not in ("claimant", "respondent") or len(members) < 2:
        return None
    side: bb.Role = "claimant" if mine == "claimant" else "respondent"
    rounds = {}
    for number, by_side in (await bidding_rounds.side_entries(ctx.db, case.id)).items():
        entries = by_side.get(side)
        if entries is None:
            continue
        own = entries.entered.get(me)
        waiting = (
            entries.waiting_for(own)
            if own is not None
            else [r for r in members if r not in entries.entered]
        )
        rounds[str(number)] = SideRoundOut(
            entered=dict(entries.entered), agreed=entries.agreed, waiting_for=waiting
        )
    return SideOut(side=side, members=members, rounds=rounds)


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
    summary="Accept the rules a party of the other side proposed; round 1 opens at once",
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
        sides = _sides(locked)
        if public.proposed_by == role or sides.get(public.proposed_by or "") == sides.get(role):
            raise Forbidden(
                "a party of the other side accepts the rules your side proposed", code="own_rules"
            )
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
    side = _sides(case)[role]
    assert side in bb.ROLES  # _check_bidding_case refused any other
    party: bb.Role = "claimant" if side == "claimant" else "respondent"

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
        entries = await bidding_rounds.side_entries(db, case.id)
        bids = bidding_sides.agreed_bids(entries)
        mine = bids.get(body.round, {}).get(party)
        if mine is not None:  # the side's bid counts already: sealed
            if mine == body.amount:
                return []  # the same bid again (a retry): answered as the first time
            raise Conflict("a sealed bid cannot be changed within its round", code="bid_sealed")
        # A member of a side still agreeing may enter another amount (its own entry changes).
        # Checked on the bidder's side's own bids only (the other's are not in this replay):
        # the refusal can say nothing about the other side.
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
        await upsert(
            db,
            PrivateInput,
            {
                "case_id": case.id,
                "user_id": ctx.user.id,
                "kind": "bid",
                "round": body.round,
                "payload": {"amount": body.amount},
                "submitted_at": now,
            },
            unique=("case_id", "user_id", "kind", "round"),
            update=("payload", "submitted_at"),
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
