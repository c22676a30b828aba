"""Bring the schema up to date with Alembic, on the application's own async engine.

``odr serve`` and ``odr migrate`` both call ``upgrade_to_head``. Alembic runs synchronously inside
``run_sync`` on one connection, so it works under a running event loop and on both backends.
"""

from __future__ import annotations

from functools import cache

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
    """Migrate to the head revision; a quick look at ``alembic_version`` when already there.

    Why the look first: Alembic's upgrade reads and imports every migration script each time,
    a tenth of a second or more with nothing to do, paid by every start of the app (the test
    suite starts it some 1,800 times)."""

    def run(connection: Connection) -> None:
        if MigrationContext.configure(connection).get_current_revision() == _head():
            return
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


@cache
def _head() -> str | None:
    """The scripts' head, read once per process: the scripts do not change under it."""
    return head_revision()
