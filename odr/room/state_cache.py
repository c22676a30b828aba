"""What this process last knew of each case's log: its head, the case's status and the folded
negotiation state, advanced only by committed events.

Folding a case's whole log on every command costs more the longer the negotiation runs, and
reading it costs round trips. The cache keeps, per case, the ``seq`` of the last event it knows,
the status the case had then, and (once a move needed it) the negotiation state folded up to that
``seq``. A command uses it as a *guess* that the database then confirms: the event is written at
``seq + 1`` only if that seq is still free and the case still has that status (``store/``), so a
stale entry (another instance wrote, a mediator paused the case) costs a re-read, never a wrong
decision.

It only ever advances by *committed* events: a command's own events are folded in after its
commit, under the case lock, and only when the entry is exactly the head they were written after.
A rolled-back command leaves the entry as it was.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from negotiation import protocol
from negotiation import protocol_events as pe
from odr.room.log import LoggedEvent

Translate = Callable[[Sequence[LoggedEvent]], list[pe.Event]]


@dataclass(frozen=True, slots=True)
class Known:
    seq: int
    """The last seq of the case's log this process knows of."""
    status: str | None
    """The case's status at ``seq``; None when unknown (another writer may have changed it)."""
    state: protocol.NegotiationState | None
    """The negotiation state folded up to ``seq``; None until a move needed it."""
    mechanism: str | None = None
    """The case's mechanism at ``seq`` (packages, bidding, division); known together with
    ``status`` (a switch is logged, so it is as current as ``seq``)."""


def fold(
    state: protocol.NegotiationState, events: Sequence[LoggedEvent], translate: Translate
) -> protocol.NegotiationState:
    for event in translate(events):
        state = protocol.apply(state, event)
    return state


class StateCache:
    def __init__(self, translate: Translate, capacity: int = 10_000) -> None:
        self._known: OrderedDict[str, Known] = OrderedDict()
        self.translate = translate
        self.capacity = capacity

    def get(self, case_id: str) -> Known | None:
        return self._known.get(case_id)

    def put(self, case_id: str, known: Known) -> None:
        self._known[case_id] = known
        self._known.move_to_end(case_id)
        while len(self._known) > self.capacity:
            self._known.popitem(last=False)

    def forget(self, case_id: str) -> None:
        self._known.pop(case_id, None)

    def advance(self, case_id: str, events: Sequence[LoggedEvent], status: str | None) -> None:
        """Fold committed ``events`` (consecutive seqs) in, if the entry is right behind them;
        ``status`` is the case's status after them (None: unknown)."""
        known = self._known.get(case_id)
        if known is None or not events or known.seq != events[0].seq - 1:
            return
        state = known.state
        if state is not None:
            try:
                state = fold(state, events, self.translate)
            except pe.ProtocolError:  # cannot happen for committed events; be safe
                self.forget(case_id)
                return
        mechanism = known.mechanism if status is not None else None
        self.put(case_id, Known(events[-1].seq, status, state, mechanism))

    def heard_of(self, case_id: str, seq: int) -> None:
        """Event ``seq`` was published (by another instance, when it is past the entry): the
        entry is stale, so the next command reads the case instead of guessing. A hint only,
        never content: what the room decides on comes from the database."""
        known = self._known.get(case_id)
        if known is not None and seq > known.seq and known.status is not None:
            self._known[case_id] = Known(known.seq, None, known.state, None)
