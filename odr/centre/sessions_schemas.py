"""Request and response bodies of the joint-session endpoints (#15)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from odr.centre.schemas import Reason
from odr.web.schema import Line, Prose, RequestModel, ResponseModel

Minutes = Annotated[int, Field(ge=-100_000, le=100_000, description="How long, in minutes.")]
SlotNumber = Annotated[int, Field(ge=1, le=100, description="A proposed time's number: 1, 2…")]


class SlotIn(RequestModel):
    starts_at: datetime = Field(description="ISO 8601 with its offset (stored in UTC).")
    duration_minutes: Minutes
    meeting_url: Annotated[str, Line(500)] | None = Field(
        default=None, description="The video meeting's https:// link (video is external)."
    )
    place: Annotated[str, Line(200)] | None = None


class ProposeIn(RequestModel):
    slots: list[SlotIn] = Field(max_length=20, description="At most 5 times, each in the future.")


class ChooseIn(RequestModel):
    slots: list[SlotNumber] = Field(
        max_length=20, description="The times I can attend (none: I can attend none of them)."
    )


class ConfirmIn(RequestModel):
    slot: SlotNumber | None = Field(
        default=None, description="The time to confirm; absent: the first one every party chose."
    )


class CancelIn(RequestModel):
    reason: Reason


class OutcomeIn(RequestModel):
    outcome: Literal["held", "not_held", "postponed"]
    note: Annotated[str, Prose(1000)]


class SlotOut(ResponseModel):
    number: int
    starts_at: datetime
    minutes: int
    meeting_url: str | None
    place: str | None
    mine: bool = Field(description="The caller (a party) chose it.")
    chosen_by: list[str] = Field(
        description="The roles that chose it: to the mediator every party's, to a party its own."
    )


class SessionOut(ResponseModel):
    id: str
    status: Literal["proposed", "confirmed", "done", "cancelled"]
    slots: list[SlotOut]
    suggested_slot: int | None = Field(description="The first time every party chose, if any.")
    starts_at: datetime | None
    minutes: int | None
    meeting_url: str | None
    place: str | None
    sequence: int = Field(description="The invite's iCalendar SEQUENCE (0 for the first).")
    outcome: Literal["held", "not_held", "postponed"] | None
    note: str | None
    calendar: str | None = Field(description="Where the invite (.ics) is, once confirmed.")
    created_at: datetime


class SessionList(ResponseModel):
    sessions: list[SessionOut] = Field(description="Newest first; at most one is open.")
