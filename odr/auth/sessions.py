"""Server-side login sessions and CSRF protection for cookie-authenticated state changes.

The cookie holds a random 256-bit token; the database holds only its SHA-256, so a database leak
yields no usable session. Each session has its own CSRF token which the browser sends back in the
``X-CSRF-Token`` header on every POST/PUT/PATCH/DELETE; a cross-site form cannot read it.
A state-changing request that carries an ``Origin`` header must also come from an allowed origin
(``ODR_ALLOWED_ORIGINS``, or the request's own host): a second, independent check that holds
even if a CSRF token leaked. Requests without ``Origin`` (curl, the CLI, older clients) are
judged by the CSRF token alone. Cookie names come from ``cookies.py`` (``__Host-`` behind https).

Ending a session deletes its row; the caller announces the ids after its commit
(``SessionWatch.announce``, ``session_end``) so that the session's open sockets close too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth import cookies
from odr.auth.tokens import new_token, same, token_hash
from odr.errors import Forbidden, Unauthorized
from odr.persistence.models import AuthSession, User
from odr.settings import Settings
from odr.web.api import Context, CookieChange

CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def presented_token(ctx: Context) -> str:
    """The session token of the request's cookie ("" when none)."""
    return cookies.read_cookie(ctx.services.settings, ctx.request.cookies, cookies.SESSION)


async def start_session(ctx: Context, user: User) -> tuple[AuthSession, list[str]]:
    """Log ``user`` in: end the session the client came with (rotation) and start a fresh one.

    Returns the new session and the ids of the sessions ended, to announce after the commit.
    """
    ended: list[str] = []
    old = presented_token(ctx)
    if old:
        ended = await delete_sessions(ctx.db, AuthSession.id == token_hash(old))
    token = new_token()
    now = ctx.services.clock()
    settings = ctx.services.settings
    max_age = settings.session_max_age_s
    session = AuthSession(
        id=token_hash(token),
        user_id=user.id,
        csrf_token=new_token(),
        created_at=now,
        expires_at=now + timedelta(seconds=max_age),
    )
    session.user = user
    ctx.db.add(session)
    ctx.cookies.append(
        CookieChange(cookies.cookie_name(settings, cookies.SESSION), token, max_age=max_age)
    )
    ctx.cookies.append(
        CookieChange(
            cookies.cookie_name(settings, cookies.CSRF), session.csrf_token, max_age, httponly=False
        )
    )
    return session, ended


async def end_session(ctx: Context) -> list[str]:
    """Log out: delete this session and its cookies; returns the ids ended."""
    ended = await delete_sessions(ctx.db, AuthSession.id == ctx.auth_session.id)
    settings = ctx.services.settings
    ctx.cookies.append(CookieChange(cookies.cookie_name(settings, cookies.SESSION), None))
    ctx.cookies.append(CookieChange(cookies.cookie_name(settings, cookies.CSRF), None))
    return ended


async def delete_sessions(db: AsyncSession, *where: object) -> list[str]:
    """Delete the sessions matching ``where``; the ids deleted (the caller commits, announces)."""
    result = await db.execute(
        delete(AuthSession)
        .where(*where)  # type: ignore[arg-type]
        .returning(AuthSession.id)
        .execution_options(synchronize_session=False)
    )
    return list(result.scalars())


async def end_user_sessions(
    db: AsyncSession, user_id: str, *, keep: str | None = None
) -> list[str]:
    """Delete every session of a user (but ``keep``); the ids deleted."""
    where = [AuthSession.user_id == user_id]
    if keep is not None:
        where.append(AuthSession.id != keep)
    return await delete_sessions(db, *where)


async def authenticate(ctx: Context) -> None:
    """Resolve the caller from the session cookie; enforce Origin and CSRF on state changes."""
    token = presented_token(ctx)
    if not token:
        raise Unauthorized("log in first")
    session = await live_session(ctx.db, token, ctx.services.clock())
    if session is None:
        name = cookies.cookie_name(ctx.services.settings, cookies.SESSION)
        ctx.cookies.append(CookieChange(name, None))
        raise Unauthorized("your session has ended; log in again", code="session_expired")
    if ctx.request.method in UNSAFE_METHODS:
        check_origin(ctx)
        sent = ctx.request.headers.get(CSRF_HEADER, "")
        if not sent or not same(sent, session.csrf_token):
            raise Forbidden(
                "missing or wrong X-CSRF-Token header; reload the page and try again",
                code="csrf_failed",
            )
    ctx.log_in(session)


async def live_session(db: AsyncSession, token: str, now: datetime) -> AuthSession | None:
    """The unexpired session the cookie token names, with its (active) user loaded."""
    return await live_session_by_id(db, token_hash(token), now)


async def live_session_by_id(
    db: AsyncSession, session_id: str, now: datetime
) -> AuthSession | None:
    session = await db.scalar(select(AuthSession).where(AuthSession.id == session_id))
    if session is None or session.expires_at <= now or session.user.deactivated_at is not None:
        return None
    return session


def check_origin(ctx: Context) -> None:
    """Refuse a state change sent from a page of another origin (403 ``origin_not_allowed``)."""
    origin = ctx.request.headers.get("origin")
    if origin is None:  # not a browser cross-site request (curl, the CLI, same-origin GET)
        return
    host = ctx.request.headers.get("host", "")
    if not origin_allowed(ctx.services.settings, origin, host):
        raise Forbidden(f"requests from {origin} are not allowed", code="origin_not_allowed")


def origin_allowed(settings: Settings, origin: str, host: str) -> bool:
    """Allowed when listed in ODR_ALLOWED_ORIGINS or the same origin as the request's host."""
    if origin in settings.allowed_origins:
        return True
    same_host = bool(host) and urlsplit(origin).netloc == host
    return same_host and origin.startswith(("http://", "https://"))
