"""``odr restore`` on SQLite gives a server that has just stopped a moment to let go of the file
(odr/backup/sqlite_db.py, in_use_after); one that keeps it open is still refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from odr.backup.sqlite_db import in_use_after

HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("pragma journal_mode=wal"); db.execute("create table if not exists t (x)")
db.execute("insert into t values (1)"); db.commit()
print("open", flush=True)
time.sleep(float(sys.argv[2]))
db.close()
"""


def holder(path: Path, seconds: float) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "open"
    return process


def test_a_file_let_go_of_within_the_grace_is_free(tmp_path: Path) -> None:
    path = tmp_path / "kelisim.sqlite3"
    sqlite3.connect(path).close()
    process = holder(path, 0.5)
    started = time.monotonic()
    assert not in_use_after(path, grace_s=5)
    assert 0.3 < time.monotonic() - started < 5
    process.communicate(timeout=5)


def test_a_file_kept_open_is_in_use(tmp_path: Path) -> None:
    path = tmp_path / "kelisim.sqlite3"
    process = holder(path, 30)
    try:
        assert in_use_after(path, grace_s=0.5)
    finally:
        process.kill()
        process.communicate(timeout=5)
