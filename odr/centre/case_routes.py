"""HTTP endpoints of a case as centre staff see and act on it: the dashboard, one case, and the
mediator's and administrators' actions (pause, resume, extend, close, refer, attest, reassign,
a mechanism switch proposed, a conflict of interest declared).

Each action calls one function of ``supervision`` (or ``conflicts``), which decides who may act
and holds the transaction, and answers with ``case_view``'s reading of what it committed.
No response holds a party's private interests unless that party shared them.
"""

from __future__ import annotations

from odr.cases.schemas import MechanismSwitchIn
from odr.centre import case_view, conflicts
from odr.centre.dashboard import dashboard_of
from odr.centre.schemas import (
    Attest,
    CloseMediation,
    Dashboard,
    ExtendDeadline,
    MediatorCase,
    ReasonIn,
    Reassign,
    ReferralOut,
)
from odr.centre.supervision import Supervision
from odr.court.referral_schemas import ReferIn
from odr.signing.settlement_flow import trust_anchors
from odr.web.api import Api, Context

api = Api()


@api.endpoint(
    "GET",
    "/api/centre/dashboard",
    summary="My cases as mediator (and my centres' cases as administrator), live status",
    tag="mediation",
    response=Dashboard,
    errors=(401,),
)
async def dashboard(ctx: Context) -> Dashboard:
    services = ctx.services
    return await dashboard_of(ctx.db, ctx.user, services.clock(), services.settings.stalled_after_h)


async def _case_view(ctx: Context, case_id: str) -> MediatorCase:
    services = ctx.services
    settings = services.settings
    eds = (trust_anchors(settings).configured, settings.ncalayer_url)
    return await case_view.mediator_case(
        ctx.db, ctx.user, case_id, services.clock(), settings.stalled_after_h, eds
    )


def _supervision(ctx: Context) -> Supervision:
    return Supervision(ctx.db, ctx.services.room, ctx.user)


@api.endpoint(
    "GET",
    "/api/centre/cases/{case_id}",
    summary="A case as its mediator sees it: public room record, never private interests",
    tag="mediation",
    response=MediatorCase,
    errors=(401, 404),
)
async def mediator_case(ctx: Context) -> MediatorCase:
    return await _case_view(ctx, ctx.path_params["case_id"])


ACTION_ERRORS = (401, 403, 404, 409, 422)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/pause",
    summary="Pause the mediation (the deadline stops)",
    tag="mediation",
    body=ReasonIn,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def pause_case(ctx: Context, body: ReasonIn) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).pause(case_id, body.reason)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/mechanism",
    summary="Propose another mechanism for the case; it switches once both parties consent",
    tag="mediation",
    body=MechanismSwitchIn,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def propose_mechanism(ctx: Context, body: MechanismSwitchIn) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).propose_mechanism(case_id, body.mechanism, body.items)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/resume",
    summary="Resume a paused mediation (the deadline moves by the time paused)",
    tag="mediation",
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def resume_case(ctx: Context) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).resume(case_id)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/deadline",
    summary="Extend the deadline by some days, with a reason (reopens an expired mediation)",
    tag="mediation",
    body=ExtendDeadline,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def extend_deadline(ctx: Context, body: ExtendDeadline) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).extend(case_id, body.days, body.reason)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/close",
    summary="Close the mediation as settled (after agreement) or failed",
    tag="mediation",
    body=CloseMediation,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def close_case(ctx: Context, body: CloseMediation) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).close(case_id, body.outcome, body.reason)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/refer",
    summary="Refer a failed or expired case to court with the record the parties agreed to share",
    tag="mediation",
    body=ReferIn,
    response=ReferralOut,
    status=201,
    errors=ACTION_ERRORS,
)
async def refer_case(ctx: Context, body: ReferIn) -> ReferralOut:
    case_id = ctx.path_params["case_id"]
    referral = await _supervision(ctx).refer(case_id, body.reason, body.court_code)
    return ReferralOut(id=referral.id, record=referral.record)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/attest",
    summary="Attest the mediation of an agreed case, for the settlement document",
    tag="mediation",
    body=Attest,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def attest_case(ctx: Context, body: Attest) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).attest(case_id, body.mediation_contract_date)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/reassign",
    summary="Give the case to another mediator of the centre, with the reason (administrators)",
    tag="mediation",
    body=Reassign,
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def reassign_case(ctx: Context, body: Reassign) -> MediatorCase:
    case_id = ctx.path_params["case_id"]
    await _supervision(ctx).reassign(case_id, body.mediator_id, body.reason)
    return await _case_view(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/conflict",
    summary="Declare a conflict of interest: the case goes to another mediator (its mediator)",
    tag="mediation",
    body=ReasonIn,
    status=204,
    errors=ACTION_ERRORS,
)
async def declare_conflict(ctx: Context, body: ReasonIn) -> None:
    case_id = ctx.path_params["case_id"]
    await conflicts.declare_conflict(ctx.db, ctx.services.room, ctx.user, case_id, body.reason)
