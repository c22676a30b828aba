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

from sqlalchemy import update
from starlette.responses import RedirectResponse

from odr.persistence.models import Notification
from odr.web.api import Api, Context
from odr.web.boundary import IdFormat
from odr.web.params import PathParam
from odr.web.ratelimit import limit_anonymous

api = Api()
PREFIX = "/s/"
MAC_CHARS = 10
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"

TOKEN = IdFormat("a short link", "[A-Za-z0-9_-]{1,40}", 40, "3fXk9aB2cD1e")


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
    head, mac = token[:-MAC_CHARS], token[-MAC_CHARS:]
    if not head or len(head) > 7 or any(c not in DIGITS for c in head):
        return None
    notification_id = int(head, 36)
    if not hmac.compare_digest(mac, _mac(secret_key, notification_id)):
        return None
    return notification_id


@api.endpoint(
    "GET",
    "/s/{token}",
    summary="A short link from an SMS: to the page its notice is about (marks the notice read)",
    tag="notifications",
    auth=False,
    status=303,
    errors=(429,),
    params=(
        PathParam(
            "token",
            TOKEN,
            "link_not_found",
            "there is no such link",
            "The token of the SMS's link.",
        ),
    ),
)
async def follow_short_link(ctx: Context) -> RedirectResponse:
    services = ctx.services
    await limit_anonymous(
        services.rate_limiters, services.settings, "short_link", ctx.client_address, what="links"
    )
    base = services.settings.public_base_url
    notification_id = notification_of(services.settings.secret_key, ctx.path_params["token"])
    target = f"{base}/"
    if notification_id is not None:
        note = await ctx.db.get(Notification, notification_id)
        if note is not None:
            if note.read_at is None:
                await ctx.db.execute(
                    update(Notification)
                    .where(Notification.id == note.id, Notification.read_at.is_(None))
                    .values(read_at=services.clock())
                    .execution_options(synchronize_session=False)
                )
                await ctx.db.commit()
            if note.path:
                target = f"{base}/{note.path}"
    return RedirectResponse(target, status_code=303)
