""" "A new offer while you were away": the other party of an offer hears of it, at most once an
hour, with a link to the room.

The room calls ``NewOfferLetters.note`` after an offer is committed (``Room.on_offer``); the
letters are queued by a task of this app, all offers of the last moment in ONE transaction.
Why not one transaction per offer, right after it: under load (bench/realtime.py, 500 offers/s)
every offer's acknowledgement then waited for a write transaction of its own, and the p99 of an
offer's ack grew from 15 ms to 7.7 s. The offer is already in the log; the letter is a courtesy
and may come half a second later.

The task belongs to the app: started in its lifespan and stopped there (``stop`` writes what is
still pending) before the database engine is disposed — a letter written after its app stopped
would reopen a connection of a disposed engine (which once made ``odr restore`` on PostgreSQL
find "another connection to the database").

A party makes offers in bursts (an offer, a withdrawal, a counter-offer); one notice per party
per clock hour says "come back" without a letter per move (``dedupe_key``). Whether the
recipient has the room open right now is not known across instances (presence is an ephemeral
broadcast, kept by no one), so the hourly bound is what keeps a present party from being
bothered more than once.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from datetime import datetime

from sqlalchemy import select

from odr.notify.outbox import enqueue_notice
from odr.persistence.models import Case, CaseParty
from odr.services import Core

log = logging.getLogger("odr.notify")

BATCH_SECONDS = 0.25
"""How long the first offer of a batch waits for others: long enough to gather a busy moment's
offers into one transaction, short enough that nobody notices."""
MEMO_MAX = 4096


def hour_of(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


class NewOfferLetters:
    """Queues the "new offer" notices of this app, in batches, off the offers' path."""

    def __init__(self, services: Core, batch_seconds: float = BATCH_SECONDS) -> None:
        self._services = services
        self.batch_seconds = batch_seconds
        """Read at each batch: a test may lengthen it."""
        self._pending: dict[tuple[str, str, str], datetime] = {}
        # (case, author, hour) already queued by this process. The outbox's dedupe_key is what
        # makes the notice once per party and hour across instances; this spares the database
        # the work for every offer of a burst. Bounded: cleared when it grows too large.
        self._queued: set[tuple[str, str, str]] = set()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._writing: asyncio.Lock = asyncio.Lock()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="new-offer-letters")

    def note(self, case_id: str, author_user_id: str) -> None:
        """An offer by ``author_user_id`` was committed in ``case_id``; never blocks or raises."""
        if self._task is None:  # the app is not running (starting or stopped): nothing to write
            log.info("new-offer notice not queued: app not running", extra={"case_id": case_id})
            return
        now = self._services.clock()
        key = (case_id, author_user_id, hour_of(now))
        if key in self._queued or key in self._pending:
            return
        self._pending[key] = now
        self._wake.set()

    async def flush(self) -> int:
        """Write what is pending now; returns how many offers it covered (tests, shutdown)."""
        async with self._writing:
            batch, self._pending = self._pending, {}
            if not batch:
                return 0
            try:
                await self._write(batch)
            except Exception:
                log.exception("new-offer notices not queued", extra={"offers": len(batch)})
                return 0
            if len(self._queued) + len(batch) > MEMO_MAX:
                self._queued.clear()
            self._queued.update(batch)
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

    async def _write(self, batch: dict[tuple[str, str, str], datetime]) -> None:
        async with self._services.sessions() as db, db.begin():
            for (case_id, author_user_id, hour), now in batch.items():
                case = await db.get(Case, case_id)
                if case is None:  # erased meanwhile: nobody to tell
                    continue
                others = await db.scalars(
                    select(CaseParty.user_id).where(
                        CaseParty.case_id == case_id, CaseParty.user_id != author_user_id
                    )
                )
                for user_id in list(others):
                    await enqueue_notice(
                        db,
                        user_id=user_id,
                        kind="new_offer",
                        params={"reference": case.reference},
                        dedupe_key=f"new_offer:{case_id}:{user_id}:{hour}",
                        now=now,
                        path=f"#/cases/{case_id}/room",
                    )
