"""The audit trail is a hash chain: appends never fork, and any edit is found."""

from __future__ import annotations

import asyncio

from sqlalchemy import select, update
from starlette.applications import Starlette

from odr.audit import GENESIS, AuditEvent, record, verify_chain
from odr.persistence.models import AuditEntry
from tests.builders.app import services_of


async def test_concurrent_appends_form_one_chain_that_verifies(app: Starlette) -> None:
    services = services_of(app)
    events = [AuditEvent("user", f"u{n}", "test.action", f"t{n}", {"n": n}) for n in range(12)]
    await asyncio.gather(*(record(services.sessions, e, services.clock()) for e in events))
    async with services.sessions() as db:
        check = await verify_chain(db)
        assert check == type(check)(entries=12, broken_at=None)
        assert len(list(await db.scalars(select(AuditEntry.id)))) == 12


async def test_editing_an_entry_breaks_the_chain_from_there(app: Starlette) -> None:
    services = services_of(app)
    for n in range(4):
        await record(
            services.sessions,
            AuditEvent("court_client", "c1", "court.list", None, {"n": n}),
            services.clock(),
        )
    async with services.sessions() as db:
        ids = list(await db.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))
        first = await db.get(AuditEntry, ids[0])
        assert first is not None and first.prev_hash == GENESIS
        await db.execute(
            update(AuditEntry).where(AuditEntry.id == ids[2]).values(details={"n": 99})
        )
        await db.commit()
        assert (await verify_chain(db)).broken_at == ids[2]
