"""The caucus socket, ``/ws/caucus``: the live side of a case's private conversations.

After ``hello`` the case's mediator listens on every party's caucus channel of the case and a
party on its own (``channel.py``); frames of the other party's caucus never reach it, and the
room's socket and the dashboard feed carry nothing of a caucus. Writing works here
(``message``, acknowledged with ``ack``) as over HTTP; the history is read over HTTP.

The seat is checked again every few seconds: a mediator the case was taken from, or a party no
longer of it, is told ``case_not_found`` and the socket stops following the case. The session's
end closes the socket with 4401, the instance's stop with 1012, as for the room's socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from functools import partial
from typing import Any

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from odr.auth import cookies
from odr.auth.roles import Role
from odr.auth.session_end import CLOSE_CODE as SESSION_ENDED
from odr.auth.session_end import CLOSE_REASON as SESSION_ENDED_REASON
from odr.auth.session_end import Ticket
from odr.auth.sessions import live_session_by_id, origin_allowed
from odr.auth.tokens import token_hash
from odr.caucus import access, service
from odr.caucus.channel import channel_name, publish
from odr.caucus.frames import Hello, Ping, Say, client_message
from odr.errors import ApiError
from odr.persistence.models import User
from odr.services import Services
from odr.shutdown import RESTART_CODE, RESTART_REASON
from realtime import GAP, SubscriptionClosed
from realtime.hub import Listener

log = logging.getLogger("odr.caucus.live")
POLICY_VIOLATION = 1008
RECHECK_S = 5.0
CAUCUS_PATH = "/ws/caucus"


async def caucus_socket(websocket: WebSocket, services: Services) -> None:
    origin = websocket.headers.get("origin", "")
    if not origin or not origin_allowed(
        services.settings, origin, websocket.headers.get("host", "")
    ):
        await websocket.close(POLICY_VIOLATION, "origin not allowed")
        return
    token = cookies.read_cookie(services.settings, websocket.cookies, cookies.SESSION)
    if not token:
        await websocket.close(POLICY_VIOLATION, "log in first")
        return
    ticket = services.session_watch.register(token_hash(token))
    try:
        async with services.sessions() as db:
            session = await live_session_by_id(db, ticket.session_id, services.clock())
        if session is None or not ticket.alive(services.clock()):
            await websocket.close(POLICY_VIOLATION, "log in first")
            return
        ticket.expires_at = session.expires_at
        await websocket.accept()
        with services.shutdown.socket():
            await CaucusConnection(websocket, services, session.user, ticket).run()
    finally:
        ticket.release()


class CaucusConnection:
    def __init__(self, ws: WebSocket, services: Services, user: User, ticket: Ticket) -> None:
        self.ws, self.services, self.user, self.ticket = ws, services, user, ticket
        self.case_id: str | None = None
        self.ready: dict[str, Any] = {}
        self.listeners: list[tuple[Listener, asyncio.Task[None]]] = []
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    async def run(self) -> None:
        writer = asyncio.create_task(self._write())
        tasks: list[asyncio.Task[Any]] = [
            asyncio.create_task(self._read()),
            writer,
            asyncio.create_task(self._recheck()),
            asyncio.create_task(self.ticket.ended.wait()),
        ]
        stopping = asyncio.create_task(self.services.shutdown.requested.wait())
        tasks.append(stopping)
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            if self.ticket.ended.is_set():
                with contextlib.suppress(Exception):
                    await self.ws.close(SESSION_ENDED, SESSION_ENDED_REASON)
            elif stopping.done():
                writer.cancel()
                await asyncio.gather(writer, return_exceptions=True)
                with contextlib.suppress(Exception):
                    await self.ws.close(RESTART_CODE, RESTART_REASON)
        finally:
            self._leave()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def _send(self, frame: dict[str, Any]) -> None:
        with contextlib.suppress(asyncio.QueueFull):  # a stuck page rereads on reconnect
            self.outbox.put_nowait(json.dumps(frame))

    def _error(self, code: str, message: str, key: str | None = None) -> None:
        self._send({"type": "error", "code": code, "message": message, "key": key})

    async def _write(self) -> None:
        while True:
            await self.ws.send_text(await self.outbox.get())

    async def _read(self) -> None:
        while True:
            try:
                raw = await self.ws.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                return
            if not self.ticket.alive(self.services.clock()):
                return  # the session is over: ``run`` closes the socket
            try:
                frame = client_message.validate_json(raw)
            except ValidationError as exc:
                problem = exc.errors()[0]
                where = ".".join(str(p) for p in problem["loc"])
                self._error("invalid_frame", f"{where}: {problem['msg']}"[:300], _key(raw))
                continue
            if isinstance(frame, Ping):
                self._send({"type": "pong"})
            elif isinstance(frame, Hello):
                await self._hello(frame.case_id)
            else:
                await self._say(frame)

    async def _seat(
        self, case_id: str, db: AsyncSession | None = None
    ) -> access.MediatorSeat | access.PartySeat:
        if db is None:
            async with self.services.sessions() as own:
                return await self._seat(case_id, own)
        if self.user.role == Role.MEDIATOR:
            return await access.mediator_seat(db, self.user, case_id)
        return await access.party_seat(db, self.user, case_id)

    async def _hello(self, case_id: str) -> None:
        self._leave()
        try:
            seat = await self._seat(case_id)
        except ApiError as refused:
            self._error(refused.code, refused.message)
            return
        roles = list(seat.parties) if isinstance(seat, access.MediatorSeat) else [seat.role]
        for role in roles:
            listener = self.services.room.hub.join(channel_name(case_id, role))
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(5):
                    await listener.ready()
            self.listeners.append((listener, asyncio.create_task(self._pump(listener))))
        self.case_id = case_id
        seat_name = "mediator" if isinstance(seat, access.MediatorSeat) else "party"
        self.ready = {"type": "ready", "case_id": case_id, "as": seat_name, "roles": roles}
        self._send(self.ready)

    async def _say(self, frame: Say) -> None:
        if self.case_id is None:
            self._error("hello_first", "send hello with the case first", frame.key)
            return
        now = self.services.clock()
        try:
            async with self.services.sessions() as db:
                seat = await self._seat(self.case_id, db)
                if isinstance(seat, access.MediatorSeat):
                    if frame.role is None:
                        self._error("role_required", "say whose caucus (role)", frame.key)
                        return
                    said = await service.mediator_says(
                        db, seat, self.user.id, frame.role, frame.text, now
                    )
                else:
                    said = await service.party_says(db, seat, self.user.id, frame.text, now)
        except ApiError as refused:
            self._error(refused.code, refused.message, frame.key)
            return
        message, published = said
        await publish(self.services.room.broker, published)
        self._send({"type": "ack", "key": frame.key, "id": message.id})

    async def _pump(self, listener: Listener) -> None:
        try:
            while True:
                message = await listener.get()
                if isinstance(message, bytes):
                    self._send(json.loads(message))
                elif message is GAP and self.ready:
                    self._send(self.ready)  # frames were lost: "ready" tells the page to reread
        except SubscriptionClosed:
            return

    async def _recheck(self) -> None:
        while True:
            await asyncio.sleep(RECHECK_S)
            if self.case_id is None:
                continue
            try:
                await self._seat(self.case_id)
            except ApiError as refused:
                self._leave()
                self.case_id = None
                self._error(refused.code, refused.message)

    def _leave(self) -> None:
        for listener, pump in self.listeners:
            listener.leave()
            pump.cancel()
        self.listeners = []


def _key(raw: str) -> str | None:
    with contextlib.suppress(ValueError, AttributeError):
        key = json.loads(raw).get("key")
        return key if isinstance(key, str) and len(key) <= 64 else None
    return None


def caucus_routes(services: Services) -> list[WebSocketRoute]:
    return [WebSocketRoute(CAUCUS_PATH, partial(caucus_socket, services=services), name="caucus")]
