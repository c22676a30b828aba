"""The ``odr`` command: serve, migrate, create-user, solve, verify.

Every failure a person can cause (bad flag, bad setting, bad file) ends with one line on stderr
saying what to fix and exit status 2; never a traceback. Text given as an argument (e-mails,
names, codes) passes the same boundary check as the HTTP API (``odr.web.boundary``): no control
characters, no bytes that are not UTF-8 (Python hands those over as lone surrogates), at most
what its column holds, codes in their format.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from odr import __version__
from odr.auth.roles import Role
from odr.resources import MissingFolderError
from odr.settings import Settings, SettingsError, load_settings
from odr.web import boundary

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def text_argument(flag: str, value: str, max_length: int) -> str:
    """``value`` without surrounding spaces, or ``CliError`` saying what is wrong with it."""
    value = value.strip()
    problem = boundary.text_problem(value) or boundary.length_problem(
        value, min_length=1, max_length=max_length
    )
    if problem is not None:
        raise CliError(f"{flag} {problem.message}")
    return value


def code_argument(flag: str, value: str, id_format: boundary.IdFormat) -> str:
    value = value.strip()
    problem = boundary.text_problem(value) or id_format.problem(value)
    if problem is not None:
        raise CliError(f"{flag} {problem.message}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        result: int = args.run(args)
        return result
    except (CliError, SettingsError, MissingFolderError) as exc:  # the last: a broken install
        print(f"odr {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odr", description="Kelisim online dispute resolution")
    parser.add_argument("--version", action="version", version=f"odr (Kelisim) {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the web service")
    serve.add_argument("--host", help="address to listen on (default: ODR_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default: ODR_PORT or 8000)")
    serve.add_argument("--demo", action="store_true", help="add demo accounts and a sample case")
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

    demo = commands.add_parser(
        "demo",
        help="run a whole negotiation between two simulated parties and write the signed "
        "settlement to a folder",
    )
    demo.add_argument(
        "--out", default="kelisim-demo", help="folder for the PDF and JSON (default kelisim-demo)"
    )
    demo.add_argument(
        "--language",
        default="ru",
        choices=("kk", "ru", "en", "kk+ru"),
        help="the document's language; kk+ru is bilingual, Kazakh prevailing (default ru)",
    )
    demo.set_defaults(run=run_demo)

    solve = commands.add_parser("solve", help="propose packages for a case file (JSON contract)")
    solve.add_argument("case_file", metavar="CASE.json")
    solve.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    solve.set_defaults(run=run_solve)

    verify = commands.add_parser("verify", help="check a sealed settlement PDF offline")
    verify.add_argument("pdf_file", metavar="FILE.pdf")
    verify.add_argument(
        "--key",
        action="append",
        default=[],
        metavar="PUBLIC.pem",
        help="trust this Ed25519 public key (repeatable; default: the data directory's key)",
    )
    verify.set_defaults(run=run_verify)

    backup = commands.add_parser(
        "backup",
        help="write the database and the data directory's keys to one file (holds secrets)",
    )
    backup.add_argument("--out", required=True, metavar="FILE", help="the backup file to create")
    backup.set_defaults(run=run_backup)

    restore = commands.add_parser(
        "restore", help="replace the database and the keys with a backup (service stopped)"
    )
    restore.add_argument("backup_file", metavar="FILE", help="a file made by odr backup")
    restore.add_argument("--yes", action="store_true", help="do not ask before replacing")
    restore.set_defaults(run=run_restore)

    purge = commands.add_parser(
        "purge",
        help="anonymise cases and accounts past their retention period, delete expired "
        "technical rows (ODR_RETAIN_*)",
    )
    purge.add_argument("--dry-run", action="store_true", help="count, change nothing")
    purge.set_defaults(run=run_purge)

    export_user = commands.add_parser(
        "export-user", help="write everything held about one account to a JSON file"
    )
    export_user.add_argument("--email", required=True)
    export_user.add_argument("--out", required=True, metavar="FILE", help="'-' for stdout")
    export_user.set_defaults(run=run_export_user)
    return parser


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
    revision = asyncio.run(_migrate(settings))
    print(f"database schema is at revision {revision}")
    return 0


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

    _run_admin(deactivate)
    print(f"deactivated {args.email.strip().lower()}; {len(ended)} session(s) ended")
    return 0


def run_solve(args: argparse.Namespace) -> int:
    from negotiation.contract import solve_contract
    from negotiation.errors import NegotiationError

    path = Path(args.case_file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CliError(f"{path} is not valid JSON: {exc}") from None
    if args.time_limit <= 0:
        raise CliError("--time-limit must be positive")
    try:
        result = solve_contract(data, time_limit_s=args.time_limit)
    except NegotiationError as exc:
        raise CliError(f"{path}: {exc}") from None
    print(json.dumps(result, ensure_ascii=False))
    return 0


def run_create_court(args: argparse.Namespace) -> int:
    from odr.court.clients import add_court

    code = code_argument("--code", args.code, boundary.COURT_CODE)
    name = text_argument("--name", args.name, 300)  # courts.name

    async def create(services: Any) -> None:
        async with services.sessions() as db:
            await add_court(db, code, name, services.clock())
            await db.commit()

    _run_admin(create)
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

    _run_admin(create)
    print("API token (shown once; store it in the court's system):", file=sys.stderr)
    print(issued[0])
    return 0


def _run_admin(action: Any) -> None:
    """Migrate, then run ``action(services)``; a refused action becomes a one-line error."""
    from odr.errors import ApiError

    settings = load_settings()

    async def run() -> None:
        await _migrate(settings)
        await _with_services(settings, action)

    try:
        asyncio.run(run())
    except ApiError as exc:
        raise CliError(exc.message) from None


def run_demo(args: argparse.Namespace) -> int:
    from odr.logs import configure_logging
    from odr.showcase import DemoError, main

    # The demo serves the real app on loopback: its warnings go through the same redacting JSON
    # handler as `odr serve`, never Python's bare fallback handler.
    configure_logging("WARNING")
    try:
        return main(Path(args.out), args.language)
    except DemoError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot write to {args.out}: {exc.strerror}") from None


def run_verify(args: argparse.Namespace) -> int:
    """Exit 0 when the document is valid, 1 when it is not (reasons printed), 2 on usage errors."""
    from odr.documents import PlatformKeyError, load_public_key_pem, stored_public_key, verify_pdf
    from odr.documents.keys import key_id_of

    try:
        keys = [load_public_key_pem(Path(name).read_bytes()) for name in args.key]
        if not args.key:
            stored = stored_public_key(load_settings().data_dir)
            if stored is None:
                raise CliError("no platform key in the data directory; give --key PUBLIC.pem")
            keys = [stored]
        data = Path(args.pdf_file).read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {exc.filename}: {exc.strerror}") from None
    except PlatformKeyError as exc:
        raise CliError(str(exc)) from None
    result = verify_pdf(data, {key_id_of(key): key for key in keys})
    print(f"{args.pdf_file}: {'VALID' if result.valid else 'INVALID'}")
    if result.verification_code:
        print(f"verification code: {result.verification_code}")
    for signer in result.signers:
        when = signer.signed_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        print(
            f"signed by {signer.role}: {signer.full_name} ({signer.identifier}), {when}, "
            f"{signer.method}"
        )
    if result.settlement is not None:
        platform = result.settlement.platform_signature
        print(
            f"platform signature: key {platform.key_id}, "
            f"{platform.signed_at.strftime('%Y-%m-%d %H:%M:%S UTC')}"
        )
    for reason in result.reasons:
        print(f"reason: {reason.code}: {reason.message}")
    print(f"sha256: {result.pdf_sha256}")
    return 0 if result.valid else 1


def run_purge(args: argparse.Namespace) -> int:
    """Retention (odr/privacy/purge.py): prints counts per kind, never what was purged."""
    from odr.privacy.purge import PurgeReport, purge

    reports: list[PurgeReport] = []

    async def run(services: Any) -> None:
        now = services.clock()
        reports.append(await purge(services.sessions, services.settings, now, dry_run=args.dry_run))

    _run_admin(run)
    report = reports[0]
    verb = "would change" if report.dry_run else "changed"
    for kind, count in report.counts.items():
        print(f"{kind}: {count}")
    print(f"purge {verb} {report.total} row(s) or case(s)")
    return 0


def run_export_user(args: argparse.Namespace) -> int:
    """A data subject's request answered by an administrator (odr/privacy/export.py)."""
    import os

    from odr.auth.accounts import find_user
    from odr.privacy.export import export_user

    email = text_argument("--email", args.email, 254).lower()
    exported: list[str] = []

    async def run(services: Any) -> None:
        async with services.sessions() as db:
            user = await find_user(db, email)
            if user is None:
                raise CliError(f"no account has the e-mail address {email}")
            export = await export_user(db, user, services.clock())
        exported.append(export.model_dump_json(indent=2))

    _run_admin(run)
    if args.out == "-":
        print(exported[0])
        return 0
    path = Path(args.out)
    try:
        # Created for the administrator's eyes only: it holds a person's private answers.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(exported[0] + "\n")
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None
    print(f"wrote the data held about {email} to {path}", file=sys.stderr)
    return 0


