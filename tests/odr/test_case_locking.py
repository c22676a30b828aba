"""``odr.cases.locking.case_for_update``: the one way a request's session changes a case under its
lock. Changes made at once never undo one another (each decides on the rows as the other left
them), a refused change stores nothing and frees the case at once, and a change commits when its
block ends. On SQLite and PostgreSQL; on PostgreSQL also across two instances, where only the
row lock stands between them.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.locking import case_for_update
from odr.errors import Conflict
from odr.persistence.models import Case, User
from odr.room.log import CaseLocks
from odr.services import Services
from tests.builders.app import services_of


def _services(app: Starlette) -> Services:
    services = services_of(app)
    assert isinstance(services, Services)
    return services


async def _a_case(services: Services) -> str:
    now = datetime.now(UTC)
    async with services.sessions() as db:
        user = User(
            email="aigerim@example.kz",
            password_hash="-",
            display_name="Айгерім",
            role="party",
            language="kk",
            created_at=now,
        )
        db.add(user)
        await db.flush()
        case = Case(
            reference="KS-LOCK01",
            category="consumer",
            subject="",
            currency="KZT",
            language="kk",
            issues=[],
            respondent_name="Руслан",
            status="agreed",
            created_by=user.id,
            created_at=now,
            updated_at=now,
        )
        db.add(case)
        await db.commit()
        return case.id


async def _subject(services: Services, case_id: str) -> str:
    async with services.sessions() as db:
        subject = await db.scalar(select(Case.subject).where(Case.id == case_id))
        assert subject is not None
        return subject


async def _append(services: Services, locks: CaseLocks, case_id: str, mark: str) -> None:
    """Read the case, then append ``mark`` to its subject under the lock (a read-modify-write
    that loses the other's mark if it decides on what it read before the wait)."""
    async with services.sessions() as db:
        case = await db.get_one(Case, case_id)
        await asyncio.sleep(0.01)  # both have read before either writes
        async with case_for_update(db, locks, case, case):
            written = case.subject + mark
            await asyncio.sleep(0.01)  # the other one is waiting now
            case.subject = written


async def test_changes_at_once_never_undo_one_another(app: Starlette) -> None:
    services = _services(app)
    case_id = await _a_case(services)
    locks = services.room.locks
    await asyncio.gather(*(_append(services, locks, case_id, mark) for mark in "abcd"))
    assert sorted(await _subject(services, case_id)) == ["a", "b", "c", "d"]


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
async def test_two_instances_are_kept_apart_by_the_row_lock(app: Starlette) -> None:
    """Each change has its own in-process locks, as on two instances: the row lock decides."""
    services = _services(app)
    case_id = await _a_case(services)
    await asyncio.gather(*(_append(services, CaseLocks(), case_id, mark) for mark in "abcd"))
    assert sorted(await _subject(services, case_id)) == ["a", "b", "c", "d"]


async def test_a_refused_change_stores_nothing_and_frees_the_case(app: Starlette) -> None:
    services = _services(app)
    case_id = await _a_case(services)
    locks = services.room.locks
    async with services.sessions() as db:
        case = await db.get_one(Case, case_id)
        with pytest.raises(Conflict):
            async with case_for_update(db, locks, case, case):
                case.subject = "half done"
                await db.flush()  # written to the transaction, not yet committed
                raise Conflict("refused", code="refused")
        assert not locks.for_case(case_id).locked()
        assert not db.in_transaction()  # rolled back before the lock was given up
    assert await _subject(services, case_id) == ""


async def test_the_change_commits_when_its_block_ends(app: Starlette) -> None:
    services = _services(app)
    case_id = await _a_case(services)
    async with services.sessions() as db:
        case = await db.get_one(Case, case_id)
        async with case_for_update(db, services.room.locks, case, case) as locked:
            assert locked is case
            case.subject = "done"
        assert await _subject(services, case_id) == "done"  # seen by another session
