"""Documents and evidence over HTTP: upload, list, download, share with everyone, withdraw.

The rules (who sees what, what is logged) are ``documents.py``'s; the content check is
``odr.uploads.document_content``'s; the bytes live in ``stored_files`` (``odr.uploads.store``)
under a random id that no URL shows: a document is downloaded through its case and its own
random id, authorised on every request, as an attachment (never shown inline, ``nosniff``).

The upload is the file itself as the body, as for an item's photo; the name and who may see it
ride in the query, so a phone's browser sends a picture straight from its camera with ``fetch``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Literal
from urllib.parse import quote

from pydantic import Field
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.cases import documents
from odr.cases.documents import KIND, Reader, SharedWith, case_not_found, visible_document
from odr.cases.parties import ROLE_PATTERN
from odr.errors import Conflict, Forbidden, Gone, PayloadTooLarge
from odr.persistence.documents_models import CaseDocument
from odr.persistence.models import StoredFile
from odr.room.log import NewEvent
from odr.uploads.document_content import DOCUMENT_TYPES, check_document
from odr.uploads.store import NewFile, add_file, remove_files
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam, QueryParam
from odr.web.schema import ResponseModel

log = logging.getLogger("odr.cases")
api = Api()

DOCUMENTS_PATH = "/api/cases/{case_id}/documents"
DOCUMENTS_PATH_PATTERN = r"/api/cases/[0-9a-f]{32}/documents"
"""``DOCUMENTS_PATH`` as the body limit matches it (``ODR_MAX_DOCUMENT_BYTES``, odr/app.py)."""
DOCUMENT_ID = PathParam(
    "document_id",
    boundary.HEX_ID,
    "document_not_found",
    "there is no document with this id in this case",
    "The document's random id, as `GET /api/cases/{case_id}/documents` lists it.",
)


def _shared_with(raw: str) -> SharedWith:
    try:
        return SharedWith(raw)
    except ValueError:
        raise ValueError("must be everyone or mediator") from None


SHARED_WITH = QueryParam(
    "shared_with",
    "Who may see the document besides its uploader: `everyone` in the case, or the `mediator`"
    " only (the default: widened later with `…/share`, never narrowed, so a file is shown to"
    " the other party only when its uploader says so).",
    default=SharedWith.MEDIATOR.value,
    max_length=16,
    parse=_shared_with,
    refusal_code="invalid_shared_with",
)
NAME = QueryParam(
    "name",
    "The file's name as the uploader's device gave it; kept cleaned, at most 100 characters,"
    " with the extension of the type its content is.",
    max_length=255,
)


class Uploader(ResponseModel):
    role: str = Field(
        pattern=f"^(mediator|{ROLE_PATTERN[1:-1]})$",
        description="The uploader's key: a party's (claimant, respondent, party3…) or mediator.",
    )
    mine: bool = Field(description="Whether I uploaded it.")


class DocumentOut(ResponseModel):
    id: str = Field(description="The document's random id (32 characters 0-9 a-f).")
    file_name: str
    media_type: Literal["application/pdf", "image/jpeg", "image/png", "image/webp"]
    bytes: int
    sha256: str = Field(description="SHA-256 of the file as uploaded, as the case log has it.")
    shared_with: Literal["everyone", "mediator"]
    uploaded_by: Uploader
    created_at: datetime
    shared_at: datetime | None = Field(description="When a mediator-only file was shared.")
    withdrawn_at: datetime | None = Field(description="Withdrawn: listed, no longer downloaded.")


class DocumentsOut(ResponseModel):
    documents: list[DocumentOut]
    accepted_types: list[str] = Field(description="The media types accepted, by content.")
    max_bytes: int = Field(description="The largest file accepted (`ODR_MAX_DOCUMENT_BYTES`).")
    my_bytes: int = Field(description="What my documents in this case weigh (not withdrawn).")
    my_limit_bytes: int = Field(description="What they may weigh (`ODR_MAX_CASE_DOCUMENTS_BYTES`).")


def document_out(document: CaseDocument, reader: Reader) -> DocumentOut:
    return DocumentOut.model_validate(
        {
            "id": document.id,
            "file_name": document.file_name,
            "media_type": document.media_type,
            "bytes": document.size,
            "sha256": document.sha256,
            "shared_with": document.shared_with,
            "uploaded_by": {
                "role": document.owner_role,
                "mine": document.owner_user_id == reader.user_id,
            },
            "created_at": document.created_at,
            "shared_at": document.shared_at,
            "withdrawn_at": document.withdrawn_at,
        }
    )


async def _reader(ctx: Context) -> Reader:
    reader = await documents.reader_of(ctx.db, ctx.user, ctx.path_params["case_id"])
    if reader is None:
        raise case_not_found()
    return reader


@api.endpoint(
    "GET",
    DOCUMENTS_PATH,
    summary="The documents of a case I may see (mine, those shared with everyone; all for the"
    " mediator)",
    tag="documents",
    response=DocumentsOut,
    errors=(401, 404),
)
async def list_documents(ctx: Context) -> DocumentsOut:
    reader = await _reader(ctx)
    case_id = ctx.path_params["case_id"]
    rows = await documents.visible_documents(ctx.db, case_id, reader)
    settings = ctx.services.settings
    return DocumentsOut(
        documents=[document_out(row, reader) for row in rows],
        accepted_types=list(DOCUMENT_TYPES),
        max_bytes=settings.max_document_bytes,
        my_bytes=await documents.bytes_held(ctx.db, case_id, reader.user_id),
        my_limit_bytes=settings.max_case_documents_bytes,
    )


@api.endpoint(
    "POST",
    DOCUMENTS_PATH,
    summary="Upload a document or evidence (the PDF, JPEG, PNG or WebP file itself as the body)",
    tag="documents",
    response=DocumentOut,
    status=201,
    errors=(400, 401, 404, 413, 415, 422),
    params=(SHARED_WITH, NAME),
)
async def upload_document(ctx: Context) -> DocumentOut:
    reader = await _reader(ctx)
    case_id = ctx.path_params["case_id"]
    shared_with = SharedWith(ctx.query["shared_with"])
    await ctx.db.commit()  # the change runs in the room's own transaction, under the case lock
    data = await ctx.request.body()
    settings = ctx.services.settings
    checked = await asyncio.to_thread(
        check_document,
        data,
        ctx.request.headers.get("content-type"),
        ctx.query.get("name"),
        settings.max_document_bytes,
    )
    now = ctx.services.clock()
    made: list[CaseDocument] = []

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        held = await documents.bytes_held(locked, case_id, reader.user_id)
        if held + len(data) > settings.max_case_documents_bytes:
            raise PayloadTooLarge(
                f"your documents in this case would weigh more than the limit of"
                f" {settings.max_case_documents_bytes} bytes; withdraw one you no longer need",
                code="case_documents_full",
            )
        stored = add_file(
            locked, case_id, NewFile(KIND, checked.media_type, data), reader.user_id, now
        )
        await locked.flush()
        document = CaseDocument(
            case_id=case_id,
            number=await documents.next_number(locked, case_id),
            file_id=stored.id,
            owner_user_id=reader.user_id,
            owner_role=reader.role,
            file_name=checked.file_name,
            media_type=stored.media_type,
            size=stored.size,
            sha256=stored.sha256,
            shared_with=shared_with,
            created_at=now,
        )
        locked.add(document)
        await locked.flush()
        made.append(document)
        if shared_with == SharedWith.EVERYONE:
            return [documents.logged(document, "added", reader)]
        return []

    await ctx.services.room.record(case_id, decide)
    log.info("document uploaded", extra={"case_id": case_id, "user_id": reader.user_id})
    await _audited(ctx, "uploaded", made[0])
    return document_out(made[0], reader)


async def _audited(ctx: Context, action: str, document: CaseDocument) -> None:
    """Who did what to which file, in the audit trail: ids and the hash, never the name."""
    details = {"case_id": document.case_id, "sha256": document.sha256}
    event = AuditEvent("user", ctx.user.id, f"document.{action}", document.id, details)
    await audit(ctx.services.sessions, event, ctx.services.clock())


def _content_disposition(file_name: str) -> str:
    """``attachment`` with an ASCII fallback name and the real one (RFC 6266 / RFC 5987)."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name, safe='')}"


