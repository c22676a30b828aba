"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL.

A model changed without a migration (or a migration that differs from its model) would work in
tests that create tables from the migrations and fail elsewhere, or the other way round.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from odr.persistence.engine import make_engine
from odr.persistence.models import Base
from odr.settings import Settings


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": False})
    return list(compare_metadata(context, Base.metadata))


async def test_the_migrated_schema_is_the_models_schema(settings: Settings) -> None:
    engine = make_engine(settings)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == []
