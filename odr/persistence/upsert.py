"""Writes that a concurrent twin cannot break: ``INSERT … ON CONFLICT`` on a unique key.

A double click, or a retry on a bad network, sends the same request twice at once. Reading
"is my row there yet?" and then inserting lets both requests pass the check before either
commits; the second insert then fails on the unique key and the person gets a 500. One
conditional statement closes that gap: the database decides on the key itself. On PostgreSQL
the second statement waits for the first transaction and then does nothing (or updates what it
wrote); SQLite writes one transaction at a time anyway. Both dialects spell it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase


def _insert(db: AsyncSession, model: type[DeclarativeBase], values: Mapping[str, Any]) -> Any:
    dialect = db.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model).values(**values)


async def insert_unless_present(
    db: AsyncSession,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    unique: Sequence[str],
) -> bool:
    """Insert the row unless one with the same ``unique`` columns exists (or is being committed
    by a concurrent transaction); True when this call inserted it. The caller commits."""
    statement = _insert(db, model, values).on_conflict_do_nothing(index_elements=list(unique))
    result = await db.execute(statement)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def upsert(
    db: AsyncSession,
    model: type[DeclarativeBase],
    values: Mapping[str, Any],
    unique: Sequence[str],
    update: Sequence[str],
) -> None:
    """Insert the row, or set ``update`` columns of the one with the same ``unique`` columns to
    these values: of several at once, each writes in turn and the last one stays."""
    statement = _insert(db, model, values)
    statement = statement.on_conflict_do_update(
        index_elements=list(unique),
        set_={name: getattr(statement.excluded, name) for name in update},
    )
    await db.execute(statement)


def is_duplicate_key(error: IntegrityError) -> bool:
    """Whether a unique (or primary) key refused the write, on either backend: the mark of two
    requests racing for one row, unlike a missing value or reference, which is a bug."""
    cause = error.orig
    if getattr(cause, "sqlstate", None) == "23505":  # PostgreSQL's unique_violation
        return True
    return getattr(cause, "sqlite_errorname", "") in (
        "SQLITE_CONSTRAINT_UNIQUE",
        "SQLITE_CONSTRAINT_PRIMARYKEY",
    )
