"""What every command store shares: the outcome types, the store protocol, deciding and folding."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from negotiation.protocol import NegotiationState
from odr.cases.status import CaseStatus
from odr.room import moves
from odr.room.log import LoggedEvent
from odr.room.moves import Decision
from odr.room.state_cache import Known, fold

T = TypeVar("T")

DecideCommand = Callable[[str, str, NegotiationState | None, datetime], Decision]
"""(case status, case mechanism, negotiation state or None when not asked for, now) -> what to
log; raises ``CommandRefused`` to refuse. Pure: it may run on another thread.

The mechanism is read with the status, but the write only re-checks the status: it needs no
check of its own because the mechanism never changes without an event in the log (the switch's
``mechanism_switch``/``bidding`` event commits with it), so a decision on a stale mechanism is a
decision on a stale head, which the write refuses (``seq`` taken) and the command decides again."""

ACQUIRE_TIMEOUT_S = 30.0
"""How long a command waits for a PostgreSQL connection (as SQLAlchemy's pool would)."""
CLOSE_TIMEOUT_S = 10.0
"""How long closing waits for commands still running before cutting their connections."""

MAX_ATTEMPTS = 20
"""Decisions per command before giving up (each retry means another writer got in first)."""


@dataclass(frozen=True)
class Outcome:
    """What a command did: committed ``events`` (empty when it logged nothing or was a retry),
    the seq to acknowledge, and what the process now knows of the case (None: nothing)."""

    first_seq: int
    events: tuple[LoggedEvent, ...]
    replayed: bool
    known: Known | None


@dataclass(frozen=True)
class Snapshot:
    """The case as one read saw it."""

    status: str | None  # None: no such case
    head: int
    earlier: int | None  # seq of the event an earlier command with this key produced
    issues: list[dict[str, Any]] | None = None
    created_at: datetime | None = None
    events: tuple[LoggedEvent, ...] = ()  # the events after the ``after`` asked for
    mechanism: str | None = None  # packages, bidding or division (None: no such case)
    parties: tuple[str, ...] = ()  # the keys of the parties who joined (read with ``issues``)


class CommandStore(Protocol):
    async def run(
        self,
        case_id: str,
        user_id: str,
        key: str | None,
        decide: DecideCommand,
        *,
        needs_state: bool,
        known: Known | None,
        clock: Callable[[], datetime],
    ) -> Outcome:
        """Decide and log one command (the caller holds the case's in-process lock)."""
        ...

    async def close(self) -> None: ...


class Conflict(Exception):
    """The write found the case changed since the decision: decide again."""


def json_text(data: Any) -> str:
    # What SQLAlchemy's JSON type stores (its default serializer is json.dumps).
    return json.dumps(data)


def decided_events(
    case_id: str, head: int, decision: Decision, now: datetime
) -> tuple[LoggedEvent, ...]:
    return tuple(
        LoggedEvent(case_id, head + n, e.type, e.actor_user_id, e.actor_role, e.data, now)
        for n, e in enumerate(decision.events, 1)
    )


def state_at(
    snap: Snapshot, base: NegotiationState | None, needs_state: bool
) -> NegotiationState | None:
    """The negotiation state at the snapshot's head: ``base`` (the cached state at the
    ``after`` the snapshot was read from; None: from the start) advanced by its events."""
    if not needs_state:
        return None
    if base is None:
        assert snap.issues is not None and snap.created_at is not None
        base = moves.opening(snap.parties, snap.issues, snap.created_at)
    return fold(base, snap.events, moves.to_protocol_events)


def known_after(
    previous: Known | None,
    head: int,
    status: str,
    mechanism: str,
    state: NegotiationState | None,
    events: tuple[LoggedEvent, ...],
    decision: Decision,
) -> Known:
    """What is known once ``events``, decided at ``head`` on ``status``, ``mechanism`` and
    ``state`` (None for a message), are committed."""
    if state is None and previous is not None and previous.seq == head:
        state = previous.state  # a message: the cached state only moves along
    after = fold(state, events, moves.to_protocol_events) if state is not None else None
    if status == CaseStatus.AWAITING_RESPONDENT:
        # Parties still join (no event tells): the state is read afresh once the case opens.
        after = None
    return Known(events[-1].seq, decision.case_status or status, after, mechanism)


def known_at(head: int, status: str, mechanism: str, state: NegotiationState | None) -> Known:
    """What a read showed, when the command logged nothing (``Room.warm``'s read, say): a
    guess like any other, which the next write checks."""
    if status == CaseStatus.AWAITING_RESPONDENT:
        state = None  # parties still join (as in ``known_after``)
    return Known(head, status, state, mechanism)


def party_keys(joined: str | None) -> tuple[str, ...]:
    """The parties' keys as the stores' SQL lists them (comma-separated, in any order)."""
    return tuple(joined.split(",")) if joined else ()


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)
