"""SQLite: copy and restore the database with SQLite's online backup API.

The backup API copies a consistent snapshot while the service keeps writing (it restarts when a
page changes under it), so a backup needs no downtime. Restoring goes the same way in the other
direction, *into* the live file through a connection, so its write-ahead log and shared memory
stay consistent (copying a file over a database with a ``-wal`` beside it would corrupt it), and
the copy is one transaction: a failed restore leaves the old database.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from odr.backup.archive import BackupError

MEMBER = "database.sqlite3"
# In WAL mode every open connection holds a shared lock on this byte of the ``-shm`` file
# (SQLite's "dead man switch", os_unix.c UNIX_SHM_DMS), released only when it closes.
_SHM_DMS_BYTE = 128


def database_path(database_url: str) -> Path:
    name = make_url(database_url).database
    if not name or name == ":memory:":
        raise BackupError("ODR_DATABASE_URL names no SQLite file to back up")
    return Path(name)


def in_use(path: Path) -> bool:
    """Whether another process has the database open (a running ``odr serve``, say).

    Call it before this process opens the database: closing the descriptor used here drops
    every lock this process holds on the file, SQLite's included.
    """
    try:
        fd = os.open(f"{path}-shm", os.O_RDWR)
    except FileNotFoundError:
        return False  # the last connection to close removes it
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)


def in_use_after(path: Path, grace_s: float = 3.0, every_s: float = 0.1) -> bool:
    """``in_use``, asked again for up to ``grace_s`` while it says yes: a server that has just
    stopped may still be closing its connections (its threads release the file a moment after
    it exits), as PostgreSQL's backends linger (``postgres_db``). One that stays is in use."""
    deadline = time.monotonic() + grace_s
    while in_use(path):
        if time.monotonic() >= deadline:
            return True
        time.sleep(every_s)
    return False


def dump(path: Path, out: Path) -> None:
    """A consistent copy of the live database at ``path`` into the new file ``out``."""
    if not path.exists():
        raise BackupError(f"there is no database at {path}")
    source = sqlite3.connect(path, timeout=30)
    target = sqlite3.connect(out)
    try:
        source.backup(target)
        _check(target, out)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot copy the database {path}: {exc}") from None
    finally:
        target.close()
        source.close()


def load(copy: Path, path: Path) -> None:
    """Replace the database at ``path`` (created if missing) with the backed-up ``copy``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(copy)
    target = sqlite3.connect(path, timeout=30)
    try:
        _check(source, copy)
        page_size = source.execute("PRAGMA page_size").fetchone()[0]
        wal = target.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        if wal and target.execute("PRAGMA page_size").fetchone()[0] != page_size:
            target.execute("PRAGMA journal_mode=DELETE")  # WAL cannot change its page size
        source.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        _check(target, path)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot restore into {path}: {exc}") from None
    finally:
        target.close()
        source.close()


def _check(connection: sqlite3.Connection, path: Path) -> None:
    result = connection.execute("PRAGMA quick_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"the database {path} is damaged: {result}")
