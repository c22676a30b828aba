"""Short links for SMS: ``/s/{token}`` redirects to the page an in-app notice links to, and
opening it marks that notice read.

The token is the notice's id (base 36) and a 60-bit HMAC of it under ``ODR_SECRET_KEY``
(10 base64url characters): nothing is stored for it, a token cannot be guessed or derived from
another one, and the ``/s/`` answers are rate-limited per client address. It grants nothing:
the page it leads to asks for a login like any other, so the worst a leaked SMS link tells is
that a notice exists. An unknown or altered token leads to the app's front page.

Opening the link counts as reading the notice: the SMS that waits for an unread e-mail
(``sms_policy.py``) then stays unsent. (E-mails keep the full deep link, so a click there is not
seen; reading the notice in the app's list, which the menu counts, is.)
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from odr.persistence.models import Notification
from odr.services import Services
from odr.web.client_address import client_address
from odr.web.ratelimit import limit_anonymous

PREFIX = "/s/"
MAC_CHARS = 10
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _mac(secret_key: str, notification_id: int) -> str:
    digest = hmac.new(
        secret_key.encode(), f"kelisim short link {notification_id}".encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode()[:MAC_CHARS]


def _base36(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = DIGITS[digit] + out
        if number == 0:
            return out


def short_token(secret_key: str, notification_id: int) -> str:
    return _base36(notification_id) + _mac(secret_key, notification_id)


def short_url(base_url: str, secret_key: str, notification_id: int) -> str:
    return f"{base_url}{PREFIX}{short_token(secret_key, notification_id)}"


def notification_of(secret_key: str, token: str) -> int | None:
    """The notice id ``token`` stands for, or None for a token this deployment never made."""
    if len(token) > 40:
        return None
    head, mac = token[:-MAC_CHARS], token[-MAC_CHARS:]
    if not head or len(head) > 7 or any(c not in DIGITS for c in head):
        return None
    notification_id = int(head, 36)
    if not hmac.compare_digest(mac, _mac(secret_key, notification_id)):
        return None
    return notification_id


def short_link_routes(services: Services) -> list[Route]:
    """``GET /s/{token}``: a page for browsers, not an API call, so a plain route (not in the
    OpenAPI document, like ``/healthz``); a bad token is never an error page, just the front
    page."""

    async def follow(request: Request) -> Response:
        settings = services.settings
        await limit_anonymous(
            services.rate_limiters,
            settings,
            "short_link",
            client_address(request, settings.trusted_proxies),
            what="links",
        )
        base = settings.public_base_url
        target = f"{base}/"
        notification_id = notification_of(settings.secret_key, request.path_params["token"])
        if notification_id is not None:
            async with services.sessions() as db:
                note = await db.get(Notification, notification_id)
                if note is not None:
                    await _mark_read(db, note, services.clock())
                    if note.path:
                        target = f"{base}/{note.path}"
        return RedirectResponse(target, status_code=303)

    return [Route(PREFIX + "{token}", follow, methods=["GET"])]


async def _mark_read(db: AsyncSession, note: Notification, now: datetime) -> None:
    if note.read_at is None:
        await db.execute(
            update(Notification)
            .where(Notification.id == note.id, Notification.read_at.is_(None))
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )
        await db.commit()
