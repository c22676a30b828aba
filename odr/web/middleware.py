"""Pure ASGI middleware: the request's context (id, logs, headers, the answer to a bug), and the
body size limit.

``RequestContextMiddleware`` is the first middleware of ours, but Starlette puts its own
``ServerErrorMiddleware`` outside it, and that is where an ``Exception`` handler would run: after
this middleware had finished, so a 500 would carry no request id and no security headers, and its
traceback would be logged without the id. So a bug is caught here instead, inside the request's
context: logged once with its traceback and the request id, and answered in the one error shape
with every header other answers get.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any, Protocol

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from odr.errors import ApiError, PayloadTooLarge
from odr.logs import request_id_var

access_log = logging.getLogger("odr.access")
error_log = logging.getLogger("odr.error")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

NCALAYER = "wss://127.0.0.1:13579"
"""NCALayer, the desktop app that makes a party's EDS, on the party's own machine (#14)."""
CONTENT_SECURITY_POLICY = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"connect-src 'self' wss://127.0.0.1:13579; object-src 'none'; frame-ancestors 'none'; "
    b"base-uri 'none'; form-action 'self'"
)


def content_security_policy(ncalayer_url: str = NCALAYER) -> bytes:
    """The policy, its ``connect-src`` naming where the page reaches NCALayer (a stand-in's
    address in tests: ``ODR_NCALAYER_URL``)."""
    origin = ncalayer_url.rstrip("/").encode()
    return CONTENT_SECURITY_POLICY.replace(NCALAYER.encode(), origin, 1)


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", CONTENT_SECURITY_POLICY),
]
# Two years, the preload list's minimum; sent only when the service is reached over https.
STRICT_TRANSPORT_SECURITY = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")
NO_STORE = b"no-store"
PRIVATE_PREFIX = "/api/"
INTERNAL_ERROR_MESSAGE = "something went wrong on our side; nothing was changed. Please try again."
INTERNAL_ERROR = 1011  # WebSocket close code: the server met an unexpected condition
CLIENT_CLOSED = 499  # the access log's status for a client that hung up before its body arrived


def internal_error_answer() -> ApiError:
    """What a client is told about a bug: nothing of the bug itself."""
    return ApiError(INTERNAL_ERROR_MESSAGE, status=500, code="internal_error")


def response_headers(
    headers: list[tuple[bytes, bytes]],
    request_id: str,
    *,
    private: bool,
    https: bool,
    csp: bytes = CONTENT_SECURITY_POLICY,
) -> list[tuple[bytes, bytes]]:
    """The answer's headers with the request id, the security headers and the cache rule.

    The cache rule, in this one place: an answer that sets a cookie is never stored by any cache
    (whatever its handler said), and neither is any answer under ``/api/`` unless its handler
    chose a ``Cache-Control`` itself (public verification does); the browser app's static files
    keep their ``no-cache`` revalidation (``web/static.py``).
    """
    out = [h for h in headers if h[0].lower() != b"x-request-id"]
    present = {name.lower() for name, _ in out}
    if b"set-cookie" in present:
        out = [h for h in out if h[0].lower() != b"cache-control"]
        out.append((b"cache-control", NO_STORE))
    elif private and b"cache-control" not in present:
        out.append((b"cache-control", NO_STORE))
    out.append((b"x-request-id", request_id.encode()))
    out.extend(h for h in SECURITY_HEADERS[:-1] if h[0] not in present)
    if SECURITY_HEADERS[-1][0] not in present:
        out.append((SECURITY_HEADERS[-1][0], csp))
    if https and STRICT_TRANSPORT_SECURITY[0] not in present:
        out.append(STRICT_TRANSPORT_SECURITY)
    return out


class Observer(Protocol):
    """Told of each HTTP answer and each accepted socket (``odr/metrics/http.py``); the scope is
    the one the router filled in (its matched endpoint)."""

    def answered(self, scope: Scope, status: int | None, seconds: float) -> None: ...
    def socket_opened(self, scope: Scope) -> None: ...
    def socket_closed(self, scope: Scope) -> None: ...


