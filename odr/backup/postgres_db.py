"""PostgreSQL: ``pg_dump`` for the backup, ``pg_restore`` and ``psql`` for the restore.

The dump is in ``pg_dump``'s custom format (compressed, checked with ``pg_restore --list`` as soon
as it is written). ``pg_dump`` reads one consistent snapshot, so the service keeps running.

The restore replaces every table, sequence and view in the ``public`` schema with the backup's,
in **one transaction**: ``psql`` runs a statement that drops what is there (including tables a
later migration added, which ``pg_restore --clean`` would leave behind and the next migration
would then trip over), then the script ``pg_restore`` makes of the dump, and commits only if all
of it went through. Anything failing rolls all of it back and the old database is untouched.
Objects are created owned by the restoring role (``--no-owner --no-privileges``), so the dump
restores into a new database of another role just as well.

The client tools must be at least as new as the server (``pg_dump`` refuses an older one): those
of the server's major version are used when installed (Debian's ``/usr/lib/postgresql/N/bin``),
else the ones on ``PATH`` if they are new enough. They are pointed at the database with a
connection string naming a password file (0600, removed afterwards): the password is never on a
command line that ``ps`` would show.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from odr.backup.archive import BackupError

MEMBER = "database.pgdump"

# Drops everything the dump will create (and whatever a newer schema added): tables first (their
# own sequences go with them), then what is left.
DROP_ALL = """
DO $$
DECLARE names text;
BEGIN
  SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') INTO names
    FROM pg_tables WHERE schemaname = 'public';
  IF names IS NOT NULL THEN EXECUTE 'DROP TABLE IF EXISTS ' || names || ' CASCADE'; END IF;
  SELECT string_agg(format('%I.%I', schemaname, viewname), ', ') INTO names
    FROM pg_views WHERE schemaname = 'public';
  IF names IS NOT NULL THEN EXECUTE 'DROP VIEW IF EXISTS ' || names || ' CASCADE'; END IF;
  SELECT string_agg(format('%I.%I', schemaname, sequencename), ', ') INTO names
    FROM pg_sequences WHERE schemaname = 'public';
  IF names IS NOT NULL THEN EXECUTE 'DROP SEQUENCE IF EXISTS ' || names || ' CASCADE'; END IF;
END $$;
"""


@contextlib.contextmanager
def connection_string(database_url: str) -> Iterator[str]:
    """A libpq connection string for the service's database, valid inside the ``with``."""
    url = make_url(database_url)
    host, port = url.host or "localhost", str(url.port or 5432)
    user, database = url.username or "", url.database or ""
    parts = {"host": host, "port": port, "dbname": database, "connect_timeout": "10"}
    if user:
        parts["user"] = user
    ssl = url.query.get("sslmode") or url.query.get("ssl")
    if isinstance(ssl, str) and ssl:
        parts["sslmode"] = {"true": "require", "false": "disable"}.get(ssl, ssl)
    with tempfile.TemporaryDirectory(prefix="kelisim-pg-") as folder:
        if url.password:
            passfile = Path(folder) / "pgpass"
            fields = (host, port, database, user or "*", url.password)
            line = ":".join(f.replace("\\", "\\\\").replace(":", "\\:") for f in fields)
            fd = os.open(passfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(line + "\n")
            parts["passfile"] = str(passfile)
        yield " ".join(f"{key}={_quoted(value)}" for key, value in parts.items())


def _quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


async def server_major(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        number = int((await connection.execute(text("SHOW server_version_num"))).scalar_one())
    return number // 10000


async def other_sessions(engine: AsyncEngine) -> list[str]:
    """What else is connected to the database (a running service, a psql): one name each."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT coalesce(nullif(application_name, ''), client_addr::text, 'local') "
                "FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
        )
        return [str(name) for name in rows.scalars()]


def tool(name: str, major: int) -> str:
    """The path of the client tool ``name`` usable with a server of version ``major``."""
    candidates = [f"/usr/lib/postgresql/{major}/bin/{name}", shutil.which(name)]
    for path in candidates:
        if path and os.access(path, os.X_OK) and _major_of(path) >= major:
            return path
    raise BackupError(
        f"{name} for PostgreSQL {major} or newer is not installed "
        f"(install postgresql-client-{major})"
    )


def _major_of(path: str) -> int:
    try:
        output = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return 0
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def dump(database_url: str, major: int, out: Path) -> None:
    with connection_string(database_url) as dsn:
        _run([tool("pg_dump", major), "--format=custom", "--file", str(out), dsn], "pg_dump")
    _run([tool("pg_restore", major), "--list", str(out)], "pg_restore --list")


def load(database_url: str, major: int, dump_file: Path) -> None:
    with connection_string(database_url) as dsn:
        _load(dsn, major, dump_file)


def _load(dsn: str, major: int, dump_file: Path) -> None:
    """``pg_restore``'s script relayed into ``psql`` inside ``BEGIN`` … ``COMMIT``.

    ``COMMIT`` is sent only once ``pg_restore`` has finished without error: a dump that breaks
    off half-way must not commit the half that arrived (``psql --single-transaction`` would, at
    the end of its input). Without it ``psql`` reaches the end of its input inside the
    transaction and the server rolls it back.
    """
    with tempfile.TemporaryFile() as made_errors, tempfile.TemporaryFile() as applied_errors:
        script = subprocess.Popen(
            [tool("pg_restore", major), "--no-owner", "--no-privileges", "-f", "-", str(dump_file)],
            stdout=subprocess.PIPE,
            stderr=made_errors,
        )
        psql = subprocess.Popen(
            [tool("psql", major), "-d", dsn, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=applied_errors,
        )
        assert script.stdout is not None and psql.stdin is not None
        try:
            psql.stdin.write(b"BEGIN;\n" + DROP_ALL.encode())
            while chunk := script.stdout.read(1 << 16):
                psql.stdin.write(chunk)
            made = script.wait()
            if made == 0:
                psql.stdin.write(b"\nCOMMIT;\n")
        except BrokenPipeError:  # psql stopped at an error; its status and message say which
            script.kill()
            made = script.wait()
        finally:
            script.stdout.close()
            with contextlib.suppress(BrokenPipeError):
                psql.stdin.close()
        applied = psql.wait()
        made_errors.seek(0)
        applied_errors.seek(0)
        made_text = made_errors.read().decode(errors="replace")
        applied_text = applied_errors.read().decode(errors="replace")
    if applied != 0:
        raise BackupError(
            "the restore failed and was rolled back, the database is as it was: "
            f"{_last_line(applied_text)}"
        )
    if made != 0:
        raise BackupError(
            "pg_restore could not read the whole dump; nothing was committed, the database is "
            f"as it was: {_last_line(made_text)}"
        )


def _run(argv: list[str], what: str) -> None:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=24 * 3600)
    except OSError as exc:
        raise BackupError(f"cannot run {what}: {exc.strerror}") from None
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {_last_line(result.stderr)}")


def _last_line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no message"
