"""Room commands: who may do what, and what each one logs.

Every command runs through ``Room.record`` (case lock, idempotency key, commit, then publish).
A refused command raises ``CommandRefused`` (→ an error frame) and stores nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.centre.access import is_assigned_mediator
from odr.persistence.models import Case, CaseParty, User
from odr.room import moves
from odr.room.errors import CommandRefused
from odr.room.frames import Command, SendMessage
from odr.room.log import NewEvent
from odr.room.room import Room

PARTY_COMMANDS = frozenset({"message", "offer", "accept", "reject", "withdraw"})
ALLOWED: dict[str, frozenset[str]] = {
    "claimant": PARTY_COMMANDS,
    "respondent": PARTY_COMMANDS,
    "mediator": frozenset({"message"}),
}
# The mediator may still talk to the parties while the case is paused.
OPEN_FOR = {"claimant": ("open",), "respondent": ("open",), "mediator": ("open", "paused")}


async def room_role(db: AsyncSession, case_id: str, user: User) -> str | None:
    """The caller's role in the case's room, or None when it is not theirs to enter."""
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    if (
        role is None
        and user.role == "mediator"
        and await is_assigned_mediator(db, case_id, user.id)
    ):
        return "mediator"  # the case's mediator (odr/centre); never sees private interests
    return role


async def execute(room: Room, user: User, role: str, case_id: str, command: Command) -> int:
    """Carry out one command; returns the seq of its (first) event, also on a retry."""
    if command.type not in ALLOWED.get(role, frozenset()):
        raise CommandRefused("forbidden", f"a {role} cannot {command.type} in this room")

    async def decide(db: AsyncSession) -> Sequence[NewEvent]:
        case = await db.get(Case, case_id)
        if case is None:
            raise CommandRefused("case_not_found", "this case no longer exists")
        if case.status not in OPEN_FOR.get(role, ("open",)):
            raise CommandRefused(
                "room_closed", f"the room does not take commands now (case is {case.status})"
            )
        if isinstance(command, SendMessage):
            return [NewEvent("message", {"text": command.text}, user.id, role)]
        return await moves.decide(db, case, user, role, command, room.services.clock(), room.states)

    recorded = await room.record(case_id, decide, actor_user_id=user.id, key=command.key)
    return recorded.first_seq
