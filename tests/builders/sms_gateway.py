"""A provider's HTTP SMS API on a loopback port, as the tests' SMS gateway: it keeps every
request (headers and fields, JSON or form), answers ``status`` (200 unless a test makes it fail),
and sends delivery reports back to the ``callback_url`` a message carried."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx


@dataclass
class Received:
    headers: dict[str, str]
    fields: dict[str, Any]
    form: bool


@dataclass
class SmsGateway:
    requests: list[Received] = field(default_factory=list)
    status: int = 200
    _server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0)).decode()
                form = self.headers.get("content-type", "").startswith(
                    "application/x-www-form-urlencoded"
                )
                fields = dict(parse_qsl(raw)) if form else json.loads(raw)
                headers = {k.lower(): v for k, v in self.headers.items()}
                if gateway.status == 200:
                    gateway.requests.append(Received(headers, fields, form))
                self.send_response(gateway.status)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"result": "accepted"}')

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/api/send"

    def texts(self) -> list[tuple[str, str]]:
        return [(r.fields["to"], r.fields["text"]) for r in self.requests]

    async def report(
        self, received: Received, status: str, address: str, **extra: str
    ) -> httpx.Response:
        """Report ``received`` delivered or not to its callback URL, on the app at ``address``
        (the public base URL of the tests is not where the app listens)."""
        parts = urlsplit(received.fields["callback_url"])
        url = urlunsplit(parts._replace(scheme="http", netloc=address))
        async with httpx.AsyncClient() as client:
            return await client.post(
                url, json={"id": received.fields["id"], "status": status, **extra}
            )
