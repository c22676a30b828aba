"""The letters the room's events call for ("a new offer", "your turn"), queued off their path.

The room calls ``RoomLetters.note`` with the events it has just committed (``Room.on_committed``);
``turns.letters_for`` says which letters they call for, and a task of this app queues them, all
letters of the last moment in ONE transaction. Why not one transaction per offer, right after
it: under load (bench/realtime.py, 500 offers/s) every offer's acknowledgement then waited for a
write transaction of its own, and the p99 of an offer's ack grew from 15 ms to 7.7 s. The event
is already in the log; the letter is a courtesy and may come a quarter second later.

The task belongs to the app: started in its lifespan and stopped there (``stop`` writes what is
still pending) before the database engine is disposed — a letter written after its app stopped
would reopen a connection of a disposed engine.

Each letter goes once per recipient and key (the outbox's ``dedupe_key``; a process memo spares
the database the work for the same key again). "A new offer" is at most one per party and clock
hour, and none to a party who has the room open at that moment (``present``: the room's
``PresenceBook``, which hears every instance's sockets in the case); a later offer of the hour
reaches it if it has left by then. Until it leaves, the later offers' letters are not looked up
again (``_spared``): while two parties trade offers in the room, that was a database round trip
per offer for nothing (bench/realtime.py, 500 offers/s: a quarter of the server's CPU).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.notify.outbox import enqueue_notice
from odr.notify.turns import Letter, letters_for
from odr.persistence.models import Case, CaseParty, PartyInterests, PrivateInput
from odr.room.log import LoggedEvent
from odr.services import Core

log = logging.getLogger("odr.notify")

BATCH_SECONDS = 0.25
"""How long the first letter of a batch waits for others: long enough to gather a busy moment's
offers into one transaction, short enough that nobody notices."""
MEMO_MAX = 4096
SPARED_SECONDS = 30.0
"""How long "everyone it was for is in the room" holds without a fresh look: a party who joins
the case meanwhile (a later respondent, #17) is found by the next look."""


class RoomLetters:
    """Queues the room's letters of this app, in batches, off the events' path."""

    def __init__(
        self,
        services: Core,
        present: Callable[[str, str], bool] = lambda case_id, role: False,
        batch_seconds: float = BATCH_SECONDS,
    ) -> None:
        self._services = services
        self._present = present
        """(case id, role) → whether that party has the case's room open now (PresenceBook)."""
        self.batch_seconds = batch_seconds
        """Read at each batch: a test may lengthen it."""
        self._pending: dict[tuple[str, str, str | None], Letter] = {}
        self._queued: set[tuple[str, str, str | None]] = set()
        self._spared: dict[tuple[str, str, str | None], tuple[frozenset[str], float]] = {}
        """Letters not sent because their recipients had the room open: the roles spared, and
        until when (monotonic) that answer may stand while those roles are still present."""
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._writing = asyncio.Lock()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="room-letters")

    def note(self, case_id: str, events: Sequence[LoggedEvent]) -> None:
        """``events`` were committed in ``case_id``; never blocks or raises."""
        letters = letters_for(case_id, events, self._services.clock())
        if not letters:
            return
        if self._task is None:  # the app is not running (starting or stopped): nothing to write
            log.info("room letters not queued: app not running", extra={"case_id": case_id})
            return
        queued = False
        for letter in letters:
            key = (letter.case_id, letter.dedupe, letter.actor_user_id)
            if key in self._queued or key in self._pending or self._still_spared(key):
                continue
            self._pending[key] = letter
            queued = True
        if queued:
            self._wake.set()

    def _still_spared(self, key: tuple[str, str, str | None]) -> bool:
        spared = self._spared.get(key)
        if spared is None:
            return False
        roles, until = spared
        if time.monotonic() < until and all(self._present(key[0], role) for role in roles):
            return True
        del self._spared[key]
        return False

    async def flush(self) -> int:
        """Write what is pending now; returns how many letters (tests, shutdown)."""
        async with self._writing:
            batch, self._pending = self._pending, {}
            if not batch:
                return 0
            try:
                async with self._services.sessions() as db, db.begin():
                    cases = await _cases(db, {letter.case_id for letter in batch.values()})
                    spared = {
                        key: await self._write(db, letter, cases.get(letter.case_id))
                        for key, letter in batch.items()
                    }
            except Exception:
                log.exception("room letters not queued", extra={"letters": len(batch)})
                return 0
            if len(self._queued) + len(spared) > MEMO_MAX:
                self._queued.clear()
            if len(self._spared) + len(spared) > MEMO_MAX:
                self._spared.clear()
            until = time.monotonic() + SPARED_SECONDS
            for key, roles in spared.items():
                if roles:  # someone was in the room: a later letter of the key may go to it
                    self._spared[key] = (roles, until)
                else:
                    self._queued.add(key)
            return len(batch)

    async def stop(self) -> None:
        """Stop the task and write what is still pending (before the engine is disposed)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
        await self.flush()

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            await asyncio.sleep(self.batch_seconds)
            await self.flush()

    async def _write(
        self, db: AsyncSession, letter: Letter, case: _CaseParties | None
    ) -> frozenset[str]:
        """Queue ``letter`` to its recipients; the roles spared for having the room open."""
        if case is None:  # erased meanwhile: nobody to tell
            return frozenset()
        now = self._services.clock()
        path = f"#/cases/{letter.case_id}" + (f"/{letter.page}" if letter.page else "")
        spared: set[str] = set()
        for user_id, role in await _recipients(db, letter, case.roles):
            if letter.unless_present and self._present(letter.case_id, role):
                spared.add(role)
                continue
            await enqueue_notice(
                db,
                user_id=user_id,
                kind=letter.kind,
                params={"reference": case.reference, **dict(letter.params)},
                dedupe_key=f"{letter.dedupe}:{letter.case_id}:{user_id}",
                now=now,
                path=path,
            )
        return frozenset(spared)


@dataclass
class _CaseParties:
    reference: str
    roles: dict[str, str] = field(default_factory=dict)
    """user id → role"""


async def _cases(db: AsyncSession, case_ids: set[str]) -> dict[str, _CaseParties]:
    """The batch's cases and the parties taking part in each (any number, 2 to 10), in two
    queries for the whole batch: a query or two per letter was most of the server's CPU at 500
    offers/s (bench/realtime.py)."""
    found = {
        case_id: _CaseParties(reference)
        for case_id, reference in await db.execute(
            select(Case.id, Case.reference).where(Case.id.in_(case_ids))
        )
    }
    parties = select(CaseParty.case_id, CaseParty.user_id, CaseParty.role).where(
        CaseParty.case_id.in_(found), CaseParty.withdrawn_at.is_(None)
    )  # a party that withdrew left the negotiation: the room's news is no longer its own
    for case_id, user_id, role in await db.execute(parties):
        found[case_id].roles[user_id] = role
    return found


async def _recipients(
    db: AsyncSession, letter: Letter, roles: dict[str, str]
) -> list[tuple[str, str]]:
    """(user id, role) of the letter's recipients among the case's parties ``roles``."""
    parties = set(roles)
    if letter.to == "others":
        parties.discard(letter.actor_user_id or "")
    if letter.unless_done == "interests":
        parties -= set(
            await db.scalars(
                select(PartyInterests.user_id).where(PartyInterests.case_id == letter.case_id)
            )
        )
    elif letter.unless_done == "points":
        parties -= set(
            await db.scalars(
                select(PrivateInput.user_id).where(
                    PrivateInput.case_id == letter.case_id, PrivateInput.kind == "points"
                )
            )
        )
    return sorted((user_id, roles[user_id]) for user_id in parties)
