"""Which rows ``odr purge`` (``purge.py``) is due to anonymise: cases concluded longer ago than
their retention period, and party accounts with no case left and no recent login. SQL
conditions only; ``purge.py`` does the anonymising."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, select

from odr.auth.roles import Role
from odr.cases.status import SETTLED, UNSETTLED_END
from odr.persistence.models import AuthSession, Case, CaseParty, Settlement, User
from odr.privacy.rules import ANONYMISED_DOMAIN, Retention, cutoff

# -- which cases --------------------------------------------------------------------------------

HELD = Case.subject != ""
"""Not anonymised yet: intake refuses a subject shorter than 3 characters, so "" marks it."""


def ended_before(when: datetime | None, statuses: tuple[str, ...]) -> ColumnElement[bool] | None:
    """The case concluded (``statuses``) and nothing about it changed since ``when``.

    Every change of a case's status sets ``updated_at``, so for a concluded case it is the time
    it ended (agreed, signed, filed, failed…). A settlement still being edited keeps its case.
    """
    if when is None:
        return None
    recent_settlement = exists().where(Settlement.case_id == Case.id, Settlement.updated_at >= when)
    return and_(Case.status.in_(statuses), Case.updated_at < when, ~recent_settlement)


def purgeable_cases(rules: Retention, now: datetime) -> ColumnElement[bool]:
    clauses = [
        clause
        for clause in (
            ended_before(cutoff(now, rules.settled_cases), SETTLED),
            ended_before(cutoff(now, rules.unsettled_cases), UNSETTLED_END),
        )
        if clause is not None
    ]
    return or_(*clauses) if clauses else false()


# -- which accounts -----------------------------------------------------------------------------


def idle_accounts(rules: Retention, now: datetime, purgeable: ColumnElement[bool]) -> Any:
    """Party accounts with no case left (or only cases this run anonymises) and no recent login.

    Staff accounts (mediators, clerks, administrators) are the centre's and the operator's to
    close: they are named in attestations and assignment histories as staff, not as parties.
    """
    since = cutoff(now, rules.accounts)
    if since is None:
        return select(User.id).where(false())
    last_login = (
        select(func.max(AuthSession.created_at))
        .where(AuthSession.user_id == User.id)
        .scalar_subquery()
    )
    case_left = exists().where(
        CaseParty.user_id == User.id, CaseParty.case_id == Case.id, HELD, ~purgeable
    )
    return select(User.id).where(
        User.role == Role.PARTY,
        ~User.email.endswith("@" + ANONYMISED_DOMAIN),
        ~case_left,
        func.coalesce(last_login, User.created_at) < since,
    )
