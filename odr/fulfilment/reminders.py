"""Reminders of a signed settlement's due dates, and the notice of a missed one, each sent once.

Planned when the last signature seals the settlement (``plan``, in that transaction), as rows of
the deadline scheduler (``odr.centre.deadlines``) on clocks of their own (``TASK_KINDS``, among
its ``OWN_CLOCKS``: a mediation deadline neither replaces nor cancels them). Per due date:

- ``perf_before``: ``ODR_PERFORMANCE_REMINDER_DAYS`` days before (default 3), at 09:00 in
  Kazakhstan, to the debtor (skipped when that moment has passed at signing);
- ``perf_due``: on the due date, at 09:00, to the debtor;
- ``perf_missed``: at 09:00 on the first day the due is *in default* (more days late than the
  record's ``acceleration_after_days``, the grace its default clause allows), to every party of
  the settlement and the case's mediator, with the sums the default clause makes due that day
  (``odr.fulfilment.default_sums``).

A task names its day only (``deadline_at`` is the due date's midnight in Kazakhstan); what to
say is decided when it runs, from the signed record and the parties' steps as they are then: a
reminder goes only for a due still waiting for the debtor (nothing reported, or its report
disputed) and only while its date has not passed (a scheduler that was down does not send a
stale "3 days left"), so a due confirmed or reported meanwhile is not reminded of; the
missed-date notice goes only for a due in default then (not confirmed). Notices follow each
person's channels and quiet hours (``odr.notify.enqueue_notice``) in their language.

Exactly once: the scheduler carries a task out once under the case's lock, even with several
instances (``deadlines.py``); each notice's ``dedupe_key`` names the settlement, the due and the
recipient besides, so a plan made twice still tells each person once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.documents.formatting import format_date, format_money
from odr.fulfilment.default_sums import ObligationSums
from odr.fulfilment.ledger import KAZAKHSTAN, DueState, today_of
from odr.fulfilment.penalty_steps import sums_now
from odr.fulfilment.schedule import DefaultTerms, Due, default_terms_of, schedule_of
from odr.fulfilment.settled_record import signed_settlement_of
from odr.fulfilment.standing import standing
from odr.notify import enqueue_notice
from odr.persistence.models import Case, CaseParty, DeadlineTask, Mediation, Mediator, User
from odr.settings import Settings

BEFORE, ON_THE_DAY, MISSED = "perf_before", "perf_due", "perf_missed"
TASK_KINDS = (BEFORE, ON_THE_DAY, MISSED)
MORNING = time(9, 0)
"""When, in Kazakhstan, a day's notices are due: not in the night."""
NOTICE_KINDS = {
    BEFORE: "performance_reminder",
    ON_THE_DAY: "performance_due_today",
    MISSED: "performance_missed",
}
WAITING_FOR_THE_DEBTOR = ("pending", "disputed")
"""The performances a reminder is sent for: nothing reported, or a report the creditor disputed."""


def _morning(day: date) -> datetime:
    return datetime.combine(day, MORNING, KAZAKHSTAN).astimezone(UTC)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), KAZAKHSTAN).astimezone(UTC)


def planned(
    dues: Sequence[Due], terms: DefaultTerms, reminder_days: int, now: datetime
) -> list[tuple[str, datetime, datetime]]:
    """(kind, due_at, deadline_at) of every task to plan for ``dues``, one set per due date;
    none whose moment is already past at ``now`` (the missed-date one never is: it is after)."""
    tasks = []
    for day in sorted({d.due_date for d in dues}):
        moments = {
            BEFORE: _morning(day - timedelta(days=reminder_days)),
            ON_THE_DAY: _morning(day),
            MISSED: _morning(day + timedelta(days=terms.acceleration_after_days + 1)),
        }
        if reminder_days == 0:
            del moments[BEFORE]
        tasks += [(kind, at, _midnight(day)) for kind, at in moments.items() if at > now]
    return tasks


async def plan(
    db: AsyncSession, case_id: str, record: Mapping[str, Any], now: datetime, settings: Settings
) -> None:
    """Plan the reminders of a settlement sealed now (in the sealing transaction)."""
    dues = schedule_of(record)
    days = settings.performance_reminder_days
    for kind, due_at, deadline_at in planned(dues, default_terms_of(record), days, now):
        db.add(DeadlineTask(case_id=case_id, kind=kind, due_at=due_at, deadline_at=deadline_at))


