"""Case rules: who may see a case, and opening one (inviting and joining: ``invitations.py``).
No HTTP here.

Visibility is decided in one place, ``case_for``: a caller who is not a party gets the same 404 as
for a case that does not exist, so ids cannot be probed.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.roles import Role
from odr.cases.invitations import (
    Invitee,
    IssuedInvitation,
    accept_invitation,
    issue_invitation,
    pending_invitation,
    usable_invitation,
)
from odr.cases.items import check_holders, items_to_store
from odr.cases.mechanism import Mechanism, misfit, recommend
from odr.cases.parties import CLAIMANT, Side, party_role
from odr.cases.party_schemas import InviteeIn
from odr.cases.schemas import CaseCreate
from odr.cases.status import CaseStatus
from odr.centre.assignment import assign_new_case
from odr.errors import Forbidden, NotFound, ValidationFailed
from odr.negotiating.division import item_issues
from odr.persistence.models import Case, CaseParty, User
from odr.settings import Settings

__all__ = [  # joining lives in invitations.py; callers of old import it from here
    "IssuedInvitation",
    "accept_invitation",
    "pending_invitation",
    "usable_invitation",
]

_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


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
    # Every party's side as invited: blind bidding is two-sided (odr/negotiating/bidding_sides.py).
    sides = [
        "claimant",
        body.respondent.side or "respondent",
        *(p.side for p in body.other_parties),
    ]
    mechanism = body.mechanism or recommend(issues, items, sides)
    problem = misfit(mechanism, issues, items, body.claim.amount if body.claim else None, sides)
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
) -> tuple[Case, list[IssuedInvitation]]:
    """The claimant opens a case and invites every other party, each by its own link."""
    if user.role != Role.PARTY:
        raise Forbidden("only party accounts can open a case", code="role_not_allowed")
    invited = invitees(body, user)
    issues = issues_to_store(body)
    mechanism = chosen_mechanism(body, issues)
    if body.items:
        check_holders(body.items, [CLAIMANT, *(invitee.role for invitee in invited)])
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
            role=CLAIMANT,
            side="claimant",
            display_name=user.display_name,
            consented_at=now,
            joined_at=now,
        )
    )
    issued = [await issue_invitation(db, case, invitee, settings, now) for invitee in invited]
    await db.flush()
    await assign_new_case(db, case, settings, now)  # a conciliation centre's mediator, if any
    return case, issued


def invitees(body: CaseCreate, claimant: User) -> list[Invitee]:
    """Whom the case invites, respondent first, each with its key; 422 naming the field when
    two share an e-mail address or one is the claimant's own (each link must reach its own
    person: one account can be only one party)."""
    invited: list[tuple[InviteeIn, str, Side]] = [
        (body.respondent, "respondent", body.respondent.side or "respondent")
    ]
    invited += [(p, f"other_parties[{n}]", p.side) for n, p in enumerate(body.other_parties)]
    seen = {claimant.email.lower(): "own_email"}
    result = []
    for number, (party, field, side) in enumerate(invited, 2):
        if party.email in seen:
            code = seen[party.email] if seen[party.email] == "own_email" else "duplicate_email"
            message = (
                "this is your own e-mail address: invite the other party at theirs"
                if code == "own_email"
                else "this e-mail address is already given for another party"
            )
            raise ValidationFailed(
                message, fields=[{"field": f"{field}.email", "message": message, "code": code}]
            )
        seen[party.email] = field
        result.append(
            Invitee(
                role=party_role(number),
                name=party.name,
                email=party.email,
                side=side,
                phone=party.phone,
                language=party.language,
            )
        )
    return result


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


def role_of(case: Case, user: User) -> str:
    for party in case.parties:
        if party.user_id == user.id:
            return party.role
    raise NotFound("there is no case with this id among your cases", code="case_not_found")
