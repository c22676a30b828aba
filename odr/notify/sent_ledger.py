"""Which notices went out, kept outside the database so that a restored database cannot forget it.

A backup holds the outbox as it was: a notice still pending then and sent since comes back from
a restore as pending, and the worker would send it again. The database cannot know better (it
*is* the old copy), so the proof of sending lives beside it: ``sent-notices.log`` in the data
directory, one line appended (and synced) per notice sent, before its row is marked sent. The
worker looks a leased notice up here before sending it, and ``odr restore`` marks the restored
rows found here as sent.

A notice is known by a *fingerprint*, not by its row id: after a restore the ids after the backup
are handed out again (SQLite's ``max(id) + 1``, PostgreSQL's sequence as dumped), so a new notice
may get the id of one sent before the restore. The fingerprint hashes what a row never changes:
id, channel, kind, recipient, creation time and public parameters (the sealed ones are erased
once sent, so they are left out). A restored row has the same fingerprint; a new row with a reused
id has another (another time, at least). The file holds no address or parameter, only hashes,
the sending time and the row id (for a person reading it).

Appends of one short line with ``O_APPEND`` are atomic on a local file system, so several
processes sharing the data directory may write it; readers skip a line not yet complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

LEDGER_FILE = "sent-notices.log"


def fingerprint(
    notice_id: int,
    channel: str,
    kind: str,
    recipient: str,
    created_at: datetime,
    public_params: Mapping[str, Any],
) -> str:
    """A stable name for one outbox row: the same before and after a backup and restore."""
    material = json.dumps(
        [notice_id, channel, kind, recipient, created_at.isoformat(), dict(public_params)],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:32]


class SentLedger:
    """The append-only ``sent-notices.log`` of one data directory.

    ``contains`` reads only what was appended since it last looked (by any process), so a long
    file costs its reading once per process, then a ``stat`` per look-up.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._known: set[str] = set()
        self._offset = 0
        self._lock = threading.Lock()

    @classmethod
    def in_directory(cls, data_dir: Path) -> SentLedger:
        return cls(data_dir / LEDGER_FILE)

    def contains(self, fingerprint: str) -> bool:
        with self._lock:
            self._catch_up()
            return fingerprint in self._known

    def record(self, fingerprint: str, notice_id: int, sent_at: datetime) -> None:
        """Append one line and sync it to disk: it must outlive a crash right after sending."""
        line = f"{fingerprint} {sent_at.isoformat()} {notice_id}\n".encode()
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)  # one write of a short line: never interleaved with another
                os.fsync(fd)
            finally:
                os.close(fd)
            self._known.add(fingerprint)

    def _catch_up(self) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            self._known.clear()
            self._offset = 0
            return
        if size < self._offset:  # replaced or cut by a person: read it again
            self._known.clear()
            self._offset = 0
        if size == self._offset:
            return
        with self.path.open("rb") as handle:
            handle.seek(self._offset)
            chunk = handle.read(size - self._offset)
        complete = chunk[: chunk.rfind(b"\n") + 1]  # a line still being written waits
        for line in complete.splitlines():
            name = line.split(b" ", 1)[0].decode("ascii", "replace")
            if len(name) == 32:
                self._known.add(name)
        self._offset += len(complete)
