"""Reading a stored file: ``GET /api/files/{file_id}`` and its thumbnail.

Authorised per file and per request (``odr.uploads.access``): the case's parties and its
mediator; anyone else gets 404 ``file_not_found``. The answer is the bytes with the media type
the content check found (never one a client declared), ``nosniff`` so no browser guesses
otherwise, and ``inline`` with no file name: the page shows it, nothing is executed.
"""

from __future__ import annotations

from starlette.responses import Response

from odr.uploads.access import readable_file
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam

api = Api()

FILE_ID = PathParam(
    "file_id",
    boundary.HEX_ID,
    "file_not_found",
    "there is no file with this id among your cases' files",
    "The file's random id, as an item's `photo.id` gives it (32 characters 0-9 a-f).",
)


def image_response(content: bytes, media_type: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": "inline",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@api.endpoint(
    "GET",
    "/api/files/{file_id}",
    summary="A file of one of my cases (an item's photo), as a party or the case's mediator",
    tag="files",
    media_type="application/octet-stream",
    errors=(401, 404),
    params=(FILE_ID,),
)
async def read_file(ctx: Context) -> Response:
    row = await readable_file(ctx.db, ctx.user, ctx.path_params["file_id"])
    return image_response(row.content, row.media_type)


@api.endpoint(
    "GET",
    "/api/files/{file_id}/thumbnail",
    summary="A photo's thumbnail (JPEG, at most 320 px), as a party or the case's mediator",
    tag="files",
    media_type="image/jpeg",
    errors=(401, 404),
    params=(FILE_ID,),
)
async def read_thumbnail(ctx: Context) -> Response:
    row = await readable_file(ctx.db, ctx.user, ctx.path_params["file_id"])
    if row.thumbnail is None:  # a file that is not a photo (documents, later)
        return image_response(row.content, row.media_type)
    return image_response(row.thumbnail, "image/jpeg")
