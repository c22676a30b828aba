"""Events and commands of the negotiation protocol, and the events' plain-JSON form.

Events are facts ("offer 3 was made by ana at 10:02"); the room persists them with a per-case
sequence number and rebuilds state by folding them (``negotiation.protocol.fold``). Commands are
requests that ``negotiation.protocol.decide`` validates against the state and turns into events,
or refuses with ``ProtocolError``. Each event carries a ``message_key`` for the UI
(``negotiation.offer_made`` etc.); no event ever holds a party's private preferences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from negotiation.errors import IllegalMove
from negotiation.model import Issue, NumericRange

CloseReason = Literal["deadline", "party_left"]


class ProtocolError(IllegalMove):
    """An illegal move, with a UI message ``key`` and its ``params`` besides the readable text."""

    def __init__(
        self, message: str, *, key: str, field: str | None = None, **params: object
    ) -> None:
        super().__init__(message, field=field)
        self.key = f"negotiation.error.{key}"
        self.params: Mapping[str, object] = MappingProxyType(dict(params))


# --- Events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NegotiationOpened:
    message_key: ClassVar[str] = "negotiation.opened"
    parties: tuple[str, ...]
    issues: tuple[Issue, ...]
    deadline: datetime | None
    at: datetime


@dataclass(frozen=True)
class OfferMade:
    """A full package; a counter-offer is simply a newer offer (it supersedes the live one)."""

    message_key: ClassVar[str] = "negotiation.offer_made"
    version: int
    author: str
    package: Mapping[str, str]
    at: datetime


@dataclass(frozen=True)
class OfferAccepted:
    message_key: ClassVar[str] = "negotiation.offer_accepted"
    version: int
    party: str
    at: datetime


@dataclass(frozen=True)
class OfferRejected:
    message_key: ClassVar[str] = "negotiation.offer_rejected"
    version: int
    party: str
    at: datetime


@dataclass(frozen=True)
class OfferWithdrawn:
    message_key: ClassVar[str] = "negotiation.offer_withdrawn"
    version: int
    party: str
    at: datetime


@dataclass(frozen=True)
class AgreementReached:
    message_key: ClassVar[str] = "negotiation.agreement_reached"
    version: int
    at: datetime


@dataclass(frozen=True)
class PartyWithdrew:
    """A party withdrew: it leaves ``parties`` and the live offer's acceptances; the others
    negotiate on (a ``NegotiationClosed`` follows when fewer than two remain)."""

    message_key: ClassVar[str] = "negotiation.party_withdrew"
    party: str
    at: datetime


@dataclass(frozen=True)
class NegotiationClosed:
    message_key: ClassVar[str] = "negotiation.closed"
    reason: CloseReason
    party: str | None
    at: datetime


Event = (
    NegotiationOpened
    | OfferMade
    | OfferAccepted
    | OfferRejected
    | OfferWithdrawn
    | AgreementReached
    | PartyWithdrew
    | NegotiationClosed
)

# --- Commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class MakeOffer:
    party: str
    package: Mapping[str, str]


@dataclass(frozen=True)
class Accept:
    party: str
    version: int


@dataclass(frozen=True)
class Reject:
    party: str
    version: int


@dataclass(frozen=True)
class Withdraw:
    party: str
    version: int


@dataclass(frozen=True)
class Leave:
    """A party withdraws (mediation is voluntary): it leaves the negotiation, which closes when
    fewer than two parties would remain."""

    party: str


@dataclass(frozen=True)
class CloseAtDeadline:
    """Sent by the room's timer; closes the negotiation once its deadline has passed."""


Command = MakeOffer | Accept | Reject | Withdraw | Leave | CloseAtDeadline

# --- Plain JSON form -------------------------------------------------------------------------

EVENT_TYPES: Mapping[str, type[Event]] = MappingProxyType(
    {
        "opened": NegotiationOpened,
        "offer_made": OfferMade,
        "offer_accepted": OfferAccepted,
        "offer_rejected": OfferRejected,
        "offer_withdrawn": OfferWithdrawn,
        "agreement_reached": AgreementReached,
        "party_withdrew": PartyWithdrew,
        "closed": NegotiationClosed,
    }
)
_TYPE_NAMES = {cls: name for name, cls in EVENT_TYPES.items()}


def event_to_dict(event: Event) -> dict[str, Any]:
    """JSON-able dict with a ``type`` key; datetimes as ISO 8601 strings."""
    data: dict[str, Any] = {"type": _TYPE_NAMES[type(event)], "at": event.at.isoformat()}
    if isinstance(event, NegotiationOpened):
        data["parties"] = list(event.parties)
        data["issues"] = [_issue_to_dict(issue) for issue in event.issues]
        data["deadline"] = event.deadline.isoformat() if event.deadline else None
    elif isinstance(event, OfferMade):
        data.update(version=event.version, author=event.author, package=dict(event.package))
    elif isinstance(event, OfferAccepted | OfferRejected | OfferWithdrawn):
        data.update(version=event.version, party=event.party)
    elif isinstance(event, AgreementReached):
        data["version"] = event.version
    elif isinstance(event, PartyWithdrew):
        data["party"] = event.party
    else:
        data.update(reason=event.reason, party=event.party)
    return data


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Inverse of :func:`event_to_dict` (for events this code wrote; not for untrusted input)."""
    at = datetime.fromisoformat(data["at"])
    kind = EVENT_TYPES[data["type"]]
    if kind is NegotiationOpened:
        deadline = data["deadline"]
        return NegotiationOpened(
            parties=tuple(data["parties"]),
            issues=tuple(_issue_from_dict(i) for i in data["issues"]),
            deadline=datetime.fromisoformat(deadline) if deadline else None,
            at=at,
        )
    if kind is OfferMade:
        package = MappingProxyType(dict(data["package"]))
        return OfferMade(data["version"], data["author"], package, at)
    if kind in (OfferAccepted, OfferRejected, OfferWithdrawn):
        return kind(version=data["version"], party=data["party"], at=at)
    if kind is AgreementReached:
        return AgreementReached(data["version"], at)
    if kind is PartyWithdrew:
        return PartyWithdrew(data["party"], at)
    return NegotiationClosed(data["reason"], data["party"], at)


def _issue_to_dict(issue: Issue) -> dict[str, Any]:
    data: dict[str, Any] = {"name": issue.name, "options": list(issue.options)}
    if issue.numeric is not None:
        n = issue.numeric
        data["numeric"] = {
            "minimum": n.minimum,
            "maximum": n.maximum,
            "step": n.step,
            "unit": n.unit,
        }
    return data


def _issue_from_dict(data: Mapping[str, Any]) -> Issue:
    numeric = data.get("numeric")
    return Issue(data["name"], tuple(data["options"]), NumericRange(**numeric) if numeric else None)
