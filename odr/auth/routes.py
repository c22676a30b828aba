"""Sign up, log in, log out, and who am I. Password change and reset: ``password_routes.py``."""

from __future__ import annotations

import logging

from sqlalchemy.exc import IntegrityError

from odr.auth import cookies, throttle
from odr.auth.accounts import create_account, find_user
from odr.auth.password_routes import api as password_api
from odr.auth.roles import Role
from odr.auth.schemas import LoginIn, SessionOut, SessionState, SignupIn, session_out
from odr.auth.sessions import (
    authenticate,
    check_origin,
    end_session,
    presented_token,
    start_session,
)
from odr.auth.strength import require_strong
from odr.errors import Conflict, Unauthorized
from odr.web.api import Api, Context, CookieChange

api = Api()
log = logging.getLogger("odr.auth")


@api.endpoint(
    "POST",
    "/api/auth/signup",
    summary="Create a party account and log in",
    tag="auth",
    body=SignupIn,
    response=SessionOut,
    status=201,
    auth=False,
    errors=(403, 409, 422),
)
async def signup(ctx: Context, body: SignupIn) -> SessionOut:
    check_origin(ctx)
    await require_strong(body.password, email=body.email, name=body.display_name, field="password")
    user = await create_account(
        ctx.db,
        ctx.services.hasher,
        email=body.email,
        password=body.password,
        display_name=body.display_name,
        role=Role.PARTY,
        language=body.language,
        now=ctx.services.clock(),
    )
    try:
        # The account row is written here, before the session that refers to it; a concurrent
        # sign-up with the same e-mail is refused by the unique index at this flush or at commit.
        await ctx.db.flush()
        session, ended = await start_session(ctx, user)
        await ctx.db.commit()
    except IntegrityError:  # the same e-mail signed up concurrently
        raise Conflict("an account with this e-mail already exists", code="email_taken") from None
    await ctx.services.session_watch.announce(ended)
    log.info("account created", extra={"user_id": user.id})
    return session_out(user, session)


@api.endpoint(
    "POST",
    "/api/auth/login",
    summary="Log in with e-mail and password",
    tag="auth",
    body=LoginIn,
    response=SessionOut,
    auth=False,
    errors=(401, 403, 422, 429),
)
async def login(ctx: Context, body: LoginIn) -> SessionOut:
    check_origin(ctx)
    settings, now = ctx.services.settings, ctx.services.clock()
    device = throttle.trusted_device(
        settings, cookies.read_cookie(settings, ctx.request.cookies, cookies.DEVICE), body.email
    )
    scopes = throttle.scopes_for(
        settings, address=ctx.client_address, email=body.email, device=device
    )
    await throttle.check(ctx.db, scopes, now, settings.login_window_s)
    user = await find_user(ctx.db, body.email)
    if user is not None and user.deactivated_at is not None:
        user = None  # answered exactly like an unknown e-mail
    if not await ctx.services.hasher.verify(user.password_hash if user else None, body.password):
        await throttle.record_failure(ctx.db, scopes, now, settings.login_window_s)
        await ctx.db.commit()
        log.info("login failed", extra={"trusted_device": device is not None})
        raise Unauthorized("wrong e-mail or password", code="login_failed")
    assert user is not None
    if ctx.services.hasher.needs_rehash(user.password_hash):
        user.password_hash = await ctx.services.hasher.hash(body.password)
    await throttle.forget_device_failures(ctx.db, scopes)
    session, ended = await start_session(ctx, user)
    await ctx.db.commit()
    await ctx.services.session_watch.announce(ended)
    if device is None:
        ctx.cookies.append(
            CookieChange(
                cookies.cookie_name(settings, cookies.DEVICE),
                throttle.issue_device_cookie(settings, body.email),
                max_age=throttle.DEVICE_COOKIE_MAX_AGE,
            )
        )
    log.info("login", extra={"user_id": user.id})
    return session_out(user, session)


@api.endpoint(
    "POST",
    "/api/auth/logout",
    summary="End this session (its open WebSockets close with 4401 on every instance)",
    tag="auth",
    status=204,
    errors=(401, 403),
)
async def logout(ctx: Context) -> None:
    ended = await end_session(ctx)
    await ctx.db.commit()
    await ctx.services.session_watch.announce(ended)


@api.endpoint(
    "GET",
    "/api/auth/session",
    summary="Who is logged in (nobody: both fields null), and the CSRF token",
    tag="auth",
    response=SessionState,
    auth=False,
    errors=(401,),
)
async def current_session(ctx: Context) -> SessionState:
    """No session cookie: nobody (200), so a public page's check is no error. A cookie whose
    session ended: 401 ``session_expired``, and the cookie is cleared (once)."""
    if not presented_token(ctx):
        return SessionState(user=None, csrf_token=None)
    await authenticate(ctx)
    out = session_out(ctx.user, ctx.auth_session)
    return SessionState(user=out.user, csrf_token=out.csrf_token)


api.include(password_api)
