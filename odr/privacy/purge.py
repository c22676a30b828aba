"""``odr purge``: apply the retention rules (``rules.py``) to the database, in batches.

Each phase selects at most ``ODR_PURGE_BATCH`` rows (or cases), changes them in one transaction
and commits, until nothing is left: memory and lock time stay bounded however large the backlog.
Every phase selects only what is not done yet (an anonymised case has an empty subject, an
anonymised account an ``@anonymised.invalid`` address, a deleted row is gone), so a second run
finds nothing and an interrupted run is simply run again. A dry run makes the same selections
and counts them without writing.

The log holds counts, never content: which case or person was purged is exactly what must not
outlive them.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    exists,
    func,
    null,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute, aliased

from odr.cases.status import CONCLUDED
from odr.persistence.caucus_models import Caucus, CaucusMessage
from odr.persistence.documents_models import CaseDocument
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.fulfilment_models import PenaltyStep, PerformanceStep
from odr.persistence.models import (
    AuthSession,
    Case,
    CaseEvent,
    CaseFeedback,
    CaseParty,
    CaseProposals,
    CaseSecret,
    CourtReferral,
    Invitation,
    LoginFailure,
    Mediation,
    MediatorAssignment,
    NoticePreference,
    Notification,
    OutboxNotice,
    PartyInterests,
    PartySharing,
    PasswordReset,
    PrivateInput,
    Settlement,
    StoredFile,
    User,
    UserPhone,
)
from odr.persistence.referrals_models import ReferralPackage
from odr.persistence.sessions_models import JointSession
from odr.privacy.purge_selection import HELD, ended_before, idle_accounts, purgeable_cases
from odr.privacy.rules import (
    ANONYMISED_SETTLEMENT,
    FREE_TEXT_KEYS,
    UNUSABLE_PASSWORD_HASH,
    Retention,
    anonymised_email,
    anonymised_event_data,
    cutoff,
    without_free_text,
)
from odr.settings import Settings

log = logging.getLogger("odr.privacy.purge")
Sessions = async_sessionmaker[AsyncSession]

# Event types whose data can hold free text (docs/protocol.md, "Event types").
FREE_TEXT_EVENTS = ("message", "reject", "deadline", "paused", "closed", "system")
#: Every count ``purge`` reports, in the order it works (docs/operations.md explains each).
KINDS = (
    "cases_anonymised",
    "interests_deleted",
    "proposals_deleted",
    "messages_erased",
    "accounts_anonymised",
    "sessions_deleted",
    "login_failures_deleted",
    "password_resets_deleted",
    "notices_deleted",
    "notifications_deleted",
)


@dataclass
class PurgeReport:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


async def purge(
    sessions: Sessions, settings: Settings, now: datetime, *, dry_run: bool = False
) -> PurgeReport:
    """Anonymise and delete what is past its period; with ``dry_run``, only count it."""
    rules = Retention.from_settings(settings)
    batch = settings.purge_batch
    report = PurgeReport(dry_run)
    counts = report.counts
    purgeable = purgeable_cases(rules, now)

    counts["cases_anonymised"] = await _batched(
        sessions, select(Case.id).where(purgeable, HELD), _anonymise_cases, batch, dry_run
    )
    # A party's sealed inputs to a mechanism (bids, points) are private like its interests and
    # kept as long; they count with them. The case's own secret goes with the case (cascade).
    private: tuple[tuple[str, type[PartyInterests | PrivateInput | CaseProposals], Any], ...] = (
        ("interests_deleted", PartyInterests, rules.interests),
        ("interests_deleted", PrivateInput, rules.interests),
        ("proposals_deleted", CaseProposals, rules.explanations),
    )
    for kind, model, period in private:
        if (ended := ended_before(cutoff(now, period), CONCLUDED)) is not None:
            rows = (
                select(model.id).join(Case, Case.id == model.case_id).where(ended, HELD, ~purgeable)
            )
            counts[kind] += await _batched(sessions, rows, _deleter(model.id), batch, dry_run)
    counts["messages_erased"] = await _erase_messages(
        sessions, rules, now, batch, dry_run, purgeable
    )
    idle = idle_accounts(rules, now, purgeable)
    counts["accounts_anonymised"] = await _batched(sessions, idle, _anonymiser(now), batch, dry_run)
    for kind, column, older in _technical_rows(rules, now, idle):
        counts[kind] = await _batched(
            sessions, select(column).where(older), _deleter(column), batch, dry_run
        )
    log.info("purge finished", extra={"dry_run": dry_run, "counts": dict(counts)})
    return report


async def _anonymise_cases(db: AsyncSession, ids: list[Any]) -> None:
    """Everything that names or quotes a person goes; counts, dates and hashes stay."""
    await db.execute(
        update(Case)
        .where(Case.id.in_(ids))
        .values(subject="", respondent_name="", issues=[], claim_amount=None)
    )
    # Documents keep what they were (type, size, hash), not their name; the bytes go below.
    await db.execute(
        update(CaseDocument).where(CaseDocument.case_id.in_(ids)).values(file_name="", file_id=None)
    )
    # The settlement's performance steps (odr/fulfilment) stay, for the record and the counts;
    # a payment's reference and a dispute's reason are what people wrote, and go.
    await db.execute(
        update(PerformanceStep)
        .where(PerformanceStep.case_id.in_(ids))
        .values(reference=None, reason=None)
    )
    await db.execute(  # and so do those of its default penalty (amounts stay)
        update(PenaltyStep).where(PenaltyStep.case_id.in_(ids)).values(reference=None, reason=None)
    )
    for model in (
        CaseParty,
        Invitation,
        PartyInterests,
        PrivateInput,
        CaseSecret,
        CaseProposals,
        PartySharing,
        StoredFile,  # items' photos, documents (odr/uploads): their hashes are kept
        Caucus,  # the private caucus (odr/caucus): what was said, and when it was asked for
        CaucusMessage,
        JointSession,  # joint sessions: the link, the place, the mediator's note (slots, choices)
    ):
        await db.execute(delete(model).where(model.case_id.in_(ids)))
    events = await db.execute(
        select(CaseEvent.id, CaseEvent.data).where(CaseEvent.case_id.in_(ids))
    )
    changes = [
        {"id": event_id, "data": kept}
        for event_id, data in events
        if (kept := anonymised_event_data(data)) != data
    ]
    if changes:
        await db.execute(update(CaseEvent), changes)
    # The signed PDF, its JSON and the terms hold every identity; the code and hashes stay, so
    # GET /api/verify/{code} still vouches for the file and an uploaded PDF still verifies.
    await db.execute(
        update(Settlement)
        .where(Settlement.case_id.in_(ids))
        .values(terms={}, envelope=null(), pdf=None, akn_xml=None, status=ANONYMISED_SETTLEMENT)
    )
    await db.execute(
        update(CourtReferral).where(CourtReferral.case_id.in_(ids)).values(reason="", record={})
    )
    # The court's referral package names the parties and quotes the claim; its hash stays.
    await db.execute(
        update(ReferralPackage).where(ReferralPackage.case_id.in_(ids)).values(package={})
    )
    # A writ application's PDF and data name the parties; its hash and sums (party keys) stay.
    await db.execute(
        update(WritApplication).where(WritApplication.case_id.in_(ids)).values(pdf=b"", content={})
    )
    await db.execute(update(Mediation).where(Mediation.case_id.in_(ids)).values(close_reason=None))
    await db.execute(
        update(MediatorAssignment).where(MediatorAssignment.case_id.in_(ids)).values(reason="")
    )
    await db.execute(update(CaseFeedback).where(CaseFeedback.case_id.in_(ids)).values(comment=None))


async def _erase_messages(
    sessions: Sessions,
    rules: Retention,
    now: datetime,
    batch: int,
    dry_run: bool,
    purgeable: ColumnElement[bool],
) -> int:
    """Erase the free text of ended cases' events; walks by id, writes only what changes."""
    ended = ended_before(cutoff(now, rules.messages), CONCLUDED)
    if ended is None:
        return 0
    erased, after = 0, 0
    while True:
        async with sessions() as db:
            rows = list(
                await db.execute(
                    select(CaseEvent.id, CaseEvent.data)
                    .join(Case, Case.id == CaseEvent.case_id)
                    .where(ended, HELD, ~purgeable)
                    .where(CaseEvent.type.in_(FREE_TEXT_EVENTS), CaseEvent.id > after)
                    .order_by(CaseEvent.id)
                    .limit(batch)
                )
            )
            if not rows:
                return erased
            after = rows[-1][0]
            changes = [
                {"id": event_id, "data": without_free_text(data)}
                for event_id, data in rows
                if any(data.get(key) for key in FREE_TEXT_KEYS)
            ]
            if changes and not dry_run:
                await db.execute(update(CaseEvent), changes)
                await db.commit()
            erased += len(changes)


