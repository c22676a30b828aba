"""Offers, counter-offers, acceptances, rejections and withdrawals.

The engine's protocol state machine (``negotiation.protocol``) decides every move. Its state is
not stored: it is folded from the case's logged events, so the log stays the single source of
truth and a restarted server knows exactly what the live room knew (``StateCache`` keeps the
fold in memory and advances it by committed events). Parties are named by their key
(``claimant``, ``respondent``, ``party3``…) inside the engine: the negotiation opens with every
party that joined the case, in party order, and a ``party_withdrew`` event takes one out.

Everything here is synchronous and does no I/O: the room reads what a move needs under the case
lock, calls ``decide``, and writes what it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from negotiation import protocol
from negotiation import protocol_events as pe
from odr.cases.parties import in_party_order
from odr.cases.status import CaseStatus
from odr.negotiating.issues import model_issues
from odr.room.errors import CommandRefused
from odr.room.frames import Accept, Command, MakeOffer, Reject, Withdraw
from odr.room.log import LoggedEvent, NewEvent

WITHDREW_REASON = "party_withdrew"
"""The ``reason`` of the ``closed`` event logged when a withdrawal leaves fewer than two."""


def opening(
    parties: Sequence[str], issues: Sequence[dict[str, Any]], created_at: datetime
) -> protocol.NegotiationState:
    """The state before any logged event: the protocol's first event is not logged, it follows
    from the case itself (the parties who joined it, its issues and when it was opened).
    Withdrawn parties are among ``parties``: their ``party_withdrew`` events take them out."""
    roles = tuple(in_party_order(parties))
    opened = pe.NegotiationOpened(roles, model_issues(issues), None, created_at)
    return protocol.apply(None, opened)


def to_protocol_events(logged: Sequence[LoggedEvent]) -> list[pe.Event]:
    """The engine's view of logged events (messages and other room events are skipped)."""
    events: list[pe.Event] = []
    for row in logged:
        data, at, who = row.data, row.created_at, row.actor_role
        if row.type in ("offer", "counter_offer"):
            events.append(pe.OfferMade(data["version"], who, data["package"], at))
        elif row.type == "accept":
            events.append(pe.OfferAccepted(data["version"], who, at))
        elif row.type == "reject":
            events.append(pe.OfferRejected(data["version"], who, at))
        elif row.type == "withdraw":
            events.append(pe.OfferWithdrawn(data["version"], who, at))
        elif row.type == "agreement":
            events.append(pe.AgreementReached(data["version"], at))
        elif row.type == "party_withdrew":
            events.append(pe.PartyWithdrew(data["role"], at))
    return events


@dataclass(frozen=True)
class Decision:
    """What a command logs, and the case's new status when it ends the negotiation."""

    events: Sequence[NewEvent]
    case_status: CaseStatus | None = None


def decide(
    state: protocol.NegotiationState,
    user_id: str,
    role: str,
    command: Command,
    now: datetime,
) -> Decision:
    try:
        decided = protocol.decide(state, _engine_command(state, role, command), now)
    except pe.ProtocolError as exc:
        raise CommandRefused(exc.key.removeprefix("negotiation.error."), exc.message) from None
    new_events = [_logged(event, user_id, role, command, state) for event in decided]
    agreed = any(isinstance(e, pe.AgreementReached) for e in decided)
    return Decision(new_events, CaseStatus.AGREED if agreed else None)


def leave(state: protocol.NegotiationState, user_id: str, role: str, now: datetime) -> Decision:
    """A party withdraws (``odr.room.withdrawal``): what that logs, and the case's new status
    when it completes the agreement or leaves fewer than two parties (failed)."""
    try:
        decided = protocol.decide(state, pe.Leave(role), now)
    except pe.ProtocolError as exc:
        raise CommandRefused(exc.key.removeprefix("negotiation.error."), exc.message) from None
    new_events = [_logged(event, user_id, role, None, state) for event in decided]
    status = None
    if any(isinstance(e, pe.AgreementReached) for e in decided):
        status = CaseStatus.AGREED
    elif any(isinstance(e, pe.NegotiationClosed) for e in decided):
        status = CaseStatus.FAILED
    return Decision(new_events, status)


def _engine_command(state: protocol.NegotiationState, role: str, command: Command) -> pe.Command:
    if isinstance(command, MakeOffer):
        if command.counter_to is not None:
            version = command.counter_to
            authors = state.offer_authors
            if not 1 <= version <= len(authors) or authors[version - 1] == role:
                raise CommandRefused(
                    "invalid_counter",
                    f"counter_to must name another party's offer (version {command.counter_to} "
                    "is not one)",
                )
        return pe.MakeOffer(role, command.package)
    if isinstance(command, Accept):
        return pe.Accept(role, command.version)
    if isinstance(command, Reject):
        return pe.Reject(role, command.version)
    if isinstance(command, Withdraw):
        return pe.Withdraw(role, command.version)
    raise CommandRefused("forbidden", f"{command.type} is not a negotiation move")


def _logged(
    event: pe.Event,
    user_id: str,
    role: str,
    command: Command | None,
    state: protocol.NegotiationState,
) -> NewEvent:
    data: dict[str, Any]
    if isinstance(event, pe.OfferMade):
        assert isinstance(command, MakeOffer)
        data = {"version": event.version, "package": dict(event.package)}
        kind = "offer"
        if command.counter_to is not None:
            kind, data["counter_to"] = "counter_offer", command.counter_to
        if command.from_proposal is not None:
            data["from_proposal"] = command.from_proposal
        return NewEvent(kind, data, user_id, role)
    if isinstance(event, pe.OfferAccepted):
        return NewEvent("accept", {"version": event.version}, user_id, role)
    if isinstance(event, pe.OfferRejected):
        reason = command.reason if isinstance(command, Reject) else None
        return NewEvent("reject", {"version": event.version, "reason": reason}, user_id, role)
    if isinstance(event, pe.OfferWithdrawn):
        return NewEvent("withdraw", {"version": event.version}, user_id, role)
    if isinstance(event, pe.AgreementReached):
        offer = state.live_offer  # the one agreed is the live one (the protocol checked)
        assert offer is not None and offer.version == event.version
        package = {"version": event.version, "package": dict(offer.package)}
        return NewEvent("agreement", package, None, "system")
    if isinstance(event, pe.PartyWithdrew):
        return NewEvent("party_withdrew", {"role": event.party}, user_id, role)
    if isinstance(event, pe.NegotiationClosed) and event.reason == "party_left":
        data = {"outcome": "failed", "reason": WITHDREW_REASON}
        return NewEvent("closed", data, None, "system")
    raise CommandRefused("forbidden", "this move is not available in the room")
