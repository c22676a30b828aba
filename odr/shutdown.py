"""An instance going away: its sockets hand their clients over, then it stops, in bounded time.

``odr serve`` (``odr/serving.py``) calls ``begin`` on SIGTERM, after it stopped listening and
before uvicorn closes anything. Each room and dashboard socket registered with ``socket()``
sees ``requested`` set, finishes the command it is running (committed and published, acked),
then closes with 1012 "service restart" so the client reconnects at once, to another instance.
``drained`` returns when every registered socket is closed, or at the deadline.

The deadline (``ODR_SHUTDOWN_GRACE_S`` after ``begin``) also bounds what comes after: uvicorn's
wait for HTTP requests in flight, and the lifespan's stopping of the outbox worker and the
deadline scheduler (``remaining``). An app that is never told to stop (tests, ``odr demo``)
stops its parts with ``remaining()`` of ``default_s``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator

from odr.flag import Flag

RESTART_CODE = 1012
"""WebSocket close code "service restart" (RFC 6455 registry): reconnect at once."""
RESTART_REASON = "service restart; reconnect"


class Shutdown:
    def __init__(self, default_s: float = 5.0) -> None:
        self.requested = Flag()
        self.default_s = default_s
        self._deadline: float | None = None
        self._open = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def begin(self, grace_s: float) -> None:
        """Ask every socket to hand its client over; what follows must end ``grace_s`` from now."""
        if self._deadline is None:
            self._deadline = time.monotonic() + grace_s
        self.requested.set()

    def remaining(self) -> float:
        """Seconds left before the deadline (``default_s`` before ``begin``), never below 0."""
        if self._deadline is None:
            return self.default_s
        return max(0.0, self._deadline - time.monotonic())

    @contextlib.contextmanager
    def socket(self) -> Iterator[None]:
        """Count a socket that must be handed over before the instance stops."""
        self._open += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._open -= 1
            if self._open == 0:
                self._idle.set()

    @property
    def open_sockets(self) -> int:
        return self._open

    async def drained(self) -> bool:
        """Wait until every counted socket closed (True) or the deadline passed (False)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.remaining()):
                await self._idle.wait()
        return self._idle.is_set()
