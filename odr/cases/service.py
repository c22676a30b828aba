"""Case rules: who may see a case, opening one, inviting and joining. No HTTP here.

Visibility is decided in one place, ``case_for``: a caller who is not a party gets the same 404 as
for a case that does not exist, so ids cannot be probed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.auth.tokens import new_token, token_hash
from odr.cases import invitation_notices
from odr.cases.items import items_to_store
from odr.cases.mechanism import Mechanism, misfit, recommend
from odr.cases.schemas import CaseCreate
from odr.cases.status import CaseStatus
from odr.centre.assignment import assign_new_case, start_mediation
from odr.errors import Conflict, Forbidden, Gone, NotFound, ValidationFailed
from odr.negotiating.division import item_issues
from odr.persistence.models import Case, CaseParty, Invitation, User, new_id
from odr.settings import Settings

_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    url: str


def new_reference() -> str:
    """A short code a person can read out on the phone, e.g. ``KS-4F7Q2M``."""
    return "KS-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def issues_to_store(body: CaseCreate) -> list[dict[str, object]]:
    stored: list[dict[str, object]] = []
    for n, issue in enumerate(body.issues, 1):
        item: dict[str, object] = {"name": issue.name or f"issue{n}", "label": issue.label}
        if issue.options is not None:
            item["options"] = list(issue.options)
        else:
            assert issue.range is not None
            item["range"] = issue.range.model_dump()
        # Labels in each reader's language, in the issue's JSON (no column of their own).
        if issue.labels is not None and issue.labels.given():
            item["labels"] = issue.labels.given()
        if issue.option_labels is not None and any(o.given() for o in issue.option_labels):
            item["option_labels"] = [o.given() for o in issue.option_labels]
        stored.append(item)
    return stored


def chosen_mechanism(body: CaseCreate, issues: list[dict[str, object]]) -> Mechanism:
    """The claimant's choice, or the recommendation; 422 with the rule's code when the choice
    does not fit the case (``odr.cases.mechanism.misfit``)."""
    items = body.items or []
    if not issues and not items:
        # A division's issues are its items; every other case needs one issue to negotiate.
        message = "give at least one issue (or, for fair division, the items to share out)"
        raise ValidationFailed(
            message, fields=[{"field": "issues", "message": message, "code": "too_short"}]
        )
    mechanism = body.mechanism or recommend(issues, items)
    problem = misfit(mechanism, issues, items, body.claim.amount if body.claim else None)
    if problem is not None:
        field = "items" if problem.code == "items_need_division" else "mechanism"
        raise ValidationFailed(
            problem.message,
            code=problem.code,
            fields=[{"field": field, "message": problem.message, "code": problem.code}],
        )
    return mechanism


async def open_case(
    db: AsyncSession, user: User, body: CaseCreate, settings: Settings, now: datetime
) -> tuple[Case, IssuedInvitation]:
    if user.role != Role.PARTY:
        raise Forbidden("only party accounts can open a case", code="role_not_allowed")
    issues = issues_to_store(body)
    mechanism = chosen_mechanism(body, issues)
    items = items_to_store(body.items) if body.items else None
    if mechanism is Mechanism.DIVISION and items:
        # The room negotiates a division as packages of one issue per item (options: the role
        # receiving it), so those are the issues its offers and the settlement fold against.
        issues = item_issues(items)
    case = Case(
        reference=new_reference(),
        category=body.category,
        subject=body.subject,
        claim_amount=body.claim.amount if body.claim else None,
        currency=body.claim.currency if body.claim else "KZT",
        language=body.language,
        issues=issues,
        mechanism=mechanism,
        items=items,
        respondent_name=body.respondent.name,
        region=body.region,
        status=CaseStatus.AWAITING_RESPONDENT,
        created_by=user.id,
        created_at=now,
        updated_at=now,
    )
    db.add(case)
    await db.flush()
    db.add(
        CaseParty(
            case_id=case.id,
            user_id=user.id,
            role="claimant",
            display_name=user.display_name,
            consented_at=now,
            joined_at=now,
        )
    )
    respondent = body.respondent
    issued = await issue_invitation(
        db,
        case,
        respondent.email,
        settings,
        now,
        phone=respondent.phone,
        language=respondent.language,
    )
    await db.flush()
    await assign_new_case(db, case, settings, now)  # a conciliation centre's mediator, if any
    return case, issued


async def issue_invitation(
    db: AsyncSession,
    case: Case,
    email: str,
    settings: Settings,
    now: datetime,
    *,
    phone: str | None = None,
    language: str | None = None,
) -> IssuedInvitation:
    """A fresh single-use link, sent to the respondent (``invitation_notices``); any earlier
    unused link of the case stops working, and its notices still queued do not go out."""
    if case.status != CaseStatus.AWAITING_RESPONDENT:
        raise Conflict("the respondent has already joined this case", code="respondent_joined")
    replaced = list(
        await db.scalars(
            select(Invitation.id)
            .where(Invitation.case_id == case.id, Invitation.used_at.is_(None))
            .where(Invitation.revoked_at.is_(None))
        )
    )
    await db.execute(
        update(Invitation)
        .where(Invitation.case_id == case.id, Invitation.used_at.is_(None))
        .where(Invitation.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    await invitation_notices.withdraw(db, case.id, replaced)
    token = new_token()
    invitation = Invitation(
        id=new_id(),
        case_id=case.id,
        email=email,
        phone=phone,
        language=language,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + timedelta(hours=settings.invitation_ttl_hours),
    )
    db.add(invitation)
    # The token travels in the fragment, which browsers never send to a server or in a Referer.
    url = f"{settings.public_base_url}/join#token={token}"
    await invitation_notices.send_invitation(db, case, invitation, url, settings, now)
    return IssuedInvitation(invitation, url)


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


async def _joined(db: AsyncSession, user: User, case_id: str) -> Case | None:
    """The case, freshly read, if ``user`` already is its respondent; None otherwise.

    Raises ``already_party`` for the claimant opening its own link."""
    role = await db.scalar(
        select(CaseParty.role).where(CaseParty.case_id == case_id, CaseParty.user_id == user.id)
    )
    if role is None:
        return None
    if role != "respondent":
        raise Conflict("you are already a party to this case", code="already_party")
    case = await db.get_one(Case, case_id, populate_existing=True)
    await db.refresh(case, ["parties"])  # async sessions must never lazy-load
    return case


async def accept_invitation(
    db: AsyncSession, user: User, token: str, settings: Settings, now: datetime
) -> Case:
    """Join the case as its respondent. Idempotent for the respondent: accepting again (a
    double click, a retry after a lost answer) answers with the case it already joined."""
    invitation = await _invitation(db, token)
    already = await _joined(db, user, invitation.case_id)
    if already is not None:
        return already
    _check_usable(invitation, now)
    if user.role != Role.PARTY:
        raise Forbidden("only party accounts can join a case", code="role_not_allowed")
    # Claim the invitation atomically: of two concurrent joins only one updates the row (on
    # PostgreSQL the other waits for the first to commit, then finds the link used).
    claimed = await db.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        already = await _joined(db, user, invitation.case_id)  # a twin of this request won
        if already is not None:
            return already
        raise Gone("this invitation link has already been used", code="invitation_used")
    case = await db.get_one(Case, invitation.case_id)
    db.add(
        CaseParty(
            case_id=case.id,
            user_id=user.id,
            role="respondent",
            display_name=user.display_name,
            consented_at=now,
            joined_at=now,
        )
    )
    case.status = CaseStatus.OPEN
    case.updated_at = now
    try:
        await db.flush()
    except IntegrityError:
        raise Gone("this invitation link has already been used", code="invitation_used") from None
    await start_mediation(db, case, settings, now)  # the centre's deadline counts from consent
    await invitation_notices.after_join(db, case, invitation, user, now)
    await db.refresh(case, ["parties"])
    return case


async def cases_of(db: AsyncSession, user: User) -> list[Case]:
    result = await db.scalars(
        select(Case)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(CaseParty.user_id == user.id)
        .order_by(Case.updated_at.desc(), Case.id)
    )
    return list(result)


async def case_for(db: AsyncSession, user: User, case_id: str) -> Case:
    case = await db.scalar(
        select(Case)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .where(Case.id == case_id, CaseParty.user_id == user.id)
    )
    if case is None:
        raise NotFound("there is no case with this id among your cases", code="case_not_found")
    return case


async def pending_invitation(db: AsyncSession, case: Case, now: datetime) -> Invitation | None:
    return await db.scalar(
        select(Invitation).where(
            Invitation.case_id == case.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
    )


def role_of(case: Case, user: User) -> str:
    for party in case.parties:
        if party.user_id == user.id:
            return party.role
    raise NotFound("there is no case with this id among your cases", code="case_not_found")
