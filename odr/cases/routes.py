"""HTTP endpoints for cases and invitations."""

from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy import select

from odr.cases import invitations, service, starting, switching
from odr.cases.guide_routes import api as guide_api
from odr.cases.invited import invited_name, invited_role, invited_side
from odr.cases.items import items_out
from odr.cases.locking import case_for_update
from odr.cases.mechanism import Mechanism, recommendation
from odr.cases.parties import in_party_order, party_number
from odr.cases.party_schemas import InvitationOut, PartyOut
from odr.cases.schemas import (
    CaseCreate,
    CaseCreated,
    CaseList,
    CaseOut,
    ClaimOut,
    InvitationAccept,
    InvitationCreate,
    InvitationPreview,
    InvitationToken,
    PendingInvitationOut,
    PendingSwitchOut,
    RecommendationIn,
    RecommendationOut,
    SwitchAnswerIn,
)
from odr.errors import Forbidden
from odr.negotiating.division_service import POINTS
from odr.negotiating.taking_part import parties_changed
from odr.persistence.models import Case, CaseParty, PartyInterests, PrivateInput, User
from odr.web.api import Api, Context
from odr.web.ratelimit import limit_anonymous

api = Api()
api.include(guide_api)  # the guide before filing and the wording hints (guide_routes.py)
log = logging.getLogger("odr.cases")
CENTS = Decimal("0.01")  # SQLite and PostgreSQL return different scales; show one


async def case_out(ctx: Context, case: Case) -> CaseOut:
    my_role = service.role_of(case, ctx.user)
    now = ctx.services.clock()
    pending = None
    if my_role == "claimant":
        invitation = await invitations.pending_invitation(ctx.db, case, now)
        if invitation is not None:
            pending = PendingInvitationOut.model_validate(invitation)
    return CaseOut(
        mechanism_switch=await switch_out(ctx, case),
        id=case.id,
        reference=case.reference,
        category=case.category,
        subject=case.subject,
        claim=ClaimOut(amount=case.claim_amount.quantize(CENTS), currency=case.currency)
        if case.claim_amount is not None
        else None,
        language=case.language,
        issues=case.issues,
        mechanism=Mechanism(case.mechanism),
        items=items_out(case.items),
        status=case.status,
        my_role=my_role,
        respondent_name=case.respondent_name,
        parties=[
            PartyOut.model_validate(p)
            for p in sorted(case.parties, key=lambda p: party_number(p.role))
        ],
        invited_parties=await starting.invited_parties(
            ctx.db, case, now, contacts=my_role == "claimant"
        ),
        pending_invitation=pending,
        created_at=case.created_at,
        **await stated_by_me(ctx, case),
    )


async def stated_by_me(ctx: Context, case: Case) -> dict[str, bool]:
    """Whether the caller has stated its private input: its page then asks for it, and never
    asks for what is not there (a 404 the browser would log on the normal path)."""
    interests = await ctx.db.scalar(
        select(PartyInterests.id).where(
            PartyInterests.case_id == case.id, PartyInterests.user_id == ctx.user.id
        )
    )
    points = await ctx.db.scalar(
        select(PrivateInput.id).where(
            PrivateInput.case_id == case.id,
            PrivateInput.user_id == ctx.user.id,
            PrivateInput.kind == POINTS,
            PrivateInput.round == 0,
        )
    )
    return {"my_interests_stated": interests is not None, "my_points_stated": points is not None}


async def switch_out(ctx: Context, case: Case) -> PendingSwitchOut | None:
    if case.status not in switching.SWITCHABLE:
        return None
    open_ = await switching.open_proposal(ctx.db, case.id)
    if open_ is None:
        return None
    return PendingSwitchOut(
        proposal_seq=open_.seq,
        mechanism=open_.to,
        items=items_out(open_.items),
        consented=in_party_order(open_.consented),
    )


def invitation_out(issued: invitations.IssuedInvitation) -> InvitationOut:
    invitation = issued.invitation
    return InvitationOut(
        url=issued.url,
        email=invitation.email,
        expires_at=invitation.expires_at,
        role=invited_role(invitation),
        name=invitation.display_name or "",
        side=invited_side(invitation),
    )


@api.endpoint(
    "POST",
    "/api/cases",
    summary="Open a case; each invited party's link is sent, and shown once",
    tag="cases",
    body=CaseCreate,
    response=CaseCreated,
    status=201,
    errors=(401, 403, 422),
)
async def open_case(ctx: Context, body: CaseCreate) -> CaseCreated:
    case, issued = await service.open_case(
        ctx.db, ctx.user, body, ctx.services.settings, ctx.services.clock()
    )
    await ctx.db.commit()
    await ctx.db.refresh(case, ["parties"])
    log.info("case opened", extra={"case_id": case.id, "user_id": ctx.user.id})
    links = [invitation_out(i) for i in issued]
    return CaseCreated(case=await case_out(ctx, case), invitation=links[0], invitations=links)


@api.endpoint(
    "POST",
    "/api/cases/recommendation",
    summary="The mechanism recommended for a draft case, and why (nothing is stored)",
    tag="cases",
    body=RecommendationIn,
    response=RecommendationOut,
    errors=(401, 422),
)
async def recommend_mechanism(ctx: Context, body: RecommendationIn) -> RecommendationOut:
    issues = [issue.model_dump() for issue in body.issues]
    mechanism, reason = recommendation(issues, body.items)
    return RecommendationOut(mechanism=mechanism, reason=reason)


