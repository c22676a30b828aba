"""Demo data for ``odr serve --demo``: a conciliation centre with the demo mediator."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Centre, Mediator, User
from odr.settings import Settings

DEMO_CENTRE = "Алматинский центр примирения (демо)"


async def ensure_demo_centre(
    db: AsyncSession, mediator: User, settings: Settings, now: datetime
) -> None:
    """Idempotent: adds the centre and registers the mediator only when missing."""
    centre = await db.scalar(select(Centre).where(Centre.name == DEMO_CENTRE))
    if centre is None:
        centre = Centre(
            name=DEMO_CENTRE,
            region="Алматы",
            languages=["kk", "ru", "en"],
            deadline_days=settings.deadline_days,
            created_at=now,
        )
        db.add(centre)
        await db.flush()
    if await db.scalar(select(Mediator.id).where(Mediator.user_id == mediator.id)) is None:
        db.add(
            Mediator(
                user_id=mediator.id,
                centre_id=centre.id,
                kind="professional",
                certificate_number="DEMO-0001",
                certificate_date=date(2024, 3, 1),
                languages=["kk", "ru", "en"],
                categories=["civil", "family", "labour", "commercial", "consumer"],
                capacity=50,
                active=True,
                created_at=now,
            )
        )
        await db.flush()
