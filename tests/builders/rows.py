"""How many rows a table holds, read through the test's own app: tests count rows to prove that
a refused request stored nothing, or that a burst of requests stored one thing once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from starlette.applications import Starlette

from odr.persistence.models import Base
from tests.builders.app import services_of


async def count(app: Starlette, model: type[Base], *where: Any) -> int:
    """The rows of ``model`` that match every condition in ``where`` (all of them if none)."""
    async with services_of(app).sessions() as db:
        return int(await db.scalar(select(func.count()).select_from(model).where(*where)) or 0)
