"""Sending to one room socket: a bounded queue, drained by a task that exists only while there is
something to send.

Why not one writer task per socket waiting on its queue: an idle socket would keep that task
(its coroutine frame, the queue's waiter future, a context) for hours; at 2,000 idle sockets
that was most of the last kilobyte between 32 KiB per socket and the target under it
(bench/realtime.py --memory). Frames are still sent one at a time, in order, by one task: the
one ``put`` starts when the queue was idle, which ends when it finds the queue empty.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.websockets import WebSocket

from realtime.send_queue import SendQueue


class SocketWriter:
    def __init__(self, websocket: WebSocket, max_queued: int) -> None:
        self._ws = websocket
        self._queue = SendQueue(max_queued)
        self._task: asyncio.Task[None] | None = None
        self.broken: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        """Done once a send failed (the client is gone): the connection ends."""

    def put(self, data: bytes) -> bool:
        """Queue ``data``; False (nothing queued) when the queue is full."""
        if not self._queue.put(data):
            return False
        if self._task is None and not self.broken.done():
            self._task = asyncio.create_task(self._send_until_empty())
        return True

    async def join(self) -> None:
        """Wait until everything queued so far is sent (or could not be)."""
        await self._queue.join()

    async def stop(self) -> None:
        """Stop sending (what is queued stays unsent)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self.broken.cancel()

    async def _send_until_empty(self) -> None:
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
            with contextlib.suppress(asyncio.InvalidStateError):
                self.broken.set_result(None)
            self._drain_unsent()
        finally:
            if self._task is asyncio.current_task():
                self._task = None

    def _drain_unsent(self) -> None:
        """After a failed send: what is left will never go; ``join`` must not wait for it."""
        while len(self._queue):
            self._queue.get_nowait()
            self._queue.task_done()
