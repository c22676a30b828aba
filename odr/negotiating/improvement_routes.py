"""A party's view of the post-settlement improvement (its own gain only) and its answer.

Only the case's parties reach these (``case_for``: anyone else, the mediator included, gets
404), and each reads the gain computed from its own interests: another party's interests, gain
or answer never appear (an acceptance is private until the offer ends). A party that withdrew
before the agreement is no party to it: 409 ``not_a_party``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.service import case_for, role_of
from odr.errors import Conflict, NotFound
from odr.negotiating import improvement, improvement_gain
from odr.negotiating.taking_part import require_taking_part
from odr.persistence.models import Case, CaseEvent, PrivateInput
from odr.room.log import NewEvent
from odr.settlement.agreement import agreement_of
from odr.web.api import Api, Context
from odr.web.schema import RequestModel, ResponseModel

api = Api()
PATH = "/api/cases/{case_id}/improvement"


class ImprovementAnswerIn(RequestModel):
    round: int = Field(ge=1, le=1_000_000, description="The offer's round, as offered.")
    accept: bool = Field(description="true accepts; false declines (the agreement stands).")


class IssueGainOut(ResponseModel):
    issue: str
    agreed: str = Field(description="The option agreed in the room.")
    offered: str = Field(description="The option the improvement offers instead.")
    points: float = Field(description="Change on this issue, in points of your own scale.")


class GainOut(ResponseModel):
    points: float = Field(
        description="Your own gain, in percentage points of your own utility (≥ 0)."
    )
    issues: list[IssueGainOut]


class ImprovementOut(ResponseModel):
    round: int
    status: Literal["open", "adopted", "lapsed"]
    reason: Literal["declined", "expired", "signed"] | None
    package: dict[str, str] = Field(description="The offered package.")
    agreed: dict[str, str] = Field(description="The package agreed in the room.")
    expires_at: datetime
    my_gain: GainOut = Field(description="In your own terms only; never another party's.")
    my_answer: Literal["accepted"] | None = Field(
        description="Your own answer while the offer is open."
    )


async def _view(db: AsyncSession, case: Case, user_id: str, role: str) -> ImprovementOut:
    require_taking_part(case, role)
    offer = await improvement.offer_of(db, case.id)
    if offer is None:
        raise NotFound(
            "no improvement was offered on this agreement (it may already be the best both "
            "parties can have)",
            code="no_improvement",
        )
    preferences = (await improvement_gain.preferences_of(db, case))[role]
    # The room's agreement, which the offer improves on (an adopted offer replaced it since).
    room_agreement = await db.scalar(
        select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "agreement")
    )
    assert room_agreement is not None, "an improvement is only offered on an agreement"
    agreed = dict(room_agreement["package"])
    answered = await db.scalar(
        select(PrivateInput.id).where(
            PrivateInput.case_id == case.id,
            PrivateInput.user_id == user_id,
            PrivateInput.kind == improvement.INPUT_KIND,
            PrivateInput.round == offer.round,
        )
    )
    gain = improvement_gain.own_gain(preferences, agreed, offer.package)
    return ImprovementOut(
        round=offer.round,
        status=offer.status,
        reason=offer.reason,
        package=dict(offer.package),
        agreed=agreed,
        expires_at=offer.expires_at,
        my_gain=GainOut.model_validate(gain),
        my_answer="accepted" if answered is not None and offer.status == "open" else None,
    )


@api.endpoint(
    "GET",
    PATH,
    summary="The improvement offered on our agreement, with my own gain only",
    tag="interests",
    response=ImprovementOut,
    errors=(401, 404, 409),
)
async def get_improvement(ctx: Context) -> ImprovementOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    return await _view(ctx.db, case, ctx.user.id, role_of(case, ctx.user))


@api.endpoint(
    "POST",
    f"{PATH}/answer",
    summary="Accept or decline the improvement; accepted by every party, it replaces the agreement",
    tag="interests",
    body=ImprovementAnswerIn,
    response=ImprovementOut,
    errors=(401, 404, 409, 422),
)
async def answer_improvement(ctx: Context, body: ImprovementAnswerIn) -> ImprovementOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role, case_id, user_id = role_of(case, ctx.user), case.id, ctx.user.id
    if (
        await agreement_of(ctx.db, case.id) is None
        or await improvement.offer_of(ctx.db, case.id) is None
    ):
        raise NotFound("no improvement was offered on this agreement", code="no_improvement")
    now = ctx.services.clock()

    async def decide(db: AsyncSession) -> list[NewEvent]:
        locked = await db.get_one(Case, case_id)
        return await improvement.answer(db, locked, user_id, role, body.round, body.accept, now)

    try:
        await ctx.services.room.record(case_id, decide)
    except improvement.OfferClosed:
        raise Conflict(
            "this improvement is no longer open (answered, expired, replaced or signed over); "
            "the agreement stands as it is",
            code="improvement_closed",
        ) from None
    # What the answer committed, read in a session of its own (not this request's snapshot).
    async with ctx.services.sessions() as db:
        return await _view(db, await db.get_one(Case, case_id), user_id, role)
