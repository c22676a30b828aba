"""Invitations: each invited party's own single-use link, issued, replaced, looked up, accepted.

Every party but the claimant joins through a link of its own: an ``Invitation`` row naming the
party's key (``role``: respondent, party3, …), the name the claimant gave it and its side. A
party's new link replaces only that party's earlier one. Accepting seats the party with its
invitation's role and side and the consent time; the case opens when nobody invited is left
to join (``odr.cases.starting``). Rows made before several parties have no role: they invite
the respondent (``invited_role``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.auth.tokens import new_token, token_hash
from odr.cases import invitation_notices, starting
from odr.cases.invited import (
    invited_name,
    invited_role,
    invited_roles,
    invited_side,
    latest_of,
    live,
    lock_case,
    of_role,
)
from odr.cases.parties import RESPONDENT, Side
from odr.cases.status import CaseStatus
from odr.errors import Conflict, Forbidden, Gone, NotFound, ValidationFailed
from odr.persistence.models import Case, CaseParty, Invitation, User, new_id
from odr.settings import Settings


@dataclass(frozen=True)
class Invitee:
    """Whom a link invites, as the claimant described it."""

    role: str
    name: str
    email: str
    side: Side
    phone: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    url: str


async def issue_invitation(
    db: AsyncSession, case: Case, invitee: Invitee, settings: Settings, now: datetime
) -> IssuedInvitation:
    """A fresh single-use link, sent to the party (``invitation_notices``); the party's earlier
    unused link stops working, and its notices still queued do not go out."""
    await invitation_notices.revoke(db, case.id, now, of_role(invitee.role))
    token = new_token()
    invitation = Invitation(
        id=new_id(),
        case_id=case.id,
        email=invitee.email,
        phone=invitee.phone,
        language=invitee.language,
        role=invitee.role,
        display_name=invitee.name,
        side=invitee.side,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(hours=settings.invitation_ttl_hours),
    )
    db.add(invitation)
    # The token travels in the fragment, which browsers never send to a server or in a Referer.
    url = f"{settings.public_base_url}/join#token={token}"
    await invitation_notices.send_invitation(db, case, invitation, url, settings, now)
    return IssuedInvitation(invitation, url)


async def reissue(
    db: AsyncSession,
    case: Case,
    role: str,
    email: str,
    settings: Settings,
    now: datetime,
    *,
    phone: str | None = None,
    language: str | None = None,
) -> IssuedInvitation:
    """The claimant sends one invited party a new link (to the address it gives now), under the
    name and side it invited that party with."""
    previous = await latest_of(db, case.id, role)
    if previous is None:
        message = f"nobody was invited to this case as {role}"
        raise ValidationFailed(
            message,
            code="unknown_party",
            fields=[{"field": "role", "message": message, "code": "unknown_party"}],
        )
    seated = await db.scalar(
        select(CaseParty.id).where(CaseParty.case_id == case.id, CaseParty.role == role)
    )
    if seated is not None:
        # The respondent's code is older than several parties; clients know it.
        code = "respondent_joined" if role == RESPONDENT else "party_joined"
        raise Conflict("this party has already joined the case", code=code)
    if case.status != CaseStatus.AWAITING_RESPONDENT:
        raise Conflict("the case no longer waits for invited parties", code="not_awaiting")
    invitee = Invitee(
        role=role,
        name=invited_name(previous, case),
        email=email,
        side=invited_side(previous),
        phone=phone,
        language=language,
    )
    return await issue_invitation(db, case, invitee, settings, now)


async def _invitation(db: AsyncSession, token: str) -> Invitation:
    invitation = await db.scalar(
        select(Invitation).where(Invitation.token_hash == token_hash(token))
    )
    if invitation is None:
        raise NotFound(
            "this invitation link is not valid; ask the claimant for a new one",
            code="invitation_not_found",
        )
    return invitation


def _check_usable(invitation: Invitation, now: datetime) -> None:
    if invitation.used_at is not None:
        raise Gone("this invitation link has already been used", code="invitation_used")
    if invitation.revoked_at is not None:
        raise Gone("this invitation link was replaced by a newer one", code="invitation_revoked")
    if invitation.expires_at <= now:
        raise Gone(
            "this invitation link has expired; ask the claimant for a new one",
            code="invitation_expired",
        )


async def usable_invitation(db: AsyncSession, token: str, now: datetime) -> Invitation:
    invitation = await _invitation(db, token)
    _check_usable(invitation, now)
    return invitation


async def _joined(db: AsyncSession, user: User, invitation: Invitation) -> Case | None:
    """The case, freshly read, if ``user`` already is the party this link invites; None if
    ``user`` is no party. Raises ``already_party`` for any other party opening the link (the
    claimant its own case's, a party another's)."""
    role = await db.scalar(
        select(CaseParty.role).where(
            CaseParty.case_id == invitation.case_id, CaseParty.user_id == user.id
        )
    )
    if role is None:
        return None
    if role != invited_role(invitation):
        raise Conflict("you are already a party to this case", code="already_party")
    case = await db.get_one(Case, invitation.case_id, populate_existing=True)
    await db.refresh(case, ["parties"])  # async sessions must never lazy-load
    return case


async def accept_invitation(
    db: AsyncSession, user: User, token: str, settings: Settings, now: datetime
) -> Case:
    """Join the case as the party the link invites. Idempotent for that party: accepting again
    (a double click, a retry after a lost answer) answers with the case it already joined."""
    invitation = await _invitation(db, token)
    already = await _joined(db, user, invitation)
    if already is not None:
        return already
    _check_usable(invitation, now)
    if user.role != Role.PARTY:
        raise Forbidden("only party accounts can join a case", code="role_not_allowed")
    # The case's row lock first, as the claimant's start takes it: a join and a start (or the
    # last two joins) are decided one after the other, never both missing the other.
    case = await lock_case(db, invitation.case_id)
    already = await _joined(db, user, invitation)  # a twin of this request won while we waited
    if already is not None:
        return already
    await db.refresh(invitation)
    _check_usable(invitation, now)  # or a start dropped this party
    # Claim the invitation atomically: of two concurrent joins only one updates the row (on
    # PostgreSQL the other waits for the first to commit, then finds the link used).
    claimed = await db.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        already = await _joined(db, user, invitation)  # a twin of this request won
        if already is not None:
            return already
        raise Gone("this invitation link has already been used", code="invitation_used")
    role = invited_role(invitation)
    db.add(
        CaseParty(
            case_id=case.id,
            user_id=user.id,
            role=role,
            side=invited_side(invitation),
            display_name=user.display_name,
            consented_at=now,
            joined_at=now,
        )
    )
    case.updated_at = now
    try:
        await db.flush()
    except IntegrityError:
        raise Gone("this invitation link has already been used", code="invitation_used") from None
    two_party = await invited_roles(db, case.id) == {RESPONDENT}
    await invitation_notices.after_join(db, case, invitation, user, now, two_party=two_party)
    await starting.open_when_all_joined(db, case, settings, now)
    await db.refresh(case, ["parties"])
    return case


async def pending_invitation(db: AsyncSession, case: Case, now: datetime) -> Invitation | None:
    """The respondent's live link, if any."""
    return await db.scalar(
        select(Invitation).where(
            Invitation.case_id == case.id,
            of_role(RESPONDENT),
            *live(),
            Invitation.expires_at > now,
        )
    )
