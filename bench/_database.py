"""The benchmark's PostgreSQL: a throwaway database per run, and what the benchmark reads or
settles in it (transactions per offer, the set-up's notices)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import time
from collections.abc import Iterator

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
PG_URL = "postgresql://postgres@127.0.0.1:5432/{db}"


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database (its URL), dropped on the way out."""
    import asyncpg

    name = f"kelisim_bench_{os.getpid()}_{secrets.token_hex(3)}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(PG_ADMIN_URL, timeout=10)
        try:
            await connection.execute(sql, timeout=60)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_URL.format(db=name)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def pg_transactions(database_url: str) -> int:
    """Committed + rolled back transactions so far in the database of ``database_url``."""
    import asyncpg

    name = database_url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(PG_ADMIN_URL, timeout=10)
    try:
        value = await connection.fetchval(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", name
        )
    finally:
        await connection.close()
    return int(value or 0)


async def settle_setup_notices(database_url: str) -> int:
    """Mark the set-up's pending notices sent; returns how many.

    Setting up 1,000 rooms queues a few thousand invitations and "they joined" letters. Sent for
    real, the outbox's paced sender (20 a second per process, ``odr/notify/worker.py``) would
    still be at it in the offer window, whenever that falls, and its CPU would count as the
    rooms'. They are the set-up's, not the load's, so they are settled before measuring; what
    a backlog of notices costs the rooms is the pacing's business, not this benchmark's."""
    import asyncpg

    connection = await asyncpg.connect(database_url.replace("+asyncpg", ""), timeout=10)
    try:
        status = await connection.execute(
            "UPDATE outbox SET status = 'sent', sent_at = now(), lease_until = NULL "
            "WHERE status = 'pending'"
        )
    finally:
        await connection.close()
    return int(status.rsplit(" ", 1)[1])


async def settled_pg_transactions(database_url: str, patience: float = 12.0) -> int:
    """The count once it stops moving (idle backends report their statistics lazily)."""
    last, deadline = await pg_transactions(database_url), time.monotonic() + patience
    while time.monotonic() < deadline:
        await asyncio.sleep(1.0)
        now = await pg_transactions(database_url)
        if now == last:
            break
        last = now
    return last
