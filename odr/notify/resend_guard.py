"""Never twice across a restore: the sent-notices ledger as the outbox consults it.

A restored database forgets what was sent after its backup; the data directory's sent-notices
ledger (``sent_ledger.py``) does not. The worker writes each notice there once sent, before its
row is marked, and a leased notice found there is marked sent without sending it again;
``odr restore`` marks every restored pending notice found there as sent at once.

The ledger only guards against a restore: when it cannot be read or written the notice is sent
all the same (and the failure logged), as it would be without the ledger.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.notify.notice_params import Notice, public_params
from odr.notify.sent_ledger import SentLedger, fingerprint
from odr.persistence.models import OutboxNotice

log = logging.getLogger("odr.notify")


class Identified(Notice, Protocol):
    """What a fingerprint is made of: an outbox row, or a leased copy of one (a notice's
    channel, kind, recipient and parameters, with its id and creation time)."""

    @property
    def id(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...


def fingerprint_of(notice: Identified) -> str:
    """The notice's name in the ledger: the same for the row before and after a restore."""
    return fingerprint(
        notice.id,
        notice.channel,
        notice.kind,
        notice.recipient,
        notice.created_at,
        public_params(notice.params),
    )


async def in_ledger(ledger: SentLedger, notice: Identified) -> bool:
    """Whether the ledger says ``notice`` went out already (before a restore)."""
    try:
        known = await asyncio.to_thread(ledger.contains, fingerprint_of(notice))
    except OSError:
        # The ledger only guards against a restore; without it we still send (and say so).
        log.exception("cannot read the sent-notices ledger", extra={"notice_id": notice.id})
        return False
    if known:
        log.info(
            "notice not sent again: the sent-notices ledger has it (database restored?)",
            extra={"notice_id": notice.id, "kind": notice.kind},
        )
    return known


async def remember(ledger: SentLedger, notice: Identified, now: datetime) -> None:
    """Write ``notice`` in the ledger as sent at ``now``: before its row is marked sent."""
    try:
        await asyncio.to_thread(ledger.record, fingerprint_of(notice), notice.id, now)
    except OSError:  # sent all the same: the row is marked; only a restore could repeat it
        log.exception("cannot write the sent-notices ledger", extra={"notice_id": notice.id})


async def mark_sent_from_ledger(
    sessions: async_sessionmaker[AsyncSession], ledger: SentLedger, now: datetime
) -> int:
    """Mark as sent every pending notice the ledger says went out; returns how many.

    For ``odr restore``: the restored outbox then says what really happened at once, and the
    sealed secrets of those notices are erased. The worker checks the ledger anyway.
    """
    marked = 0
    async with sessions() as db, db.begin():
        pending = await db.scalars(select(OutboxNotice).where(OutboxNotice.status == "pending"))
        for row in pending:
            if ledger.contains(fingerprint_of(row)):
                row.status, row.sent_at, row.lease_until = "sent", now, None
                row.params = public_params(row.params)
                marked += 1
    return marked
