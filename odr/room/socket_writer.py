"""Sending to one room socket: a bounded queue, written out by a callback at the end of the loop's
pass, or by a task only while the socket cannot take more.

Under ``odr serve`` the socket is a :class:`~odr.ws_protocol.FrameSink`: ``put`` schedules one
flush (``loop.call_soon``) for everything queued in this pass of the event loop, and the flush
writes it in one go. An offer's ack and the offer's event to the same party, say, are often one
write. Only when the transport's buffer is full does a task wait for it to drain, then flush.
Under another server or a test transport, frames go through ASGI's ``send``, one at a time, by a
task that exists while there is something to send.

Why not one writer task per socket waiting on its queue: an idle socket would keep that task
(its coroutine frame, the queue's waiter future, a context) for hours; at 2,000 idle sockets
that was most of the last kilobyte between 32 KiB per socket and the target under it
(bench/realtime.py). And why not a task per burst, as before #16's last round: a task, its
coroutine and Starlette's and uvicorn's ``send`` per frame were the largest part of the room's
own CPU per offer (``bench/realtime.py --profile``).
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.websockets import WebSocket

from odr.ws_protocol import FrameSink
from realtime.send_queue import SendQueue


class SocketWriter:
    def __init__(
        self, websocket: WebSocket, max_queued: int, sink: FrameSink | None = None
    ) -> None:
        self._ws = websocket
        self._sink = sink
        self._queue = SendQueue(max_queued)
        self._loop = asyncio.get_running_loop()
        self._flush_due: asyncio.Handle | None = None
        self._task: asyncio.Task[None] | None = None
        self._stopped = False
        self.broken: asyncio.Future[None] = self._loop.create_future()
        """Done once a send failed (the client is gone): the connection ends."""

    def put(self, data: bytes) -> bool:
        """Queue ``data``; False (nothing queued) when the queue is full."""
        if not self._queue.put(data):
            return False
        if self._task is None and self._flush_due is None and not self._stopped:
            if self._sink is not None:
                self._flush_due = self._loop.call_soon(self._flush)
            else:
                self._task = self._loop.create_task(self._send_one_by_one())
        return True

    async def join(self) -> None:
        """Wait until everything queued so far is sent (or could not be)."""
        await self._queue.join()

    async def stop(self) -> None:
        """Stop sending (what is queued stays unsent)."""
        self._stopped = True
        if self._flush_due is not None:
            self._flush_due.cancel()
            self._flush_due = None
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self.broken.cancel()

    def _flush(self) -> None:
        """The loop's pass is over: write what is queued, or wait for the socket to drain."""
        self._flush_due = None
        if self._task is not None or self._stopped or self.broken.done():
            return
        if not self._write_queued():
            self._task = self._loop.create_task(self._flush_when_writable())

    def _write_queued(self) -> bool:
        """Everything queued, in one write; False (nothing taken) while the socket is full."""
        assert self._sink is not None
        frames = self._queue.peek_all()
        if not frames:
            return True
        try:
            if not self._sink.send_texts(frames):
                return False
        except Exception:
            self._break()
            return True
        self._queue.done_with(len(frames))
        return True

    async def _flush_when_writable(self) -> None:
        assert self._sink is not None
        try:
            while len(self._queue) and not self.broken.done():
                await self._sink.until_writable()
                self._write_queued()
        finally:
            if self._task is asyncio.current_task():
                self._task = None

    async def _send_one_by_one(self) -> None:
        """Through ASGI (another server, a test transport): each frame its own ``send``."""
        try:
            while len(self._queue):
                data = self._queue.get_nowait()
                try:
                    await self._ws.send_text(data.decode())
                finally:
                    self._queue.task_done()
        except asyncio.CancelledError:
            raise
        except Exception:
            self._break()
        finally:
            if self._task is asyncio.current_task():
                self._task = None

    def _break(self) -> None:
        """A send failed: the client is gone; what is left will never go, and ``join`` must not
        wait for it."""
        with contextlib.suppress(asyncio.InvalidStateError):
            self.broken.set_result(None)
        while len(self._queue):
            self._queue.get_nowait()
            self._queue.task_done()
