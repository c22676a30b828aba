"""``odr serve`` and ``odr migrate``: running the web service and bringing its schema up to date."""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import replace

from odr.cli.admin import migrate_database
from odr.cli.arguments import CliError
from odr.settings import Settings, load_settings


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser("serve", help="run the web service")
    serve.add_argument("--host", help="address to listen on (default: ODR_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: ODR_PORT or 8000)")
    serve.add_argument("--demo", action="store_true", help="add demo accounts and sample cases")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes serving the port, e.g. one per core (default 1; above 1 needs "
        "ODR_REDIS_URL and PostgreSQL, see docs/operations.md)",
    )
    serve.set_defaults(run=run_serve)

    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(run=run_migrate)


def run_serve(args: argparse.Namespace) -> int:
    from odr.logs import configure_logging
    from odr.serving import serve, workers_problem

    settings = load_settings(host=args.host, port=args.port)
    problem = workers_problem(settings, args.workers)
    if problem is not None:
        raise CliError(problem)
    configure_logging(settings.log_level)
    asyncio.run(_prepare(settings, demo=args.demo))
    print(f"Kelisim is running at {settings.public_base_url}/  (Ctrl+C to stop)", file=sys.stderr)
    return serve(settings, args.workers)


def run_migrate(args: argparse.Namespace) -> int:
    settings = load_settings()
    revision = asyncio.run(migrate_database(settings))
    print(f"database schema is at revision {revision}")
    return 0


async def _prepare(settings: Settings, *, demo: bool) -> None:
    await migrate_database(settings)
    if demo:
        await _seed(settings)


async def _seed(settings: Settings) -> None:
    """The demo's cases are built through the app's own services (its room included), on an
    app of their own started without background workers: no deadline fires mid-way."""
    from odr.app import create_app, services_of
    from odr.demo import DEMO_PASSWORD, seed_demo

    app = create_app(replace(settings, background_workers=False))
    async with app.router.lifespan_context(app):
        services = services_of(app)
        async with services.sessions() as db:
            accounts = await seed_demo(db, services)
    print(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):", file=sys.stderr)
    for account in accounts:
        print(f"  {account.role:9} {account.email:28} {account.shows}", file=sys.stderr)
    print(f"Log in at {settings.public_base_url}/ ; the sample cases are ready.\n", file=sys.stderr)
