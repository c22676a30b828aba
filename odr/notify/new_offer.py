""" "A new offer while you were away": the other party of an offer hears of it, at most once an
hour, with a link to the room.

Asked for right after the offer is committed (``odr.room.commands.execute``), and queued off the
offer's path: the offer's ack never waits for it. The requests of the last ``BATCH_S`` go into the
outbox together, in one short transaction of their own (the room's transaction belongs to the
room). Measured with bench/realtime.py (2,000 sockets, 500 offers/s, one PostgreSQL instance): a
transaction of its own before every ack took p99 from 15 ms to 7.7 s.

A party makes offers in bursts (an offer, a withdrawal, a counter-offer); one notice per party per
clock hour says "come back" without a letter per move (``dedupe_key``, which also holds across
instances). Whether the recipient has the room open right now is not known across instances
(presence is an ephemeral broadcast, kept by no one), so the hourly bound is what keeps a present
party from being bothered more than once. A request still waiting when the process stops is lost:
the letter is a courtesy, the offer itself is in the room's log.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlalchemy import select

from odr.notify.outbox import enqueue_notice
from odr.persistence.models import Case, CaseParty
from odr.services import Core

log = logging.getLogger("odr.notify")

BATCH_S = 0.5
"""How long requests gather before they are queued together."""

Request = tuple[str, str, str]
"""(case id, the offer's author, the clock hour)."""


def hour_of(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


# Requests already queued by this process (bounded: cleared past a few thousand), and those
# waiting for the next batch, each with the services of the app it came from and its time.
_queued: set[Request] = set()
_QUEUED_MAX = 4096
_pending: dict[Request, tuple[Core, datetime]] = {}
_drainer: asyncio.Task[None] | None = None


def after_offer(services: Core, case_id: str, author_user_id: str) -> None:
    """Ask for the case's other parties to be told that an offer waits for them (once per party
    and hour). Returns at once; the batch is queued within ``BATCH_S``."""
    global _drainer
    now = services.clock()
    request = (case_id, author_user_id, hour_of(now))
    if request in _queued or request in _pending:
        return
    _pending[request] = (services, now)
    if _drainer is None or _drainer.done():
        _drainer = asyncio.get_running_loop().create_task(_drain(), name="new-offer-notices")


async def _drain() -> None:
    while _pending:
        await asyncio.sleep(BATCH_S)
        batch = dict(_pending)
        _pending.clear()
        by_app: dict[int, list[tuple[Request, Core, datetime]]] = {}
        for request, (services, now) in batch.items():
            by_app.setdefault(id(services), []).append((request, services, now))
        for requests in by_app.values():
            await _queue(requests)


async def _queue(requests: list[tuple[Request, Core, datetime]]) -> None:
    """One transaction for the batch of one app. A failure is logged, never raised (the offers
    are committed); the requests are not remembered, so a later offer asks again."""
    services = requests[0][1]
    try:
        async with services.sessions() as db, db.begin():
            for (case_id, author_user_id, hour), _services, now in requests:
                case = await db.get_one(Case, case_id)
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
    except Exception:
        log.exception("new-offer notices not queued", extra={"count": len(requests)})
        return
    if len(_queued) + len(requests) >= _QUEUED_MAX:
        _queued.clear()
    _queued.update(request for request, _services, _now in requests)
