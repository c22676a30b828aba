"""The dashboard's live channel, ``/ws/centre``: one socket per dashboard, activity of every
visible case as it happens.

It listens on the room channels of the cases the person sees (the hub shares one broker
subscription per channel with the rooms) and forwards only a summary of each logged event:
``{"type": "activity", "case_id", "seq", "event", "at"}``; the page reloads the row. The set of
cases is looked up again every few seconds, so newly assigned cases join without a reconnect.
When the staff member's session ends (logout, expiry, password change or reset, deactivation)
the socket closes with 4401, on whichever instance serves it (``odr/auth/session_end.py``).
When the instance stops, it closes with 1012 and the page reconnects at once to another one
(``odr/shutdown.py``); the dashboard reloads its rows then, so nothing in between is missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from functools import partial
from typing import Any

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from odr.auth import cookies
from odr.auth.roles import STAFF
from odr.auth.session_end import CLOSE_CODE as SESSION_ENDED
from odr.auth.session_end import CLOSE_REASON as SESSION_ENDED_REASON
from odr.auth.session_end import Ticket
from odr.auth.sessions import live_session_by_id, origin_allowed
from odr.auth.tokens import token_hash
from odr.centre.dashboard import visible_case_ids
from odr.persistence.models import User
from odr.room import channel
from odr.room.room import Room
from odr.services import Services
from odr.shutdown import RESTART_CODE, RESTART_REASON, Shutdown
from realtime import GAP, SubscriptionClosed
from realtime.hub import Listener

log = logging.getLogger("odr.centre.live")
POLICY_VIOLATION = 1008
RESCAN_S = 5.0


async def centre_socket(websocket: WebSocket, services: Services) -> None:
    room = services.room
    origin = websocket.headers.get("origin", "")
    if not origin or not origin_allowed(
        services.settings, origin, websocket.headers.get("host", "")
    ):
        await websocket.close(POLICY_VIOLATION, "origin not allowed")
        return
    token = cookies.read_cookie(services.settings, websocket.cookies, cookies.SESSION)
    if not token:
        await websocket.close(POLICY_VIOLATION, "log in as centre staff first")
        return
    watch = services.session_watch
    # Registered before the session is read: an end announced from now on reaches this ticket.
    ticket = watch.register(token_hash(token))
    try:
        async with services.sessions() as db:
            session = await live_session_by_id(db, ticket.session_id, services.clock())
        if session is None or session.user.role not in STAFF:
            await websocket.close(POLICY_VIOLATION, "log in as centre staff first")
            return
        ticket.expires_at = session.expires_at
        await websocket.accept()
        with services.shutdown.socket():
            await DashboardFeed(websocket, room, session.user, ticket, services.shutdown).run()
    finally:
        ticket.release()


class DashboardFeed:
    def __init__(
        self,
        websocket: WebSocket,
        room: Room,
        user: User,
        ticket: Ticket,
        shutdown: Shutdown | None = None,
    ) -> None:
        self.ws = websocket
        self.shutdown = shutdown or Shutdown()
        self.room = room
        self.user = user
        self.ticket = ticket
        self.listeners: dict[str, tuple[Listener, asyncio.Task[None]]] = {}
        self.outbox: asyncio.Queue[str] = asyncio.Queue(maxsize=1000)

    async def run(self) -> None:
        writer = asyncio.create_task(self._write())
        tasks: list[asyncio.Task[Any]] = [
            asyncio.create_task(self._read()),
            writer,
            asyncio.create_task(self._rescan()),
        ]
        ended = asyncio.create_task(self.ticket.ended.wait())
        stopping = asyncio.create_task(self.shutdown.requested.wait())
        tasks += [ended, stopping]
        try:
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            if self.ticket.ended.is_set():
                with contextlib.suppress(Exception):
                    await self.ws.close(SESSION_ENDED, SESSION_ENDED_REASON)
            elif stopping.done():
                writer.cancel()  # the close is the last thing this socket sends
                await asyncio.gather(writer, return_exceptions=True)
                with contextlib.suppress(Exception):
                    await self.ws.close(RESTART_CODE, RESTART_REASON)
        finally:
            for task in tasks:
                task.cancel()
            for listener, pump in self.listeners.values():
                listener.leave()
                pump.cancel()
            await asyncio.gather(
                *tasks, *(p for _, p in self.listeners.values()), return_exceptions=True
            )

    def _send(self, frame: dict[str, object]) -> None:
        with contextlib.suppress(asyncio.QueueFull):  # a stuck page reloads on reconnect
            self.outbox.put_nowait(json.dumps(frame))

    async def _write(self) -> None:
        while True:
            await self.ws.send_text(await self.outbox.get())

    async def _read(self) -> None:
        while True:
            try:
                message = await self.ws.receive_text()
            except (WebSocketDisconnect, RuntimeError, KeyError):
                return
            if not self.ticket.alive(self.room.services.clock()):
                return  # the session is over: ``run`` closes the socket
            if '"ping"' in message:
                self._send({"type": "pong"})

    async def _rescan(self) -> None:
        first = True
        while True:
            async with self.room.services.sessions() as db:
                wanted = set(await visible_case_ids(db, self.user))
            for case_id in wanted - self.listeners.keys():
                listener = self.room.hub.join(channel.channel_name(case_id))
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(5):
                        await listener.ready()
                self.listeners[case_id] = (
                    listener,
                    asyncio.create_task(self._pump(case_id, listener)),
                )
                if not first:
                    self._send({"type": "assigned", "case_id": case_id})
            for case_id in self.listeners.keys() - wanted:
                listener, pump = self.listeners.pop(case_id)
                listener.leave()
                pump.cancel()
                self._send({"type": "unassigned", "case_id": case_id})
            if first:
                self._send({"type": "ready", "cases": sorted(wanted)})
                first = False
            await asyncio.sleep(RESCAN_S)

    async def _pump(self, case_id: str, listener: Listener) -> None:
        try:
            while True:
                message = await listener.get()
                if message is GAP:
                    self._send({"type": "activity", "case_id": case_id, "event": None})
                    continue
                assert isinstance(message, bytes)
                parsed = channel.read(message)
                if parsed is None or parsed.kind != "event":
                    continue
                frame = json.loads(parsed.frame)
                self._send(
                    {
                        "type": "activity",
                        "case_id": case_id,
                        "seq": parsed.seq,
                        "event": frame.get("event"),
                        "at": frame.get("at"),
                    }
                )
        except SubscriptionClosed:
            return


def centre_routes(services: Services) -> list[WebSocketRoute]:
    route = partial(centre_socket, services=services)
    return [WebSocketRoute("/ws/centre", route, name="centre_live")]
