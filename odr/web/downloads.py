"""A PDF the client saves as a file: the settlement, a referral package, a writ application.

One place for the answer's shape, so every document download names its file the same way and a
change (a header, the type) reaches them all."""

from __future__ import annotations

from starlette.responses import Response


def pdf_attachment(content: bytes, file_name: str) -> Response:
    """``content`` as ``application/pdf``, to be saved as ``file_name`` (ASCII, no quotes)."""
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )
