"""uvicorn's WebSocket protocol with less held per idle socket (``odr serve``'s ``ws=``).

A room socket is idle nearly all its life, and at thousands of sockets what each one holds for
that life is the server's memory (#16: under 32 KiB per idle connection). uvicorn's sans-I/O
protocol (the one it picks when ``websockets`` is installed) keeps, per socket and for as long
as it is open:

- the handshake's parsed request and the response it answered with (``request``,
  ``response``): only needed until the answer is sent, about 3.5 KiB of header structures;
- an ``asyncio.Queue`` for the frames the app has not read yet, which allocates three deques
  and an ``Event`` up front (3 KiB on CPython 3.11), where a list and a future made only while
  the app waits for a frame do (the app reads each frame as it comes);
- an ``Event`` ``writable`` (another deque) that is set nearly always.

This subclass drops the first once the handshake is answered and replaces the other two with
:class:`FrameQueue` and :class:`Writable`, which behave alike for the calls uvicorn makes
(``put_nowait``, ``get``, ``empty``; ``set``, ``clear``, ``wait``). It relies on those attribute
names of ``uvicorn.protocols.websockets.websockets_sansio_impl`` (uvicorn 0.55 here):
``tests/odr/test_ws_protocol.py`` runs the room through it, and ``tests/ops`` run ``odr serve``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Final, Protocol

from uvicorn.protocols.utils import ClientDisconnected
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.exceptions import InvalidState


class FrameQueue:
    """What ``asyncio.Queue`` did for uvicorn here: ``put_nowait``, ``get``, ``empty``;
    unbounded (uvicorn pauses reading the socket while a frame waits to be read)."""

    __slots__ = ("_getters", "_items")

    def __init__(self) -> None:
        self._items: list[Any] = []
        self._getters: list[asyncio.Future[None]] | None = None  # only while someone waits

    def put_nowait(self, item: Any) -> None:
        self._items.append(item)
        getters, self._getters = self._getters, None
        for getter in getters or ():
            if not getter.done():
                getter.set_result(None)

    async def get(self) -> Any:
        while not self._items:
            getter = self.arrival()
            try:
                await getter
            finally:
                if self._getters is not None and getter in self._getters:
                    self._getters.remove(getter)
        return self._items.pop(0)

    def arrival(self) -> asyncio.Future[None]:
        """A future done once a frame is queued (see ``LeanWebSocketProtocol.take_frame``)."""
        getter = asyncio.get_running_loop().create_future()
        if self._getters is None:
            self._getters = []
        self._getters.append(getter)
        return getter

    def pop(self) -> Any | None:
        return self._items.pop(0) if self._items else None

    def empty(self) -> bool:
        return not self._items

    def qsize(self) -> int:
        return len(self._items)


class Writable:
    """``asyncio.Event``'s ``set``, ``clear``, ``is_set`` and ``wait``, with waiters in a list
    made only while the transport's buffer is full (the rare case), not a deque per socket."""

    __slots__ = ("_set", "_waiters")

    def __init__(self) -> None:
        self._set = True
        self._waiters: list[asyncio.Future[None]] | None = None

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        self._set = True
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def clear(self) -> None:
        self._set = False

    async def wait(self) -> bool:
        if self._set:
            return True
        waiter = asyncio.get_running_loop().create_future()
        if self._waiters is None:
            self._waiters = []
        self._waiters.append(waiter)
        await waiter
        return True


FRAMES: Final = "odr.frames"
"""The scope extension under which ``LeanWebSocketProtocol`` offers itself as a
:class:`FrameSource` and a :class:`FrameSink`: absent under another server or a test transport,
where the app awaits ASGI's ``receive`` and ``send`` as usual."""


class FrameSource(Protocol):
    def take_frame(self) -> dict[str, Any] | None: ...

    def frame_arrival(self) -> asyncio.Future[None]: ...


class FrameSink(Protocol):
    def send_texts(self, frames: Sequence[bytes]) -> bool: ...

    async def until_writable(self) -> None: ...


class LeanWebSocketProtocol(WebSocketsSansIOProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.queue = FrameQueue()  # type: ignore[assignment]
        self.writable = Writable()  # type: ignore[assignment]

    def handle_connect(self, event: Any) -> None:
        super().handle_connect(event)
        scope = getattr(self, "scope", None)  # None: refused before the app was called
        if scope is not None:
            scope["extensions"][FRAMES] = self

    def take_frame(self) -> dict[str, Any] | None:
        """The ASGI message ``receive`` would return now, or None if there is none yet: then
        await :meth:`frame_arrival` and take again.

        A socket waits for its client's next frame nearly all its life. Awaited through ASGI,
        each wait is Starlette's ``receive``, uvicorn's and the queue's coroutines, a future
        and its iterator, alive until the next frame; thousands of sockets' such waits are what
        every young collection of the garbage collector traverses (25-30 ms pauses at 2,000
        sockets: the room's p99, #16). Through this, a wait is one future."""
        message = self.queue.pop()  # type: ignore[attr-defined]
        if message is not None and self.read_paused and self.queue.empty():
            self.read_paused = False  # as uvicorn's receive does
            self.transport.resume_reading()
        return message  # type: ignore[no-any-return]

    def frame_arrival(self) -> asyncio.Future[None]:
        return self.queue.arrival()  # type: ignore[attr-defined, no-any-return]

    def send_texts(self, frames: Sequence[bytes]) -> bool:
        """Send ``frames`` (UTF-8 JSON, already encoded) as text frames in one write, now; or
        False, sending nothing, while the transport asks us to wait (its buffer is full):
        then await :meth:`until_writable` and send again. Raises ``ClientDisconnected`` once
        the socket is closed, as ASGI's ``send`` does.

        The room's hot path (#16): through ASGI each frame was Starlette's and uvicorn's
        ``send`` coroutines, its message dict, its text decoded from bytes and encoded back,
        and a write of its own; an offer's ack and its event to the same socket now go in
        one write when they are queued together."""
        if (
            self.disconnected
            or self.close_sent
            or not self.handshake_complete
            or self.initial_response is not None  # answered with an HTTP response instead
        ):
            raise ClientDisconnected()
        if not self.writable.is_set():
            return False
        try:
            for frame in frames:
                self.conn.send_text(frame)
        except InvalidState:
            raise ClientDisconnected() from None
        self.transport.write(b"".join(self.conn.data_to_send()))
        return True

    async def until_writable(self) -> None:
        await self.writable.wait()

    async def send(self, message: Any) -> None:
        await super().send(message)
        if self.handshake_complete and message["type"] in ("websocket.accept", "websocket.close"):
            # Answered: the handshake's request and response are not read again.
            self.request = self.response = None  # type: ignore[assignment]
