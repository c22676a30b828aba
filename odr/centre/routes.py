"""HTTP endpoints of conciliation centres for their staff: registry, dashboard, mediator actions,
analytics. No response to centre staff ever holds a party's private interests unless that party
shared them (``odr.centre.party_routes``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from odr.centre import registry
from odr.centre.access import (
    StaffCase,
    admin_centres,
    require_mediator,
    shared_interests,
    staff_case,
)
from odr.centre.analytics import analytics, analytics_csv
from odr.centre.assignment import reassign
from odr.centre.dashboard import dashboard_rows, visible_case_ids
from odr.centre.schemas import (
    Analytics,
    AssignmentOut,
    Attest,
    CentreAdminCreate,
    CentreCreate,
    CentreList,
    CentreOut,
    CloseMediation,
    Dashboard,
    ExtendDeadline,
    MediatorCase,
    MediatorCreate,
    MediatorList,
    MediatorOut,
    ReasonIn,
    Reassign,
    ReferralOut,
    RoomEvent,
    SharedInterests,
)
from odr.centre.supervision import Supervision
from odr.errors import Forbidden, NotFound
from odr.persistence.models import (
    Case,
    CaseEvent,
    CourtReferral,
    Mediation,
    MediatorAssignment,
    User,
)
from odr.room.log import NewEvent
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam, QueryParam

api = Api()
NO_SUCH_CENTRE = "there is no centre with this id that you administer"
CENTRE_ID = PathParam(
    "centre_id", boundary.HEX_ID, "centre_not_found", NO_SUCH_CENTRE, "The centre's id."
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
    registry.require_platform_admin(ctx.user)
    centre = await registry.create_centre(ctx.db, body, ctx.services.settings, ctx.services.clock())
    await ctx.db.commit()
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
    centre = await registry.centre_managed_by(ctx.db, ctx.user, ctx.path_params["centre_id"])
    mediator = await registry.add_mediator(ctx.db, centre, body, ctx.services.clock())
    await ctx.db.commit()
    return next(m for m in await registry.mediators_out(ctx.db, centre.id) if m.id == mediator.id)


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
    centre = await registry.centre_managed_by(ctx.db, ctx.user, ctx.path_params["centre_id"])
    return MediatorList(mediators=await registry.mediators_out(ctx.db, centre.id))


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
    registry.require_platform_admin(ctx.user)
    centre = await registry.centre_managed_by(ctx.db, ctx.user, ctx.path_params["centre_id"])
    await registry.add_centre_admin(ctx.db, centre, body.email)
    await ctx.db.commit()


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
    settings = ctx.services.settings
    ids = await visible_case_ids(ctx.db, ctx.user)
    rows = await dashboard_rows(
        ctx.db, ctx.user, ctx.services.clock(), settings.stalled_after_h, ids
    )
    administers = await admin_centres(ctx.db, ctx.user)
    return Dashboard(
        cases=rows,
        stalled_after_h=settings.stalled_after_h,
        sees_analytics=administers is None or bool(administers),
    )


async def mediator_case_out(ctx: Context, staff: StaffCase) -> MediatorCase:
    db, case = ctx.db, staff.case
    settings = ctx.services.settings
    [row] = await dashboard_rows(
        db, ctx.user, ctx.services.clock(), settings.stalled_after_h, [case.id]
    )
    events = await db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.seq)
    )
    shared = await shared_interests(db, staff)  # the case's current mediator only
    assignments = await db.scalars(
        select(MediatorAssignment)
        .where(MediatorAssignment.case_id == case.id)
        .order_by(MediatorAssignment.id)
    )
    m = staff.mediation
    return MediatorCase(
        case=row,
        issues=case.issues,
        paused_at=m.paused_at,
        outcome=m.outcome,
        attested_at=m.attested_at,
        mediation_contract_date=m.contract_date,
        events=[
            RoomEvent(seq=e.seq, event=e.type, role=e.actor_role, at=e.created_at, data=e.data)
            for e in events
        ],
        shared_interests=[SharedInterests(role=role, answers=answers) for role, answers in shared],
        assignments=[AssignmentOut.model_validate(a) for a in assignments],
    )


@api.endpoint(
    "GET",
    "/api/centre/cases/{case_id}",
    summary="A case as its mediator sees it: public room record, never private interests",
    tag="mediation",
    response=MediatorCase,
    errors=(401, 404),
)
async def mediator_case(ctx: Context) -> MediatorCase:
    staff = await staff_case(ctx.db, ctx.user, ctx.path_params["case_id"])
    return await mediator_case_out(ctx, staff)


async def _act(ctx: Context) -> tuple[str, Supervision]:
    staff = await staff_case(ctx.db, ctx.user, ctx.path_params["case_id"])
    require_mediator(staff)
    # End this read transaction: the action runs in the room's own one, under the case lock,
    # and the answer must show what it committed.
    await ctx.db.commit()
    return staff.case.id, Supervision(ctx.request.app.state.room, ctx.user)


async def _fresh(ctx: Context, case_id: str) -> MediatorCase:
    return await mediator_case_out(ctx, await staff_case(ctx.db, ctx.user, case_id))


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
    case_id, supervision = await _act(ctx)
    await supervision.pause(case_id, body.reason)
    return await _fresh(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/resume",
    summary="Resume a paused mediation (the deadline moves by the time paused)",
    tag="mediation",
    response=MediatorCase,
    errors=ACTION_ERRORS,
)
async def resume_case(ctx: Context) -> MediatorCase:
    case_id, supervision = await _act(ctx)
    await supervision.resume(case_id)
    return await _fresh(ctx, case_id)


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
    case_id, supervision = await _act(ctx)
    await supervision.extend(case_id, body.days, body.reason)
    return await _fresh(ctx, case_id)


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
    case_id, supervision = await _act(ctx)
    await supervision.close(case_id, body.outcome, body.reason)
    return await _fresh(ctx, case_id)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/refer",
    summary="Refer a failed or expired case to court with the record the parties agreed to share",
    tag="mediation",
    body=ReasonIn,
    response=ReferralOut,
    status=201,
    errors=ACTION_ERRORS,
)
async def refer_case(ctx: Context, body: ReasonIn) -> ReferralOut:
    case_id, supervision = await _act(ctx)
    referral_id = await supervision.refer(case_id, body.reason)
    referral = await ctx.db.get_one(CourtReferral, referral_id)
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
    case_id, supervision = await _act(ctx)
    await supervision.attest(case_id, body.mediation_contract_date)
    return await _fresh(ctx, case_id)


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
    staff = await staff_case(ctx.db, ctx.user, ctx.path_params["case_id"])
    case_id = staff.case.id
    if not staff.admin:
        raise Forbidden("only the centre's administrators can reassign", code="not_centre_admin")
    await ctx.db.commit()  # the change runs in the room's transaction, under the case lock

    async def decide(db: AsyncSession) -> list[NewEvent]:
        case = await db.get_one(Case, case_id)
        mediation = await db.get_one(Mediation, case_id)
        now = ctx.services.clock()
        mediator = await reassign(db, case, mediation, body.mediator_id, body.reason, ctx.user, now)
        name = await db.scalar(select(User.display_name).where(User.id == mediator.user_id))
        case.updated_at = now
        # The parties see who mediates now; the reason stays with the centre (assignment log).
        return [NewEvent("system", {"key": "mediator.changed", "mediator": name}, None, "system")]

    await ctx.request.app.state.room.record(case_id, decide)
    return await _fresh(ctx, case_id)


# -- analytics --------------------------------------------------------------------------------


async def _report(ctx: Context) -> Analytics:
    centres = await admin_centres(ctx.db, ctx.user)
    wanted: str | None = ctx.query["centre_id"]
    if wanted is not None:
        if centres is not None and wanted not in centres:
            raise NotFound(NO_SUCH_CENTRE, code="centre_not_found")
        centres = [wanted]
    elif centres == []:
        raise Forbidden("only a centre's administrators see its analytics", code="not_centre_admin")
    return await analytics(ctx.db, centres)


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
    return await _report(ctx)


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
    report = await _report(ctx)
    return Response(
        analytics_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="centre-analytics.csv"'},
    )
