"""The parties' side of a supervised case: what I share with the mediator and a court, my
rating of the process once it is over, my phone number for SMS notices.

Each write is one conditional statement on the row's unique key (``odr.persistence.upsert``),
so a double click never meets a "duplicate key" error: saving a choice or a phone twice at once
keeps one row with the last value, and of two ratings sent at once one is stored and the other
is told ``feedback_given``.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select

from odr.cases.service import case_for, role_of
from odr.cases.status import CONCLUDED
from odr.centre.schemas import (
    FeedbackIn,
    FeedbackOut,
    FeedbackState,
    PhoneIn,
    SharingIn,
    SharingOut,
)
from odr.errors import Conflict
from odr.persistence.models import Case, CaseFeedback, PartySharing, UserPhone
from odr.persistence.upsert import insert_unless_present, upsert
from odr.web.api import Api, Context

api = Api()


Mine = TypeVar("Mine", PartySharing, CaseFeedback)


async def _my_row(ctx: Context, model: type[Mine]) -> tuple[Case, Mine | None]:
    """The path's case (404 unless I am a party) and my row of ``model`` in it, if any."""
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    row = await ctx.db.scalar(
        select(model).where(model.case_id == case.id, model.user_id == ctx.user.id)
    )
    return case, row


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/sharing",
    summary="What I share (nothing until I choose otherwise)",
    tag="mediation",
    response=SharingOut,
    errors=(401, 404),
)
async def get_sharing(ctx: Context) -> SharingOut:
    _case, row = await _my_row(ctx, PartySharing)
    if row is None:
        return SharingOut(interests_with_mediator=False, record_with_court=False)
    return SharingOut.model_validate(row)


@api.endpoint(
    "PUT",
    "/api/cases/{case_id}/sharing",
    summary="Choose what I share: my interests with the mediator, the record with a court",
    tag="mediation",
    body=SharingIn,
    response=SharingOut,
    errors=(401, 404, 422),
)
async def put_sharing(ctx: Context, body: SharingIn) -> SharingOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    await upsert(
        ctx.db,
        PartySharing,
        {
            "case_id": case.id,
            "user_id": ctx.user.id,
            "interests_with_mediator": body.interests_with_mediator,
            "record_with_court": body.record_with_court,
            "updated_at": ctx.services.clock(),
        },
        unique=("case_id", "user_id"),
        update=("interests_with_mediator", "record_with_court", "updated_at"),
    )
    await ctx.db.commit()
    return SharingOut(**body.model_dump())


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/feedback",
    summary="Whether I may rate the process now, and my rating once given",
    tag="mediation",
    response=FeedbackState,
    errors=(401, 404),
)
async def get_feedback(ctx: Context) -> FeedbackState:
    case, row = await _my_row(ctx, CaseFeedback)
    return FeedbackState(
        open=case.status in CONCLUDED and row is None,
        given=FeedbackOut.model_validate(row) if row is not None else None,
    )


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/feedback",
    summary="Rate the process once the mediation is over (service, procedure, fairness, ease)",
    tag="mediation",
    body=FeedbackIn,
    response=FeedbackOut,
    status=201,
    errors=(401, 404, 409, 422),
)
async def post_feedback(ctx: Context, body: FeedbackIn) -> FeedbackOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    if case.status not in CONCLUDED:
        raise Conflict("feedback opens when the mediation is over", code="case_not_over")
    await ctx.db.refresh(case, ["parties"])
    now = ctx.services.clock()
    rated = await insert_unless_present(
        ctx.db,
        CaseFeedback,
        {
            "case_id": case.id,
            "user_id": ctx.user.id,
            "role": role_of(case, ctx.user),
            **body.model_dump(),
            "created_at": now,
        },
        unique=("case_id", "user_id"),
    )
    if not rated:  # given before, or by a twin of this request a moment ago
        raise Conflict("you have already rated this mediation", code="feedback_given")
    await ctx.db.commit()
    return FeedbackOut(**body.model_dump(), created_at=now)


@api.endpoint(
    "PUT",
    "/api/notify/phone",
    summary="My phone number for SMS notices",
    tag="mediation",
    body=PhoneIn,
    status=204,
    errors=(401, 422),
)
async def put_phone(ctx: Context, body: PhoneIn) -> None:
    await upsert(
        ctx.db,
        UserPhone,
        {"user_id": ctx.user.id, "phone": body.phone},
        unique=("user_id",),
        update=("phone",),
    )
    await ctx.db.commit()