@api.endpoint(
    "GET",
    "/api/cases",
    summary="My cases, most recently active first",
    tag="cases",
    response=CaseList,
    errors=(401,),
)
async def my_cases(ctx: Context) -> CaseList:
    cases = await service.cases_of(ctx.db, ctx.user)
    return CaseList(cases=[await case_out(ctx, c) for c in cases])


@api.endpoint(
    "GET",
    "/api/cases/{case_id}",
    summary="One of my cases",
    tag="cases",
    response=CaseOut,
    errors=(401, 404),
)
async def get_case(ctx: Context) -> CaseOut:
    return await case_out(ctx, await service.case_for(ctx.db, ctx.user, ctx.path_params["case_id"]))


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/invitations",
    summary="Issue and send one invited party a new link (its previous one stops working)",
    tag="cases",
    body=InvitationCreate,
    response=InvitationOut,
    status=201,
    errors=(401, 403, 404, 409, 422),
)
async def reissue_invitation(ctx: Context, body: InvitationCreate) -> InvitationOut:
    case = await service.case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    if service.role_of(case, ctx.user) != "claimant":
        raise Forbidden("only the claimant can invite the parties", code="not_claimant")
    issued = await invitations.reissue(
        ctx.db,
        case,
        body.role,
        body.email,
        ctx.services.settings,
        ctx.services.clock(),
        phone=body.phone,
        language=body.language,
    )
    await ctx.db.commit()
    return invitation_out(issued)


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/mechanism-switch",
    summary="Consent to, or decline, the mediator's proposal to switch the mechanism",
    tag="cases",
    body=SwitchAnswerIn,
    response=CaseOut,
    errors=(401, 404, 409, 422),
)
async def answer_switch(ctx: Context, body: SwitchAnswerIn) -> CaseOut:
    case_id = ctx.path_params["case_id"]
    await switching.answer_as_party(ctx.services.room, ctx.db, ctx.user, case_id, body.consent)
    return await case_out(ctx, await service.case_for(ctx.db, ctx.user, case_id))


@api.endpoint(
    "POST",
    "/api/invitations/preview",
    summary="What an invitation is for, before signing up or joining",
    tag="cases",
    body=InvitationToken,
    response=InvitationPreview,
    auth=False,
    errors=(404, 410, 422, 429),
)
async def preview_invitation(ctx: Context, body: InvitationToken) -> InvitationPreview:
    # Anonymous and a database query each: bounded per client address (odr/web/ratelimit.py).
    await limit_anonymous(
        ctx.services.rate_limiters,
        ctx.services.settings,
        "invitation_preview",
        ctx.client_address,
        what="invitation look-ups",
    )
    now = ctx.services.clock()
    invitation = await invitations.usable_invitation(ctx.db, body.token, now)
    case = await ctx.db.get_one(Case, invitation.case_id)
    claimant_name = await ctx.db.scalar(
        select(User.display_name)
        .join(CaseParty, CaseParty.user_id == User.id)
        .where(CaseParty.case_id == case.id, CaseParty.role == "claimant")
    )
    return InvitationPreview(
        case_reference=case.reference,
        subject=case.subject,
        category=case.category,
        claimant_name=claimant_name or "",
        respondent_name=case.respondent_name,
        mechanism=Mechanism(case.mechanism),
        items=items_out(case.items),
        currency=case.currency,
        issues=case.issues,
        expires_at=invitation.expires_at,
        role=invited_role(invitation),
        name=invited_name(invitation, case),
        side=invited_side(invitation),
        parties=await starting.preview_parties(ctx.db, case, now),
    )


@api.endpoint(
    "POST",
    "/api/invitations/accept",
    summary="Join a case as the party the link invites",
    tag="cases",
    body=InvitationAccept,
    response=CaseOut,
    errors=(401, 403, 404, 409, 410, 422),
)
async def accept_invitation(ctx: Context, body: InvitationAccept) -> CaseOut:
    case = await invitations.accept_invitation(
        ctx.db, ctx.user, body.token, ctx.services.settings, ctx.services.clock()
    )
    await ctx.db.commit()
    log.info("party joined", extra={"case_id": case.id, "user_id": ctx.user.id})
    return await case_out(ctx, case)


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/start",
    summary="Start the case with the parties who joined; those who did not are dropped, and told",
    tag="cases",
    response=CaseOut,
    errors=(401, 403, 404, 409),
)
async def start_case(ctx: Context) -> CaseOut:
    case = await service.case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    # Under the case's locks (this process's, then its row): a twin of this request waits, then
    # finds the case started (409 not_awaiting), on SQLite as on PostgreSQL.
    async with case_for_update(ctx.db, ctx.services.room.locks, case, case):
        await ctx.db.refresh(case, ["parties"])
        case = await starting.start_with_those_joined(
            ctx.db, case, ctx.user, ctx.services.settings, ctx.services.clock()
        )
    # Those who joined may all have stated already: their proposals are due now.
    parties_changed(ctx.services, case)
    log.info("case started", extra={"case_id": case.id, "user_id": ctx.user.id})
    return await case_out(ctx, case)
