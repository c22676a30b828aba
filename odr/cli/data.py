"""``odr backup``, ``odr restore``, ``odr purge`` and ``odr export-user``: the deployment's data
as a whole (backup/, privacy/).

A backup and an export hold secrets or a person's private answers: the files are created mode
0600. A restore replaces the database, so it asks first (or wants ``--yes``) and answers
``EXIT_USAGE`` when the administrator does not confirm.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from odr.cli.admin import run_admin
from odr.cli.arguments import EXIT_USAGE, CliError, text_argument
from odr.settings import load_settings


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def run_purge(args: argparse.Namespace) -> int:
    """Retention (odr/privacy/purge.py): prints counts per kind, never what was purged."""
    from odr.privacy.purge import PurgeReport, purge

    reports: list[PurgeReport] = []

    async def run(services: Any) -> None:
        now = services.clock()
        reports.append(await purge(services.sessions, services.settings, now, dry_run=args.dry_run))

    run_admin(run)
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

    run_admin(run)
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


def _counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{name.replace('_', ' ')}: {count}" for name, count in counts.items())