class RequestContextMiddleware:
    """Gives each request an id (kept from a sane ``X-Request-ID``), logs it, adds headers.

    Every log line written while the request is handled carries the id (``request_id_var``,
    read by ``logs.JsonFormatter``), the room socket's included: its tasks inherit the context.
    The access log line has the path without its query string, so nothing secret passed in a
    query ever reaches the logs. ``https`` adds Strict-Transport-Security to every answer.
    ``observer`` hears of every answer's status and duration and of every socket accepted and
    ended (the metrics).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        https: bool = False,
        observer: Observer | None = None,
        csp: bytes = CONTENT_SECURITY_POLICY,
    ) -> None:
        self.app = app
        self.https = https
        self.observer = observer
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID.match(incoming) else secrets.token_hex(8)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        private = scope["path"].startswith(PRIVATE_PREFIX)
        sent: dict[str, Any] = {"status": None, "closed": False, "accepted": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                sent["status"] = message["status"]
                headers = list(message.get("headers", []))
                message = {
                    **message,
                    "headers": response_headers(
                        headers, request_id, private=private, https=self.https, csp=self.csp
                    ),
                }
            elif message["type"] == "websocket.accept":
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
                if self.observer is not None and not sent["accepted"]:
                    sent["accepted"] = True
                    self.observer.socket_opened(scope)
            elif message["type"] == "websocket.close":
                sent["closed"] = True
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except ClientDisconnect:
            # The client hung up before its body arrived (a closed tab, a proxy giving up): no
            # bug, and nobody to answer. The access line says 499, nginx's "client closed".
            sent["status"] = sent["status"] or CLIENT_CLOSED
        except Exception:
            # Logged here, inside the request's context, once; not re-raised, or the server
            # would log the traceback again, without the id.
            error_log.exception("unhandled error", extra=_where(scope))
            await self._answer_bug(scope, send_with_headers, sent)
        finally:
            if scope["type"] == "http":
                elapsed = time.perf_counter() - started
                access_log.info(
                    "%s %s %s",
                    scope["method"],
                    scope["path"],
                    sent["status"],
                    extra={
                        **_where(scope),
                        "status": sent["status"],
                        "duration_ms": round(elapsed * 1000, 2),
                    },
                )
                if self.observer is not None:
                    self.observer.answered(scope, sent["status"], elapsed)
            elif sent["accepted"] and self.observer is not None:
                self.observer.socket_closed(scope)
            request_id_var.reset(token)

    @staticmethod
    async def _answer_bug(scope: Scope, send: Send, sent: dict[str, Any]) -> None:
        """The 500 in the one error shape, or 1011 on a socket, if nothing was sent yet.

        A response already under way can only be cut short: the server closes the connection.
        """
        if scope["type"] == "websocket":
            if not sent["closed"]:
                with contextlib.suppress(Exception):  # the client may be gone already
                    await send({"type": "websocket.close", "code": INTERNAL_ERROR})
            return
        if sent["status"] is not None:
            return
        body = json.dumps(internal_error_answer().body()).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 500,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _where(scope: Scope) -> dict[str, Any]:
    if scope["type"] == "http":
        return {"method": scope["method"], "path": scope["path"]}
    return {"path": scope["path"]}


@dataclass(frozen=True)
class LargerBody:
    """Paths that take a bigger body than the rest (an item's photo), with the refusal's code."""

    path: re.Pattern[str]
    max_bytes: int
    code: str


class BodyLimitMiddleware:
    """Refuses bodies over ``max_bytes`` (or a ``LargerBody``'s for its paths) before reading
    them into memory (413)."""

    def __init__(self, app: ASGIApp, max_bytes: int, larger: tuple[LargerBody, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = larger

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, code = self.max_bytes, "payload_too_large"
        for rule in self.larger:
            if rule.path.fullmatch(scope["path"]):
                limit, code = rule.max_bytes, rule.code
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._refuse(send, limit, code)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(self._message(limit), code=code)
            return message

        await self.app(scope, limited_receive, send)

    def _message(self, limit: int) -> str:
        return f"the request body is larger than the limit of {limit} bytes"

    async def _refuse(self, send: Send, limit: int, code: str) -> None:
        payload = json.dumps(PayloadTooLarge(self._message(limit), code=code).body()).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(payload)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": payload})
