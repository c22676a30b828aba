"""Who may take part in which caucus. Two seats, nothing else: the case's assigned mediator (every
party's caucus of the case) and a party (its own caucus only).

Everyone else (a mediator of the centre not assigned to the case, the centre's or the platform's
administrators, the other party asking for a thread not its own) gets exactly the 404 of a case
that does not exist, and the answer never depends on whether a caucus exists: a caucus is private
between the mediator and the party, so administering a centre is not enough to read one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.cases.parties import party_number
from odr.centre.access import NOT_FOUND, is_assigned_mediator
from odr.errors import Conflict, NotFound
from odr.persistence.models import Case, CaseParty, Mediation, Mediator, User


@dataclass(frozen=True)
class MediatorSeat:
    case_id: str
    name: str
    parties: dict[str, str]  # role -> display name, in the parties' order
    mediation: Mediation


@dataclass(frozen=True)
class PartySeat:
    case_id: str
    role: str
    name: str
    mediation: Mediation | None
    """None (or one without a mediator): the case has no mediator to talk with."""

    @property
    def has_mediator(self) -> bool:
        return self.mediation is not None and self.mediation.mediator_id is not None


async def _parties(db: AsyncSession, case_id: str) -> list[CaseParty]:
    """Every party of the case in party order (a withdrawn one too: its caucus stays)."""
    rows = await db.scalars(select(CaseParty).where(CaseParty.case_id == case_id))
    return sorted(rows, key=lambda p: party_number(p.role))


async def mediator_seat(db: AsyncSession, user: User, case_id: str) -> MediatorSeat:
    """The caller as the case's assigned mediator, or the 404 of a case that does not exist."""
    if user.role != Role.MEDIATOR or not await is_assigned_mediator(db, case_id, user.id):
        raise NotFound(NOT_FOUND, code="case_not_found")
    mediation = await db.get(Mediation, case_id, populate_existing=True)
    if mediation is None:  # assigned a moment ago, gone now: as if it never was
        raise NotFound(NOT_FOUND, code="case_not_found")
    parties = {p.role: p.display_name for p in await _parties(db, case_id)}
    return MediatorSeat(case_id, user.display_name, parties, mediation)


async def party_seat(db: AsyncSession, user: User, case_id: str) -> PartySeat:
    """The caller as a party of the case, or the 404 of a case that does not exist."""
    party = await db.scalar(
        select(CaseParty).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    if party is None or await db.get(Case, case_id) is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")
    mediation = await db.get(Mediation, case_id, populate_existing=True)
    return PartySeat(case_id, party.role, party.display_name, mediation)


def require_role(seat: MediatorSeat, role: str) -> None:
    if role not in seat.parties:
        raise NotFound("the case has no party with this role", code="party_not_found")


def require_running(mediation: Mediation | None) -> None:
    """A caucus opens and carries messages only while the mediation runs with a mediator."""
    if mediation is None or mediation.mediator_id is None:
        raise Conflict("the case has no mediator to talk with privately", code="no_mediator")
    if mediation.closed_at is not None:
        raise Conflict(
            "the mediation is over: its caucuses can be read but not continued",
            code="mediation_closed",
        )


async def mediator_user_id(db: AsyncSession, mediation: Mediation) -> str | None:
    if mediation.mediator_id is None:
        return None
    return await db.scalar(select(Mediator.user_id).where(Mediator.id == mediation.mediator_id))
