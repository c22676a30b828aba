"""HTTP endpoints of the centres' registry: centres, their mediators and administrators.

Each handler translates HTTP and calls one function of ``registry`` or ``management``, which
decides who may do it and commits the write.
"""

from __future__ import annotations

from odr.centre import management, registry
from odr.centre.registry import NO_SUCH_CENTRE
from odr.centre.schemas import (
    CentreAdminCreate,
    CentreAdminList,
    CentreCreate,
    CentreList,
    CentreOut,
    MediatorChanged,
    MediatorCreate,
    MediatorList,
    MediatorOut,
    MediatorUpdate,
)
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam

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
