"""Creating accounts: shared by sign-up, ``odr create-user`` and the demo seed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.passwords import PasswordHasherPool
from odr.errors import Conflict
from odr.persistence.models import User

ROLES: tuple[str, ...] = ("party", "mediator", "clerk", "admin")


async def find_user(db: AsyncSession, email: str) -> User | None:
    return await db.scalar(select(User).where(User.email == email.strip().lower()))


async def create_account(
    db: AsyncSession,
    hasher: PasswordHasherPool,
    *,
    email: str,
    password: str,
    display_name: str,
    role: str,
    language: str,
    now: datetime,
) -> User:
    """Add a user to the session (the caller commits). Raises Conflict if the e-mail is taken."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    email = email.strip().lower()
    if await find_user(db, email) is not None:
        raise Conflict(
            "an account with this e-mail already exists; log in instead", code="email_taken"
        )
    user = User(
        email=email,
        password_hash=await hasher.hash(password),
        display_name=display_name,
        role=role,
        language=language,
        created_at=now,
    )
    db.add(user)
    return user
