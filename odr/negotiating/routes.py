"""Each party's private interests, and the proposals explained in that party's own terms."""

from __future__ import annotations

from sqlalchemy import select

from negotiation.elicitation_answers import parse_answers
from negotiation.errors import NegotiationError
from odr.cases.mechanism import Mechanism
from odr.cases.service import case_for, role_of
from odr.cases.status import CaseStatus
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.negotiating.issues import model_issues
from odr.negotiating.proposals import submitted_roles
from odr.negotiating.schemas import (
    InterestsIn,
    InterestsOut,
    MessageOut,
    ProposalsOut,
    ProposedPackageOut,
)
from odr.negotiating.taking_part import everyone_stated, require_taking_part
from odr.persistence.models import Case, CaseProposals, PartyInterests
from odr.persistence.upsert import upsert
from odr.room.log import NewEvent
from odr.web.api import Api, Context

api = Api()


async def own_interests(ctx: Context, case_id: str) -> PartyInterests | None:
    return await ctx.db.scalar(
        select(PartyInterests).where(
            PartyInterests.case_id == case_id, PartyInterests.user_id == ctx.user.id
        )
    )


@api.endpoint(
    "PUT",
    "/api/cases/{case_id}/interests",
    summary="State (or restate) my private interests; never shown to anyone else",
    tag="interests",
    body=InterestsIn,
    response=InterestsOut,
    errors=(401, 403, 404, 409, 422),
)
async def put_interests(ctx: Context, body: InterestsIn) -> InterestsOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    _require_packages(case)
    require_taking_part(case, role)
    # The claimant may state its interests while it waits for the parties it invited (its
    # answers are ready when they join); the proposals are computed once everyone has stated.
    if case.status not in (CaseStatus.OPEN, CaseStatus.AWAITING_RESPONDENT):
        raise Conflict(
            "interests can be stated from the case's opening until the agreement",
            code="case_not_open",
        )
    try:
        parse_answers(model_issues(case.issues), body.answers)
    except NegotiationError as exc:
        field = f"answers.{exc.field}" if exc.field else "answers"
        raise ValidationFailed(
            f"{field}: {exc.message}", fields=[{"field": field, "message": exc.message}]
        ) from None
    now = ctx.services.clock()
    # One statement on the unique (case, party) pair: the same answers sent twice at once (a
    # double click) leave one row, never a duplicate-key error.
    await upsert(
        ctx.db,
        PartyInterests,
        {"case_id": case.id, "user_id": ctx.user.id, "answers": body.answers, "submitted_at": now},
        unique=("case_id", "user_id"),
        update=("answers", "submitted_at"),
    )
    await ctx.db.commit()
    roles, submitted = await submitted_roles(ctx.db, case.id)
    room = ctx.services.room

    async def announce(_db: object) -> list[NewEvent]:
        return [NewEvent("interests_submitted", {"role": role}, ctx.user.id, role)]

    await room.record(case.id, announce)
    all_in = everyone_stated(case.status, roles, submitted)
    if all_in:
        ctx.services.proposals.schedule(case.id)
    return InterestsOut(answers=body.answers, submitted_at=now, all_submitted=all_in)


INTERESTS_REPLACED_BY = {
    Mechanism.BIDDING: "in blind bidding each party bids an amount, round by round "
    "(PUT /api/cases/{id}/bidding/bid), instead of stating interests",
    Mechanism.DIVISION: "in fair division each party gives the items its 100 points "
    "(PUT /api/cases/{id}/points), instead of stating interests",
}
"""Why a mechanism other than packages takes no interests, and what it takes instead."""


def _require_packages(case: Case) -> None:
    """Interests feed the package proposals: another mechanism would store them for nothing
    (and a division's items are the issues, so the answers would not even fit them)."""
    instead = INTERESTS_REPLACED_BY.get(Mechanism(case.mechanism))
    if instead is not None:
        raise Conflict(f"this case is not negotiated by packages: {instead}", code="not_packages")


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/interests",
    summary="My private interests as I stated them",
    tag="interests",
    response=InterestsOut,
    errors=(401, 404),
)
async def get_interests(ctx: Context) -> InterestsOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    row = await own_interests(ctx, case.id)
    if row is None:
        raise NotFound("you have not stated your interests yet", code="no_interests_yet")
    roles, submitted = await submitted_roles(ctx.db, case.id)
    all_in = everyone_stated(case.status, roles, submitted)
    return InterestsOut(answers=row.answers, submitted_at=row.submitted_at, all_submitted=all_in)


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/proposals",
    summary="The latest proposals, each explained in my own terms",
    tag="interests",
    response=ProposalsOut,
    errors=(401, 404),
)
async def get_proposals(ctx: Context) -> ProposalsOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    latest = await ctx.db.scalar(
        select(CaseProposals)
        .where(CaseProposals.case_id == case.id)
        .order_by(CaseProposals.version.desc())
        .limit(1)
    )
    if latest is None:
        raise NotFound(
            "there are no proposals yet: they are made once every party has stated its interests",
            code="no_proposals_yet",
        )
    view = latest.views.get(role, {"explanations": {}, "advice": []})
    return ProposalsOut(
        version=latest.version,
        acceptable=latest.acceptable,
        computed_at=latest.computed_at,
        packages=[
            ProposedPackageOut(
                **package,
                explanation=[MessageOut(**m) for m in view["explanations"].get(package["id"], [])],
            )
            for package in latest.packages
        ],
        advice=[MessageOut(**m) for m in view["advice"]],
    )
