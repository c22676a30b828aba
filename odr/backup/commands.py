"""``odr backup`` and ``odr restore``: one way to save and bring back a deployment, either backend.

A backup is taken while the service runs (``pg_dump`` and SQLite's backup API both read one
consistent snapshot). A restore needs every instance stopped, and checks: an instance's open
connections are seen (PostgreSQL's ``pg_stat_activity``, SQLite's shared-memory lock) and the
restore refuses. A running instance would otherwise keep what it knew of the old database: the
room's cache of each log's head is checked by the database before every write (it never writes
past a log that went back), but a socket that already showed a party events the restored log no
longer has would carry on from its old position, and the party's view would not match the log.
Stopped, every socket closes; a browser that comes back claiming more than the restored log holds
is told to ``resync`` (docs/protocol.md).

After the database and the keys are back, the schema is brought to this version's head and the
outbox is reconciled with the data directory's sent-notices ledger (``odr/notify/sent_ledger.py``):
notices the backup holds as pending but that went out after it are marked sent, not sent again.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from odr import __version__
from odr.backup import archive, data_files, postgres_db, sqlite_db
from odr.backup.archive import BackupError
from odr.notify.resend_guard import mark_sent_from_ledger
from odr.notify.sent_ledger import SentLedger
from odr.persistence.engine import make_engine, make_sessionmaker
from odr.persistence.migrate import current_revision, upgrade_to_head
from odr.settings import Settings

COUNTS = {
    "cases": "SELECT count(*) FROM cases",
    "case_events": "SELECT count(*) FROM case_events",
    "signed_settlements": "SELECT count(*) FROM settlements WHERE signed_at IS NOT NULL",
    "pending_notices": "SELECT count(*) FROM outbox WHERE status = 'pending'",
}


@dataclass(frozen=True)
class Restored:
    manifest: dict[str, Any]
    revision: str | None
    counts: dict[str, int]
    notices_marked_sent: int
    keys: list[str]


def backend_of(settings: Settings) -> str:
    return "sqlite" if settings.is_sqlite else "postgresql"


def back_up(settings: Settings, out: Path, now: datetime) -> dict[str, Any]:
    """Write a backup of the database and the data directory's keys to ``out``; its manifest."""
    if out.exists():
        raise BackupError(f"{out} already exists; choose another file name")
    counts, revision, major = asyncio.run(_before_backup(settings))
    with tempfile.TemporaryDirectory(prefix="kelisim-backup-") as folder:
        work = Path(folder)
        if major is None:
            member = sqlite_db.MEMBER
            sqlite_db.dump(sqlite_db.database_path(settings.database_url), work / member)
        else:
            member = postgres_db.MEMBER
            postgres_db.dump(settings.database_url, major, work / member)
        members = {member: work / member, **data_files.collect(settings, work)}
        platform = members.get(data_files.PLATFORM_MEMBER)
        manifest = {
            "format": archive.FORMAT,
            "version": archive.VERSION,
            "created_at": now.isoformat(),
            "odr_version": __version__,
            "backend": backend_of(settings),
            "server_major": major,
            "schema_revision": revision,
            "database": member,
            "counts_at_start": counts,
            "platform_key_id": data_files.platform_key_id(platform.read_bytes())
            if platform
            else None,
            "secret_key_source": data_files.secret_key_source(settings),
            "holds_secrets": True,
        }
        archive.write(out, manifest, members)
    return manifest


def restore(settings: Settings, backup: Path, now: datetime) -> Restored:
    """Replace the database and the keys with the backup's; refused while the service runs."""
    with tempfile.TemporaryDirectory(prefix="kelisim-restore-") as folder:
        work = Path(folder)
        manifest = archive.read(backup, work)
        if manifest.get("backend") != backend_of(settings):
            raise BackupError(
                f"{backup} is a backup of a {manifest.get('backend')} database; "
                f"ODR_DATABASE_URL points to {backend_of(settings)}"
            )
        database = work / str(manifest["database"])
        if settings.is_sqlite:
            path = sqlite_db.database_path(settings.database_url)
            if sqlite_db.in_use_after(path):  # before this process opens it (see in_use)
                raise BackupError(
                    f"{path} is open in another process: stop every odr serve (and anything "
                    "else using the database), then restore"
                )
            sqlite_db.load(database, path)
        else:
            major = asyncio.run(check_postgres_idle(settings))
            postgres_db.load(settings.database_url, major, database)
        keys = data_files.restore(settings, work, now)
    revision, counts, marked = asyncio.run(_after_restore(settings, now))
    return Restored(manifest, revision, counts, marked, keys)


async def _before_backup(settings: Settings) -> tuple[dict[str, int], str | None, int | None]:
    async with _engine(settings) as engine:
        counts = await _counts(engine)
        revision = await current_revision(engine)
        major = None if settings.is_sqlite else await postgres_db.server_major(engine)
        return counts, revision, major


async def _after_restore(
    settings: Settings, now: datetime
) -> tuple[str | None, dict[str, int], int]:
    """Migrate to this version's schema, then mark sent what the ledger says went out."""
    async with _engine(settings) as engine:
        await upgrade_to_head(engine)
        ledger = SentLedger.in_directory(settings.data_dir)
        marked = await mark_sent_from_ledger(make_sessionmaker(engine), ledger, now)
        return await current_revision(engine), await _counts(engine), marked


@contextlib.asynccontextmanager
async def _engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """The service's engine for one step; a database that cannot be reached is one line."""
    engine = make_engine(settings)
    try:
        yield engine
    except OSError as exc:
        raise BackupError(f"cannot reach the database: {exc}") from None
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise BackupError(f"the database refused: {reason}") from None
    finally:
        await engine.dispose()


LINGER_S = 3.0
"""How long a restore waits for connections that are closing: a server that has just stopped
has closed its sockets, but PostgreSQL lists each backend in ``pg_stat_activity`` until that
process has exited, which on a busy machine takes a moment."""


async def check_postgres_idle(settings: Settings) -> int:
    async with _engine(settings) as engine:
        major = await postgres_db.server_major(engine)
        others = await postgres_db.other_sessions(engine)
        waited = 0.0
        while others and waited < LINGER_S:
            await asyncio.sleep(0.2)
            waited += 0.2
            others = await postgres_db.other_sessions(engine)
    if others:
        names = ", ".join(sorted(set(others)))
        raise BackupError(
            f"{len(others)} other connection(s) to the database ({names}): stop every "
            "odr serve (and close other clients), then restore"
        )
    return major


async def _counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as connection:
        if "cases" not in await connection.run_sync(lambda c: inspect(c).get_table_names()):
            raise BackupError("the database has no Kelisim schema (run odr migrate first)")
        return {
            name: int((await connection.execute(text(sql))).scalar_one())
            for name, sql in COUNTS.items()
        }
