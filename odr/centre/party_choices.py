"""What a party of a supervised case chooses: what it shares with the mediator and a court, its
rating of the process once it is over, its phone number for SMS notices. No HTTP here.

Each write is one conditional statement on the row's unique key (``odr.persistence.upsert``),
so a double click never meets a "duplicate key" error: saving a choice or a phone twice at once
keeps one row with the last value, and of two ratings sent at once one is stored and the other
is told ``feedback_given``. Each write commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.service import case_for, role_of
from odr.cases.status import CONCLUDED
from odr.centre.schemas import FeedbackIn, FeedbackOut, FeedbackState, SharingIn, SharingOut
from odr.errors import Conflict
from odr.persistence.models import Case, CaseFeedback, PartySharing, User, UserPhone
from odr.persistence.upsert import insert_unless_present, upsert

Mine = TypeVar("Mine", PartySharing, CaseFeedback)


async def _my_row(
    db: AsyncSession, user: User, case_id: str, model: type[Mine]
) -> tuple[Case, Mine | None]:
    """The case (404 unless ``user`` is a party) and the user's row of ``model`` in it, if any."""
    case = await case_for(db, user, case_id)
    row = await db.scalar(select(model).where(model.case_id == case.id, model.user_id == user.id))
    return case, row


async def my_sharing(db: AsyncSession, user: User, case_id: str) -> SharingOut:
    """What ``user`` shares in the case: nothing until it chooses otherwise."""
    _case, row = await _my_row(db, user, case_id, PartySharing)
    if row is None:
        return SharingOut(interests_with_mediator=False, record_with_court=False)
    return SharingOut.model_validate(row)


async def choose_sharing(
    db: AsyncSession, user: User, case_id: str, choice: SharingIn, now: datetime
) -> SharingOut:
    case = await case_for(db, user, case_id)
    await upsert(
        db,
        PartySharing,
        {
            "case_id": case.id,
            "user_id": user.id,
            "interests_with_mediator": choice.interests_with_mediator,
            "record_with_court": choice.record_with_court,
            "updated_at": now,
        },
        unique=("case_id", "user_id"),
        update=("interests_with_mediator", "record_with_court", "updated_at"),
    )
    await db.commit()
    return SharingOut(**choice.model_dump())


async def feedback_state(db: AsyncSession, user: User, case_id: str) -> FeedbackState:
    """Whether ``user`` may rate the process now, and its rating once given."""
    case, row = await _my_row(db, user, case_id, CaseFeedback)
    return FeedbackState(
        open=case.status in CONCLUDED and row is None,
        given=FeedbackOut.model_validate(row) if row is not None else None,
    )


async def give_feedback(
    db: AsyncSession, user: User, case_id: str, rating: FeedbackIn, now: datetime
) -> FeedbackOut:
    """Store ``user``'s rating once the mediation is over; once per party and case."""
    case = await case_for(db, user, case_id)
    if case.status not in CONCLUDED:
        raise Conflict("feedback opens when the mediation is over", code="case_not_over")
    await db.refresh(case, ["parties"])
    rated = await insert_unless_present(
        db,
        CaseFeedback,
        {
            "case_id": case.id,
            "user_id": user.id,
            "role": role_of(case, user),
            **rating.model_dump(),
            "created_at": now,
        },
        unique=("case_id", "user_id"),
    )
    if not rated:  # given before, or by a twin of this request a moment ago
        raise Conflict("you have already rated this mediation", code="feedback_given")
    await db.commit()
    return FeedbackOut(**rating.model_dump(), created_at=now)


async def set_phone(db: AsyncSession, user: User, phone: str) -> None:
    """``user``'s phone number for SMS notices (the last one saved stays)."""
    await upsert(
        db,
        UserPhone,
        {"user_id": user.id, "phone": phone},
        unique=("user_id",),
        update=("phone",),
    )
    await db.commit()
