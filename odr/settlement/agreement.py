"""The agreement a settlement is about, read from the case's log, and the log's digest up to it.

The record names the agreement's package, when it was reached (a date in Kazakhstan) and a
SHA-256 of the public log up to it: events after it (messages while signing) are left out, so
the record and its hash stay the same while the parties read and sign.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import CaseEvent

KAZAKHSTAN = ZoneInfo("Asia/Almaty")


@dataclass(frozen=True)
class Agreement:
    version: int
    package: dict[str, str]
    seq: int
    at: datetime


async def agreement_of(db: AsyncSession, case_id: str) -> Agreement | None:
    """The agreement the settlement is about: the room's ``agreement``, or the improvement both
    parties adopted in its place (``improvement_adopted``, odr/negotiating/improvement.py)."""
    row = await db.scalar(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case_id,
            CaseEvent.type.in_(("agreement", "improvement_adopted", "bidding_settled")),
        )
        .order_by(CaseEvent.seq.desc())
        .limit(1)
    )
    if row is None:
        return None
    return Agreement(row.data["version"], dict(row.data["package"]), row.seq, row.created_at)


async def negotiation_digest(db: AsyncSession, case_id: str, up_to_seq: int) -> tuple[str, int]:
    """SHA-256 over the case's public event log up to the agreement, and how many events.

    Events after the agreement (messages while signing) are left out so the record, and thus
    its hash, stays the same while parties read and sign it.
    """
    rows = await db.scalars(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.seq <= up_to_seq)
        .order_by(CaseEvent.seq)
    )
    digest = hashlib.sha256()
    count = 0
    for row in rows:
        line = {
            "seq": row.seq,
            "type": row.type,
            "actor_role": row.actor_role,
            "data": row.data,
            "at": row.created_at.isoformat(),
        }
        digest.update(json.dumps(line, sort_keys=True, separators=(",", ":")).encode() + b"\n")
        count += 1
    return digest.hexdigest(), count


def local_date(moment: datetime) -> date:
    return moment.astimezone(KAZAKHSTAN).date()
