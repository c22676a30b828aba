"""A photo of an item to share out (fair division): attached by a party, shown to both, logged.

Either party attaches (or replaces) the photo of an item of its case, the claimant right after
opening the case (the intake form sends the photos chosen there), either party later on the
division page. The file is checked by its content and re-encoded without metadata
(``odr.uploads.content``), kept in ``stored_files`` and named in the item; the room logs
``item_photo`` with the copy's SHA-256, in the same transaction, so the case's log says which
picture each item had when the parties agreed. A replaced photo's file is deleted with it.

The person the invitation is for sees the thumbnails before joining: the invitation's token
(sent in a body, as for the preview, never in a URL) opens the thumbnails of that case's items.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from odr.cases import service
from odr.cases.items import find_item, with_photo
from odr.cases.schemas import InvitationToken, PhotoOut
from odr.cases.status import UNDECIDED, CaseStatus
from odr.errors import Conflict, NotFound
from odr.persistence.models import Case, CaseParty, StoredFile
from odr.room.log import NewEvent
from odr.uploads.access import file_not_found
from odr.uploads.content import prepare_photo
from odr.uploads.routes import image_response
from odr.uploads.store import NewFile, add_file, remove_files
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam
from odr.web.ratelimit import limit_anonymous
from odr.web.schema import IdOf, ResponseModel

log = logging.getLogger("odr.cases")
api = Api()

KIND = "item_photo"
EVENT = "item_photo"
PHOTO_PATH = "/api/cases/{case_id}/items/{item_id}/photo"
PHOTO_PATH_PATTERN = r"/api/cases/[0-9a-f]{32}/items/[a-z0-9][a-z0-9_-]{0,39}/photo"
"""``PHOTO_PATH`` as the body limit matches it (``ODR_MAX_UPLOAD_BYTES``, odr/app.py)."""
ITEM_ID_FORMAT = boundary.IdFormat("an item id", "[a-z0-9][a-z0-9_-]{0,39}", 40, "item1")
ITEM_ID = PathParam(
    "item_id",
    ITEM_ID_FORMAT,
    "item_not_found",
    "the case has no item with this id",
    "The item's id, as the case lists it (`item1`, …).",
)
CHANGEABLE = tuple(s for s in UNDECIDED if s is not CaseStatus.EXPIRED)
"""Waiting for the respondent, open or paused: the items are still being talked about."""


class ItemPhotoOut(ResponseModel):
    item_id: str
    photo: PhotoOut
    seq: int = Field(description="The seq of the `item_photo` event that logged it.")


class InvitationPhoto(InvitationToken):
    file_id: Annotated[str, IdOf(boundary.HEX_ID)]


async def _party_role(db: AsyncSession, case_id: str, user_id: str) -> str:
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user_id)
    )
    if role is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")
    return role


@api.endpoint(
    "POST",
    PHOTO_PATH,
    summary="Attach a photo to an item (the JPEG, PNG or WebP file itself as the body)",
    tag="cases",
    response=ItemPhotoOut,
    status=201,
    errors=(400, 401, 403, 404, 409, 413, 415),
    params=(ITEM_ID,),
)
async def attach_item_photo(ctx: Context) -> ItemPhotoOut:
    case_id, item_id = ctx.path_params["case_id"], ctx.path_params["item_id"]
    role = await _party_role(ctx.db, case_id, ctx.user.id)
    await ctx.db.commit()  # the change runs in the room's own transaction, under the case lock
    data = await ctx.request.body()
    limit = ctx.services.settings.max_upload_bytes
    photo = await asyncio.to_thread(prepare_photo, data, limit)  # decoding is CPU work
    now = ctx.services.clock()
    kept: dict[str, object] = {}

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        case = await locked.get_one(Case, case_id)
        if case.status not in CHANGEABLE:
            raise Conflict(
                f"the items of a case that is {case.status} no longer change",
                code="case_not_open",
            )
        item = find_item(case.items, item_id)
        if item is None:
            raise NotFound("the case has no item with this id", code="item_not_found")
        new = NewFile(KIND, photo.media_type, photo.content, photo.thumbnail)
        row = add_file(locked, case_id, new, ctx.user.id, now)
        await locked.flush()
        ref = {"id": row.id, "media_type": row.media_type, "bytes": row.size, "sha256": row.sha256}
        kept.update(ref)
        replaced = (item.get("photo") or {}).get("id")
        case.items = with_photo(case.items or [], item_id, ref)
        case.updated_at = now
        await remove_files(locked, case_id, [replaced] if replaced else [])
        data = {"item_id": item_id, **{k: v for k, v in ref.items() if k != "id"}}
        return [NewEvent(EVENT, data, ctx.user.id, role)]

    recorded = await ctx.services.room.record(case_id, decide)
    log.info("item photo attached", extra={"case_id": case_id, "user_id": ctx.user.id})
    return ItemPhotoOut(
        item_id=item_id, photo=PhotoOut.model_validate(kept), seq=recorded.first_seq
    )


@api.endpoint(
    "POST",
    "/api/invitations/photo",
    summary="The thumbnail of an item's photo, for the invitation's preview (JPEG)",
    tag="cases",
    body=InvitationPhoto,
    auth=False,
    media_type="image/jpeg",
    errors=(404, 410, 422, 429),
)
async def invitation_photo(ctx: Context, body: InvitationPhoto) -> Response:
    await limit_anonymous(
        ctx.services.rate_limiters,
        ctx.services.settings,
        "invitation_preview",
        ctx.client_address,
        what="invitation look-ups",
    )
    invitation = await service.usable_invitation(ctx.db, body.token, ctx.services.clock())
    row = await ctx.db.get(StoredFile, body.file_id)
    if row is None or row.case_id != invitation.case_id or row.thumbnail is None:
        raise file_not_found()
    return image_response(row.thumbnail, "image/jpeg")
