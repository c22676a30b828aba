"""How a command reaches the database: migrate first, then act on a ``Core`` built for it.

The administrative commands (accounts, courts, purge, export) run against the same services the
web app is built on (``odr.services.Core``), so a rule checked there holds here too; the schema
is brought up to date first, so a fresh install needs no separate ``odr migrate``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from odr.cli.arguments import CliError
from odr.settings import Settings, load_settings


def run_admin(action: Any) -> None:
    """Migrate, then run ``action(services)``; a refused action becomes a one-line error."""
    from odr.errors import ApiError

    settings = load_settings()

    async def run() -> None:
        await migrate_database(settings)
        await with_services(settings, action)

    try:
        asyncio.run(run())
    except ApiError as exc:
        raise CliError(exc.message) from None


async def migrate_database(settings: Settings) -> str | None:
    """Upgrade the schema to head; the revision it is at afterwards."""
    from odr.persistence.engine import make_engine
    from odr.persistence.migrate import current_revision, upgrade_to_head

    engine = make_engine(settings)
    try:
        await upgrade_to_head(engine)
        return await current_revision(engine)
    except OSError as exc:
        raise CliError(f"cannot reach the database: {exc}") from None
    finally:
        await engine.dispose()


async def with_services(settings: Settings, action: Any) -> Any:
    """``action(services)`` on a ``Core`` of its own, released afterwards whatever happens."""
    from odr.auth.passwords import PasswordHasherPool
    from odr.persistence.engine import make_engine, make_sessionmaker
    from odr.services import Core

    engine = make_engine(settings)
    services = Core(settings, engine, make_sessionmaker(engine), PasswordHasherPool(settings))
    try:
        return await action(services)
    finally:
        services.hasher.close()
        await engine.dispose()
