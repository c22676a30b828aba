"""Render the frame schemas section of ``docs/protocol.md`` from the frame models.

``python -m odr.room.protocol_doc`` rewrites the section between the markers; the docs test
fails when it is out of date, so the documented protocol is always the implemented one.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from odr.room.event_data import EVENT_DATA
from odr.room.frames import CLIENT_FRAMES, EVENT_TYPES, SERVER_FRAMES

DOC = Path(__file__).resolve().parents[2] / "docs" / "protocol.md"
START, END = "<!-- frame-schemas:start -->", "<!-- frame-schemas:end -->"


def frame_type(model: type[BaseModel]) -> str:
    annotation = model.model_fields["type"].annotation
    return str(annotation.__args__[0])  # type: ignore[union-attr]


def render() -> str:
    parts = [START, "", "## Frame schemas (generated)", ""]
    for title, models in (("Client → server", CLIENT_FRAMES), ("Server → client", SERVER_FRAMES)):
        parts += [f"### {title}", ""]
        for model in models:
            schema = model.model_json_schema()
            parts += [
                f"#### `{frame_type(model)}`",
                "",
                (model.__doc__ or "").strip().replace("\n    ", "\n"),
                "",
                "```json",
                json.dumps(schema, indent=2, ensure_ascii=False),
                "```",
                "",
            ]
    parts += ["### Event types (`event` frames)", ""]
    parts += [f"- `{name}`" for name in EVENT_TYPES]
    parts += ["", "### Event data", "", "The `data` of an `event` frame, by `event`.", ""]
    for name in EVENT_TYPES:
        schema = EVENT_DATA[name].json_schema()
        parts += [
            f"#### `{name}` data",
            "",
            "```json",
            json.dumps(schema, indent=2, ensure_ascii=False),
            "```",
            "",
        ]
    parts += [END]
    return "\n".join(parts)


def updated(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + render() + tail


if __name__ == "__main__":
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
