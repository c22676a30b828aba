"""Who has a case's room open right now, as this instance hears it.

Every room socket announces itself on its case's channel (``connection.py``: online, again every
25 s with a 60 s time to live, offline when it leaves), and the hub shows this book each message
once as it arrives (``Hub(on_message=…)``). An instance hears the channels of the cases it has a
socket in — those of every offer made through it — so the book answers "is the other party in
the room now?" for the "new offer" letter (``odr/notify/room_letters.py``), across instances.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from odr.room.channel import channel_name

_PREFIX = channel_name("")
_PRESENCE = b'P\n{"type":"presence"'
SWEEP_EVERY = 1024
"""Messages between two sweeps of expired entries (a socket that died without saying so)."""


class PresenceBook:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        # case → role → connection id → when its presence expires (clock time)
        self._cases: dict[str, dict[str, dict[str, float]]] = {}
        self._heard = 0

    def heard(self, channel: str, message: bytes) -> None:
        """The hub's ``on_message``: reads presence frames only (by their first bytes)."""
        if not message.startswith(_PRESENCE) or not channel.startswith(_PREFIX):
            return
        try:
            frame = json.loads(message[2:])
            role, connection = str(frame["who"]["role"]), str(frame["connection"])
            online, ttl = bool(frame["online"]), float(frame["ttl"])
        except (ValueError, KeyError, TypeError):
            return
        case_id = channel[len(_PREFIX) :]
        if online:
            roles = self._cases.setdefault(case_id, {})
            roles.setdefault(role, {})[connection] = self._clock() + ttl
        else:
            self._forget(case_id, role, connection)
        self._heard += 1
        if self._heard % SWEEP_EVERY == 0:
            self._sweep()

    def present(self, case_id: str, role: str) -> bool:
        now = self._clock()
        return any(until > now for until in self._cases.get(case_id, {}).get(role, {}).values())

    def _forget(self, case_id: str, role: str, connection: str) -> None:
        roles = self._cases.get(case_id)
        if roles is None:
            return
        connections = roles.get(role)
        if connections is not None:
            connections.pop(connection, None)
            if not connections:
                del roles[role]
        if not roles:
            del self._cases[case_id]

    def _sweep(self) -> None:
        now = self._clock()
        for case_id, roles in list(self._cases.items()):
            for role, connections in list(roles.items()):
                for connection, until in list(connections.items()):
                    if until <= now:
                        self._forget(case_id, role, connection)
