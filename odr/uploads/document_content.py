"""What an uploaded document is, judged by its bytes, and the name it is kept under.

A document or piece of evidence is a PDF or a picture (JPEG, PNG, WebP): what a party has on a
phone or a scanner, and what a court can open. Its type is read from the content, never from its
name or the ``Content-Type`` sent: the signature at the start (the "magic bytes"), then the whole
file opened as that format. A PDF must open with pikepdf *without* qpdf's repairs (a file cut
short is refused, not silently mended: the hash logged must be of a whole file) and end with
``%%EOF``; a picture must decode with Pillow in the format its signature names. When the sender
does declare a document type that is not the one found (a PNG sent as ``application/pdf``), the
file is refused too: one of the two is lying, and the sender should know which file it sent.

Unlike an item's photo (``content.py``), the bytes are kept exactly as sent: evidence is worth
its hash, and its metadata (when a photo was taken, by what camera) may be the point. The page
says so before a party uploads. Served only as an attachment with ``nosniff``, a PDF's scripts
run in no page of ours.

Pure: bytes in, a verdict out; opening a PDF is CPU work, so callers run it on a thread.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from dataclasses import dataclass

import pikepdf
from PIL import Image, UnidentifiedImageError

from odr.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from odr.uploads.content import MAX_PIXELS, sniff

DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")
"""The formats accepted, as media types (the same in the API and in ``<input accept>``)."""
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
}
_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
_EOF_WINDOW = 1024
"""Where ``%%EOF`` must be: within the last KiB (what readers such as Acrobat accept)."""
NAME_LENGTH = 100
"""The longest name kept, extension included (a phone's ``IMG_20261207_101500.jpg`` fits)."""
DEFAULT_NAME = "document"
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


@dataclass(frozen=True)
class CheckedDocument:
    media_type: str
    file_name: str


def _not_allowed() -> UnsupportedMediaType:
    return UnsupportedMediaType(
        "this file is not a PDF, JPEG, PNG or WebP file (judged by its content, not its name)",
        code="document_type_not_allowed",
    )


def _damaged(what: str) -> ValidationFailed:
    return ValidationFailed(
        f"this {what} cannot be opened: it is cut short or damaged; send the whole file",
        code="document_damaged",
    )


def sniff_document(data: bytes) -> str | None:
    """The media type of ``data`` by its signature, among ``DOCUMENT_TYPES``; else None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return sniff(data)


def check_document(
    data: bytes, declared_type: str | None, name: str | None, max_bytes: int
) -> CheckedDocument:
    """The document's real type and the name to keep it under, or a refusal: 400
    ``empty_body``, 413 ``document_too_large``, 415 ``document_type_not_allowed`` (not one of
    ``DOCUMENT_TYPES`` by its content) or ``document_type_mismatch`` (declared as another of
    them), 422 ``document_damaged`` (cut short, corrupt) or ``document_encrypted``."""
    if not data:
        raise BadRequest("the request body is empty; send the file", code="empty_body")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"the file is larger than the limit of {max_bytes} bytes", code="document_too_large"
        )
    media_type = sniff_document(data)
    if media_type is None:
        raise _not_allowed()
    declared = (declared_type or "").split(";")[0].strip().lower()
    if declared in DOCUMENT_TYPES and declared != media_type:
        raise UnsupportedMediaType(
            f"the file was sent as {declared} but its content is {media_type}",
            code="document_type_mismatch",
        )
    if media_type == "application/pdf":
        _check_pdf(data)
    else:
        _check_picture(data, media_type)
    return CheckedDocument(media_type, safe_name(name, media_type))


def _check_pdf(data: bytes) -> None:
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise _damaged("PDF")
    try:
        with pikepdf.open(io.BytesIO(data), attempt_recovery=False) as pdf:
            if len(pdf.pages) == 0:
                raise _damaged("PDF")
    except pikepdf.PasswordError as exc:
        raise ValidationFailed(
            "this PDF is protected by a password; send a copy without one",
            code="document_encrypted",
        ) from exc
    except (pikepdf.PdfError, ValueError, RuntimeError) as exc:
        raise _damaged("PDF") from exc


def _check_picture(data: bytes, media_type: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[media_type]]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PayloadTooLarge(
                        f"the picture has more than {MAX_PIXELS} pixels",
                        code="document_too_large",
                    )
                image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _damaged("picture") from exc
    except Image.DecompressionBombError as exc:
        raise PayloadTooLarge(str(exc), code="document_too_large") from exc


def safe_name(name: str | None, media_type: str) -> str:
    """A name safe in a list, a header and a file system: the last path part of what was sent,
    without control, invisible or reserved characters, at most ``NAME_LENGTH`` characters, and
    always the extension of the type found (``photo.pdf`` that is a PNG is kept as
    ``photo.png``)."""
    text = unicodedata.normalize("NFC", name or "")
    # Invisible format characters go too: a right-to-left override makes "doc‮fdp.exe" read as
    # "docexe.pdf" in a list.
    text = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))
    text = re.split(r"[/\\]", text)[-1]
    text = " ".join(_UNSAFE.sub(" ", text).split()).strip(" .")
    stem = text.rsplit(".", 1)[0].strip(" .") if "." in text else text
    ext = EXTENSIONS[media_type]
    stem = stem[: NAME_LENGTH - len(ext)].rstrip(" .") or DEFAULT_NAME
    return stem + ext