@api.endpoint(
    "GET",
    DOCUMENTS_PATH + "/{document_id}/file",
    summary="Download a document of my case (as an attachment), if I may see it",
    tag="documents",
    media_type="application/octet-stream",
    errors=(401, 404, 410),
    params=(DOCUMENT_ID,),
)
async def download_document(ctx: Context) -> Response:
    case_id = ctx.path_params["case_id"]
    document, _reader = await visible_document(
        ctx.db, ctx.user, case_id, ctx.path_params["document_id"]
    )
    stored = await ctx.db.get(StoredFile, document.file_id) if document.file_id else None
    if document.withdrawn_at is not None or stored is None:
        raise Gone(
            "this document was withdrawn by the person who gave it", code="document_withdrawn"
        )
    content = stored.content
    await ctx.db.commit()  # the read ends before the audit trail's own write (SQLite)
    await _audited(ctx, "downloaded", document)
    return Response(
        content,
        media_type=document.media_type,
        headers={
            "Content-Disposition": _content_disposition(document.file_name),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


async def _change(ctx: Context, change: str) -> DocumentOut:
    """Share or withdraw: the owner only, under the case lock, logged as ``documents`` says."""
    case_id, document_id = ctx.path_params["case_id"], ctx.path_params["document_id"]
    _doc, reader = await visible_document(ctx.db, ctx.user, case_id, document_id)
    await ctx.db.commit()
    now = ctx.services.clock()
    changed: list[CaseDocument] = []

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        document = await locked.get_one(CaseDocument, document_id, populate_existing=True)
        changed.append(document)
        if document.owner_user_id != reader.user_id:
            raise Forbidden(
                "only the person who gave a document may share or withdraw it",
                code="not_document_owner",
            )
        if document.withdrawn_at is not None:
            raise Conflict("this document is already withdrawn", code="document_withdrawn")
        if change == "withdraw":
            file_id = document.file_id
            events = documents.withdraw(document, reader, now)
            await locked.flush()
            await remove_files(locked, case_id, [file_id] if file_id else [])
            return events
        if document.shared_with == SharedWith.EVERYONE:
            raise Conflict(
                "this document is already shared with everyone in the case",
                code="document_already_shared",
            )
        document.shared_with = SharedWith.EVERYONE
        document.shared_at = now
        return [documents.logged(document, "shared", reader)]

    await ctx.services.room.record(case_id, decide)
    log.info(f"document {change}", extra={"case_id": case_id, "user_id": reader.user_id})
    await _audited(ctx, "shared" if change == "share" else "withdrawn", changed[0])
    return document_out(changed[0], reader)


@api.endpoint(
    "POST",
    DOCUMENTS_PATH + "/{document_id}/share",
    summary="Share my mediator-only document with everyone in the case (never narrowed again)",
    tag="documents",
    response=DocumentOut,
    errors=(401, 403, 404, 409),
    params=(DOCUMENT_ID,),
)
async def share_document(ctx: Context) -> DocumentOut:
    return await _change(ctx, "share")


@api.endpoint(
    "POST",
    DOCUMENTS_PATH + "/{document_id}/withdraw",
    summary="Withdraw my document: its file is deleted, its name and hash stay listed and logged",
    tag="documents",
    response=DocumentOut,
    errors=(401, 403, 404, 409),
    params=(DOCUMENT_ID,),
)
async def withdraw_document(ctx: Context) -> DocumentOut:
    return await _change(ctx, "withdraw")
