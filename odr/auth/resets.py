"""Password-reset links: issued by e-mail, single use, short-lived, stored only as a hash.

The token travels in the link's fragment (``/reset#token=…``, like invitations), so it never
reaches a server log or a ``Referer``. The database keeps its SHA-256 (``tokens.token_hash``):
a leaked dump holds no usable link. Spending one link, or changing the password, spends every
other outstanding link of that user, so an older e-mail cannot be used afterwards.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.tokens import new_token, token_hash
from odr.persistence.models import PasswordReset, User


async def issue(db: AsyncSession, user: User, now: datetime, ttl_s: int) -> str:
    """Add a reset for ``user`` (the caller commits); returns the token for the link."""
    token = new_token()
    db.add(
        PasswordReset(
            user_id=user.id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + timedelta(seconds=ttl_s),
        )
    )
    return token


async def find_valid(
    db: AsyncSession, token: str, now: datetime
) -> tuple[PasswordReset, User] | None:
    """The unspent, unexpired reset the token names and its (active) user; None otherwise."""
    row = (
        await db.execute(
            select(PasswordReset, User)
            .join(User, User.id == PasswordReset.user_id)
            .where(PasswordReset.token_hash == token_hash(token))
        )
    ).one_or_none()
    if row is None:
        return None
    reset, user = row
    if reset.used_at is not None or reset.expires_at <= now or user.deactivated_at is not None:
        return None
    return reset, user


async def spend(db: AsyncSession, reset: PasswordReset, now: datetime) -> bool:
    """Mark ``reset`` used, if it still is unspent and unexpired (of two concurrent uses, one
    wins); then spend the user's other links. False when it was no longer valid."""
    claimed = await db.execute(
        update(PasswordReset)
        .where(
            PasswordReset.id == reset.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await spend_all(db, reset.user_id, now)
    return True


async def spend_all(db: AsyncSession, user_id: str, now: datetime) -> None:
    """Every outstanding link of the user stops working (the password changed)."""
    await db.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user_id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