def _anonymiser(now: datetime) -> Callable[[AsyncSession, list[Any]], Awaitable[None]]:
    async def anonymise(db: AsyncSession, ids: list[Any]) -> None:
        users = await db.execute(select(User.id, User.deactivated_at).where(User.id.in_(ids)))
        await db.execute(
            update(User),
            [
                {
                    "id": user_id,
                    "email": anonymised_email(user_id),
                    "display_name": "",
                    "password_hash": UNUSABLE_PASSWORD_HASH,
                    "deactivated_at": deactivated_at or now,
                }
                for user_id, deactivated_at in users
            ],
        )
        for model in (
            AuthSession,
            PasswordReset,
            UserPhone,
            OutboxNotice,
            Notification,
            NoticePreference,
            PartySharing,
        ):
            await db.execute(delete(model).where(model.user_id.in_(ids)))

    return anonymise


# -- technical rows -----------------------------------------------------------------------------


def _technical_rows(
    rules: Retention, now: datetime, idle: Any
) -> list[tuple[str, InstrumentedAttribute[Any], ColumnElement[bool]]]:
    """Expired rows by kind. Rows of accounts this run anonymises are that phase's (it deletes
    them; excluding them here makes a dry run count each row once, as a real run does)."""
    idle_ids = idle.scalar_subquery()
    rows: list[tuple[str, InstrumentedAttribute[Any], ColumnElement[bool]]] = []
    if (when := cutoff(now, rules.sessions)) is not None:
        # Each account's latest session stays: it is the only record of its last login, which
        # the account period counts from. Expired, it opens nothing.
        newer = aliased(AuthSession)
        later_login = exists().where(
            newer.user_id == AuthSession.user_id, newer.created_at > AuthSession.created_at
        )
        expired = and_(
            AuthSession.expires_at < when, later_login, AuthSession.user_id.not_in(idle_ids)
        )
        rows.append(("sessions_deleted", AuthSession.id, expired))
    if (when := cutoff(now, rules.throttle)) is not None:
        rows.append(("login_failures_deleted", LoginFailure.id, LoginFailure.occurred_at < when))
    if (when := cutoff(now, rules.resets)) is not None:
        expired = and_(PasswordReset.expires_at < when, PasswordReset.user_id.not_in(idle_ids))
        rows.append(("password_resets_deleted", PasswordReset.id, expired))
    if (when := cutoff(now, rules.notices)) is not None:
        # Sent, given up, or still pending after the whole period (no sender ran): all stale.
        mine = or_(OutboxNotice.user_id.is_(None), OutboxNotice.user_id.not_in(idle_ids))
        rows.append(
            ("notices_deleted", OutboxNotice.id, and_(OutboxNotice.created_at < when, mine))
        )
        # The in-app list's copies of notices (they quote names and subjects): kept as long.
        listed = and_(Notification.created_at < when, Notification.user_id.not_in(idle_ids))
        rows.append(("notifications_deleted", Notification.id, listed))
    return rows


# -- batches ------------------------------------------------------------------------------------


def _deleter(
    column: InstrumentedAttribute[Any],
) -> Callable[[AsyncSession, list[Any]], Awaitable[None]]:
    async def remove(db: AsyncSession, ids: list[Any]) -> None:
        await db.execute(delete(column.class_).where(column.in_(ids)))

    return remove


async def _batched(
    sessions: Sessions,
    query: Any,
    apply: Callable[[AsyncSession, list[Any]], Awaitable[None]],
    batch: int,
    dry_run: bool,
) -> int:
    """Apply ``apply`` to the rows ``query`` selects, ``batch`` ids per transaction.

    ``apply`` must take its rows out of ``query``'s reach (delete or mark them), so each round
    selects new ones and the loop ends. A dry run counts instead.
    """
    if dry_run:
        async with sessions() as db:
            return int(await db.scalar(select(func.count()).select_from(query.subquery())) or 0)
    done = 0
    while True:
        async with sessions() as db:
            ids = list(await db.scalars(query.order_by(None).limit(batch)))
            if not ids:
                return done
            await apply(db, ids)
            await db.commit()
        done += len(ids)
