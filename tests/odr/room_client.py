"""Test helpers for the room: a live uvicorn server and a real ``websockets`` client."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import sys
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from odr.ws_protocol import LeanWebSocketProtocol
from tests.odr import frame_check

PASSWORD = "correct horse battery"
_keys = itertools.count(1)


@contextlib.asynccontextmanager
async def live_server(app: Starlette) -> AsyncIterator[str]:
    """Serve ``app`` with uvicorn on a free loopback port in this event loop."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="off",
        log_config=None,
        access_log=False,
        ws=LeanWebSocketProtocol,  # as odr serve does (odr/serving.py)
        ws_per_message_deflate=False,
        ws_max_size=1 << 20,
        # A socket handler still running at the end is cancelled after 5 s: without a bound,
        # one that never finished hung a CI worker for good (tests/browser/test_practice.py).
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.should_exit = True
        stall = asyncio.get_running_loop().call_later(4, _report_stall, server)
        try:
            await task
        finally:
            stall.cancel()


def _report_stall(server: uvicorn.Server) -> None:
    """Print, past pytest's capture, what still runs 4 s into the live server's shutdown.

    A handler that does not end when uvicorn closes its socket is a bug the 5 s bound above only
    hides (seen once, at the end of a practice browser test): its stack says which one."""
    out = sys.__stderr__
    if out is None:
        return
    running = [t for t in server.server_state.tasks if not t.done()]
    print(f"\n== live server: {len(running)} task(s) still running 4 s into shutdown", file=out)
    for t in running:
        print(f"-- {t.get_name()}, awaiting (outermost first):", file=out)
        for where in _await_chain(t.get_coro()):
            print(f"   {where}", file=out)


def _await_chain(awaitable: Any) -> list[str]:
    """Where each coroutine of a suspended task's await chain stands (a task's own stack shows
    only its outermost frame)."""
    chain = []
    while awaitable is not None:
        frame = getattr(awaitable, "cr_frame", None) or getattr(awaitable, "gi_frame", None)
        if frame is None:
            chain.append(repr(awaitable)[:200])
            break
        chain.append(f"{frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}")
        awaitable = getattr(awaitable, "cr_await", None) or getattr(awaitable, "gi_yieldfrom", None)
    return chain


class RoomClient:
    """A party in the room: logs in over HTTP, talks over a real WebSocket, keeps its view.

    ``events`` is the client's view of the case log (what a browser would render); it resumes
    from ``last_seq`` after every reconnect, exactly as the protocol asks clients to.
    """

    def __init__(self, address: str, cookies: dict[str, str], csrf: str = "") -> None:
        self.address = address
        self.cookies = cookies
        self.csrf = csrf
        self.events: list[dict[str, Any]] = []
        self.frames: list[dict[str, Any]] = []
        self.violations: list[str] = []  # any gap or duplicate the client saw
        self.ws: ClientConnection | None = None
        self.reader: asyncio.Task[None] | None = None
        self.case_id: str | None = None
        self.changed = asyncio.Condition()

    @property
    def last_seq(self) -> int:
        return self.events[-1]["seq"] if self.events else 0

    @classmethod
    async def signup(cls, address: str, email: str) -> RoomClient:
        async with httpx.AsyncClient(base_url=f"http://{address}") as http:
            response = await http.post(
                "/api/auth/signup",
                json={"email": email, "password": PASSWORD, "display_name": email.split("@")[0]},
            )
            assert response.status_code == 201, response.text
            return cls(address, dict(http.cookies), response.json()["csrf_token"])

    async def http(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async with httpx.AsyncClient(base_url=f"http://{self.address}", cookies=self.cookies) as h:
            return await h.request(method, path, headers={"x-csrf-token": self.csrf}, **kwargs)

    async def connect(self, origin: str | None = None, **kwargs: Any) -> None:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await connect(
            f"ws://{self.address}/ws",
            origin=origin or f"http://{self.address}",  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
            compression=None,
            **kwargs,
        )
        self.reader = asyncio.create_task(self._read())

    async def hello(self, case_id: str, last_seq: int | None = None) -> dict[str, Any]:
        self.case_id = case_id
        since = len(self.frames)
        await self.send(
            {
                "type": "hello",
                "case_id": case_id,
                "last_seq": self.last_seq if last_seq is None else last_seq,
            }
        )
        return await self.wait_frame(
            lambda f: f["type"] in ("welcome", "error", "resync"), since=since
        )

    async def join(self, case_id: str) -> None:
        await self.connect()
        welcome = await self.hello(case_id)
        assert welcome["type"] == "welcome", welcome

    async def reconnect(self) -> None:
        await self.disconnect()
        assert self.case_id is not None
        await self.join(self.case_id)

    async def disconnect(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)
        self.ws = self.reader = None

    async def send(self, frame: dict[str, Any] | str | bytes) -> None:
        assert self.ws is not None
        await self.ws.send(frame if isinstance(frame, (str, bytes)) else json.dumps(frame))

    async def command(self, type_: str, key: str | None = None, **body: Any) -> dict[str, Any]:
        key = key or f"k{next(_keys)}"
        since = len(self.frames)
        await self.send({"type": type_, "key": key, **body})
        return await self.wait_frame(
            lambda f: f["type"] in ("ack", "error") and f.get("key") == key, since=since
        )

    async def wait_frame(
        self, match: Callable[[dict[str, Any]], bool], within: float = 10, since: int = 0
    ) -> dict[str, Any]:
        """The first frame from index ``since`` on that matches, waiting for it if needed."""
        seen = since

        def found() -> dict[str, Any] | None:
            nonlocal seen
            for frame in self.frames[seen:]:
                seen += 1
                if match(frame):
                    return frame
            return None

        async with asyncio.timeout(within), self.changed:
            while (frame := found()) is None:
                await self.changed.wait()
        frame_check.raise_mismatches()
        return frame

    async def wait_seq(self, seq: int, within: float = 10) -> None:
        async with asyncio.timeout(within), self.changed:
            await self.changed.wait_for(lambda: self.last_seq >= seq)

    async def _read(self) -> None:
        assert self.ws is not None
        try:
            async for raw in self.ws:
                try:
                    frame = frame_check.room_frame(raw)
                except frame_check.FrameMismatch:
                    frame = json.loads(raw)  # kept, so the test goes on to say what it expected
                async with self.changed:
                    self.frames.append(frame)
                    if frame["type"] == "event":
                        if frame["seq"] != self.last_seq + 1:
                            self.violations.append(f"seq {frame['seq']} after {self.last_seq}")
                        else:
                            self.events.append(frame)
                    self.changed.notify_all()
        except ConnectionClosed:
            pass
        finally:
            async with self.changed:
                self.changed.notify_all()

    @property
    def closed(self) -> bool:
        return self.reader is None or self.reader.done()
