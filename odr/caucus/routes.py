"""The caucus over HTTP: a party's side under ``/api/cases/{case_id}/caucus``, the mediator's
under ``/api/centre/cases/{case_id}/caucus``. Each handler finds the caller's seat
(``access.py``), calls one function of ``service.py`` (which commits) and publishes its frame.
"""

from __future__ import annotations

from typing import Any

from odr.caucus import access, service
from odr.caucus.channel import publish
from odr.caucus.schemas import (
    CaucusMessageOut,
    CaucusTextIn,
    MediatorCaucusOut,
    MediatorTextIn,
    PartyCaucusOut,
    PartyIn,
)
from odr.web.api import Api, Context

api = Api()
PARTY = "/api/cases/{case_id}/caucus"
MEDIATOR = "/api/centre/cases/{case_id}/caucus"


async def _published(ctx: Context, result: tuple[Any, dict[str, Any]]) -> Any:
    out, frame = result
    await publish(ctx.services.room.broker, frame)
    return out


@api.endpoint(
    "GET",
    PARTY,
    summary="My private conversation with the mediator (never the other party's)",
    tag="caucus",
    response=PartyCaucusOut,
    errors=(401, 404),
)
async def party_caucus(ctx: Context) -> PartyCaucusOut:
    seat = await access.party_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    return await service.party_view(ctx.db, seat)


@api.endpoint(
    "POST",
    f"{PARTY}/request",
    summary="Ask the mediator for a private conversation (only the mediator is told)",
    tag="caucus",
    response=PartyCaucusOut,
    errors=(401, 404, 409),
)
async def ask_for_caucus(ctx: Context) -> PartyCaucusOut:
    seat = await access.party_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    result: PartyCaucusOut = await _published(
        ctx, await service.ask(ctx.db, seat, ctx.services.clock())
    )
    return result


@api.endpoint(
    "POST",
    f"{PARTY}/messages",
    summary="Write to the mediator in my open private conversation",
    tag="caucus",
    body=CaucusTextIn,
    response=CaucusMessageOut,
    status=201,
    errors=(401, 404, 409, 422),
)
async def party_writes(ctx: Context, body: CaucusTextIn) -> CaucusMessageOut:
    seat = await access.party_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    result: CaucusMessageOut = await _published(
        ctx, await service.party_says(ctx.db, seat, ctx.user.id, body.text, ctx.services.clock())
    )
    return result


@api.endpoint(
    "GET",
    MEDIATOR,
    summary="Every party's private conversation with me, and who asked for one",
    tag="caucus",
    response=MediatorCaucusOut,
    errors=(401, 404),
)
async def mediator_caucus(ctx: Context) -> MediatorCaucusOut:
    seat = await access.mediator_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    return await service.mediator_view(ctx.db, seat)


@api.endpoint(
    "POST",
    f"{MEDIATOR}/open",
    summary="Open (or reopen) a private conversation with one party",
    tag="caucus",
    body=PartyIn,
    response=MediatorCaucusOut,
    errors=(401, 404, 409, 422),
)
async def open_caucus(ctx: Context, body: PartyIn) -> MediatorCaucusOut:
    seat = await access.mediator_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    result: MediatorCaucusOut = await _published(
        ctx, await service.open_caucus(ctx.db, seat, body.role, ctx.services.clock())
    )
    return result


@api.endpoint(
    "POST",
    f"{MEDIATOR}/close",
    summary="End a private conversation with one party, or decline its request",
    tag="caucus",
    body=PartyIn,
    response=MediatorCaucusOut,
    errors=(401, 404, 409, 422),
)
async def close_caucus(ctx: Context, body: PartyIn) -> MediatorCaucusOut:
    seat = await access.mediator_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    result: MediatorCaucusOut = await _published(
        ctx, await service.close_caucus(ctx.db, seat, body.role, ctx.services.clock())
    )
    return result


@api.endpoint(
    "POST",
    f"{MEDIATOR}/messages",
    summary="Write to one party in its open private conversation",
    tag="caucus",
    body=MediatorTextIn,
    response=CaucusMessageOut,
    status=201,
    errors=(401, 404, 409, 422),
)
async def mediator_writes(ctx: Context, body: MediatorTextIn) -> CaucusMessageOut:
    seat = await access.mediator_seat(ctx.db, ctx.user, ctx.path_params["case_id"])
    says = service.mediator_says(
        ctx.db, seat, ctx.user.id, body.role, body.text, ctx.services.clock()
    )
    result: CaucusMessageOut = await _published(ctx, await says)
    return result
