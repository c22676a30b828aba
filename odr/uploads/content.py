"""What an uploaded file is, judged by its bytes, and the copy of a photo we keep.

The type a browser declares (``Content-Type``, the file name) is whatever the sender wants it to
be: a script named ``sofa.jpg`` declares ``image/jpeg`` just as well. So the type is read from
the content, twice: the format's signature at the start of the file (the "magic bytes": JPEG
``FF D8 FF``, PNG's eight-byte signature, WebP's ``RIFF…WEBP``), then Pillow (already installed
for WeasyPrint, now a direct dependency) decodes the whole picture in that format only. A file
that passes the first check and not the second (cut short, corrupt, a polyglot) is refused too.

A photo taken with a phone carries EXIF, often with the GPS position where it was taken: the
family home's address, in a dispute that may involve violence. We never keep the uploaded bytes.
We keep a new encoding of the decoded pixels in the same format, with no metadata at all
(EXIF, GPS, XMP, PNG text chunks are simply not written), the EXIF orientation applied to the
pixels first (so the photo still stands the right way up), the colour profile kept, and the
longer side bounded (``MAX_SIDE``): the copy cannot smuggle anything the pixels do not show.
A small JPEG thumbnail is made at the same time for lists of items.

Pure: bytes in, bytes out, no I/O; CPU-bound, so callers run it on a thread.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from hashlib import sha256

from PIL import Image, ImageOps, UnidentifiedImageError

from odr.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType

PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
"""The photo formats accepted, as media types (the same in the API and in ``<input accept>``)."""
_PIL_FORMAT = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}

MAX_PIXELS = 50_000_000
"""A 50-megapixel photo is already more than any phone's; beyond, the file is refused before its
pixels are decoded (a tiny PNG can declare a 100 000 × 100 000 picture: a decompression bomb)."""
MAX_SIDE = 2560
"""The longer side of the copy we keep: enough to see what an item is, a fraction of the bytes."""
THUMB_SIDE = 320
"""The thumbnail's longer side: twice the 160 CSS pixels it is shown at, for sharp phone screens."""


@dataclass(frozen=True)
class Photo:
    """The copy we keep and its thumbnail (always ``image/jpeg``)."""

    media_type: str
    content: bytes
    thumbnail: bytes
    width: int
    height: int

    @property
    def sha256(self) -> str:
        return sha256(self.content).hexdigest()


def sniff(data: bytes) -> str | None:
    """The media type of ``data`` by its signature, among ``PHOTO_TYPES``; else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def _not_a_photo() -> UnsupportedMediaType:
    return UnsupportedMediaType(
        "this file is not a JPEG, PNG or WebP photo (judged by its content, not its name)",
        code="photo_type_not_allowed",
    )


def prepare_photo(data: bytes, max_bytes: int) -> Photo:
    """The copy of the photo ``data`` we keep, or a refusal: 400 ``empty_body``, 413
    ``photo_too_large`` (over ``max_bytes`` or ``MAX_PIXELS``), 415 ``photo_type_not_allowed``
    (not one of ``PHOTO_TYPES`` by its content, or not decodable as the type it claims)."""
    if not data:
        raise BadRequest("the request body is empty; send the photo file", code="empty_body")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"the photo is larger than the limit of {max_bytes} bytes", code="photo_too_large"
        )
    media_type = sniff(data)
    if media_type is None:
        raise _not_a_photo()
    try:
        with warnings.catch_warnings():
            # Pillow warns (and the tests turn warnings into errors) on a big picture: ours is
            # the MAX_PIXELS check below, made before any pixel is decoded.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[_PIL_FORMAT[media_type]]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PayloadTooLarge(
                        f"the photo has more than {MAX_PIXELS} pixels", code="photo_too_large"
                    )
                image.load()
                return _kept_copy(image, media_type)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # Pillow's ways of saying "cut short", "corrupt", "not really this format".
        raise _not_a_photo() from exc
    except Image.DecompressionBombError as exc:
        raise PayloadTooLarge(str(exc), code="photo_too_large") from exc


def _kept_copy(image: Image.Image, media_type: str) -> Photo:
    icc = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)  # a copy with no orientation tag left
    if upright.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if "transparency" in image.info else "RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    content = _encode(upright, media_type, icc)
    thumb = upright.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    return Photo(
        media_type,
        content,
        _encode(_flattened(thumb), "image/jpeg", icc, quality=80),
        upright.width,
        upright.height,
    )


def _flattened(image: Image.Image) -> Image.Image:
    """RGB for JPEG: transparent parts drawn on white, as the page behind them is."""
    if image.mode in ("RGBA", "LA"):
        background = Image.new("RGB", image.size, "white")
        background.paste(image.convert("RGBA"), mask=image.convert("RGBA").getchannel("A"))
        return background
    return image.convert("RGB")


def _encode(image: Image.Image, media_type: str, icc: bytes | None, quality: int = 88) -> bytes:
    """Only the pixels and the colour profile are written: no ``exif=``, no ``pnginfo=``."""
    out = io.BytesIO()
    extra: dict[str, object] = {"icc_profile": icc} if icc else {}
    if media_type == "image/jpeg":
        _flattened(image).save(out, "JPEG", quality=quality, optimize=True, **extra)
    elif media_type == "image/png":
        image.save(out, "PNG", optimize=True, **extra)
    else:
        image.save(out, "WEBP", quality=quality, **extra)
    return out.getvalue()
