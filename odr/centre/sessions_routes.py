"""HTTP endpoints of joint sessions (#15): the mediator's under ``/api/centre/cases/{id}``, the
parties' under ``/api/cases/{id}``, and the invite as ``.ics`` for a party or the mediator. Each
handler translates HTTP and calls ``sessions_service`` (the steps) or ``sessions_view`` (reads).
"""

from __future__ import annotations

from starlette.responses import Response

from odr.centre import sessions_view
from odr.centre.sessions_rules import Slot
from odr.centre.sessions_schemas import (
    CancelIn,
    ChooseIn,
    ConfirmIn,
    OutcomeIn,
    ProposeIn,
    SessionList,
    SlotIn,
)
from odr.centre.sessions_service import JointSessions
from odr.web.api import Api, Context

api = Api()
STAFF = "/api/centre/cases/{case_id}/sessions"
ACTION_ERRORS = (401, 403, 404, 409, 422)


def _slot(body: SlotIn) -> Slot:
    return Slot(body.starts_at, body.duration_minutes, body.meeting_url, body.place)


def _sessions(ctx: Context) -> JointSessions:
    return JointSessions(ctx.db, ctx.services.room, ctx.user)


async def _staff_view(ctx: Context) -> SessionList:
    return await sessions_view.for_staff(ctx.db, ctx.user, ctx.path_params["case_id"])


@api.endpoint(
    "GET",
    STAFF,
    summary="The case's joint sessions, with every party's choice of times (centre staff)",
    tag="mediation",
    response=SessionList,
    errors=(401, 404),
)
async def staff_sessions(ctx: Context) -> SessionList:
    return await _staff_view(ctx)


@api.endpoint(
    "POST",
    STAFF,
    summary="Propose a joint session: up to 5 times, each with a meeting link or a place",
    tag="mediation",
    body=ProposeIn,
    response=SessionList,
    status=201,
    errors=ACTION_ERRORS,
)
async def propose(ctx: Context, body: ProposeIn) -> SessionList:
    await _sessions(ctx).propose(ctx.path_params["case_id"], [_slot(s) for s in body.slots])
    return await _staff_view(ctx)


@api.endpoint(
    "POST",
    STAFF + "/confirm",
    summary="Confirm one proposed time (absent: the first every party chose); invites go out",
    tag="mediation",
    body=ConfirmIn,
    response=SessionList,
    errors=ACTION_ERRORS,
)
async def confirm(ctx: Context, body: ConfirmIn) -> SessionList:
    await _sessions(ctx).confirm(ctx.path_params["case_id"], body.slot)
    return await _staff_view(ctx)


@api.endpoint(
    "POST",
    STAFF + "/reschedule",
    summary="Move the confirmed session; everyone gets the updated invite (same UID)",
    tag="mediation",
    body=SlotIn,
    response=SessionList,
    errors=ACTION_ERRORS,
)
async def reschedule(ctx: Context, body: SlotIn) -> SessionList:
    await _sessions(ctx).reschedule(ctx.path_params["case_id"], _slot(body))
    return await _staff_view(ctx)


@api.endpoint(
    "POST",
    STAFF + "/cancel",
    summary="Cancel the open session; a confirmed one's invite is cancelled in calendars",
    tag="mediation",
    body=CancelIn,
    response=SessionList,
    errors=ACTION_ERRORS,
)
async def cancel(ctx: Context, body: CancelIn) -> SessionList:
    await _sessions(ctx).cancel(ctx.path_params["case_id"], body.reason)
    return await _staff_view(ctx)


@api.endpoint(
    "POST",
    STAFF + "/outcome",
    summary="Record how the confirmed session went (held, not held, postponed) in the case log",
    tag="mediation",
    body=OutcomeIn,
    response=SessionList,
    errors=ACTION_ERRORS,
)
async def outcome(ctx: Context, body: OutcomeIn) -> SessionList:
    await _sessions(ctx).record_outcome(ctx.path_params["case_id"], body.outcome, body.note)
    return await _staff_view(ctx)


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/sessions",
    summary="My case's joint sessions: the proposed times, my choices, the confirmed one",
    tag="mediation",
    response=SessionList,
    errors=(401, 404),
)
async def party_sessions(ctx: Context) -> SessionList:
    return await sessions_view.for_party(ctx.db, ctx.user, ctx.path_params["case_id"])


@api.endpoint(
    "PUT",
    "/api/cases/{case_id}/sessions/choices",
    summary="Mark the proposed times I can attend (replaces my earlier choice)",
    tag="mediation",
    body=ChooseIn,
    response=SessionList,
    errors=(401, 404, 409, 422),
)
async def choose(ctx: Context, body: ChooseIn) -> SessionList:
    case_id = ctx.path_params["case_id"]
    await _sessions(ctx).choose(case_id, body.slots)
    return await sessions_view.for_party(ctx.db, ctx.user, case_id)


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/session.ics",
    summary="The confirmed joint session as an iCalendar invite (a party or the mediator)",
    tag="mediation",
    errors=(401, 404),
    media_type="text/calendar",
)
async def invite(ctx: Context) -> Response:
    text = await sessions_view.invite_of(
        ctx.db, ctx.user, ctx.path_params["case_id"], ctx.services.settings, ctx.services.clock()
    )
    return Response(
        text,
        media_type="text/calendar; charset=utf-8; method=REQUEST",
        headers={"content-disposition": 'attachment; filename="kelisim-session.ics"'},
    )
