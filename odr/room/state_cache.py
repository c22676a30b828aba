"""Each case's negotiation state, kept in memory and advanced from the log incrementally.

Folding a case's whole log on every command costs more the longer the negotiation runs. The
cache keeps the state folded up to some ``seq`` and, under the case lock, reads only the events
after it. It is filled only from committed events read back from the database, never from
events a command is about to write, so a rolled-back command cannot leave a wrong state behind,
and events written by another instance are picked up on the next read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from negotiation import protocol
from negotiation import protocol_events as pe
from odr.persistence.models import Case
from odr.room import log
from odr.room.log import LoggedEvent

Translate = Callable[[Case, Sequence[LoggedEvent]], list[pe.Event]]


class StateCache:
    def __init__(self, capacity: int = 10_000) -> None:
        self._states: OrderedDict[str, tuple[int, protocol.NegotiationState]] = OrderedDict()
        self.capacity = capacity

    async def state(
        self, db: AsyncSession, case: Case, opening: pe.Event, translate: Translate
    ) -> protocol.NegotiationState:
        """The state after every committed event (call while holding the case lock)."""
        cached = self._states.get(case.id)
        seq, state = cached if cached else (0, protocol.apply(None, opening))
        batch = 1000
        while True:
            events = await log.events_after(db, case.id, seq, limit=batch)
            for event in translate(case, events):
                state = protocol.apply(state, event)
            if events:
                seq = events[-1].seq
            if len(events) < batch:
                break
        self._states[case.id] = (seq, state)
        self._states.move_to_end(case.id)
        while len(self._states) > self.capacity:
            self._states.popitem(last=False)
        return state
