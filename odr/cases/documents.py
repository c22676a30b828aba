"""Documents and evidence of a case: who may see which, and what the case log says of them.

Who gives a document: a party or the case's mediator. Who sees it is the uploader's choice:
``everyone`` in the case, or the ``mediator`` only (a party's note for the mediator's eyes, a
mediator's own working paper). The owner may later widen mediator-only to everyone, never narrow
it again: once the other party has seen a file, taking it back would pretend it never did.

A document only the mediator may see must not exist for the other party, not even as a gap in
the log's sequence numbers, a count, or a refused upload. So:

- it is logged in the case log (an ``event`` both parties read) only when it becomes visible to
  everyone: on upload if shared with everyone, else when its owner shares it. Until then its
  SHA-256 is on its own row, seen by its owner and the mediator;
- every way to name it (download, share, withdraw) answers a party or mediator of the case who
  may not see it with the same 404 ``document_not_found`` as an id that names nothing, whether it
  is another case's file, a mediator-only file of the other party, or a random id; anyone
  outside the case gets the ``case_not_found`` of every case route, as for a missing case;
- the space a person may fill in a case (``ODR_MAX_CASE_DOCUMENTS_BYTES``) counts that person's
  own documents: a case-wide total would refuse the other party's upload because of a file it
  may not know exists.

A withdrawn document keeps its row (name, size, hash) and its place in the log; its bytes are
deleted. No HTTP here: rules over rows, used by ``documents_routes.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import is_assigned_mediator
from odr.errors import NotFound
from odr.persistence.documents_models import CaseDocument
from odr.persistence.models import CaseParty, User
from odr.room.log import NewEvent
from odr.web.schema import ResponseModel

KIND = "document"
"""``stored_files.kind`` of a document's bytes (``/api/files`` never serves them)."""
EVENT = "document"


class SharedWith(StrEnum):
    EVERYONE = "everyone"
    MEDIATOR = "mediator"


@dataclass(frozen=True)
class Reader:
    """A person of the case as documents see them: a party (by role) or its mediator."""

    user_id: str
    role: str  # claimant, respondent or mediator

    @property
    def is_mediator(self) -> bool:
        return self.role == "mediator"


def document_not_found() -> NotFound:
    return NotFound("there is no document with this id in this case", code="document_not_found")


def case_not_found() -> NotFound:
    return NotFound("there is no case with this id among your cases", code="case_not_found")


async def reader_of(db: AsyncSession, user: User, case_id: str) -> Reader | None:
    """The user's place in the case, asked on every request (a mediator the case was taken
    from no longer reads its documents); None for anyone else, a centre admin included."""
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    if role is not None:
        return Reader(user.id, role)
    if await is_assigned_mediator(db, case_id, user.id):
        return Reader(user.id, "mediator")
    return None


def may_see(document: CaseDocument, reader: Reader) -> bool:
    return (
        document.shared_with == SharedWith.EVERYONE
        or document.owner_user_id == reader.user_id
        or reader.is_mediator
    )


async def visible_document(
    db: AsyncSession, user: User, case_id: str, document_id: str
) -> tuple[CaseDocument, Reader]:
    """The document and the caller, if the caller may see it. Someone outside the case gets the
    404 ``case_not_found`` of every case route (the same as for a case that does not exist); a
    party or mediator of the case gets 404 ``document_not_found``, the same for every reason
    (see the module docstring)."""
    reader = await reader_of(db, user, case_id)
    if reader is None:
        raise case_not_found()
    document = await db.get(CaseDocument, document_id, populate_existing=True)
    if document is None or document.case_id != case_id or not may_see(document, reader):
        raise document_not_found()
    return document, reader


async def visible_documents(db: AsyncSession, case_id: str, reader: Reader) -> list[CaseDocument]:
    """The case's documents ``reader`` may see, oldest first (withdrawn ones too)."""
    query = select(CaseDocument).where(CaseDocument.case_id == case_id)
    if not reader.is_mediator:
        query = query.where(
            (CaseDocument.shared_with == SharedWith.EVERYONE)
            | (CaseDocument.owner_user_id == reader.user_id)
        )
    rows = await db.scalars(query.order_by(CaseDocument.number))
    return list(rows)


async def bytes_held(db: AsyncSession, case_id: str, user_id: str) -> int:
    """What ``user_id``'s documents in the case weigh, withdrawn ones not counted."""
    total = await db.scalar(
        select(func.coalesce(func.sum(CaseDocument.size), 0)).where(
            CaseDocument.case_id == case_id,
            CaseDocument.owner_user_id == user_id,
            CaseDocument.withdrawn_at.is_(None),
        )
    )
    return int(total or 0)


async def next_number(db: AsyncSession, case_id: str) -> int:
    """The number of the case's next document (the caller holds the case's lock)."""
    last = await db.scalar(
        select(func.coalesce(func.max(CaseDocument.number), 0)).where(
            CaseDocument.case_id == case_id
        )
    )
    return int(last or 0) + 1


def logged(document: CaseDocument, kind: str, reader: Reader) -> NewEvent:
    """The case-log event saying ``document`` was ``added``, ``shared`` or ``withdrawn``."""
    data: dict[str, Any] = {
        "kind": kind,
        "file_name": document.file_name,
        "media_type": document.media_type,
        "bytes": document.size,
        "sha256": document.sha256,
    }
    return NewEvent(EVENT, data, reader.user_id, reader.role)


def withdraw(document: CaseDocument, reader: Reader, now: datetime) -> list[NewEvent]:
    """Marks ``document`` withdrawn (the caller deletes its bytes); the event for the log if
    everyone could see it, none if only the mediator could."""
    document.withdrawn_at = now
    document.file_id = None
    if document.shared_with == SharedWith.EVERYONE:
        return [logged(document, "withdrawn", reader)]
    return []


class DocumentExport(ResponseModel):
    """A document I gave the case, in my data export (``odr.privacy.export``): what it was and
    who could see it; the file itself is downloaded from the case while it is kept."""

    id: str
    file_name: str
    media_type: str
    bytes: int
    sha256: str
    shared_with: str
    created_at: datetime
    shared_at: datetime | None
    withdrawn_at: datetime | None


async def own_documents(db: AsyncSession, case_id: str, user_id: str) -> list[DocumentExport]:
    """The documents ``user_id`` gave the case, oldest first (never another person's)."""
    rows = await db.scalars(
        select(CaseDocument)
        .where(CaseDocument.case_id == case_id, CaseDocument.owner_user_id == user_id)
        .order_by(CaseDocument.number)
    )
    return [
        DocumentExport(
            id=row.id,
            file_name=row.file_name,
            media_type=row.media_type,
            bytes=row.size,
            sha256=row.sha256,
            shared_with=row.shared_with,
            created_at=row.created_at,
            shared_at=row.shared_at,
            withdrawn_at=row.withdrawn_at,
        )
        for row in rows
    ]
