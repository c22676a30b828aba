"""Server-side login sessions and CSRF protection for cookie-authenticated state changes.

The cookie holds a random 256-bit token; the database holds only its SHA-256, so a database leak
yields no usable session. Each session has its own CSRF token which the browser sends back in the
``X-CSRF-Token`` header on every POST/PUT/PATCH/DELETE; a cross-site form cannot read it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.tokens import new_token, same, token_hash
from odr.errors import Forbidden, Unauthorized
from odr.persistence.models import AuthSession, User
from odr.settings import Settings
from odr.web.api import Context, CookieChange

SESSION_COOKIE = "kelisim_session"
CSRF_COOKIE = "kelisim_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def start_session(ctx: Context, user: User) -> AuthSession:
    """Log ``user`` in: end the session the client came with (rotation) and start a fresh one."""
    old = ctx.request.cookies.get(SESSION_COOKIE)
    if old:
        await ctx.db.execute(delete(AuthSession).where(AuthSession.id == token_hash(old)))
    token = new_token()
    now = ctx.services.clock()
    max_age = ctx.services.settings.session_max_age_s
    session = AuthSession(
        id=token_hash(token),
        user_id=user.id,
        csrf_token=new_token(),
        created_at=now,
        expires_at=now + timedelta(seconds=max_age),
    )
    session.user = user
    ctx.db.add(session)
    ctx.cookies.append(CookieChange(SESSION_COOKIE, token, max_age=max_age))
    ctx.cookies.append(CookieChange(CSRF_COOKIE, session.csrf_token, max_age, httponly=False))
    return session


async def end_session(ctx: Context) -> None:
    if ctx.auth_session is not None:
        await ctx.db.execute(delete(AuthSession).where(AuthSession.id == ctx.auth_session.id))
    ctx.cookies.append(CookieChange(SESSION_COOKIE, None))
    ctx.cookies.append(CookieChange(CSRF_COOKIE, None))


async def authenticate(ctx: Context) -> None:
    """Resolve the caller from the session cookie; enforce CSRF on state changes."""
    token = ctx.request.cookies.get(SESSION_COOKIE)
    if not token:
        raise Unauthorized("log in first")
    session = await live_session(ctx.db, token, ctx.services.clock())
    if session is None:
        ctx.cookies.append(CookieChange(SESSION_COOKIE, None))
        raise Unauthorized("your session has ended; log in again", code="session_expired")
    if ctx.request.method in UNSAFE_METHODS:
        sent = ctx.request.headers.get(CSRF_HEADER, "")
        if not sent or not same(sent, session.csrf_token):
            raise Forbidden(
                "missing or wrong X-CSRF-Token header; reload the page and try again",
                code="csrf_failed",
            )
    ctx.auth_session = session
    ctx.user = session.user


async def live_session(db: AsyncSession, token: str, now: datetime) -> AuthSession | None:
    """The unexpired session the cookie token names, with its user loaded."""
    session = await db.scalar(select(AuthSession).where(AuthSession.id == token_hash(token)))
    if session is None or session.expires_at <= now:
        return None
    return session


def check_origin(ctx: Context) -> None:
    """Refuse cross-site requests that do not yet have a session (login CSRF, signup)."""
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
