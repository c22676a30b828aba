"""The in-app list of a user's notices: written with their e-mail notice, read and marked read.

The list keeps a notice's kind, public parameters and the page it links to, never a secret (a
reset link is not listed); its text is rendered when read, in the reader's language of the moment
(``templates.render``), so switching language in the app switches the list too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Notification

PAGE = 50


async def record_in_app(
    db: AsyncSession,
    user_id: str,
    kind: str,
    params: dict[str, Any],
    *,
    path: str | None,
    dedupe_key: str | None,
    now: datetime,
) -> Notification | None:
    """List a notice for ``user_id`` (once per ``dedupe_key``), in the caller's transaction;
    the new row, or None when that key was listed before."""
    key = None if dedupe_key is None else f"app:{dedupe_key}"
    if key is not None and await db.scalar(
        select(Notification.id).where(Notification.dedupe_key == key)
    ):
        return None
    row = Notification(
        user_id=user_id,
        kind=kind,
        params=dict(params),
        path=path,
        dedupe_key=key,
        created_at=now,
    )
    db.add(row)
    return row


async def latest(db: AsyncSession, user_id: str, limit: int = PAGE) -> list[Notification]:
    """The user's newest notices first."""
    rows = await db.scalars(
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(rows)


async def unread_count(db: AsyncSession, user_id: str) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
    )
    return int(count or 0)


async def mark_read(db: AsyncSession, user_id: str, ids: list[int] | None, now: datetime) -> int:
    """Mark the user's notices ``ids`` read (all of them when None); someone else's id is left
    alone, silently, as if it did not exist. Returns how many changed."""
    query = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if ids is not None:
        query = query.where(Notification.id.in_(ids))
    result = await db.execute(
        query.values(read_at=now).execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
