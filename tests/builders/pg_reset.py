"""Empty the test run's PostgreSQL database between tests: only the tables the last test wrote.

Why not ``TRUNCATE`` every table each time: PostgreSQL gives each truncated table new files, and
with some fifty tables that took half a second per test (~850 PostgreSQL tests: minutes of the
suite). A test writes a dozen tables at most; one query finds them (``EXISTS`` on each table, and
the sequences that have handed out a value), and only those are truncated and restarted, so each
test still starts from empty tables and identities that begin at 1.
"""

from __future__ import annotations

import asyncpg

_TABLES: dict[str, list[str]] = {}
"""The database's tables (the schema does not change during a run), per DSN."""


async def empty_database(dsn: str) -> None:
    connection = await asyncpg.connect(dsn, timeout=10)
    try:
        tables = _TABLES.get(dsn)
        if tables is None:
            tables = _TABLES[dsn] = [
                row["tablename"]
                for row in await connection.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version' ORDER BY tablename"
                )
            ]
        if not tables:
            return
        written = " UNION ALL ".join(
            f"SELECT {index} AS n WHERE EXISTS (SELECT 1 FROM {_quoted(name)})"
            for index, name in enumerate(tables)
        )
        dirty = [tables[row["n"]] for row in await connection.fetch(written)]
        counted = await connection.fetch(
            "SELECT quote_ident(sequencename) AS name FROM pg_sequences "
            "WHERE schemaname = 'public' AND last_value IS NOT NULL"
        )
        if dirty:
            names = ", ".join(_quoted(name) for name in dirty)
            await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        for row in counted:  # a table emptied by its test still has its counter moved on
            await connection.execute(f"ALTER SEQUENCE {row['name']} RESTART")
    finally:
        await connection.close()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
