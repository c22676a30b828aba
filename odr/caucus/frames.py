"""The frames of the caucus socket ``/ws/caucus``, as pydantic models.

``live.py`` sends plain dicts and reads client frames with ``client_message``; the tests check
every frame a caucus socket receives against ``server_message``; ``docs/protocol.md`` (section
"Private caucus: /ws/caucus") describes them. Client frames are as strict as the room's: validated
with ``strict=True``, unknown fields refused, nothing trimmed but the text (as over HTTP).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter

from odr.caucus.schemas import CaucusMessageOut, CaucusState, PartyRole, Text
from odr.room.frames import IdempotencyKey
from odr.web.schema import HexId


class ClientFrame(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Hello(ClientFrame):
    """Follow the caucuses of a case: a party its own, the case's mediator every party's."""

    type: Literal["hello"]
    case_id: HexId


class Ping(ClientFrame):
    type: Literal["ping"]


class Say(ClientFrame):
    """Write in an open caucus, as over HTTP; ``role`` (the party's) only from the mediator."""

    type: Literal["message"]
    key: IdempotencyKey
    text: Text
    role: PartyRole | None = None


client_message: TypeAdapter[Hello | Ping | Say] = TypeAdapter(
    Annotated[Hello | Ping | Say, Field(discriminator="type")]
)


class ServerFrame(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ready(ServerFrame):
    """The socket follows the caucuses of ``case_id`` with these parties (``as``: the reader's
    seat). Reread the history over HTTP now: frames missed while away are not replayed. Sent
    again when frames may have been lost (the socket fell behind): reread then too."""

    type: Literal["ready"]
    case_id: HexId
    as_: Literal["mediator", "party"] = Field(alias="as")
    roles: list[PartyRole]


class CaucusChanged(ServerFrame):
    """The caucus of party ``role`` is now in ``state`` (asked for, opened, closed)."""

    type: Literal["caucus"]
    case_id: HexId
    role: PartyRole
    state: CaucusState
    requested_at: AwareDatetime | None


class CaucusMessage(ServerFrame):
    """A message written in the caucus of party ``role`` (by either of its two members)."""

    type: Literal["caucus_message"]
    case_id: HexId
    role: PartyRole
    message: CaucusMessageOut


class Ack(ServerFrame):
    """The ``message`` with ``key`` is stored as message ``id``."""

    type: Literal["ack"]
    key: str
    id: int


class Error(ServerFrame):
    """A frame was refused (the socket stays open; nothing was stored), or the case is no longer
    the reader's (``case_not_found``: the socket stops following it)."""

    type: Literal["error"]
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    message: str = Field(min_length=1)
    key: str | None


class Pong(ServerFrame):
    type: Literal["pong"]


server_message: TypeAdapter[Ready | CaucusChanged | CaucusMessage | Ack | Error | Pong] = (
    TypeAdapter(
        Annotated[
            Ready | CaucusChanged | CaucusMessage | Ack | Error | Pong,
            Field(discriminator="type"),
        ]
    )
)
"""Validate a ``/ws/caucus`` frame: ``server_message.validate_json(raw)``."""
