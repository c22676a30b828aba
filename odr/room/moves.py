"""Offers, counter-offers, acceptances, rejections and withdrawals, checked by the engine's
protocol state machine (``negotiation.protocol``) folded from the case's logged events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Case, User
from odr.room.frames import Command
from odr.room.log import NewEvent


async def decide(
    db: AsyncSession, case: Case, user: User, role: str, command: Command, now: datetime
) -> Sequence[NewEvent]:
    from odr.room.commands import CommandRefused

    raise CommandRefused("not_available", f"{command.type} is not available yet")
