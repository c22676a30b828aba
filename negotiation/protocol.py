"""The negotiation protocol: a pure, event-sourced state machine.

``decide(state, command, now) -> list[Event]`` validates a move and says what happened;
``apply(state, event) -> state`` folds one event into the state. The room persists events, so
after a restart ``fold(events)`` rebuilds exactly the state the live room had (tests check that
folding a log equals the state reached step by step). Nothing here reads a clock: ``now`` is passed
in and stored on each event.

::

                 MakeOffer (any party; supersedes the live offer, author implicitly accepts)
               ┌──────────┐
               ▼          │
    ──► OPEN (no live offer | live offer vN) ──Accept vN by all others──► AGREED
          │   Reject vN / Withdraw vN (author) → no live offer
          ├── Leave (a party withdraws) ─ 3+ parties: it leaves ``parties`` (a live offer of its
          │     own or naming it is withdrawn; all who remain had accepted the live one ──► AGREED)
          │                              ─ 2 parties: ───► CLOSED (party_left)
          └── CloseAtDeadline (now ≥ deadline) ► CLOSED (deadline)

Rules: offers are full packages validated against the case's issues; versions are 1, 2, 3, ... per
negotiation; only the latest live offer can be accepted, rejected or withdrawn, and acceptance
names its exact version (so nobody accepts a package that changed under them); the author cannot
accept or reject its own offer; at or after the deadline no move is allowed and only
``CloseAtDeadline`` is; once agreed or closed, nothing more.

Withdrawal (``Leave``) is always allowed to a party while the negotiation is open (mediation is
voluntary). Those who remain must not lose what they had done: acceptances of the live offer
stand, so if everyone remaining had already accepted it, the withdrawal completes the agreement
(nobody left to wait for). The live offer is withdrawn first when it is the withdrawing party's
own (its author would no longer be bound by it) or when it gives that party something (an option
that is the party's key, as fair division's "who receives this item"): the others cannot agree on
what a party who left is to receive. With fewer than two parties left there is no one to negotiate
with, so the negotiation closes (``party_left``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType
from typing import Literal

from negotiation.model import Issue
from negotiation.protocol_events import (
    AgreementReached,
    CloseAtDeadline,
    Command,
    Event,
    Leave,
    MakeOffer,
    NegotiationClosed,
    NegotiationOpened,
    OfferAccepted,
    OfferMade,
    OfferRejected,
    OfferWithdrawn,
    PartyWithdrew,
    ProtocolError,
    Reject,
    Withdraw,
)

Status = Literal["open", "agreed", "closed"]
OfferStatus = Literal["live", "superseded", "withdrawn", "rejected", "agreed"]


@dataclass(frozen=True, slots=True)
class Offer:
    version: int
    author: str
    package: Mapping[str, str]
    status: OfferStatus
    at: datetime


@dataclass(frozen=True, slots=True)
class NegotiationState:
    """What the rules need to decide the next move, and nothing more.

    The history of offers is the event log's, not the state's: a state is made anew by every
    event and kept per open room by the service (``odr/room/state_cache.py``), so holding every
    offer so far in it cost a new tuple per offer and kept them all in memory, where the
    collector traversed them again and again (``bench/realtime.py --profile``). The rules need
    only the latest offer (live, agreed, or how it ended) and who made each version (a counter-
    offer must answer another party's)."""

    parties: tuple[str, ...]
    issues: tuple[Issue, ...]
    deadline: datetime | None
    status: Status = "open"
    last_offer: Offer | None = None
    """The latest offer made: live, agreed, or superseded/withdrawn/rejected by what followed."""
    offer_authors: tuple[str, ...] = ()
    """The author of each offer version in turn: version ``n`` is ``offer_authors[n - 1]``."""
    accepted_by: frozenset[str] = frozenset()
    """Parties that accepted the live offer (its author included)."""
    closed_reason: str | None = None
    events_applied: int = 0

    @property
    def offers_made(self) -> int:
        """How many offers were made: the latest one's version."""
        return len(self.offer_authors)

    @property
    def live_offer(self) -> Offer | None:
        last = self.last_offer
        return last if last is not None and last.status == "live" else None

    @property
    def waiting_for(self) -> tuple[str, ...]:
        """The parties (in ``parties`` order) yet to accept the live offer; () without one."""
        if self.live_offer is None:
            return ()
        return tuple(p for p in self.parties if p not in self.accepted_by)

    @property
    def agreed_offer(self) -> Offer | None:
        last = self.last_offer
        return last if last is not None and last.status == "agreed" else None


# --- Opening and folding ---------------------------------------------------------------------


def open_negotiation(
    parties: Sequence[str], issues: Sequence[Issue], deadline: datetime | None, now: datetime
) -> list[Event]:
    """The first event of a negotiation, after checking parties, issues and times."""
    if len(parties) < 2 or len(set(parties)) != len(parties):
        raise ProtocolError("a negotiation needs two or more distinct parties", key="parties")
    if not issues or len({i.name for i in issues}) != len(issues):
        raise ProtocolError("a negotiation needs one or more distinctly named issues", key="issues")
    _require_aware(now, "now")
    if deadline is not None:
        _require_aware(deadline, "deadline")
        if deadline <= now:
            raise ProtocolError("the deadline must be in the future", key="deadline_in_past")
    return [NegotiationOpened(tuple(parties), tuple(issues), deadline, now)]


def fold(events: Iterable[Event]) -> NegotiationState:
    """The state after a whole event log (which must start with ``NegotiationOpened``)."""
    state: NegotiationState | None = None
    for event in events:
        state = apply(state, event)
    if state is None:
        raise ProtocolError("an empty event log has no state", key="corrupt_log")
    return state


def apply(state: NegotiationState | None, event: Event) -> NegotiationState:
    """Fold one event. Raises ``ProtocolError(key="corrupt_log")`` on an impossible sequence."""
    if isinstance(event, NegotiationOpened):
        if state is not None:
            raise _corrupt("the negotiation is already open")
        return NegotiationState(event.parties, event.issues, event.deadline, events_applied=1)
    if state is None:
        raise _corrupt("the log does not start with the negotiation being opened")
    if state.status != "open":
        raise _corrupt(f"event after the negotiation ended ({state.status})")
    applied = state.events_applied + 1  # one ``replace`` per event: the room folds each offer
    if isinstance(event, OfferMade):
        if event.version != state.offers_made + 1:
            raise _corrupt(f"offer version {event.version} out of sequence")
        offer = Offer(event.version, event.author, event.package, "live", event.at)
        return replace(
            state,
            last_offer=offer,
            offer_authors=(*state.offer_authors, event.author),
            accepted_by=frozenset({event.author}),
            events_applied=applied,
        )
    if isinstance(event, NegotiationClosed):
        return replace(state, status="closed", closed_reason=event.reason, events_applied=applied)
    if isinstance(event, PartyWithdrew):
        if event.party not in state.parties:
            raise _corrupt(f"{event.party!r} withdrew but is not a party")
        parties = tuple(p for p in state.parties if p != event.party)
        accepted = state.accepted_by - {event.party}
        return replace(state, parties=parties, accepted_by=accepted, events_applied=applied)
    live = state.live_offer
    if live is None or live.version != event.version:
        raise _corrupt(f"event about offer {event.version}, which is not live")
    if isinstance(event, OfferAccepted):
        accepted = state.accepted_by | {event.party}
        return replace(state, accepted_by=accepted, events_applied=applied)
    if isinstance(event, AgreementReached):
        agreed = replace(live, status="agreed")
        return replace(state, last_offer=agreed, status="agreed", events_applied=applied)
    status: OfferStatus = "rejected" if isinstance(event, OfferRejected) else "withdrawn"
    ended = replace(live, status=status)
    return replace(state, last_offer=ended, accepted_by=frozenset(), events_applied=applied)


def _corrupt(message: str) -> ProtocolError:
    return ProtocolError(message, key="corrupt_log")


# --- Deciding --------------------------------------------------------------------------------


def decide(state: NegotiationState, command: Command, now: datetime) -> list[Event]:
    """The events a command produces, or a ``ProtocolError`` (an ``IllegalMove``) saying why not."""
    _require_aware(now, "now")
    if state.status == "agreed":
        raise ProtocolError("the parties have already agreed; no more moves", key="finished")
    if state.status == "closed":
        raise ProtocolError("the negotiation is closed; no more moves", key="finished")
    deadline_passed = state.deadline is not None and now >= state.deadline
    if isinstance(command, CloseAtDeadline):
        if not deadline_passed:
            raise ProtocolError("the deadline has not passed yet", key="deadline_not_reached")
        return [NegotiationClosed("deadline", None, now)]
    if deadline_passed:
        assert state.deadline is not None
        raise ProtocolError(
            f"the deadline passed at {state.deadline.isoformat()}; no more moves",
            key="deadline_passed",
            deadline=state.deadline.isoformat(),
        )
    if command.party not in state.parties:
        raise ProtocolError(
            f"{command.party!r} is not a party to this negotiation",
            key="not_a_party",
            field="party",
            party=command.party,
        )
    if isinstance(command, Leave):
        return _leave(state, command.party, now)
    if isinstance(command, MakeOffer):
        package = _validate_package(state.issues, command.package)
        return [OfferMade(state.offers_made + 1, command.party, package, now)]
    live = _require_live(state, command.version)
    if isinstance(command, Withdraw):
        if command.party != live.author:
            raise ProtocolError(
                f"only {live.author} can withdraw offer version {live.version}",
                key="not_author",
                version=live.version,
            )
        return [OfferWithdrawn(live.version, command.party, now)]
    if command.party == live.author:
        raise ProtocolError(
            f"offer version {live.version} is your own offer", key="own_offer", version=live.version
        )
    if isinstance(command, Reject):
        return [OfferRejected(live.version, command.party, now)]
    if command.party in state.accepted_by:
        raise ProtocolError(
            f"you have already accepted offer version {live.version}",
            key="already_accepted",
            version=live.version,
        )
    events: list[Event] = [OfferAccepted(live.version, command.party, now)]
    if state.accepted_by | {command.party} >= set(state.parties):
        events.append(AgreementReached(live.version, now))
    return events


def _leave(state: NegotiationState, party: str, now: datetime) -> list[Event]:
    events: list[Event] = []
    live = state.live_offer
    if live is not None and (live.author == party or party in live.package.values()):
        events.append(OfferWithdrawn(live.version, party, now))
        live = None
    events.append(PartyWithdrew(party, now))
    remaining = set(state.parties) - {party}
    if len(remaining) < 2:
        events.append(NegotiationClosed("party_left", party, now))
    elif live is not None and state.accepted_by >= remaining:
        events.append(AgreementReached(live.version, now))
    return events


def _require_live(state: NegotiationState, version: int) -> Offer:
    live = state.live_offer
    if (
        isinstance(version, bool)
        or not isinstance(version, int)
        or not 1 <= version <= state.offers_made
    ):
        raise ProtocolError(
            f"there is no offer version {version}", key="unknown_offer", version=version
        )
    if live is None or live.version != version:
        current = f"current is {live.version}" if live else "there is no live offer"
        raise ProtocolError(
            f"offer version {version} is no longer current ({current})",
            key="stale_offer",
            version=version,
            current=live.version if live else None,
        )
    return live


def _validate_package(issues: Sequence[Issue], package: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(package, Mapping):
        raise ProtocolError("an offer is a package: one option per issue", key="invalid_package")
    names = {issue.name for issue in issues}
    for name in package:
        if name not in names:
            raise ProtocolError(
                f"unknown issue {name!r}", key="invalid_package", field=f"package.{name}"
            )
    clean: dict[str, str] = {}
    for issue in issues:
        option = package.get(issue.name)
        if option is None:
            raise ProtocolError(
                f"the offer chooses nothing for {issue.name}",
                key="invalid_package",
                field=f"package.{issue.name}",
            )
        if option not in issue.options:
            raise ProtocolError(
                f"{option!r} is not an option of {issue.name}",
                key="invalid_package",
                field=f"package.{issue.name}",
            )
        clean[issue.name] = option
    return MappingProxyType(clean)


def _require_aware(moment: datetime, name: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise ProtocolError(f"{name} must be a timezone-aware datetime", key="naive_datetime")
