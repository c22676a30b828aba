"""Who may read a stored file: the parties of its case and the case's mediator, nobody else.

Asked on every download, from the case as it is now (a mediator the case was taken from no
longer reads its files). Anyone else, a stranger or a party of another case, gets the same 404
as for an id that names no file: a refusal that said "not yours" would confirm the file exists.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import is_assigned_mediator
from odr.errors import NotFound
from odr.persistence.models import CaseParty, StoredFile, User

NOT_FOUND = "there is no file with this id among your cases' files"
OWN_RULES = frozenset({"document"})
"""Kinds of file read only through their feature's own rules, never at ``/api/files``: a
document may be for the mediator's eyes only (``odr.cases.documents``)."""


def file_not_found() -> NotFound:
    return NotFound(NOT_FOUND, code="file_not_found")


async def may_read(db: AsyncSession, user: User, case_id: str) -> bool:
    party = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    return party is not None or await is_assigned_mediator(db, case_id, user.id)


async def readable_file(db: AsyncSession, user: User, file_id: str) -> StoredFile:
    """The file, if ``user`` may read it; else 404 ``file_not_found``."""
    row = await db.get(StoredFile, file_id)
    if row is None or row.kind in OWN_RULES or not await may_read(db, user, row.case_id):
        raise file_not_found()
    return row
