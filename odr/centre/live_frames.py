"""The frames of the dashboard's live channel ``/ws/centre``, as pydantic models.

``odr/centre/live.py`` sends them as plain dicts, and ``docs/centre.md`` describes them; the
tests check every frame a dashboard socket receives against these models
(``tests/odr/frame_check.py``), so the three stay one. Only the type of an event travels here,
never its data: the page reloads the row over HTTP, where access is checked.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from odr.room.event_vocabulary import Seq
from odr.room.frames import EVENT_TYPES, Pong
from odr.web.schema import HexId


class CentreFrame(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ready(CentreFrame):
    """First frame: the cases this socket follows."""

    type: Literal["ready"]
    cases: list[HexId]


class Activity(CentreFrame):
    """Case ``case_id`` logged event ``seq`` of type ``event`` at ``at``.

    With ``event`` null and no ``seq`` or ``at``: events may have been missed (the socket fell
    behind); reload the row.
    """

    type: Literal["activity"]
    case_id: HexId
    event: str | None
    seq: Seq | None = None
    at: AwareDatetime | None = None

    @model_validator(mode="after")
    def _whole_or_gap(self) -> Activity:
        if self.event is None:
            if self.seq is not None or self.at is not None:
                raise ValueError("a gap (event null) carries no seq or at")
        elif self.event not in EVENT_TYPES:
            raise ValueError(f"{self.event!r} is not an event type of docs/protocol.md")
        elif self.seq is None or self.at is None:
            raise ValueError("an event's activity carries its seq and at")
        return self


class Assigned(CentreFrame):
    """A case became visible to this person (picked up within a few seconds)."""

    type: Literal["assigned"]
    case_id: HexId


class Unassigned(CentreFrame):
    """A case is no longer visible to this person."""

    type: Literal["unassigned"]
    case_id: HexId


centre_message: TypeAdapter[CentreFrame | Pong] = TypeAdapter(
    Annotated[Ready | Activity | Assigned | Unassigned | Pong, Field(discriminator="type")]
)
"""Validate a ``/ws/centre`` frame: ``centre_message.validate_json(raw, strict=True)``."""
