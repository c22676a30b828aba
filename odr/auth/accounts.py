"""Creating accounts: shared by sign-up, ``odr create-user`` and the demo seed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.passwords import PasswordHasherPool
from odr.auth.resets import spend_all
from odr.auth.roles import Role
from odr.auth.sessions import end_user_sessions
from odr.errors import Conflict, NotFound
from odr.persistence.models import User


async def find_user(db: AsyncSession, email: str) -> User | None:
    return await db.scalar(select(User).where(User.email == email.strip().lower()))


async def create_account(
    db: AsyncSession,
    hasher: PasswordHasherPool,
    *,
    email: str,
    password: str,
    display_name: str,
    role: Role,
    language: str,
    now: datetime,
) -> User:
    """Add a user to the session (the caller commits). Raises Conflict if the e-mail is taken."""
    if role not in tuple(Role):  # a caller that skipped the type check (a plain string)
        raise ValueError(f"role must be one of {', '.join(Role)}")
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


async def deactivate_user(db: AsyncSession, email: str, now: datetime) -> tuple[User, list[str]]:
    """Deactivate the account (the caller commits, then announces the ended session ids).

    The user can no longer log in or reset the password; every session ends. Their cases, events
    and signatures stay as they are: they are part of other people's records. Raises NotFound.
    """
    user = await find_user(db, email)
    if user is None:
        raise NotFound(f"there is no account with the e-mail {email.strip().lower()}")
    if user.deactivated_at is None:
        user.deactivated_at = now
    ended = await end_user_sessions(db, user.id)
    await spend_all(db, user.id, now)
    return user, ended
