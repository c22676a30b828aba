"""Photos as people send them (#12, items of a division): a phone's JPEG with its GPS position
in EXIF, a PNG with transparency, a WebP; and the items of a division case to attach them to."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

ITEMS: list[dict[str, Any]] = [
    {"name": "Квартира", "value": "30000000"},
    {"name": "Диван", "note": "серый"},
]
GPS = {1: "N", 2: (43.0, 15.0, 30.0), 3: "E", 4: (76.0, 57.0, 0.0)}
CAMERA = "PhoneMaker"


def jpeg_with_location(size: tuple[int, int] = (640, 480)) -> bytes:
    """A phone's photo: EXIF with the camera's name and the GPS position where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size: tuple[int, int] = (50, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 255, 128)).save(out, "PNG")
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 30), "green").save(out, "WEBP")
    return out.getvalue()
