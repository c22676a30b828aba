"""Alembic environment: runs on a connection handed over by ``odr.persistence.migrate``.

For ``alembic revision --autogenerate`` from a shell, it builds an engine from the service settings.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from odr.persistence.models import Base

target_metadata = Base.metadata


def run_on(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    # SQLite changes a table by copying it and dropping the old one (Alembic's batch mode); with
    # foreign keys enforced, that DROP deleted every row that refers to it ON DELETE CASCADE (a
    # downgrade of cases lost the case_secrets). Off for the migration, before its transaction
    # (SQLite ignores the pragma inside one), and on again after.
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


async def run_from_settings() -> None:
    from odr.persistence.engine import make_engine
    from odr.settings import load_settings

    engine = make_engine(load_settings())
    async with engine.begin() as connection:
        await connection.run_sync(run_on)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_on(connection)
else:
    asyncio.run(run_from_settings())
