"""One client's presence in a case's room: said on entering, again every ``PRESENCE_EVERY_S``
while it stays, and once more (offline) on leaving.

Presence has a TTL (``PRESENCE_TTL_S``): every instance forgets a client that stopped saying it
is here, say because its instance died without a goodbye (``presence_book.py``). Saying it again
is one timer per socket re-armed every 25 s and a task only while the announcement is being
published, not a waiting task per socket: idle sockets are most sockets, and whatever each keeps
alive is traversed by every young collection (``bench/realtime.py --profile``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from odr.room import channel, log
from odr.room.room import Room

logger = logging.getLogger("odr.room.ws")
PRESENCE_TTL_S = 60
PRESENCE_EVERY_S = 25


class Presence:
    """The presence of connection ``connection_id`` (``name`` as ``role``) in ``case_id``."""

    def __init__(self, room: Room, case_id: str, connection_id: str, role: str, name: str) -> None:
        self.room = room
        self.case_id = case_id
        self.connection_id, self.role, self.name = connection_id, role, name
        self.timer: asyncio.TimerHandle | None = None
        self.announcing: asyncio.Task[None] | None = None
        self.stopped = False

    def message(self, *, online: bool) -> bytes:
        frame = {
            "type": "presence",
            "connection": self.connection_id,
            "who": {"role": self.role, "name": self.name},
            "online": online,
            "ttl": PRESENCE_TTL_S,
        }
        return channel.ephemeral_message(log.encode(frame))

    async def enter(self) -> None:
        """Say this client is here, ask the others to say they are, and keep saying it."""
        await self.room.publish_raw(self.case_id, self.message(online=True))
        await self.room.publish_raw(self.case_id, channel.PRESENCE_QUERY)
        self._arm()

    async def answer(self) -> None:
        """Another client asked who is here."""
        await self.room.publish_raw(self.case_id, self.message(online=True))

    def pause(self) -> None:
        """Stop saying it (the instance is handing its clients over); no goodbye."""
        self.stopped = True
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    async def leave(self) -> None:
        """Stop saying it and say goodbye (best effort: the TTL ends it anyway)."""
        self.pause()
        if self.announcing is not None:
            self.announcing.cancel()
            await asyncio.gather(self.announcing, return_exceptions=True)
            self.announcing = None
        with contextlib.suppress(Exception):  # the TTL says it for us
            await self.room.publish_raw(self.case_id, self.message(online=False))

    def _arm(self) -> None:
        if not self.stopped:
            loop = asyncio.get_running_loop()
            self.timer = loop.call_later(PRESENCE_EVERY_S, self._due)

    def _due(self) -> None:
        self.timer = None
        self.announcing = asyncio.create_task(self._announce())

    async def _announce(self) -> None:
        try:
            await self.room.publish_raw(self.case_id, self.message(online=True))
        except Exception:  # the broker is down: say it next time; delivery goes on meanwhile
            logger.warning("presence not announced", exc_info=True, extra={"case_id": self.case_id})
        self._arm()
        # Done: not kept (with its finished coroutine) until the next announcement, 25 s on.
        self.announcing = None
