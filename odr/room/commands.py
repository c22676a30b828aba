"""Room commands: who may do what, and what each one logs.

Every command runs through ``Room.command`` (case lock, idempotency key, commit, then publish).
A refused command raises ``CommandRefused`` (→ an error frame) and stores nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.protocol import NegotiationState
from odr.auth.roles import Role
from odr.cases.parties import is_party_role
from odr.cases.status import CaseStatus
from odr.centre.access import is_assigned_mediator
from odr.persistence.models import CaseParty
from odr.room import moves
from odr.room.errors import CommandRefused
from odr.room.frames import Command, SendMessage
from odr.room.log import NewEvent
from odr.room.member import Actor
from odr.room.room import Room

PARTY_COMMANDS = frozenset({"message", "offer", "accept", "reject", "withdraw"})
MEDIATOR_COMMANDS = frozenset({"message"})
MOVE_MECHANISMS = frozenset({"packages", "division"})
"""Mechanisms negotiated by the room's moves (offer, counter_offer, accept, reject, withdraw):
packages, and fair division, whose allocation is offered as a package. A blind-bidding case
settles by sealed bids over HTTP: an offer there would bypass the sealed bids."""
# The mediator may still talk to the parties while the case is paused; a party only when open.
MEDIATOR_OPEN_FOR = (CaseStatus.OPEN, CaseStatus.PAUSED)
PARTY_OPEN_FOR = (CaseStatus.OPEN,)


def allowed(role: str) -> frozenset[str]:
    """The commands ``role`` may send: every party (claimant, respondent, party3…) all of
    them, the mediator messages only."""
    if role == "mediator":
        return MEDIATOR_COMMANDS
    return PARTY_COMMANDS if is_party_role(role) else frozenset()


async def room_role(db: AsyncSession, case_id: str, user: Actor) -> str | None:
    """The caller's role in the case's room, or None when it is not theirs to enter."""
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    if (
        role is None
        and user.role == Role.MEDIATOR
        and await is_assigned_mediator(db, case_id, user.id)
    ):
        return "mediator"  # the case's mediator (odr/centre); never sees private interests
    return role


async def execute(room: Room, user: Actor, role: str, case_id: str, command: Command) -> int:
    """Carry out one command; returns the seq of its (first) event, also on a retry."""
    if command.type not in allowed(role):
        raise CommandRefused("forbidden", f"a {role} cannot {command.type} in this room")
    open_for = MEDIATOR_OPEN_FOR if role == "mediator" else PARTY_OPEN_FOR
    is_message = isinstance(command, SendMessage)

    def decide(
        status: str, mechanism: str, state: NegotiationState | None, now: datetime
    ) -> moves.Decision:
        if status not in open_for:
            raise CommandRefused(
                "room_closed", f"the room does not take commands now (case is {status})"
            )
        if isinstance(command, SendMessage):
            return moves.Decision([NewEvent("message", {"text": command.text}, user.id, role)])
        if mechanism not in MOVE_MECHANISMS:
            raise CommandRefused(
                "not_packages",
                "this case is settled by sealed blind bidding, not by offers in the room: "
                "bid on the case's bidding page (messages are still welcome here)",
            )
        assert state is not None
        return moves.decide(state, user.id, role, command, now)

    recorded = await room.command(
        case_id,
        decide,
        actor_user_id=user.id,
        key=command.key,
        needs_state=not is_message,
        kind=command.type,
    )
    return recorded.first_seq
