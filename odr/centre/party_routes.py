"""The parties' side of a supervised case over HTTP: what I share with the mediator and a court,
my rating of the process once it is over, my phone number for SMS notices. Each handler calls
one function of ``odr.centre.party_choices``, which holds the rules and the transaction.
"""

from __future__ import annotations

from odr.centre import party_choices
from odr.centre.schemas import (
    FeedbackIn,
    FeedbackOut,
    FeedbackState,
    PhoneIn,
    SharingIn,
    SharingOut,
)
from odr.web.api import Api, Context

api = Api()


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/sharing",
    summary="What I share (nothing until I choose otherwise)",
    tag="mediation",
    response=SharingOut,
    errors=(401, 404),
)
async def get_sharing(ctx: Context) -> SharingOut:
    return await party_choices.my_sharing(ctx.db, ctx.user, ctx.path_params["case_id"])


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
    return await party_choices.choose_sharing(
        ctx.db, ctx.user, ctx.path_params["case_id"], body, ctx.services.clock()
    )


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/feedback",
    summary="Whether I may rate the process now, and my rating once given",
    tag="mediation",
    response=FeedbackState,
    errors=(401, 404),
)
async def get_feedback(ctx: Context) -> FeedbackState:
    return await party_choices.feedback_state(ctx.db, ctx.user, ctx.path_params["case_id"])


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
    return await party_choices.give_feedback(
        ctx.db, ctx.user, ctx.path_params["case_id"], body, ctx.services.clock()
    )


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
    await party_choices.set_phone(ctx.db, ctx.user, body.phone)
