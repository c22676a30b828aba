"""The respondent's invitation as it reaches them: sent, reminded, replaced, answered.

The claimant gives the respondent's e-mail (and maybe a phone number); the invitation goes to
both at once, in the respondent's language (the one the claimant picked, else the case's), to a
bare address: the respondent has no account yet (``odr.notify.enqueue_to_address``). The link
grants access, so it is a *secret* parameter, sealed in the outbox row and erased once sent.

Reminders are ``deadline_tasks`` rows (``TASK_KIND``) carried out by the deadline scheduler, so
they survive restarts and go once each. The link is kept for them sealed on the invitation
(``link_box``); a reminder goes only while that same link is unused, not replaced, not expired,
and the case still waits for its respondent. A new link cancels the old one's queued notices
and reminders; joining erases the box, cancels the reminders and tells the claimant.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CaseStatus
from odr.notify import enqueue_notice
from odr.notify.outbox import cancel_notices, enqueue_to_address
from odr.notify.sealed_params import Unreadable, seal, unseal
from odr.persistence.models import Case, CaseParty, DeadlineTask, Invitation, User
from odr.settings import Settings

TASK_KIND = "invite_remind"
"""A reminder of an unanswered invitation, in ``deadline_tasks``."""


def _key(invitation_id: str) -> str:
    return f"invitation:{invitation_id}"


def _context(invitation_id: str) -> str:
    return f"invitation-link:{invitation_id}"


async def _claimant_name(db: AsyncSession, case_id: str) -> str:
    name = await db.scalar(
        select(User.display_name)
        .join(CaseParty, CaseParty.user_id == User.id)
        .where(CaseParty.case_id == case_id, CaseParty.role == "claimant")
    )
    return name or ""


async def _queue(
    db: AsyncSession,
    case: Case,
    invitation: Invitation,
    link: str,
    kind: str,
    key: str,
    settings: Settings,
    now: datetime,
) -> None:
    params = {
        "reference": case.reference,
        "subject": case.subject,
        "claimant": await _claimant_name(db, case.id),
        "expires": invitation.expires_at.strftime("%d.%m.%Y"),
    }
    addresses = [("email", invitation.email)]
    if invitation.phone:
        addresses.append(("sms", invitation.phone))
    for channel, address in addresses:
        await enqueue_to_address(
            db,
            address=address,
            channel=channel,
            language=invitation.language or case.language,
            kind=kind,
            params=params,
            dedupe_key=key,
            now=now,
            secret_params={"link": link},
            secret_key=settings.secret_key,
            secret_until=invitation.expires_at,
        )


async def send_invitation(
    db: AsyncSession,
    case: Case,
    invitation: Invitation,
    link: str,
    settings: Settings,
    now: datetime,
) -> None:
    """Queue the invitation by e-mail (and SMS), keep its link sealed and plan its reminders."""
    invitation.link_box = seal(
        settings.secret_key,
        {"link": link},
        until=invitation.expires_at,
        context=_context(invitation.id),
    )
    await _queue(db, case, invitation, link, "invitation", _key(invitation.id), settings, now)
    for hours in settings.invitation_reminders_h:
        due = now + timedelta(hours=hours)
        if due < invitation.expires_at:
            db.add(
                DeadlineTask(
                    case_id=case.id, kind=TASK_KIND, due_at=due, deadline_at=invitation.expires_at
                )
            )


async def withdraw(db: AsyncSession, case_id: str, invitation_ids: list[str]) -> None:
    """These links stop working: their queued notices do not go out, their reminders stop and
    their sealed links are erased."""
    await cancel_notices(db, [_key(i) for i in invitation_ids])
    await cancel_notices(
        db,
        [
            f"{_key(i)}:reminder:{task_id}"
            for i in invitation_ids
            for task_id in await _pending_reminders(db, case_id)
        ],
    )
    await _stop_reminders(db, case_id)
    if invitation_ids:
        await db.execute(
            update(Invitation)
            .where(Invitation.id.in_(invitation_ids))
            .values(link_box=None)
            .execution_options(synchronize_session=False)
        )


async def _pending_reminders(db: AsyncSession, case_id: str) -> list[int]:
    rows = await db.scalars(
        select(DeadlineTask.id).where(
            DeadlineTask.case_id == case_id, DeadlineTask.kind == TASK_KIND
        )
    )
    return list(rows)


async def _stop_reminders(db: AsyncSession, case_id: str) -> None:
    await db.execute(
        update(DeadlineTask)
        .where(DeadlineTask.case_id == case_id, DeadlineTask.kind == TASK_KIND)
        .where(DeadlineTask.done_at.is_(None), DeadlineTask.cancelled.is_(False))
        .values(cancelled=True)
        .execution_options(synchronize_session=False)
    )


async def after_join(
    db: AsyncSession, case: Case, invitation: Invitation, respondent: User, now: datetime
) -> None:
    """The respondent joined: no more reminders, the link's box erased, the claimant told."""
    await _stop_reminders(db, case.id)
    invitation.link_box = None
    claimant = await db.scalar(
        select(CaseParty.user_id).where(CaseParty.case_id == case.id, CaseParty.role == "claimant")
    )
    if claimant is not None:
        await enqueue_notice(
            db,
            user_id=claimant,
            kind="respondent_joined",
            params={"reference": case.reference, "respondent": respondent.display_name},
            dedupe_key=f"respondent_joined:{case.id}",
            now=now,
            path=f"#/cases/{case.id}",
        )


async def remind(db: AsyncSession, task: DeadlineTask, settings: Settings, now: datetime) -> None:
    """A reminder is due: sent again with the same link, if it still waits for an answer."""
    case = await db.get_one(Case, task.case_id)
    if case.status != CaseStatus.AWAITING_RESPONDENT:
        return
    invitation = await db.scalar(
        select(Invitation).where(
            Invitation.case_id == case.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
            Invitation.link_box.is_not(None),
        )
    )
    if invitation is None or invitation.link_box is None:
        return
    try:
        opened = unseal(settings.secret_key, invitation.link_box, context=_context(invitation.id))
    except Unreadable:  # the secret key changed: a reminder with a dead link helps nobody
        return
    key = f"{_key(invitation.id)}:reminder:{task.id}"
    link = str(opened.values["link"])
    await _queue(db, case, invitation, link, "invitation_reminder", key, settings, now)
