"""The async engine and session factory, configured per backend.

SQLite gets WAL (readers never block the writer), a busy timeout (concurrent writers wait
instead of failing) and foreign keys on. Sessions use ``expire_on_commit=False`` so objects stay
readable after a commit without an implicit lazy load, which async SQLAlchemy forbids.

``hide_parameters``: SQLAlchemy otherwise writes a failed statement's parameters (password
hashes, e-mail addresses, session hashes, room messages) into the exception's text, and so into
the traceback of a 500 in the error log. What the database itself quotes in its errors is
scrubbed by ``odr.logs``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from odr.settings import Settings


def make_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            settings.database_url, connect_args={"timeout": 30}, hide_parameters=True
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # No pre-ping: it doubled the round trips of every transaction (bench/realtime.py); stale
    # connections are recycled instead, and a dropped one fails its request, not the process.
    return create_async_engine(
        settings.database_url,
        pool_size=10,
        max_overflow=10,
        pool_recycle=1800,
        hide_parameters=True,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
