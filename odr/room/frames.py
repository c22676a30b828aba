"""The WebSocket protocol's frames, as pydantic models (validation and documented JSON schemas).

Client frames: ``hello`` first, then commands (each with an idempotency ``key``) and ``ping``.
Server frames: ``welcome``, ``event`` (sequenced, durable), ``ack``, ``error``, ``resync``,
``presence`` and ``pong`` (ephemeral). An ``event``'s ``data`` is modelled in
``odr.room.event_data``, one model per event type. ``docs/protocol.md`` shows every schema; a test
fails when a frame type is missing there. The server sends plain dicts; the tests' WebSocket
clients check every frame they receive against these models (``tests/odr/frame_check.py``), so
what is documented is what is sent.

Client frames are as strict as HTTP bodies, by the same rules (``odr.web.boundary``): validated
with ``strict=True`` (``"0"`` is not a number), nothing trimmed (a key is used exactly as sent, so
``"  k1  "`` is refused, not taken for ``"k1"``), unknown fields refused, ids in the shape the
service makes them, no control characters in any text.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic_core import PydanticCustomError

from odr.room.event_data import event_data_problem
from odr.room.event_vocabulary import Package, PartyKey, Seq
from odr.web import boundary
from odr.web.schema import HexId, IdOf, Line, Prose

IdempotencyKey = Annotated[
    str,
    IdOf(boundary.IDEMPOTENCY_KEY),
    Field(
        description="Chosen by the client, unique per command; a retry with the same key "
        "never creates a second event and is answered with the original ack.",
    ),
]


def _not_blank(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("blank", "must hold more than spaces")
    return text


class ClientFrame(BaseModel):
    """Validated with ``client_message.validate_json(data, strict=True)``; never trimmed."""

    model_config = ConfigDict(extra="forbid")


class Hello(ClientFrame):
    """Start (or switch to) a case's room, resuming after the last event the client has."""

    type: Literal["hello"]
    case_id: HexId
    last_seq: int = Field(default=0, ge=0, description="Highest event seq the client holds.")


class Ping(ClientFrame):
    """Keep-alive; the server answers ``pong``. Send one every 25 s when otherwise quiet."""

    type: Literal["ping"]


class SendMessage(ClientFrame):
    type: Literal["message"]
    key: IdempotencyKey
    text: Annotated[str, Prose(4000), AfterValidator(_not_blank)]


class MakeOffer(ClientFrame):
    """Offer a full package; with ``counter_to`` it answers an earlier offer (a counter-offer)."""

    type: Literal["offer"]
    key: IdempotencyKey
    package: Package
    counter_to: int | None = Field(default=None, ge=1, description="Offer version answered.")
    from_proposal: Annotated[str, Line(64)] | None = None


class Accept(ClientFrame):
    type: Literal["accept"]
    key: IdempotencyKey
    version: int = Field(ge=1, description="The exact offer version accepted.")


class Reject(ClientFrame):
    type: Literal["reject"]
    key: IdempotencyKey
    version: int = Field(ge=1)
    reason: Annotated[str, Prose(1000, min_length=0)] | None = None


class Withdraw(ClientFrame):
    type: Literal["withdraw"]
    key: IdempotencyKey
    version: int = Field(ge=1)


Command = SendMessage | MakeOffer | Accept | Reject | Withdraw
ClientMessage = Annotated[Hello | Ping | Command, Field(discriminator="type")]
CLIENT_FRAMES: tuple[type[ClientFrame], ...] = (
    Hello,
    Ping,
    SendMessage,
    MakeOffer,
    Accept,
    Reject,
    Withdraw,
)
client_message = TypeAdapter(ClientMessage)


class ServerFrame(BaseModel):
    """A frame the server sends. The server builds them as plain dicts (the hot path); the tests
    check every frame they receive against these models (``server_message``, which checks each
    event's ``data`` by ``odr.room.event_data``), so a frame that drifts from its schema fails a
    test."""

    model_config = ConfigDict(extra="forbid")


Role = PartyKey | Literal["mediator"]


class Actor(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | Literal["system"]
    name: str | None = Field(description="Display name; null for the system.")


class Welcome(ServerFrame):
    """Answer to ``hello``: the client is in the room; replayed events follow, then live ones."""

    type: Literal["welcome"]
    case_id: HexId
    role: Role
    head_seq: int = Field(ge=0, description="The log's last seq when the client joined.")


class Event(ServerFrame):
    """A durable event of the case log. ``seq`` is dense per case: 1, 2, 3…

    ``data`` has one shape per ``event``: see "Event data" below.
    """

    type: Literal["event"]
    seq: Seq
    event: Literal[
        "interests_submitted",
        "proposals_ready",
        "no_agreement_zone",
        "offer",
        "counter_offer",
        "accept",
        "reject",
        "withdraw",
        "party_withdrew",
        "message",
        "agreement",
        "deadline",
        "system",
        "paused",
        "resumed",
        "closed",
        "referred",
        "attested",
        "mechanism_switch",
        "improvement_offered",
        "improvement_adopted",
        "improvement_lapsed",
        "bidding",
        "bidding_settled",
        "points_submitted",
        "item_photo",
        "document",
        "joint_session",
        "performance_paid",
        "performance_received",
        "performance_disputed",
        "performance_done",
        "performance_confirmed",
        "penalty_paid",
        "penalty_received",
        "penalty_waived",
        "penalty_disputed",
        "writ_application_made",
        "writ_application_acknowledged",
    ]
    actor: Actor
    at: AwareDatetime = Field(description="ISO 8601 UTC time the event was committed.")
    data: dict[str, Any]

    @model_validator(mode="after")
    def _data_fits_event(self) -> Event:
        problem = event_data_problem(self.event, self.data)
        if problem is not None:
            raise ValueError(f"the data of a {self.event!r} event does not fit: {problem}")
        return self


class Ack(ServerFrame):
    """The command with ``key`` is committed as event ``seq`` (also sent again on a retry)."""

    type: Literal["ack"]
    key: str
    seq: Seq


class Error(ServerFrame):
    """A frame or command was refused. The socket stays open; nothing was stored.

    ``key`` is the refused command's key when it could be read, else null.
    """

    type: Literal["error"]
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable snake_case code.")
    message: str = Field(min_length=1)
    key: str | None


class Resync(ServerFrame):
    """The client's view cannot be continued (e.g. it claims events the server never had).

    Drop local state and say ``hello`` again with ``last_seq: 0``.
    """

    type: Literal["resync"]
    reason: str
    head_seq: int = Field(ge=0)


class Presence(ServerFrame):
    """Ephemeral: a connection came online or went away. Entries expire after ``ttl`` seconds
    unless announced again (connections re-announce every 25 s)."""

    type: Literal["presence"]
    connection: str = Field(pattern=r"^[0-9a-f]{12}$")
    who: Actor
    online: bool
    ttl: int = Field(ge=1)


class Pong(ServerFrame):
    """Answer to ``ping``."""

    type: Literal["pong"]


SERVER_FRAMES: tuple[type[ServerFrame], ...] = (
    Welcome,
    Event,
    Ack,
    Error,
    Resync,
    Presence,
    Pong,
)
server_message: TypeAdapter[ServerFrame] = TypeAdapter(
    Annotated[Welcome | Event | Ack | Error | Resync | Presence | Pong, Field(discriminator="type")]
)
"""Validate a server frame: ``server_message.validate_json(raw, strict=True)`` (tests do)."""
EVENT_TYPES: tuple[str, ...] = Event.model_fields["event"].annotation.__args__  # type: ignore[union-attr]
