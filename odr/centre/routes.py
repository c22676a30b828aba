"""HTTP endpoints of conciliation centres for their staff: registry, dashboard, mediator actions,
analytics. No response to centre staff ever holds a party's private interests unless that party
shared them (``odr.centre.party_routes``).

Each handler translates HTTP and calls one function of a service module (``registry``,
``dashboard``, ``supervision``, ``analytics``) that decides who may do it and holds the
transaction; an action on a case answers with ``case_view``'s reading of what it committed.
"""

from __future__ import annotations

from starlette.responses import Response

from odr.cases.schemas import MechanismSwitchIn
from odr.centre import case_view, conflicts, management, registry
from odr.centre.analytics import analytics_csv, report_for
from odr.centre.dashboard import dashboard_of
from odr.centre.registry import NO_SUCH_CENTRE
from odr.centre.schemas import (
    Analytics,
    Attest,
    CentreAdminCreate,
    CentreAdminList,
    CentreCreate,
    CentreList,
    CentreOut,
    CloseMediation,
    Dashboard,
    ExtendDeadline,
    MediatorCase,
    MediatorChanged,
    MediatorCreate,
    MediatorList,
    MediatorOut,
    MediatorUpdate,
    ReasonIn,
    Reassign,
    ReferralOut,
)
from odr.centre.supervision import Supervision
from odr.court.referral_schemas import ReferIn
from odr.signing.settlement_flow import trust_anchors
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam, QueryParam

api = Api()
CENTRE_ID = PathParam(
    "centre_id", boundary.HEX_ID, "centre_not_found", NO_SUCH_CENTRE, "The centre's id."
)
MEDIATOR_ID = PathParam(
    "mediator_id",
    boundary.HEX_ID,
    "mediator_not_found",
    "there is no mediator with this id in this centre",
    "The mediator's id.",
)
USER_ID = PathParam(
    "user_id",
    boundary.HEX_ID,
    "admin_not_found",
    "this person does not administer the centre",
    "The administrator's account id.",
)
ANALYTICS_CENTRE = QueryParam(
    "centre_id",
    "Only this centre (one you administer); absent: every centre you administer.",
    format=boundary.HEX_ID,
)


# -- registry ---------------------------------------------------------------------------------


@api.endpoint(
    "POST",
    "/api/centres",
    summary="Register a conciliation centre (administrators)",
    tag="centres",
    body=CentreCreate,
    response=CentreOut,
    status=201,
    errors=(401, 403, 409, 422),
)
async def create_centre(ctx: Context, body: CentreCreate) -> CentreOut:
    services = ctx.services
    centre = await registry.create_centre(
        ctx.db, ctx.user, body, services.settings, services.clock()
    )
    return CentreOut.model_validate(centre)


@api.endpoint(
    "GET",
    "/api/centres",
    summary="Centres I administer or work for",
    tag="centres",
    response=CentreList,
    errors=(401,),
)
async def list_centres(ctx: Context) -> CentreList:
    centres = await registry.centres_for(ctx.db, ctx.user)
    return CentreList(centres=[CentreOut.model_validate(c) for c in centres])


@api.endpoint(
    "POST",
    "/api/centres/{centre_id}/mediators",
    summary="Register a mediator of the centre (its administrators)",
    tag="centres",
    body=MediatorCreate,
    response=MediatorOut,
    status=201,
    errors=(401, 404, 409, 422),
    params=(CENTRE_ID,),
)
async def add_mediator(ctx: Context, body: MediatorCreate) -> MediatorOut:
    return await registry.add_mediator(
        ctx.db, ctx.user, ctx.path_params["centre_id"], body, ctx.services.clock()
    )


@api.endpoint(
    "GET",
    "/api/centres/{centre_id}/mediators",
    summary="The centre's mediators with their current load",
    tag="centres",
    response=MediatorList,
    errors=(401, 404),
    params=(CENTRE_ID,),
)
async def list_mediators(ctx: Context) -> MediatorList:
    mediators = await registry.mediators_of(ctx.db, ctx.user, ctx.path_params["centre_id"])
    return MediatorList(mediators=mediators)


@api.endpoint(
    "POST",
    "/api/centres/{centre_id}/admins",
    summary="Make a staff account an administrator of the centre (administrators)",
    tag="centres",
    body=CentreAdminCreate,
    status=204,
    errors=(401, 403, 404, 422),
    params=(CENTRE_ID,),
)
async def add_centre_admin(ctx: Context, body: CentreAdminCreate) -> None:
    await registry.add_centre_admin(ctx.db, ctx.user, ctx.path_params["centre_id"], body.email)


@api.endpoint(
    "GET",
    "/api/centres/{centre_id}/admins",
    summary="The centre's administrators (its administrators)",
    tag="centres",
    response=CentreAdminList,
    errors=(401, 404),
    params=(CENTRE_ID,),
)
async def list_centre_admins(ctx: Context) -> CentreAdminList:
    admins = await management.centre_admins(ctx.db, ctx.user, ctx.path_params["centre_id"])
    return CentreAdminList(admins=admins)


@api.endpoint(
    "DELETE",
    "/api/centres/{centre_id}/admins/{user_id}",
    summary="Stop someone administering the centre (platform administrators)",
    tag="centres",
    status=204,
    errors=(401, 403, 404),
    params=(CENTRE_ID, USER_ID),
)
async def remove_centre_admin(ctx: Context) -> None:
    path = ctx.path_params
    await management.remove_centre_admin(ctx.db, ctx.user, path["centre_id"], path["user_id"])


@api.endpoint(
    "PATCH",
    "/api/centres/{centre_id}/mediators/{mediator_id}",
    summary="Edit, deactivate or reactivate a mediator of the centre (its administrators)",
    tag="centres",
    body=MediatorUpdate,
    response=MediatorChanged,
    errors=(401, 404, 422),
    params=(CENTRE_ID, MEDIATOR_ID),
)
async def update_mediator(ctx: Context, body: MediatorUpdate) -> MediatorChanged:
    path = ctx.path_params
    return await management.update_mediator(
        ctx.db, ctx.user, path["centre_id"], path["mediator_id"], body, ctx.services.clock()
    )


# -- dashboard and one case -------------------------------------------------------------------


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


# -- analytics --------------------------------------------------------------------------------


@api.endpoint(
    "GET",
    "/api/centre/analytics",
    summary="Settlement rate, median days to settlement, by category, mediator and month",
    tag="mediation",
    response=Analytics,
    errors=(401, 403, 404),
    params=(ANALYTICS_CENTRE,),
)
async def centre_analytics(ctx: Context) -> Analytics:
    return await report_for(ctx.db, ctx.user, ctx.query["centre_id"], ctx.services.clock())


@api.endpoint(
    "GET",
    "/api/centre/analytics.csv",
    summary="The centre's analytics as CSV",
    tag="mediation",
    errors=(401, 403, 404),
    media_type="text/csv",
    params=(ANALYTICS_CENTRE,),
)
async def centre_analytics_csv(ctx: Context) -> Response:
    report = await report_for(ctx.db, ctx.user, ctx.query["centre_id"], ctx.services.clock())
    return Response(
        analytics_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="centre-analytics.csv"'},
    )
