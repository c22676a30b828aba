"""Room commands on the database driver itself: few round trips, no ORM session.

A room command (message, offer, accept, reject, withdraw) is the hot path of every negotiation
(``bench/realtime.py``). Through ``AsyncSession`` it cost several milliseconds of CPU and six
statements; here it is a fixed handful of SQL statements sent straight to the driver, and in the
common case one.

The rules every backend keeps (``tests/odr/test_room_store.py`` races them):

* An event's ``seq`` is the head it was decided on plus one, and the database checks it as it
  writes: ``seq - 1`` must exist (no hole, even if the log went back, say to a restored backup)
  and the unique ``(case_id, seq)`` constraint refuses a seq already taken. A write after a head
  that has moved on inserts nothing, and the command is decided again on what the database now
  holds. So a move is always decided on the state at the head it is written after, and no two
  events share a seq.
* The write also checks that the case still has the status the decision saw, and locks the case
  row while it does, so it serialises with the other writers (``Room.record`` takes the same row
  lock with ``SELECT … FOR UPDATE``) and with anyone changing the case's status.
* The unique ``(case_id, actor_user_id, idempotency_key)`` constraint makes a retried command
  insert nothing; it is then answered with the seq of the original.
* Nothing is returned (acknowledged, published, cached) before the commit.

PostgreSQL (asyncpg, a small pool of the room's own): when the process knows the case's head and
status (``StateCache``), it decides on them and sends one autocommitted statement,
``INSERT … SELECT … FROM cases WHERE id = $1 AND status = $9 FOR NO KEY UPDATE ON CONFLICT DO
NOTHING``: one row inserted means committed; none means the guess was stale (or the key was
used), and the command reads the case (status, head, key and the events it misses, in one
statement plus one more only if events are missing) and tries again. The statement never *reads*
the head under the lock (a READ COMMITTED snapshot taken before waiting for the lock would be
stale): the seq is checked by the unique index, which sees every committed row. A command that
writes several events or changes the case's status (acceptance into agreement) runs in an
explicit transaction under the row lock.

SQLite: a connection of its own on one thread; a whole command is one thread hop (``BEGIN
IMMEDIATE`` takes the write lock first, then read, decide, write, ``COMMIT``), instead of a hop
per statement through aiosqlite. SQLite has one writer, so nothing here is ever stale.

The SQL keeps to the columns and encodings of the ORM models (``odr/persistence/models.py``):
JSON as ``json.dumps`` text, SQLite times as naive UTC ``YYYY-MM-DD HH:MM:SS.ffffff``; the tests
read what this module writes back through the ORM.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from odr.room.store.base import CommandStore, Conflict, DecideCommand, Outcome, Snapshot
from odr.room.store.postgres import PostgresCommands
from odr.room.store.sqlite import SqliteCommands, sqlite_read_time, sqlite_time

__all__ = [
    "CommandStore",
    "Conflict",
    "DecideCommand",
    "Outcome",
    "PostgresCommands",
    "Snapshot",
    "SqliteCommands",
    "make_store",
    "sqlite_read_time",
    "sqlite_time",
]


def make_store(engine: AsyncEngine) -> CommandStore:
    """The command store for the engine's backend (the ones ``odr.settings`` configures)."""
    url = engine.url
    if url.get_backend_name() == "postgresql" and url.get_driver_name() == "asyncpg":
        return PostgresCommands(engine)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return SqliteCommands(url.database, uri=str(url.query.get("uri", "")).lower() == "true")
    raise ValueError(
        f"the room needs PostgreSQL through asyncpg or an SQLite file, not {url.drivername} "
        f"{url.database!r}"
    )
