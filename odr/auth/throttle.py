"""Login throttling that slows attackers without letting them lock a real user out.

Failures are counted in a sliding window per *scope*:

- ``address``: per client address (``ctx.client_address``: behind a reverse proxy, the one
  ``odr/web/client_address.py`` believes), against password spraying from one place;
- ``account``: per e-mail (known or not, so responses don't reveal which exist), but
  only for attempts from devices the account has not logged in from before;
- ``device``: per trusted-device cookie. A successful login leaves a signed cookie naming
  the account; attempts carrying it are counted here *instead of* in ``account``.

So an attacker hammering an account locks out only untrusted devices, while its owner, on a phone
that logged in before, keeps getting in (the "device cookie" scheme OWASP recommends).
Counts live in the database so several app instances share them.

Re-entering the password inside a session (signing a settlement, changing the password) is
counted in the same ``address`` and ``account`` scopes (``reauth_scopes``): a stolen session
gets no more guesses than a login form would, and the guesses of both add up. Password-reset
*requests* are counted per address and per e-mail in scopes of their own (``reset_scopes``).
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth import cookies
from odr.auth.tokens import keyed_hash, same
from odr.errors import TooManyRequests
from odr.persistence.models import LoginFailure
from odr.settings import Settings

DEVICE_COOKIE = cookies.DEVICE  # the base name; ``cookies.cookie_name`` gives the one in use
DEVICE_COOKIE_MAX_AGE = 365 * 24 * 3600


@dataclass(frozen=True)
class Scope:
    name: str
    key: str
    limit: int


def account_key(settings: Settings, email: str) -> str:
    return keyed_hash(settings.secret_key, "account:" + email)


def issue_device_cookie(settings: Settings, email: str) -> str:
    nonce = secrets.token_urlsafe(12)
    account = account_key(settings, email)[:32]
    return f"{account}.{nonce}.{keyed_hash(settings.secret_key, f'device:{account}.{nonce}')}"


def trusted_device(settings: Settings, cookie: str | None, email: str) -> str | None:
    """The device id when ``cookie`` is a valid device cookie issued for ``email``."""
    if not cookie or cookie.count(".") != 2:
        return None
    account, nonce, signature = cookie.split(".")
    expected = keyed_hash(settings.secret_key, f"device:{account}.{nonce}")
    if not same(signature, expected) or account != account_key(settings, email)[:32]:
        return None
    return nonce


def scopes_for(settings: Settings, *, address: str, email: str, device: str | None) -> list[Scope]:
    scopes = [
        Scope(
            "address",
            keyed_hash(settings.secret_key, "address:" + address),
            settings.login_max_failures_address,
        )
    ]
    if device is not None:
        scopes.append(
            Scope(
                "device",
                keyed_hash(settings.secret_key, "device:" + device),
                settings.login_max_failures_device,
            )
        )
    else:
        scopes.append(
            Scope("account", account_key(settings, email), settings.login_max_failures_account)
        )
    return scopes


def reauth_scopes(settings: Settings, *, address: str, email: str) -> list[Scope]:
    """A password re-entered inside a session: counted like a login from an untrusted device."""
    return scopes_for(settings, address=address, email=email, device=None)


def reset_scopes(settings: Settings, *, address: str, email: str) -> list[Scope]:
    """Password-reset requests, per address and per e-mail (known or not)."""
    return [
        Scope(
            "reset_address",
            keyed_hash(settings.secret_key, "address:" + address),
            settings.password_reset_max_address,
        ),
        Scope("reset_account", account_key(settings, email), settings.password_reset_max_account),
    ]


async def check(
    db: AsyncSession,
    scopes: list[Scope],
    now: datetime,
    window_s: int,
    *,
    what: str = "failed logins",
    code: str = "login_throttled",
) -> None:
    """Raise 429 with Retry-After when any scope has reached its limit within the window."""
    since = now - timedelta(seconds=window_s)
    for scope in scopes:
        count, oldest = (
            await db.execute(
                select(func.count(), func.min(LoginFailure.occurred_at)).where(
                    LoginFailure.scope == scope.name,
                    LoginFailure.key == scope.key,
                    LoginFailure.occurred_at > since,
                )
            )
        ).one()
        if count >= scope.limit:
            retry = max(1, math.ceil((oldest + timedelta(seconds=window_s) - now).total_seconds()))
            raise TooManyRequests(
                f"too many {what}; try again in {_minutes(retry)}",
                code=code,
                headers={"Retry-After": str(retry)},
            )


async def record_failure(
    db: AsyncSession, scopes: list[Scope], now: datetime, window_s: int
) -> None:
    for scope in scopes:
        db.add(LoginFailure(scope=scope.name, key=scope.key, occurred_at=now))
    # Old rows no longer count; pruning here keeps the table small without a background job.
    await db.execute(
        delete(LoginFailure).where(LoginFailure.occurred_at <= now - timedelta(seconds=window_s))
    )


async def forget_device_failures(db: AsyncSession, scopes: list[Scope]) -> None:
    """After a successful login the device's own failure count starts again."""
    for scope in scopes:
        if scope.name == "device":
            await db.execute(
                delete(LoginFailure).where(
                    LoginFailure.scope == scope.name, LoginFailure.key == scope.key
                )
            )


def _minutes(seconds: int) -> str:
    minutes = math.ceil(seconds / 60)
    return "1 minute" if minutes == 1 else f"{minutes} minutes"
