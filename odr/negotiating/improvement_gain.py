"""What a post-settlement improvement is worth to each party, in that party's own terms
(``improvement.py`` offers it): the parties' preferences, read from their stored private
interests, and one party's gain, computed from its own utilities only, never another's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from negotiation.model import PartyPreferences
from odr.negotiating.issues import model_issues
from odr.persistence.models import Case, CaseParty, PartyInterests


async def preferences_of(db: AsyncSession, case: Case) -> dict[str, PartyPreferences]:
    """Each party's preferences by role, from its stored private interests (missing: absent),
    for the parties taking part only: a withdrawn party is no party to the agreement."""
    rows = (
        await db.execute(
            select(CaseParty.role, PartyInterests.answers)
            .join(
                PartyInterests,
                (PartyInterests.user_id == CaseParty.user_id)
                & (PartyInterests.case_id == CaseParty.case_id),
            )
            .where(CaseParty.case_id == case.id, CaseParty.withdrawn_at.is_(None))
            .order_by(CaseParty.id)
        )
    ).all()
    issues = model_issues(case.issues)
    return {
        role: build_preferences(role, issues, parse_answers(issues, answers))
        for role, answers in rows
    }


def own_gain(
    preferences: PartyPreferences, agreed: Mapping[str, str], offered: Mapping[str, str]
) -> dict[str, Any]:
    """What the offer changes for this party, in its own utilities only: the total in
    percentage points of its own scale and each changed issue's share of it."""
    changes = []
    for issue, old in agreed.items():
        new = offered[issue]
        if new == old:
            continue
        table, weight = preferences.utilities[issue], preferences.weights[issue]
        changes.append(
            {
                "issue": issue,
                "agreed": old,
                "offered": new,
                "points": round(100 * weight * (table[new] - table[old]), 1),
            }
        )
    total = preferences.utility(offered) - preferences.utility(agreed)
    return {"points": round(100 * total, 1), "issues": changes}
