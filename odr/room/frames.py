"""The WebSocket protocol's frames, as pydantic models (validation and documented JSON schemas).

Client frames: ``hello`` first, then commands (each with an idempotency ``key``) and ``ping``.
Server frames: ``welcome``, ``event`` (sequenced, durable), ``ack``, ``error``, ``resync``,
``presence`` and ``pong`` (ephemeral). ``docs/protocol.md`` shows every schema; a test fails when
a frame type is missing there.

Client frames are as strict as HTTP bodies, by the same rules (``odr.web.boundary``): validated
with ``strict=True`` (``"0"`` is not a number), nothing trimmed (a key is used exactly as sent, so
``"  k1  "`` is refused, not taken for ``"k1"``), unknown fields refused, ids in the shape the
service makes them, no control characters in any text.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter
from pydantic_core import PydanticCustomError

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
IssueName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$", max_length=40)]
"""As ``odr.cases.schemas.IssueIn.name`` makes them."""
Package = Annotated[
    dict[IssueName, Annotated[str, Line(200)]],
    Field(description="One option id per issue name: a full package.", max_length=100),
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
    pass


class Actor(BaseModel):
    role: str = Field(description="claimant, respondent, mediator or system")
    name: str | None


class Welcome(ServerFrame):
    """Answer to ``hello``: the client is in the room; replayed events follow, then live ones."""

    type: Literal["welcome"]
    case_id: str
    role: str
    head_seq: int = Field(description="The log's last seq when the client joined.")


class Event(ServerFrame):
    """A durable event of the case log. ``seq`` is dense per case: 1, 2, 3…"""

    type: Literal["event"]
    seq: int
    event: Literal[
        "interests_submitted",
        "proposals_ready",
        "no_agreement_zone",
        "offer",
        "counter_offer",
        "accept",
        "reject",
        "withdraw",
        "message",
        "agreement",
        "deadline",
        "system",
        "paused",
        "resumed",
        "closed",
        "referred",
        "attested",
    ]
    actor: Actor
    at: str = Field(description="ISO 8601 UTC time the event was committed.")
    data: dict[str, Any]


class Ack(ServerFrame):
    """The command with ``key`` is committed as event ``seq`` (also sent again on a retry)."""

    type: Literal["ack"]
    key: str
    seq: int


class Error(ServerFrame):
    """A frame or command was refused. The socket stays open; nothing was stored."""

    type: Literal["error"]
    code: str
    message: str
    key: str | None = None


class Resync(ServerFrame):
    """The client's view cannot be continued (e.g. it claims events the server never had).

    Drop local state and say ``hello`` again with ``last_seq: 0``.
    """

    type: Literal["resync"]
    reason: str
    head_seq: int


class Presence(ServerFrame):
    """Ephemeral: a connection came online or went away. Entries expire after ``ttl`` seconds
    unless announced again (connections re-announce every 25 s)."""

    type: Literal["presence"]
    connection: str
    who: Actor
    online: bool
    ttl: int


class Pong(ServerFrame):
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
EVENT_TYPES: tuple[str, ...] = Event.model_fields["event"].annotation.__args__  # type: ignore[union-attr]