def run_backup(args: argparse.Namespace) -> int:
    """A backup while the service runs (odr/backup/); the file holds secrets, mode 0600."""
    from odr.backup.archive import BackupError
    from odr.backup.commands import back_up
    from odr.services import utc_now

    settings = load_settings()
    out = Path(args.out)
    try:
        manifest = back_up(settings, out, utc_now())
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {out}: {out.stat().st_size} bytes, mode 0600")
    print("it holds secrets (the secret key, the platform's signing key): keep it like one")
    print(f"database: {manifest['backend']}, schema revision {manifest['schema_revision']}")
    print(_counted(manifest["counts_at_start"]))
    print(f"platform signing key: {manifest['platform_key_id'] or 'none yet'}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Replace the database and the keys with a backup's; every instance must be stopped."""
    from odr.backup.archive import BackupError, read_manifest
    from odr.backup.commands import restore
    from odr.services import utc_now
    from odr.settings import mask_url

    settings = load_settings()
    path = Path(args.backup_file)
    try:
        manifest = read_manifest(path)
        where = mask_url(settings.database_url)
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError("a restore replaces the database; add --yes to go ahead")
            question = (
                f"Replace the database {where} and the keys in {settings.data_dir} with the "
                f"backup of {manifest['created_at']}? Type 'restore' to go ahead: "
            )
            if input(question).strip() != "restore":
                print("nothing was changed", file=sys.stderr)
                return EXIT_USAGE
        restored = restore(settings, path, utc_now())
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"restored the backup of {manifest['created_at']} (odr {manifest['odr_version']})")
    print(f"database: {where}, schema revision now {restored.revision}")
    print(_counted(restored.counts))
    print(
        f"notices sent after the backup, marked sent (not sent again): "
        f"{restored.notices_marked_sent}"
    )
    for line in restored.keys:
        print(line)
    print("start the service, then check it as docs/operations.md says (Backup and restore)")
    return 0


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in counts.items())


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


async def _migrate(settings: Settings) -> str | None:
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


async def _prepare(settings: Settings, *, demo: bool) -> None:
    await _migrate(settings)
    if demo:
        await _with_services(settings, _seed)


async def _seed(services: Any) -> None:
    from odr.demo import DEMO_PASSWORD, seed_demo

    async with services.sessions() as db:
        accounts = await seed_demo(db, services.hasher, services.settings, services.clock)
    print(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):", file=sys.stderr)
    for account in accounts:
        print(f"  {account.role:9} {account.email}", file=sys.stderr)
    print(
        f"Log in at {services.settings.public_base_url}/ ; a sample case is already open.\n",
        file=sys.stderr,
    )


async def _create_user(
    settings: Settings, email: str, password: str, name: str, role: str, language: str
) -> str:
    from odr.auth.accounts import create_account
    from odr.errors import ApiError

    await _migrate(settings)

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

    result: str = await _with_services(settings, create)
    return result


async def _with_services(settings: Settings, action: Any) -> Any:
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


if __name__ == "__main__":
    sys.exit(main())
