"""Keeping a case's files and reading them back (the ``stored_files`` table).

The caller owns the transaction: a file is added in the same transaction as what refers to it
(an item's photo and the ``item_photo`` event logging its SHA-256), so a refused or rolled-back
request leaves no orphan behind. The id is ``new_id()``'s 128 random bits: a file cannot be
found by counting, and knowing one id says nothing about another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from hashlib import sha256

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import StoredFile


@dataclass(frozen=True)
class NewFile:
    """What to keep: the content already checked (``odr.uploads.content``) by the caller."""

    kind: str
    media_type: str
    content: bytes
    thumbnail: bytes | None = None


def add_file(
    db: AsyncSession, case_id: str, new: NewFile, uploaded_by: str | None, now: datetime
) -> StoredFile:
    """Adds the file to ``db``'s transaction (flushed with it) and returns its row."""
    row = StoredFile(
        case_id=case_id,
        kind=new.kind,
        media_type=new.media_type,
        size=len(new.content),
        sha256=sha256(new.content).hexdigest(),
        content=new.content,
        thumbnail=new.thumbnail,
        uploaded_by=uploaded_by,
        created_at=now,
    )
    db.add(row)
    return row


async def remove_files(db: AsyncSession, case_id: str, ids: list[str]) -> None:
    """Deletes those of ``ids`` that belong to ``case_id`` (a replaced photo)."""
    if ids:
        await db.execute(
            delete(StoredFile).where(StoredFile.case_id == case_id, StoredFile.id.in_(ids))
        )
