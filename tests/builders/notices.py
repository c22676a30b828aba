"""Notices queued straight into the outbox, as the app's own code queues them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.notify import enqueue_notice
from odr.persistence.models import User


async def queue_notices(
    db: AsyncSession, email: str, count: int, kind: str, params: Callable[[int], dict[str, Any]]
) -> None:
    """Queue ``count`` notices of ``kind`` to the account ``email``, the n-th with ``params(n)``,
    in ``db``'s transaction (the caller commits)."""
    user_id = await db.scalar(select(User.id).where(User.email == email))
    assert user_id is not None, f"no account {email}"
    for number in range(count):
        await enqueue_notice(db, user_id=user_id, kind=kind, params=params(number))
