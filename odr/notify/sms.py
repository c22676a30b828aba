"""SMS through a provider's HTTP API, the kind Kazakhstan's SMS providers offer, and the text
an SMS carries.

``HttpSmsGateway`` POSTs one message per request to ``ODR_SMS_URL``, as JSON or as a form
(``ODR_SMS_FORMAT``), with the provider's credentials as HTTP Basic (``ODR_SMS_LOGIN`` and
``ODR_SMS_PASSWORD``) or a bearer token (``ODR_SMS_TOKEN``). The fields: ``to`` (E.164), ``text``,
``sender`` (``ODR_SMS_SENDER``), ``id`` (ours: the outbox row's id and fingerprint, so a repeat of
one notice has the same id and the provider can drop it) and ``callback_url``, where the provider
reports delivery (``sms_delivery.py``). Any 2xx is accepted; anything else, a timeout or a refused
connection is ``SendFailed``, which the outbox retries with back-off.

An SMS is short: the notice's subject (its gist, in the recipient's language) and a link. A user
notice links through a short link (``short_links.py``, ``/s/…``), not the deep link: a
Cyrillic SMS is 70 characters a part, and the app's ``#/cases/{id}/room`` alone takes 60.
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import httpx

from odr.notify.transports import SendFailed
from odr.settings import Settings

CALLBACK_PATH = "/api/notify/sms/status"
MAX_TEXT = 134
"""Two parts of a Cyrillic (UCS-2) SMS: 2 × 67 characters. Longer subjects are cut."""


def message_id(notice_id: int, fingerprint: str) -> str:
    """The id an SMS is sent with: the row's id and fingerprint, the same on every attempt."""
    return f"{notice_id}.{fingerprint[:16]}"


def sms_text(subject: str, link: str | None) -> str:
    """The SMS: the subject, then the link, within ``MAX_TEXT`` characters (the link whole)."""
    room = MAX_TEXT - (len(link) + 1 if link else 0)
    if len(subject) > room:
        subject = subject[: max(room - 1, 0)].rstrip() + "…"
    return f"{subject} {link}" if link else subject


class HttpSmsGateway:
    """A provider's HTTP API (``ODR_SMS_BACKEND=http``)."""

    def __init__(self, settings: Settings, transport: httpx.AsyncBaseTransport | None = None):
        assert settings.sms_url is not None  # load_settings refuses http without a URL
        self.settings = settings
        self.url = settings.sms_url
        self.transport = transport

    def _headers(self) -> dict[str, str]:
        s = self.settings
        if s.sms_token:
            return {"authorization": f"Bearer {s.sms_token}"}
        if s.sms_login:
            pair = f"{s.sms_login}:{s.sms_password or ''}".encode()
            return {"authorization": "Basic " + base64.b64encode(pair).decode()}
        return {}

    async def send(self, phone: str, text: str, *, message_id: str | None = None) -> None:
        s = self.settings
        fields: dict[str, Any] = {"to": phone, "text": text, "sender": s.sms_sender}
        if message_id is not None:
            fields["id"] = message_id
        if s.sms_callback_secret:  # in the URL for providers that cannot add a header
            query = urlencode({"secret": s.sms_callback_secret})
            fields["callback_url"] = f"{s.public_base_url}{CALLBACK_PATH}?{query}"
        body: dict[str, Any] = {"json": fields} if s.sms_format == "json" else {"data": fields}
        try:
            async with httpx.AsyncClient(timeout=20, transport=self.transport) as client:
                response = await client.post(self.url, headers=self._headers(), **body)
        except httpx.HTTPError as exc:
            raise SendFailed(f"SMS gateway: {type(exc).__name__}") from None
        if not response.is_success:
            # The status only: a provider's error body may echo the number or the text.
            raise SendFailed(f"SMS gateway answered {response.status_code}")
