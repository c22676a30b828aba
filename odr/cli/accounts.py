"""``odr create-user`` and ``odr deactivate-user``: accounts made and stopped by an administrator.

A password is read from the terminal (asked twice) or, for scripts, from one line of stdin; never
from an argument, where it would sit in the shell's history and the process list.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any

from odr.auth.roles import Role
from odr.cli.admin import migrate_database, run_admin, with_services
from odr.cli.arguments import CliError, text_argument
from odr.settings import Settings, load_settings


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    create = commands.add_parser(
        "create-user", help="create an account (password read from the terminal or stdin)"
    )
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True, help="display name")
    create.add_argument("--role", required=True, choices=tuple(Role))
    create.add_argument("--language", default="ru", choices=("kk", "ru", "en"))
    create.set_defaults(run=run_create_user)

    deactivate = commands.add_parser(
        "deactivate-user", help="stop an account: no login, every session and socket ends"
    )
    deactivate.add_argument("--email", required=True)
    deactivate.set_defaults(run=run_deactivate_user)


def run_create_user(args: argparse.Namespace) -> int:
    from pydantic import TypeAdapter, ValidationError

    from odr.auth.schemas import NewPassword
    from odr.web.schema import Email

    try:
        email = TypeAdapter(Email).validate_python(args.email)
    except ValidationError as exc:
        raise CliError(f"--email {exc.errors()[0]['msg'].removeprefix('Value error, ')}") from None
    name = text_argument("--name", args.name, 200)  # users.display_name
    password = _read_password()
    try:
        TypeAdapter(NewPassword).validate_python(password)
    except ValidationError as exc:
        raise CliError(f"password {exc.errors()[0]['msg'].lower()}") from None
    from odr.auth.strength import weakness

    if (why := weakness(password, email=email, name=args.name)) is not None:
        raise CliError(f"this password is too weak: {why}")
    settings = load_settings()
    user_id = asyncio.run(_create_user(settings, email, password, name, args.role, args.language))
    print(f"created {args.role} {email} (id {user_id})")
    return 0


def run_deactivate_user(args: argparse.Namespace) -> int:
    from odr.auth.accounts import deactivate_user
    from odr.auth.session_end import announce_from_cli

    ended: list[str] = []

    async def deactivate(services: Any) -> None:
        async with services.sessions() as db:
            _, ids = await deactivate_user(db, args.email, services.clock())
            await db.commit()
        ended.extend(ids)
        # Through Redis every instance closes the sockets at once; without it, each notices at
        # its next ODR_SESSION_RECHECK_S.
        await announce_from_cli(services.settings.redis_url, ids)

    run_admin(deactivate)
    print(f"deactivated {args.email.strip().lower()}; {len(ended)} session(s) ended")
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise CliError("the passwords did not match")
        return first
    line = sys.stdin.readline().rstrip("\n")
    if not line:
        raise CliError("give the password on standard input")
    return line


async def _create_user(
    settings: Settings, email: str, password: str, name: str, role: str, language: str
) -> str:
    from odr.auth.accounts import create_account
    from odr.errors import ApiError

    await migrate_database(settings)

    async def create(services: Any) -> str:
        async with services.sessions() as db:
            try:
                user = await create_account(
                    db,
                    services.hasher,
                    email=email,
                    password=password,
                    display_name=name,
                    role=Role(role),
                    language=language,
                    now=services.clock(),
                )
            except ApiError as exc:
                raise CliError(exc.message) from None
            await db.commit()
            return str(user.id)

    result: str = await with_services(settings, create)
    return result