async def carry_out(db: AsyncSession, task: DeadlineTask, now: datetime) -> None:
    """Carried out by the scheduler under the case's lock: the notices ``task`` calls for now."""
    found = await signed_settlement_of(db, task.case_id)
    if found is None:
        return
    settlement, record = found
    day = today_of(task.deadline_at)
    today = today_of(now)
    terms, states = await standing(db, settlement, record, today)
    case = await db.get_one(Case, task.case_id)
    parties = await _party_users(db, case.id, {p["role"] for p in record["parties"]})
    occasion = _Occasion(task, case, settlement.id, frozenset(parties.values()))
    for state in states:
        if state.due.due_date != day:
            continue
        if task.kind == MISSED:
            if state.state == "in_default":
                sums = _sums_of(await sums_now(db, settlement.id, states, terms), state.due)
                recipients = [*sorted(occasion.parties), *await _mediator(db, case.id)]
                params = _missed(state, sums, terms, today)
                await _tell(db, occasion, state.due, recipients, params, now)
        elif state.performance in WAITING_FOR_THE_DEBTOR and today <= day:
            debtors = parties.values() if state.due.joint else [parties.get(state.due.debtor)]
            recipients = sorted({user for user in debtors if user is not None})
            params = _reminder(state.due, (day - today).days)
            await _tell(db, occasion, state.due, recipients, params, now)


@dataclass(frozen=True)
class _Occasion:
    """What a task's notices share: the task, its case and settlement, the parties' accounts
    (their link is the settlement's page; the mediator's, the case's page for staff)."""

    task: DeadlineTask
    case: Case
    settlement_id: str
    parties: frozenset[str]


Spelled = Callable[[str], str]
"""A value spelled in the reader's language (``kk``, ``ru``, ``en``)."""


async def _tell(
    db: AsyncSession,
    occasion: _Occasion,
    due: Due,
    recipients: Sequence[str],
    params: Mapping[str, Spelled | int],
    now: datetime,
) -> None:
    """One notice per recipient, its words and figures in the recipient's language."""
    case, kind = occasion.case, occasion.task.kind
    for user_id in recipients:
        user = await db.get_one(User, user_id)
        language = user.language if user.language in WHAT else "ru"
        words = {k: v(language) if callable(v) else v for k, v in params.items()}
        staff = user_id not in occasion.parties
        await enqueue_notice(
            db,
            user_id=user_id,
            kind=NOTICE_KINDS[kind],
            params={"reference": case.reference, **words},
            dedupe_key=f"{kind}:{occasion.settlement_id}:{due.key}:{user_id}",
            now=now,
            path=f"#/mediator/cases/{case.id}" if staff else f"#/cases/{case.id}/settlement",
        )


WHAT = {
    "kk": ("{o}-міндеттеме", "{o}-міндеттеменің {i}-бөлігі"),
    "ru": ("обязательство {o}", "обязательство {o}, платёж {i}"),
    "en": ("obligation {o}", "obligation {o}, instalment {i}"),
}
NOTHING = {"kk": "—", "ru": "—", "en": "—"}


def _what(due: Due) -> Spelled:
    def spelled(language: str) -> str:
        whole, part = WHAT[language]
        return (whole if due.instalment is None else part).format(
            o=due.obligation, i=due.instalment
        )

    return spelled


def _money(tiyn: int | None, currency: str) -> Spelled:
    def spelled(language: str) -> str:
        if tiyn is None:
            return NOTHING[language]
        return format_money(Decimal(tiyn) / 100, currency, language)

    return spelled


def _day(day: date) -> Spelled:
    return lambda language: format_date(day, language)


def _reminder(due: Due, days: int) -> dict[str, Spelled | int]:
    return {
        "what": _what(due),
        "amount": _money(due.amount_tiyn, due.currency),
        "due_date": _day(due.due_date),
        "days": days,
    }


def _sums_of(sums: Sequence[ObligationSums], due: Due) -> ObligationSums:
    """The sums due now of ``due``'s obligation (zeros for one that owes no money)."""
    for entry in sums:
        if entry.obligation == due.obligation:
            return entry
    return ObligationSums(due.obligation, due.debtor, due.creditor, due.currency, 0, 0, 0, True)


def _missed(
    state: DueState, sums: ObligationSums, terms: DefaultTerms, today: date
) -> dict[str, Spelled | int]:
    currency = sums.currency
    return {
        "what": _what(state.due),
        "due_date": _day(state.due.due_date),
        "grace": terms.acceleration_after_days,
        "as_of": _day(today),
        "principal": _money(sums.overdue_tiyn, currency),
        "accelerated": _money(sums.accelerated_tiyn, currency),
        "penalty": _money(sums.penalty_tiyn, currency),
        "total": _money(sums.total_tiyn, currency),
    }


async def _party_users(db: AsyncSession, case_id: str, roles: set[str]) -> dict[str, str]:
    """Party key → account of every party the signed record binds (``roles``): one who left
    the negotiation before the agreement is not a party of the settlement."""
    rows = await db.execute(
        select(CaseParty.role, CaseParty.user_id).where(CaseParty.case_id == case_id)
    )
    return {role: user_id for role, user_id in rows if role in roles}


async def _mediator(db: AsyncSession, case_id: str) -> list[str]:
    user_id = await db.scalar(
        select(Mediator.user_id)
        .join(Mediation, Mediation.mediator_id == Mediator.id)
        .where(Mediation.case_id == case_id)
    )
    return [] if user_id is None else [user_id]
