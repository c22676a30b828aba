"""Who a case invited, read from its invitations: each link's party, name and side, and which
invited parties have not joined. Pure reads, shared by issuing, joining and starting.

Rows made before several parties have no role, name or side: they invite the respondent, under
the case's ``respondent_name``, on the respondent side.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.parties import RESPONDENT, SIDES, Side, default_side, in_party_order
from odr.persistence.models import Case, CaseParty, Invitation


def invited_role(invitation: Invitation) -> str:
    return invitation.role or RESPONDENT


def as_side(side: str | None, role: str) -> Side:
    """A stored side as the type it is (the role's default side when not stored)."""
    return next((s for s in SIDES if s == side), default_side(role))


def invited_side(invitation: Invitation) -> Side:
    return as_side(invitation.side, invited_role(invitation))


def invited_name(invitation: Invitation, case: Case) -> str:
    return invitation.display_name or case.respondent_name


def of_role(role: str) -> ColumnElement[bool]:
    """The invitations of one party (the respondent's include the rows without a role)."""
    if role == RESPONDENT:
        return or_(Invitation.role == RESPONDENT, Invitation.role.is_(None))
    return Invitation.role == role


def live() -> tuple[ColumnElement[bool], ...]:
    """A link neither used nor replaced (it may have expired)."""
    return (Invitation.used_at.is_(None), Invitation.revoked_at.is_(None))


async def latest_of(db: AsyncSession, case_id: str, role: str) -> Invitation | None:
    """A party's newest link: the one no newer link replaced, whatever the clock says (a new
    link can be made in the same instant as the one it replaces, and ids are random)."""
    replaced_last = sql_case((Invitation.revoked_at.is_(None), 0), else_=1)
    return await db.scalar(
        select(Invitation)
        .where(Invitation.case_id == case_id, of_role(role))
        .order_by(replaced_last, Invitation.created_at.desc(), Invitation.id.desc())
        .limit(1)
    )


async def invited_roles(db: AsyncSession, case_id: str) -> set[str]:
    """Every party the case ever invited (joined or not)."""
    roles = await db.scalars(select(Invitation.role).where(Invitation.case_id == case_id))
    return {role or RESPONDENT for role in roles}


async def seated_roles(db: AsyncSession, case_id: str) -> set[str]:
    return set(await db.scalars(select(CaseParty.role).where(CaseParty.case_id == case_id)))


async def not_joined(db: AsyncSession, case_id: str) -> list[str]:
    """The invited parties who have not joined, in party order."""
    missing = await invited_roles(db, case_id) - await seated_roles(db, case_id)
    return in_party_order(missing)


async def lock_case(db: AsyncSession, case_id: str) -> Case:
    """The case re-read under its row lock (PostgreSQL; SQLite has one writer anyway): joins
    and the claimant's start take it first, so they are decided one after the other."""
    return await db.get_one(Case, case_id, with_for_update=True, populate_existing=True)
