"""What the parties' choices do once blind bidding ended without settlement.

The last round ended unsettled and each party chooses how to go on (``POST …/bidding/choice``):

Every party taking part chooses for itself (not per side: how to go on is each party's call).

* ``packages`` from all: the case switches to package negotiation (``switching.switch``, the
  same switch as the mediator's).
* ``mediator`` from either: the parties ask for a live mediator. The case's mediator (or, while
  none is assigned, its centre's administrators) gets a notice at the first such choice, and the
  case shows the request (``live_mediator_requested`` in ``GET …/bidding`` and the mediator's
  case view, folded from the public choices).
* ``court`` from all: the mediation ends as failed (the case ``failed``, the mediation closed
  with ``close_reason`` :data:`COURT_CHOSEN`), logged as ``bidding {kind: court_chosen}``, so the
  mediator can refer it to court by the existing referral (``POST …/refer``); the parties and the
  mediator get a notice.

Runs inside ``Room.record`` (the case locked), with the choice's own event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import switching
from odr.cases.mechanism import Mechanism
from odr.cases.status import CaseStatus
from odr.centre.deadlines import cancel_tasks, mediator_user_id, party_user_ids
from odr.negotiating.taking_part import taking_part
from odr.notify import enqueue_notice
from odr.persistence.models import Case, CentreAdmin, Mediation
from odr.room.log import NewEvent

COURT_CHOSEN = "court_chosen"
"""The mediation's ``close_reason`` (and the event's kind) when every party chose court."""


def all_chose(choices: Mapping[str, str], option: str, roles: Iterable[str]) -> bool:
    """Every party taking part (``roles``) chose ``option``."""
    return all(choices.get(role) == option for role in roles)


async def act(
    db: AsyncSession,
    case: Case,
    option: str,
    before: Mapping[str, str],
    choices: Mapping[str, str],
    now: datetime,
) -> list[NewEvent]:
    """The events (beyond the choice's own) and changes a choice brings: ``before`` and
    ``choices`` are the parties' choices without and with this one."""
    roles = [m.role for m in await taking_part(db, case.id)]
    if option == "packages" and all_chose(choices, "packages", roles):
        return await switching.switch(db, case, Mechanism.PACKAGES, now)
    if option == "mediator" and "mediator" not in before.values():
        await _ask_for_a_mediator(db, case, now)
    if option == "court" and all_chose(choices, "court", roles):
        return await _end_for_court(db, case, now)
    return []


async def _ask_for_a_mediator(db: AsyncSession, case: Case, now: datetime) -> None:
    mediation = await db.get(Mediation, case.id)
    if mediation is None:
        return  # no centre takes the case: the request shows in the case only
    mediator = await mediator_user_id(db, mediation)
    if mediator is not None:
        recipients = [mediator]
    else:
        recipients = list(
            await db.scalars(
                select(CentreAdmin.user_id).where(CentreAdmin.centre_id == mediation.centre_id)
            )
        )
    params = {"reference": case.reference, "subject": case.subject}
    for user_id in recipients:
        await enqueue_notice(
            db,
            user_id=user_id,
            kind="live_mediator_requested",
            params=params,
            dedupe_key=f"live-mediator:{case.id}:{user_id}",
            now=now,
        )


async def _end_for_court(db: AsyncSession, case: Case, now: datetime) -> list[NewEvent]:
    case.status = CaseStatus.FAILED
    case.updated_at = now
    recipients = await party_user_ids(db, case.id)
    mediation = await db.get(Mediation, case.id)
    if mediation is not None:
        mediation.outcome = "failed"
        mediation.closed_at = mediation.closed_at or now
        mediation.close_reason = COURT_CHOSEN
        mediation.paused_at = None
        await cancel_tasks(db, case.id)
        recipients.append(await mediator_user_id(db, mediation) or "")
    params = {"reference": case.reference, "subject": case.subject}
    for user_id in filter(None, recipients):
        await enqueue_notice(db, user_id=user_id, kind=COURT_CHOSEN, params=params, now=now)
    return [NewEvent("bidding", {"kind": COURT_CHOSEN}, None, "system")]
