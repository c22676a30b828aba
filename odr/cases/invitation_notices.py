"""Each invited party's invitation as it reaches them: sent, reminded, replaced, answered,
or dropped when the case went ahead without them.

The claimant gives each party's e-mail (and maybe a phone number); the invitation goes to both
at once, in the party's language (the one the claimant picked, else the case's), to a bare
address: the party has no account yet (``odr.notify.enqueue_to_address``). The link grants
access, so it is a *secret* parameter, sealed in the outbox row and erased once sent.

Reminders are ``deadline_tasks`` rows (``TASK_KIND``) carried out by the deadline scheduler, so
they survive restarts and go once each. A task belongs to the links issued together (in one
request: their ``expires_at`` is its ``deadline_at``), so the parties of one case are reminded
at the same hours, each once. The link is kept for them sealed on the invitation (``link_box``);
a reminder goes only while that same link is unused, not replaced, not expired, and the case
still waits for its parties. A new link cancels the old one's queued notices and reminders;
joining erases the box and tells the claimant; once the case opens no reminder is left.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Update, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.invited import live
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
        if due < invitation.expires_at and not await _planned(db, case.id, due, invitation):
            db.add(
                DeadlineTask(
                    case_id=case.id, kind=TASK_KIND, due_at=due, deadline_at=invitation.expires_at
                )
            )


async def _planned(db: AsyncSession, case_id: str, due: datetime, invitation: Invitation) -> bool:
    """A link issued with others in one request shares their reminders."""
    task = await db.scalar(
        select(DeadlineTask.id).where(
            DeadlineTask.case_id == case_id,
            DeadlineTask.kind == TASK_KIND,
            DeadlineTask.due_at == due,
            DeadlineTask.deadline_at == invitation.expires_at,
            DeadlineTask.cancelled.is_(False),
        )
    )
    return task is not None


async def revoke(
    db: AsyncSession, case_id: str, now: datetime, *which: ColumnElement[bool]
) -> None:
    """The case's live links (``which`` of them: e.g. one party's) stop working: their queued
    notices do not go out, their reminders stop and their sealed links are erased."""
    revoked = list(
        await db.scalars(
            select(Invitation.id).where(Invitation.case_id == case_id, *live(), *which)
        )
    )
    if not revoked:
        return
    tasks = await _pending_reminders(db, case_id)
    await cancel_notices(db, [_key(i) for i in revoked])
    await cancel_notices(db, [f"{_key(i)}:reminder:{task}" for i in revoked for task in tasks])
    await db.execute(
        update(Invitation)
        .where(Invitation.id.in_(revoked))
        .values(revoked_at=now, link_box=None)
        .execution_options(synchronize_session=False)
    )
    await _stop_orphan_reminders(db, case_id)


async def _pending_reminders(db: AsyncSession, case_id: str) -> list[int]:
    rows = await db.scalars(
        select(DeadlineTask.id).where(
            DeadlineTask.case_id == case_id, DeadlineTask.kind == TASK_KIND
        )
    )
    return list(rows)


def _pending_tasks(case_id: str) -> Update:
    return (
        update(DeadlineTask)
        .where(DeadlineTask.case_id == case_id, DeadlineTask.kind == TASK_KIND)
        .where(DeadlineTask.done_at.is_(None), DeadlineTask.cancelled.is_(False))
        .values(cancelled=True)
        .execution_options(synchronize_session=False)
    )


async def stop_reminders(db: AsyncSession, case_id: str) -> None:
    """The case no longer waits for anyone: no reminder of it goes out."""
    await db.execute(_pending_tasks(case_id))


async def _stop_orphan_reminders(db: AsyncSession, case_id: str) -> None:
    """Reminders whose links were all used or replaced have nobody left to remind."""
    awaited = (
        select(Invitation.expires_at)
        .where(Invitation.case_id == case_id, Invitation.used_at.is_(None))
        .where(Invitation.revoked_at.is_(None))
    )
    await db.execute(_pending_tasks(case_id).where(DeadlineTask.deadline_at.not_in(awaited)))


async def after_join(
    db: AsyncSession,
    case: Case,
    invitation: Invitation,
    party: User,
    now: datetime,
    *,
    two_party: bool,
) -> None:
    """A party joined: its link's box erased, no more reminders for it, the claimant told
    (``respondent_joined`` in a two-party case, as ever; else ``party_joined``)."""
    invitation.link_box = None
    await db.flush()
    await _stop_orphan_reminders(db, case.id)
    claimant = await db.scalar(
        select(CaseParty.user_id).where(CaseParty.case_id == case.id, CaseParty.role == "claimant")
    )
    if claimant is None:
        return
    if two_party:
        kind, key, params = (
            "respondent_joined",
            f"respondent_joined:{case.id}",
            {"reference": case.reference, "respondent": party.display_name},
        )
    else:
        kind, key, params = (
            "party_joined",
            f"party_joined:{case.id}:{invitation.role}",
            {"reference": case.reference, "party": party.display_name},
        )
    await enqueue_notice(
        db,
        user_id=claimant,
        kind=kind,
        params=params,
        dedupe_key=key,
        now=now,
        path=f"#/cases/{case.id}",
    )


async def tell_dropped(db: AsyncSession, case: Case, invitation: Invitation, now: datetime) -> None:
    """The case went ahead without this invited party: told where its invitation went."""
    params = {
        "reference": case.reference,
        "subject": case.subject,
        "claimant": await _claimant_name(db, case.id),
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
            kind="case_went_ahead",
            params=params,
            dedupe_key=f"went_ahead:{invitation.id}",
            now=now,
        )


async def remind(db: AsyncSession, task: DeadlineTask, settings: Settings, now: datetime) -> None:
    """A reminder is due: each link issued with it is sent again, if it still waits for an
    answer."""
    case = await db.get_one(Case, task.case_id)
    if case.status != CaseStatus.AWAITING_RESPONDENT:
        return
    invitations = await db.scalars(
        select(Invitation).where(
            Invitation.case_id == case.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
            Invitation.expires_at == task.deadline_at,
            Invitation.link_box.is_not(None),
        )
    )
    for invitation in list(invitations):
        assert invitation.link_box is not None
        try:
            opened = unseal(
                settings.secret_key, invitation.link_box, context=_context(invitation.id)
            )
        except Unreadable:  # the secret key changed: a reminder with a dead link helps nobody
            continue
        key = f"{_key(invitation.id)}:reminder:{task.id}"
        link = str(opened.values["link"])
        await _queue(db, case, invitation, link, "invitation_reminder", key, settings, now)
