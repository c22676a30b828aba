"""Bring the schema up to date with Alembic, on the application's own async engine.

``odr serve`` and ``odr migrate`` both call ``upgrade_to_head``. Alembic runs synchronously inside
``run_sync`` on one connection, so it works under a running event loop and on both backends.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from odr.resources import folder


def alembic_config() -> Config:
    """Alembic's settings without ``alembic.ini``, which only a checkout has."""
    config = Config()
    config.set_main_option("script_location", str(folder("migrations")))
    return config


async def upgrade_to_head(engine: AsyncEngine) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def current_revision(engine: AsyncEngine) -> str | None:
    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(read)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
