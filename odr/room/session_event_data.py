"""The ``data`` of ``joint_session`` events (#15): a joint session proposed, its choice by a
party, confirmed, moved, cancelled, and how it went. Registered in ``event_data.EVENT_DATA``.

A joint session is joint: both parties and the mediator see every step in the case log. The
meeting link is not logged (it is in the session itself and in each invite), nor which slots a
party chose: only that it chose.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from odr.web.schema import HexId

Minutes = Annotated[int, Field(ge=1, le=24 * 60, description="How long it lasts, in minutes.")]


class _SessionData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session: HexId = Field(description="The session's id (also its calendar UID's first part).")


class SessionProposed(_SessionData):
    """The mediator (the actor) proposed ``slots`` times; the parties choose theirs."""

    kind: Literal["proposed"]
    slots: int = Field(ge=1, le=20)


class SessionChosen(_SessionData):
    """A party (the actor) said which of the times it can attend (not which: only that)."""

    kind: Literal["chosen"]


class SessionConfirmed(_SessionData):
    """The mediator confirmed a time (``rescheduled``: moved it); invites went to everyone."""

    kind: Literal["confirmed", "rescheduled"]
    starts_at: AwareDatetime
    minutes: Minutes
    place: str | None = None


class SessionCancelled(_SessionData):
    kind: Literal["cancelled"]
    reason: str


class SessionOutcome(_SessionData):
    """What the mediator recorded after the session: held, not held, postponed; a short note."""

    kind: Literal["outcome"]
    outcome: Literal["held", "not_held", "postponed"]
    note: str


JOINT_SESSION = Annotated[
    SessionProposed | SessionChosen | SessionConfirmed | SessionCancelled | SessionOutcome,
    Field(discriminator="kind"),
]
