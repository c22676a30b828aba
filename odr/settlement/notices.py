"""Who hears about a settlement's progress: each party whose signature is awaited, every party
when the document is sealed and when a court files it. A party who withdrew before the
agreement is no party to the settlement and hears none of it.

Notices are queued in the caller's transaction (``odr.notify`` outbox), so they go out exactly
when the change they announce is committed, and a dedupe key makes a retried request harmless.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.notify import enqueue_notice
from odr.persistence.models import Case, CaseParty, Settlement
from odr.settlement.parties import settlement_roles


async def _parties(db: AsyncSession, case_id: str) -> list[tuple[str, str]]:
    rows = await db.execute(
        select(CaseParty.user_id, CaseParty.role).where(CaseParty.case_id == case_id)
    )
    return [(user_id, role) for user_id, role in rows]


async def after_signature(
    db: AsyncSession,
    case: Case,
    settlement: Settlement,
    roles: Sequence[str],
    signed_roles: set[str],
    record_sha256: str,
    now: datetime,
) -> None:
    """Sealed: tell every party (``roles``, the settlement's). Otherwise ask those who have not
    signed this text yet."""
    params = {"reference": case.reference}
    for user_id, role in await _parties(db, case.id):
        if role not in roles:
            continue
        if settlement.status == "signed":
            kind, key = "settlement_signed", f"settlement_signed:{settlement.id}:{user_id}"
        elif role not in signed_roles:
            kind = "settlement_awaits_signature"
            key = f"settlement_awaits:{settlement.id}:{record_sha256}:{user_id}"
        else:
            continue
        await enqueue_notice(
            db,
            user_id=user_id,
            kind=kind,
            params=params,
            dedupe_key=key,
            now=now,
            path=f"#/cases/{case.id}/settlement",  # the document, to read and sign
        )


async def after_filing(db: AsyncSession, case: Case, settlement: Settlement, now: datetime) -> None:
    """A court acknowledged the import: the settlement's parties learn their case is filed,
    once (not a party who withdrew before the agreement)."""
    roles = settlement_roles(case, settlement)
    for user_id, role in await _parties(db, case.id):
        if role not in roles:
            continue
        await enqueue_notice(
            db,
            user_id=user_id,
            kind="case_filed",
            params={"reference": case.reference},
            dedupe_key=f"case_filed:{settlement.id}:{user_id}",
            now=now,
        )
