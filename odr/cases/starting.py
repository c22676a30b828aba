"""When a case with several parties starts: once everyone invited joined, or when the claimant
goes ahead with those who did.

The status stays ``awaiting_respondent`` (its name is older than several parties; it means
"waiting for the invited parties") until nobody invited is left to join. Then the case is
``open`` and the mediation starts (``start_mediation``: its deadline counts from now), exactly
once: joins and the start take the case's row lock first and look at the status under it.

A party who never joins must not hold the others up for ever: the claimant may start with at
least one other party seated. The rest are dropped: their links stop working, their notices
still queued do not go out, and each is told, where its invitation went, that the case went
ahead without it. A dropped party stays visible in the case as ``dropped``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import invitation_notices
from odr.cases.invited import (
    as_side,
    invited_name,
    invited_side,
    latest_of,
    lock_case,
    not_joined,
    seated_roles,
)
from odr.cases.parties import CLAIMANT, party_number
from odr.cases.party_schemas import InvitedPartyOut, InvitedStatus, PreviewPartyOut
from odr.cases.status import CaseStatus
from odr.centre.assignment import start_mediation
from odr.errors import Conflict, Forbidden
from odr.persistence.models import Case, CaseParty, User
from odr.settings import Settings


async def open_when_all_joined(
    db: AsyncSession, case: Case, settings: Settings, now: datetime
) -> None:
    """Open the case if it waits and every invited party has joined (call under its lock)."""
    if case.status == CaseStatus.AWAITING_RESPONDENT and not await not_joined(db, case.id):
        await _open(db, case, settings, now)


async def _open(db: AsyncSession, case: Case, settings: Settings, now: datetime) -> None:
    case.status = CaseStatus.OPEN
    case.updated_at = now
    await invitation_notices.stop_reminders(db, case.id)
    await start_mediation(db, case, settings, now)  # the centre's deadline counts from consent


async def start_with_those_joined(
    db: AsyncSession, case: Case, user: User, settings: Settings, now: datetime
) -> Case:
    """The claimant starts the case without the parties who have not joined, who are told."""
    mine = next((p.role for p in case.parties if p.user_id == user.id), None)
    if mine != CLAIMANT:
        raise Forbidden("only the claimant can start the case", code="not_claimant")
    case = await lock_case(db, case.id)
    if case.status != CaseStatus.AWAITING_RESPONDENT:
        raise Conflict("the case does not wait for anyone any more", code="not_awaiting")
    if await seated_roles(db, case.id) == {CLAIMANT}:
        raise Conflict("nobody invited has joined yet", code="nobody_joined")
    for role in await not_joined(db, case.id):
        latest = await latest_of(db, case.id, role)
        if latest is not None:
            await invitation_notices.tell_dropped(db, case, latest, now)
    await invitation_notices.revoke(db, case.id, now)
    await _open(db, case, settings, now)
    await db.flush()
    await db.refresh(case, ["parties"])
    return case


async def invited_parties(
    db: AsyncSession, case: Case, now: datetime, *, contacts: bool
) -> list[InvitedPartyOut]:
    """The invited parties who have not joined, as a case shows them; ``contacts``: with the
    e-mail the claimant typed (for the claimant only)."""
    waiting = case.status == CaseStatus.AWAITING_RESPONDENT
    shown = []
    for role in await not_joined(db, case.id):
        latest = await latest_of(db, case.id, role)
        assert latest is not None  # not_joined lists invited roles only
        status: InvitedStatus = "dropped"
        if waiting:
            status = "invited" if latest.expires_at > now else "expired"
        shown.append(
            InvitedPartyOut(
                role=role,
                name=invited_name(latest, case),
                side=invited_side(latest),
                status=status,
                expires_at=latest.expires_at,
                email=latest.email if contacts else None,
            )
        )
    return shown


async def preview_parties(db: AsyncSession, case: Case, now: datetime) -> list[PreviewPartyOut]:
    """Who is in the case and who else is invited, names only, for the join page."""
    seated = await db.scalars(select(CaseParty).where(CaseParty.case_id == case.id))
    joined = [
        PreviewPartyOut(role=p.role, name=p.display_name, side=as_side(p.side, p.role), joined=True)
        for p in seated
    ]
    waiting = [
        PreviewPartyOut(role=p.role, name=p.name, side=p.side, joined=False)
        for p in await invited_parties(db, case, now, contacts=False)
    ]
    return sorted(joined + waiting, key=lambda p: party_number(p.role))
