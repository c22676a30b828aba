"""Changing a password inside a session, and resetting a forgotten one by e-mail.

Every path that sets a password ends sessions: a change ends every *other* session of the user
and rotates this one (a copy of this cookie stops working too); a reset ends all of them. Their
WebSockets close on every instance (``session_end``). New passwords pass ``strength``.

A reset request answers 202 with the same body, whether or not the e-mail has an account, and
does the same work before answering either way (the throttle's count); looking the account up,
issuing the link and queueing the e-mail run after the response is sent, so its timing says
nothing about the account either.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from starlette.background import BackgroundTask
from starlette.responses import JSONResponse, Response

from odr.auth import resets, throttle
from odr.auth.accounts import find_user
from odr.auth.reauth import confirm_password
from odr.auth.schemas import (
    PasswordChangeIn,
    PasswordResetConfirmIn,
    PasswordResetIn,
    ResetRequestedOut,
    SessionOut,
    session_out,
)
from odr.auth.sessions import check_origin, end_user_sessions, start_session
from odr.auth.strength import require_strong
from odr.errors import BadRequest, Forbidden
from odr.notify import enqueue_notice
from odr.services import Services
from odr.web.api import Api, Context

api = Api()
log = logging.getLogger("odr.auth")

RESET_REQUESTED_MESSAGE = (
    "If an account uses this e-mail address, we have sent it a link to choose a new "
    "password. The link works once, for a short time."
)


def _reset_token_invalid() -> BadRequest:
    return BadRequest(
        "this reset link is not valid: it was already used, it expired, or it was mistyped; "
        "ask for a new one",
        code="reset_token_invalid",
    )


@api.endpoint(
    "POST",
    "/api/auth/password",
    summary="Change my password (the current one is required); ends my other sessions",
    tag="auth",
    body=PasswordChangeIn,
    response=SessionOut,
    errors=(401, 403, 422, 429),
)
async def change_password(ctx: Context, body: PasswordChangeIn) -> SessionOut:
    await confirm_password(
        ctx,
        body.current_password,
        refused=Forbidden(
            "the current password is not right; the password was not changed",
            code="password_wrong",
        ),
    )
    user = ctx.user
    await require_strong(
        body.new_password, email=user.email, name=user.display_name, field="new_password"
    )
    user.password_hash = await ctx.services.hasher.hash(body.new_password)
    now = ctx.services.clock()
    # Every session ends, this one included; this browser continues on a fresh one.
    ended = await end_user_sessions(ctx.db, user.id)
    await resets.spend_all(ctx.db, user.id, now)
    session, _ = await start_session(ctx, user)
    await ctx.db.commit()
    await ctx.services.session_watch.announce(ended)
    log.info("password changed", extra={"user_id": user.id, "sessions_ended": len(ended)})
    return session_out(user, session)


@api.endpoint(
    "POST",
    "/api/auth/password-reset",
    summary="Ask for a password-reset link by e-mail (always 202, whether the account exists)",
    tag="auth",
    body=PasswordResetIn,
    response=ResetRequestedOut,
    status=202,
    auth=False,
    errors=(403, 422, 429),
)
async def request_password_reset(ctx: Context, body: PasswordResetIn) -> Response:
    check_origin(ctx)
    settings, now = ctx.services.settings, ctx.services.clock()
    scopes = throttle.reset_scopes(settings, address=ctx.client_address, email=body.email)
    await throttle.check(
        ctx.db,
        scopes,
        now,
        settings.login_window_s,
        what="password-reset requests",
        code="reset_throttled",
    )
    await throttle.record_failure(ctx.db, scopes, now, settings.login_window_s)
    await ctx.db.commit()
    requested = ResetRequestedOut(
        status="requested",
        message=RESET_REQUESTED_MESSAGE,
        expires_in_minutes=settings.password_reset_ttl_s // 60,  # as the letter says
    )
    return JSONResponse(
        requested.model_dump(),
        status_code=202,
        background=BackgroundTask(_send_reset_link, ctx.services, body.email),
    )


async def _send_reset_link(services: Services, email: str) -> None:
    """After the response: issue a link to an active account and queue its e-mail."""
    settings, now = services.settings, services.clock()
    try:
        async with services.sessions() as db:
            user = await find_user(db, email)
            if user is None or user.deactivated_at is not None:
                return
            token = await resets.issue(db, user, now, settings.password_reset_ttl_s)
            await enqueue_notice(
                db,
                user_id=user.id,
                kind="password_reset",
                params={"minutes": settings.password_reset_ttl_s // 60},
                # Sealed in the outbox row and erased once sent: the link works as it is,
                # unlike the token's hash in password_resets.
                secret_params={"link": f"{settings.public_base_url}/reset#token={token}"},
                secret_key=settings.secret_key,
                secret_until=now + timedelta(seconds=settings.password_reset_ttl_s),
                now=now,
            )
            await db.commit()
        services.outbox.wake.set()  # send now rather than at the next scheduler round
        log.info("password reset link queued", extra={"user_id": user.id})
    except Exception:
        log.exception("password reset link not queued")


@api.endpoint(
    "POST",
    "/api/auth/password-reset/confirm",
    summary="Set a new password with a reset link's token; ends every session of the account",
    tag="auth",
    body=PasswordResetConfirmIn,
    status=204,
    auth=False,
    errors=(400, 403, 422),
)
async def confirm_password_reset(ctx: Context, body: PasswordResetConfirmIn) -> None:
    check_origin(ctx)
    now = ctx.services.clock()
    found = await resets.find_valid(ctx.db, body.token, now)
    if found is None:
        raise _reset_token_invalid()
    reset, user = found
    await require_strong(
        body.new_password, email=user.email, name=user.display_name, field="new_password"
    )
    # Hashed before the write transaction starts, so SQLite's single writer is not held for it.
    new_hash = await ctx.services.hasher.hash(body.new_password)
    if not await resets.spend(ctx.db, reset, now):
        raise _reset_token_invalid()  # another request spent it meanwhile
    user.password_hash = new_hash
    ended = await end_user_sessions(ctx.db, user.id)
    await ctx.db.commit()
    await ctx.services.session_watch.announce(ended)
    log.info("password reset", extra={"user_id": user.id, "sessions_ended": len(ended)})
