"""Every server frame a test receives is checked against its documented schema.

Zulip checks each event a test sees against its OpenAPI schema; here every frame a test's
WebSocket client reads goes through ``room_frame`` (``/ws``, against ``odr/room/frames.py``) or
``centre_frame`` (``/ws/centre``, against ``odr/centre/live_frames.py``). Both return the parsed
frame, so a reader calls them where it would call ``json.loads``.

A frame that does not fit raises ``FrameMismatch`` where it is read, and is also remembered in
``mismatches``: readers run in background tasks, where an exception might only end the task, so
``tests/conftest.py`` fails any test that saw one, with the frame and what is wrong with it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError

from odr.caucus.frames import server_message as caucus_message
from odr.centre.live_frames import centre_message
from odr.room.frames import server_message
from odr.web.validation import field_path

mismatches: list[str] = []
"""Every mismatch seen since the current test began (``tests/conftest.py`` clears and checks)."""


class FrameMismatch(AssertionError):
    """A server frame that is not what the protocol documents."""


def room_frame(raw: str | bytes) -> dict[str, Any]:
    """A ``/ws`` frame, parsed, after checking it against ``odr/room/frames.py``."""
    return _checked(raw, server_message, "/ws", "odr/room/frames.py (docs/protocol.md)")


def caucus_frame(raw: str | bytes) -> dict[str, Any]:
    """A ``/ws/caucus`` frame, parsed, after checking it against ``odr/caucus/frames.py``."""
    return _checked(raw, caucus_message, "/ws/caucus", "odr/caucus/frames.py")


def centre_frame(raw: str | bytes) -> dict[str, Any]:
    """A ``/ws/centre`` frame, parsed, after checking it against ``odr/centre/live_frames.py``."""
    return _checked(raw, centre_message, "/ws/centre", "odr/centre/live_frames.py")


def raise_mismatches() -> None:
    """Fail with every mismatch seen so far (and forget them), if there were any."""
    if mismatches:
        seen = "\n\n".join(mismatches)
        mismatches.clear()
        raise FrameMismatch(seen)


def _checked(
    raw: str | bytes, schema: TypeAdapter[Any], socket: str, models: str
) -> dict[str, Any]:
    try:
        schema.validate_json(raw, strict=True)
    except ValidationError as exc:
        text = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
        problems = "\n".join(f"  - {_where(e['loc'])}: {e['msg']}" for e in exc.errors())
        message = f"{socket} sent a frame that does not fit {models}:\n  {text}\n{problems}"
        mismatches.append(message)
        raise FrameMismatch(message) from None
    frame: dict[str, Any] = json.loads(raw)
    return frame


def _where(loc: tuple[int | str, ...]) -> str:
    # The first part of a loc is the frame's type, the tag of the union of frames.
    return field_path(loc[1:]) or "frame"
