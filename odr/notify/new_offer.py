""" "A new offer while you were away": the other party of an offer hears of it, at most once an
hour, with a link to the room.

Queued right after the offer is committed (``odr.room.commands.execute``), in its own short
transaction: the room's transaction belongs to the room. A party makes offers in bursts (an
offer, a withdrawal, a counter-offer); one notice per party per clock hour says "come back"
without a letter per move (``dedupe_key``). Whether the recipient has the room open right now is
not known across instances (presence is an ephemeral broadcast, kept by no one), so the hourly
bound is what keeps a present party from being bothered more than once.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select

from odr.notify.outbox import enqueue_notice
from odr.persistence.models import Case, CaseParty
from odr.services import Core

log = logging.getLogger("odr.notify")


def hour_of(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


# (case, author, hour) already queued by this process. The outbox's dedupe_key is what makes the
# notice once per party and hour across instances; this only spares the room a second write
# transaction on every offer of a burst (under load it halved the offers a SQLite room could
# take, bench/realtime.py). Bounded: cleared when it grows past a few thousand keys.
_queued: set[tuple[str, str, str]] = set()
_QUEUED_MAX = 4096


async def after_offer(services: Core, case_id: str, author_user_id: str) -> None:
    """Tell the case's other parties that an offer waits for them (once per party and hour).

    A failure is logged, never raised: the offer itself is committed and must be answered as
    such to its author."""
    now = services.clock()
    key = (case_id, author_user_id, hour_of(now))
    if key in _queued:
        return
    if len(_queued) >= _QUEUED_MAX:
        _queued.clear()
    try:
        async with services.sessions() as db, db.begin():
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
                    dedupe_key=f"new_offer:{case_id}:{user_id}:{hour_of(now)}",
                    now=now,
                    path=f"#/cases/{case_id}/room",
                )
    except Exception:
        log.exception("new-offer notice not queued", extra={"case_id": case_id})
    else:
        _queued.add(key)
