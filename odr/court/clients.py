"""Courts and their API clients: creating them, and authenticating a court client's request.

A court client holds a random bearer token; only its SHA-256 is stored, so a database dump
cannot be replayed against the API. Each client belongs to exactly one court and sees only
settlements addressed to that court.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.auth.tokens import new_token, token_hash
from odr.errors import ApiError, Conflict, NotFound
from odr.persistence.models import Court, CourtClient
from odr.web.api import Context

TOKEN_PREFIX = "kct_"


class CourtUnauthorized(ApiError):
    status, code = 401, "court_token_invalid"


@dataclass(frozen=True)
class IssuedClient:
    client: CourtClient
    token: str  # shown once, never stored


async def add_court(db: AsyncSession, code: str, name: str, now: datetime) -> Court:
    existing = await db.scalar(select(Court).where(Court.code == code))
    if existing is not None:
        if existing.name != name:
            raise Conflict(f"court {code} exists with another name: {existing.name}")
        return existing
    court = Court(code=code, name=name, created_at=now)
    db.add(court)
    await db.flush()
    return court


async def issue_client(db: AsyncSession, court_code: str, name: str, now: datetime) -> IssuedClient:
    court = await db.scalar(select(Court).where(Court.code == court_code))
    if court is None:
        raise NotFound(f"there is no court with code {court_code}", code="court_not_found")
    token = TOKEN_PREFIX + new_token()
    client = CourtClient(court_id=court.id, name=name, token_hash=token_hash(token), created_at=now)
    db.add(client)
    await db.flush()
    return IssuedClient(client, token)


def _bearer(ctx: Context) -> str:
    header = ctx.request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise CourtUnauthorized(
            "send the court's API token as 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": 'Bearer realm="court"'},
        )
    return token.strip()


async def authenticate_court(ctx: Context) -> None:
    """Resolve the court client from its bearer token; it becomes ``ctx.court_client``."""
    token = _bearer(ctx)
    # Looked up by hash: equality on a SHA-256 of a 256-bit token leaks nothing usable by timing.
    client = await ctx.db.scalar(
        select(CourtClient).where(CourtClient.token_hash == token_hash(token))
    )
    if client is None or client.revoked_at is not None:
        await audit(
            ctx.services.sessions,
            AuditEvent("public", None, "court.auth_refused", None, {"address": ctx.client_address}),
            ctx.services.clock(),
        )
        raise CourtUnauthorized(
            "this API token is unknown or revoked",
            headers={"WWW-Authenticate": 'Bearer realm="court", error="invalid_token"'},
        )
    ctx.court_client = client
