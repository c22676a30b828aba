"""One WebSocket client in a case's room: hello, replay, live delivery, commands.

Order of delivery is the log's order. On ``hello`` the connection first joins the case channel
(buffering live messages), then replays from the database everything after the client's
``last_seq``, then drains the live buffer, skipping what it already sent and refilling from the
database whenever it sees a gap. So whatever the broker drops, each client ends up with exactly
the log: no gap, no duplicate.

Only the writer (``socket_writer.py``: one flush per pass of the loop, a task only while the
socket's buffer is full) sends. A
client whose queue overflows is closed with 1013 ("try again later"): it reconnects and resumes
from its last seq, and nobody else ever waits for it.

The connection holds a ``Ticket`` on the session it was opened with: when that session ends
(logout, expiry, password change or reset, deactivation, on any instance) the socket is closed
with 4401, and before acting on any frame the ticket is checked against the clock, so a dead
session never sends a move even if the message announcing its end was lost.

When the instance stops (SIGTERM, ``odr/shutdown.py``) the connection hands its client over:
frames that arrive from then on are not acted on (the client resends its unacknowledged commands
after reconnecting, with their keys), the command being run finishes (committed, published and
acked), what is queued is sent, and the socket closes with 1012 so the client reconnects at once,
to another instance, and resumes from its last ``seq``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from typing import Any

from pydantic import ValidationError
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from odr.auth.session_end import CLOSE_CODE as SESSION_ENDED
from odr.auth.session_end import CLOSE_REASON as SESSION_ENDED_REASON
from odr.auth.session_end import Ticket
from odr.flag import Flag, first_done
from odr.room import channel, log
from odr.room.commands import execute, room_role
from odr.room.errors import CommandRefused
from odr.room.frames import Command, Hello, Ping, client_message
from odr.room.member import Actor
from odr.room.presence import Presence
from odr.room.room import Room
from odr.room.socket_writer import SocketWriter
from odr.shutdown import RESTART_CODE, RESTART_REASON, Shutdown
from odr.web import boundary
from odr.web.validation import field_path
from odr.ws_protocol import FRAMES, FrameSource
from realtime import GAP, SubscriptionClosed
from realtime.hub import Listener
from realtime.ratelimit import TokenBucket

logger = logging.getLogger("odr.room.ws")
REPLAY_BATCH = 500


class ClientTooSlow(Exception):
    pass


class RoomConnection:
    def __init__(
        self,
        websocket: WebSocket,
        room: Room,
        user: Actor,
        ticket: Ticket | None = None,
        shutdown: Shutdown | None = None,
    ) -> None:
        settings = room.services.settings
        self.ws = websocket
        # odr serve's frames without a coroutine chain per wait (odr/ws_protocol.py); else None.
        lean = websocket.scope.get("extensions", {}).get(FRAMES)
        self.frames: FrameSource | None = lean
        self.room = room
        self.user = user
        self.ticket = ticket
        self.session_ended = ticket.ended if ticket is not None else Flag()
        self.id = secrets.token_hex(6)
        self.max_frame = settings.ws_max_frame_bytes
        self.idle_timeout = settings.ws_idle_timeout_s
        self.writer = SocketWriter(websocket, settings.ws_send_queue, sink=lean)
        self.bucket = TokenBucket(settings.ws_rate_per_s, settings.ws_rate_burst, time.monotonic())
        self.case_id: str | None = None
        self.role: str | None = None
        self.sent_seq = 0
        self.names: dict[str, str] = {}
        self.listener: Listener | None = None
        self.pump: asyncio.Task[None] | None = None
        # Done when the client fell behind (its queue overflowed): ``run`` closes with 1013.
        # A future, not an Event and a task waiting on it: an idle socket keeps it for hours.
        self.too_slow: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.shutdown = shutdown or Shutdown()
        self.handing_over = False
        self.handling = asyncio.Lock()  # held while a frame is acted on
        # Idle and presence are one timer each, re-armed rarely, not an ``asyncio.timeout`` per
        # frame or per event: each of those left a Timeout, a TimerHandle, uvloop's UVTimer and
        # a Context alive per socket until its next message, thousands of young objects that
        # every young collection traversed (46-62 ms pauses at 2,000 sockets: bench/realtime.py).
        self.loop = asyncio.get_running_loop()
        self.receiving_since: float | None = None  # when the reader began to wait (loop time)
        self.idle: asyncio.Future[None] = self.loop.create_future()  # done: close 1001
        self.idle_timer: asyncio.TimerHandle | None = None
        self.presence: Presence | None = None  # while in a case

    async def run(self) -> None:
        broken = self.writer.broken
        slow = self.too_slow
        # Futures resolved when the session ends or the instance stops, not a task waiting on
        # each (odr/flag.py): two tasks fewer per idle socket.
        ended = self.session_ended.future()
        reader = asyncio.create_task(self._read_loop())
        stopping = self.shutdown.requested.future()
        idle = self.idle
        self.idle_timer = self.loop.call_later(self.idle_timeout, self._check_idle)
        try:
            await first_done(broken, slow, ended, reader, stopping, idle)
            if ended.done():
                await self._close(SESSION_ENDED, SESSION_ENDED_REASON)
            elif slow.done():
                await self._close(1013, "you fell behind; reconnect to resume")
            elif stopping.done():
                await self._hand_over()
            elif idle.done():
                await self._close(1001, "no activity; reconnect when you are back")
        finally:
            if self.idle_timer is not None:
                self.idle_timer.cancel()
            self.session_ended.discard(ended)
            self.shutdown.requested.discard(stopping)
            for task in (reader, slow, ended, stopping, idle):
                task.cancel()
            await self.writer.stop()
            await self._leave_case()
            await asyncio.gather(reader, slow, ended, stopping, return_exceptions=True)

    async def _hand_over(self) -> None:
        """The instance is stopping: finish the frame in hand, send what is queued, close 1012."""
        self.handing_over = True
        async with self.handling:  # the command being run, if any, ends (and is acked) first
            pass
        if self.presence is not None:
            self.presence.pause()
        if self.pump is not None:  # nothing more joins the queue; the client replays the rest
            self.pump.cancel()
            await asyncio.gather(self.pump, return_exceptions=True)
            self.pump = None
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(0.1, self.shutdown.remaining())):
                await self.writer.join()
        await self.writer.stop()
        await self._close(RESTART_CODE, RESTART_REASON)

    # -- sending --------------------------------------------------------------------------

    def send(self, frame: dict[str, Any] | bytes) -> None:
        data = frame if isinstance(frame, bytes) else log.encode(frame)
        if not self.writer.put(data):
            self._fell_behind()

    def _fell_behind(self) -> None:
        if not self.too_slow.done():
            self.too_slow.set_result(None)

    def error(self, code: str, message: str, key: str | None = None) -> None:
        self.send({"type": "error", "code": code, "message": message, "key": key})

    async def _close(self, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await self.ws.close(code, reason)

    # -- receiving ------------------------------------------------------------------------

    async def _read_loop(self) -> None:
        while True:
            self.receiving_since = self.loop.time()
            try:
                if self.frames is None:  # another server, a test transport
                    message = await self.ws.receive()
                else:  # odr serve: one future per wait (odr/ws_protocol.py, take_frame)
                    taken = self.frames.take_frame()
                    while taken is None:
                        await self.frames.frame_arrival()
                        taken = self.frames.take_frame()
                    message = taken
            except WebSocketDisconnect:
                return
            finally:
                self.receiving_since = None
            if message["type"] == "websocket.disconnect":
                self.ws.client_state = WebSocketState.DISCONNECTED  # as Starlette's receive
                return
            raw = message.get("text")
            data = raw.encode() if raw is not None else message.get("bytes") or b""
            async with self.handling:
                if self.handing_over:
                    continue  # not acted on: the client sends it again after reconnecting
                await self._handle(data)

    def _check_idle(self) -> None:
        """The idle timer: close (1001) a socket whose reader has waited ``idle_timeout`` for a
        frame, else look again when it could first be so (a frame came meanwhile, or one is
        being acted on: the wait starts once it is done)."""
        now = self.loop.time()
        since = self.receiving_since
        if since is not None and now - since >= self.idle_timeout:
            self.idle_timer = None
            if not self.idle.done():
                self.idle.set_result(None)
            return
        due = since + self.idle_timeout if since is not None else now + self.idle_timeout
        self.idle_timer = self.loop.call_at(due, self._check_idle)

    async def _handle(self, data: bytes) -> None:
        if self.ticket is not None and not self.ticket.alive(self.room.services.clock()):
            return  # the session is over: ``run`` closes the socket, nothing is acted on
        if len(data) > self.max_frame:
            self.error("frame_too_large", f"frames may be at most {self.max_frame} bytes")
            return
        if not self.bucket.allow(time.monotonic()):
            self.error("rate_limited", "too many frames; slow down and retry in a moment")
            return
        try:
            frame = client_message.validate_json(data, strict=True)
        except ValidationError as exc:
            self.error("invalid_frame", _describe(exc), key=_key_of(data))
            return
        if isinstance(frame, Ping):
            self.send({"type": "pong"})
        elif isinstance(frame, Hello):
            await self._hello(frame)
        else:
            await self._command(frame)

    async def _command(self, command: Command) -> None:
        if self.case_id is None or self.role is None:
            self.error("hello_first", "say hello with a case id first", key=command.key)
            return
        try:
            seq = await execute(self.room, self.user, self.role, self.case_id, command)
        except CommandRefused as exc:
            self.error(exc.code, exc.message, key=command.key)
            return
        except Exception:  # a bug must not take the connection (or the other side) down
            logger.exception("command failed", extra={"case_id": self.case_id})
            self.error(
                "internal_error",
                "that did not work on our side; nothing was stored",
                key=command.key,
            )
            return
        self.send({"type": "ack", "key": command.key, "seq": seq})

    # -- joining a case -------------------------------------------------------------------

    async def _hello(self, hello: Hello) -> None:
        async with self.room.services.sessions() as db:
            role = await room_role(db, hello.case_id, self.user)
            head = await log.head_seq(db, hello.case_id) if role else 0
        if role is None:
            self.error("case_not_found", "there is no case with this id among your cases")
            return
        if hello.last_seq > head:
            self.send(
                {
                    "type": "resync",
                    "head_seq": head,
                    "reason": "you have events this case does not; start again from 0",
                }
            )
            return
        await self._leave_case()
        self.case_id, self.role, self.sent_seq = hello.case_id, role, hello.last_seq
        self.names = await self.room.actor_names(hello.case_id)
        self.listener = self.room.hub.join(channel.channel_name(hello.case_id))
        name = self.user.display_name
        self.presence = Presence(self.room, hello.case_id, self.id, role, name)
        self.send({"type": "welcome", "case_id": hello.case_id, "role": role, "head_seq": head})
        self.pump = asyncio.create_task(self._pump(hello.case_id, self.listener))

    async def _leave_case(self) -> None:
        if self.presence is not None:
            self.presence.pause()
        if self.pump is not None:
            self.pump.cancel()
            await asyncio.gather(self.pump, return_exceptions=True)
            self.pump = None
        if self.listener is not None:
            self.listener.leave()
            self.listener = None
        if self.presence is not None:
            await self.presence.leave()
            self.presence = None
        self.case_id = self.role = None

    async def _pump(self, case_id: str, listener: Listener) -> None:
        try:
            await self._pump_until_closed(case_id, listener)
        except SubscriptionClosed:  # the hub is shutting down with the server
            return

    async def _pump_until_closed(self, case_id: str, listener: Listener) -> None:
        # Subscribed before replaying: an event committed meanwhile is buffered, not missed.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(5):
                await listener.ready()
        await self._refill(case_id)
        try:  # the case folded now, so the party's first move needs no read of its log
            await self.room.warm(case_id)
        except Exception:  # the database is down: the first move reads it then
            logger.warning("room state not read ahead", exc_info=True, extra={"case_id": case_id})
        if self.presence is not None:
            await self.presence.enter()
        while True:
            # One future per wait, not get()'s coroutines alive until the next event (#16).
            while (message := listener.get_nowait()) is None:
                await listener.arrival()
            if message is GAP:
                if listener.overflowed:
                    self._fell_behind()
                    return
                await self._refill(case_id)
                continue
            assert isinstance(message, bytes)
            await self._deliver(case_id, message)

    async def _deliver(self, case_id: str, message: bytes) -> None:
        parsed = channel.read(message)
        if parsed is None:
            return
        if parsed.kind == "event":
            self.room.states.heard_of(case_id, parsed.seq)
            if parsed.seq == self.sent_seq + 1:
                self.send(parsed.frame)
                self.sent_seq = parsed.seq
            elif parsed.seq > self.sent_seq + 1:
                await self._refill(case_id)  # a message went missing: the log has it
        elif parsed.kind == "ephemeral":
            self.send(parsed.frame)
        elif parsed.kind == "query" and self.presence is not None:
            await self.presence.answer()

    async def _refill(self, case_id: str) -> None:
        """Send every logged event after ``sent_seq``, in order, from the database."""
        while True:
            async with self.room.services.sessions() as db:
                events = await log.events_after(db, case_id, self.sent_seq, REPLAY_BATCH)
            if not events:
                return
            if any(e.actor_user_id and e.actor_user_id not in self.names for e in events):
                self.names = await self.room.actor_names(case_id)
            for event in events:
                name = self.names.get(event.actor_user_id or "")
                self.send(log.event_frame(event, name))
                self.sent_seq = event.seq


def _describe(exc: ValidationError) -> str:
    first = exc.errors(include_url=False)[0]
    where = field_path(first["loc"])
    if first["type"] == "union_tag_invalid":
        return "unknown frame type; see docs/protocol.md for the frame types"
    if first["type"] == "union_tag_not_found":
        return 'every frame needs a "type"'
    if first["type"] == "json_invalid":
        return "the frame is not valid JSON"
    return f"{boundary.printable(where) or 'frame'}: {first['msg']}"


def _key_of(data: bytes) -> str | None:
    """The idempotency key of a refused command, when it can be read, to correlate the error;
    as sent (even a key refused for its spaces), unless it is text no frame may carry."""
    try:
        key = json.loads(data).get("key")
    except (ValueError, AttributeError, RecursionError):
        return None
    if not isinstance(key, str) or len(key) > 64 or boundary.text_problem(key) is not None:
        return None
    return key
