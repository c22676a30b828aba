"""``odr create-court`` and ``odr create-court-client``: connecting a court and its import system.

A client's API token is printed once, on stdout alone (the explanation goes to stderr), so a
script can capture it; only its hash is stored (``odr.court.clients``).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from odr.cli.admin import run_admin
from odr.cli.arguments import code_argument, text_argument
from odr.web import boundary


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    court = commands.add_parser("create-court", help="connect a court (settlements address it)")
    court.add_argument("--code", required=True, help="the court's code, e.g. ASTANA-SMEC")
    court.add_argument("--name", required=True, help="the court's full name")
    court.set_defaults(run=run_create_court)

    client = commands.add_parser(
        "create-court-client", help="issue an API token for a court's import system"
    )
    client.add_argument("--court", required=True, help="the court's code")
    client.add_argument("--name", required=True, help="what the client is, e.g. 'e-filing import'")
    client.set_defaults(run=run_create_court_client)


def run_create_court(args: argparse.Namespace) -> int:
    from odr.court.clients import add_court

    code = code_argument("--code", args.code, boundary.COURT_CODE)
    name = text_argument("--name", args.name, 300)  # courts.name

    async def create(services: Any) -> None:
        async with services.sessions() as db:
            await add_court(db, code, name, services.clock())
            await db.commit()

    run_admin(create)
    print(f"court {code} is connected: {name}")
    return 0


def run_create_court_client(args: argparse.Namespace) -> int:
    from odr.court.clients import issue_client

    court = code_argument("--court", args.court, boundary.COURT_CODE)
    name = text_argument("--name", args.name, 200)  # court_clients.name
    issued: list[str] = []

    async def create(services: Any) -> None:
        async with services.sessions() as db:
            client = await issue_client(db, court, name, services.clock())
            await db.commit()
            issued.append(client.token)

    run_admin(create)
    print("API token (shown once; store it in the court's system):", file=sys.stderr)
    print(issued[0])
    return 0
