"""Telling a centre's administrators about a case that needs a person: no eligible mediator for
a new case, an unassigned case whose deadline passed, a case whose mediator was deactivated.

Each alert is a notice (``enqueue_notice``: by the channels each administrator chose, and listed
in their in-app notices) linking to the case's staff page, queued in the caller's transaction,
so it exists exactly when what it announces was committed, once per case and occasion
(``dedupe_key``). A centre without administrators alerts the platform's administrators instead:
someone must hear of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.notify import enqueue_notice
from odr.persistence.models import Case, CentreAdmin, User


async def centre_admin_ids(db: AsyncSession, centre_id: str) -> list[str]:
    """The active accounts that administer ``centre_id``; the platform administrators when
    it has none."""
    admins = list(
        await db.scalars(
            select(User.id)
            .join(CentreAdmin, CentreAdmin.user_id == User.id)
            .where(CentreAdmin.centre_id == centre_id, User.deactivated_at.is_(None))
            .order_by(User.id)
        )
    )
    if admins:
        return admins
    return list(
        await db.scalars(
            select(User.id)
            .where(User.role == Role.ADMIN, User.deactivated_at.is_(None))
            .order_by(User.id)
        )
    )


async def alert_admins(
    db: AsyncSession,
    centre_id: str,
    case: Case,
    kind: str,
    occasion: str,
    now: datetime,
    **params: Any,
) -> None:
    """Queue ``kind`` about ``case`` to each administrator of ``centre_id`` (caller commits);
    ``occasion`` names this alert, so the same one is queued once."""
    for user_id in await centre_admin_ids(db, centre_id):
        await enqueue_notice(
            db,
            user_id=user_id,
            kind=kind,
            params={"reference": case.reference, "subject": case.subject, **params},
            dedupe_key=f"alert:{occasion}:{case.id}:{user_id}",
            now=now,
            path=f"#/mediator/cases/{case.id}",
        )
