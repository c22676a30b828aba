"""One change to one case from a request's session: wait for the case, lock its rows, change,
commit (or roll back). The one place where an ORM write to a case takes its locks.

Two locks, for two kinds of rival. The room's in-process ``CaseLocks`` lines up this process's
writers of the case (the room's own ``Room.record`` and ``Room.command`` take the same one; on
SQLite, the single writer, it is one lock for every case), so they wait on an ``asyncio.Lock``
rather than on the database. The row lock (``SELECT … FOR UPDATE``, on PostgreSQL) keeps out
writers on other instances. Re-reading the rows under it is what makes the change safe: the
request read them before it waited, and they may have changed meanwhile (the other party saved
the terms, a twin of this request signed).

Who may see the case is decided before this (``odr.cases.service.case_for`` for a party): a
caller who may not see it gets its 404 without ever waiting on the lock.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import Base, Case
from odr.room.log import CaseLocks


@asynccontextmanager
async def case_for_update(
    db: AsyncSession, locks: CaseLocks, case: Case, *rows: Base
) -> AsyncIterator[Case]:
    """Run the block as one transaction under ``case``'s lock, with each of ``rows`` re-read
    under its row lock first; commit when the block ends, roll back when it raises.

    Ends the session's read transaction before waiting, so the change's transaction begins
    after the wait: on SQLite a read transaction kept open across it would still see its old
    snapshot and could not become a writer once another connection had written (``SQLITE_BUSY``).
    """
    await db.commit()
    async with locks.for_case(case.id):
        try:
            for row in rows:
                await db.refresh(row, with_for_update=True)
            yield case
            await db.commit()
        except BaseException:
            # Rolled back before the next writer of the case gets the lock: nothing of a refused
            # change is stored, and no row lock outlives it.
            await db.rollback()
            raise
