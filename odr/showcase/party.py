"""A simulated party of ``odr demo``: its own HTTP client (cookies, CSRF) and WebSocket in the room.

It is a client like the browser, nothing more: it sees only what the server sends to it, so
whatever the demo prints as "what the other side sees" is what this party actually received.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from odr.auth import cookies

EventMatch = Callable[[dict[str, Any]], bool]


class DemoError(Exception):
    """The demo could not finish; the message says at which step."""


@dataclass
class Party:
    """A simulated party: an HTTP client with its own cookies and a WebSocket in the room."""

    role: str
    name: str
    """How the demo's narration calls the party (its display name is in Russian)."""
    email: str
    http: httpx.AsyncClient
    ws: ClientConnection | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    _taken: set[int] = field(default_factory=set)
    _keys: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        csrf = self.http.cookies.get(cookies.CSRF) or ""  # the demo serves http: no __Host-
        headers = {"x-csrf-token": csrf, **kwargs.pop("headers", {})}
        response = await self.http.request(method, path, headers=headers, **kwargs)
        if response.status_code != expect:
            raise DemoError(
                f"{self.role}: {method} {path} → {response.status_code} {response.text}"
            )
        if response.headers.get("content-type", "").startswith("application/json"):
            return response.json()
        return response.content

    async def enter_room(self, address: str, case_id: str) -> None:
        cookie = "; ".join(f"{k}={v}" for k, v in self.http.cookies.items())
        self.ws = await connect(
            f"ws://{address}/ws",
            origin=f"http://{address}",  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
            compression=None,
        )
        await self.ws.send(json.dumps({"type": "hello", "case_id": case_id, "last_seq": 0}))
        await self.frame(lambda f: f["type"] == "welcome")

    async def leave_room(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def frame(self, match: EventMatch) -> dict[str, Any]:
        assert self.ws is not None
        async with asyncio.timeout(30):
            while True:
                frame: dict[str, Any] = json.loads(await self.ws.recv())
                if frame["type"] == "event":
                    self.events.append(frame)
                if frame["type"] == "error":
                    raise DemoError(f"{self.role}: the room refused: {frame['message']}")
                if match(frame):
                    return frame

    async def command(self, kind: str, **body: Any) -> None:
        assert self.ws is not None
        key = f"{self.role}-{next(self._keys)}"
        await self.ws.send(json.dumps({"type": kind, "key": key, **body}))
        await self.frame(lambda f: f["type"] == "ack" and f["key"] == key)

    async def until_event(self, event: str, /, **data: Any) -> dict[str, Any]:
        """The next room ``event`` whose data holds ``data`` (see :meth:`until`)."""
        return await self.until(
            lambda e: e["event"] == event and all(e["data"].get(k) == v for k, v in data.items())
        )

    async def until(self, match: EventMatch) -> dict[str, Any]:
        """The first room event that ``match``es and was not returned before.

        Events that arrived while the party waited for something else are kept, so an event is
        never missed for having come early, and each is handed out once (several rounds of
        ``bidding`` events each come in turn)."""

        def wanted(frame: dict[str, Any]) -> bool:
            return frame["type"] == "event" and frame["seq"] not in self._taken and match(frame)

        found = next((e for e in self.events if wanted(e)), None)
        if found is None:
            found = await self.frame(wanted)
        self._taken.add(found["seq"])
        return found

    def seen(self) -> list[str]:
        """The room events this party received, by type, in order: what its screen showed."""
        return [e["event"] for e in self.events]
