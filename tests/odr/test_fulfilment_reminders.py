"""Reminders of a signed settlement's due dates (#18): before and on the day to the debtor, once
each; none for a due confirmed meanwhile; a missed date told once to both parties and the
mediator with the default clause's sums, exact to the tiyn. The clock moves month by month.

The worked example (``tests/builders/enforcement.py``): 300,000.00 KZT in three instalments of
100,000.00 due on days 10, 40 and 70; 10 days' grace; 0.1 % a day. On day 51 instalment 2 is
11 days late, more than the grace: in default. Due then: the overdue 100,000.00; the rest
accelerated, instalment 3's 100,000.00; the penalty 10,000,000 tiyn × 0.1 % × 11 days =
110,000 tiyn on it, and 20,000 on instalment 1, paid (and confirmed) 2 days late: 1,300.00; in
total 201,300.00.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.app import create_app
from odr.documents.formatting import format_money
from odr.fulfilment.ledger import KAZAKHSTAN
from odr.fulfilment.reminders import BEFORE, MISSED, ON_THE_DAY, TASK_KINDS, planned
from odr.fulfilment.schedule import DefaultTerms, Due
from odr.persistence.models import DeadlineTask, User
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.enforcement import SESSIONS_LAST, followed_settlement, notices
from tests.conftest import FakeClock, MakeClient


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {**env, **SESSIONS_LAST}


async def users(app: Starlette) -> dict[str, User]:
    async with services_of(app).sessions() as db:
        return {u.id: u for u in await db.scalars(select(User))}


async def recipients(app: Starlette, kind: str) -> Counter[str]:
    everyone = await users(app)
    return Counter(everyone[n.user_id].email for n in await notices(app, kind) if n.user_id)


async def tick(app: Starlette) -> int:
    """One scheduler round; how many of the settlement's own tasks it carried out (the case's
    mediation deadline has rows of its own, which find a signed case and do nothing)."""
    before = await performance_tasks_done(app)
    await services_of(app).scheduler.tick()
    return await performance_tasks_done(app) - before


async def performance_tasks_done(app: Starlette) -> int:
    async with services_of(app).sessions() as db:
        query = select(DeadlineTask.id).where(
            DeadlineTask.kind.in_(TASK_KINDS), DeadlineTask.done_at.is_not(None)
        )
        return len(list(await db.scalars(query)))


DEBTOR = "ruslan@example.kz"
CREDITOR = "aigerim@example.kz"
MEDIATOR = "dana@centre.kz"


async def test_reminders_go_once_each_and_not_for_a_confirmed_due(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case = await followed_settlement(app, make_client, clock)
    assert await recipients(app, "performance_reminder") == Counter()

    case.at(6)  # nothing is due yet: the first reminder is on day 7
    assert await tick(app) == 0
    case.at(7)
    assert await tick(app) == 1
    assert await tick(app) == 0, "a reminder is carried out once"
    assert await recipients(app, "performance_reminder") == Counter({DEBTOR: 1})
    (first,) = await notices(app, "performance_reminder")
    language = first.language
    assert first.params["amount"] == format_money(Decimal(INSTALMENT_AMOUNT), "KZT", language)
    assert first.params["days"] == 3
    assert first.params["path"] == f"#/cases/{case.case_id}/settlement"

    # Instalment 1 paid and confirmed before its day: no "due today", no missed-date notice.
    case.at(8)
    await case.step("1.1", "paid")
    await case.step("1.1", "received")
    case.at(10)
    assert await tick(app) == 1  # the task runs, and finds nothing to say
    assert await recipients(app, "performance_due_today") == Counter()
    case.at(21)
    assert await tick(app) == 1
    assert await recipients(app, "performance_missed") == Counter()

    # Instalment 2 paid but not yet confirmed on its day: the debtor is not asked again.
    case.at(37)
    assert await tick(app) == 1
    assert await recipients(app, "performance_reminder") == Counter({DEBTOR: 2})
    await case.step("1.2", "paid")
    case.at(40)
    assert await tick(app) == 1
    assert await recipients(app, "performance_due_today") == Counter()


INSTALMENT_AMOUNT = "100000.00"


async def test_a_missed_date_tells_both_parties_and_the_mediator_once_with_the_exact_sums(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    case = await followed_settlement(app, make_client, clock)
    case.at(12)  # instalment 1 paid 2 days late: its penalty stays in the sums
    await case.step("1.1", "paid")
    await case.step("1.1", "received")
    for day in (37, 40):  # on day 37 the tasks of instalment 1, all past, also run: silently
        case.at(day)
        await tick(app)
    assert await recipients(app, "performance_reminder") == Counter({DEBTOR: 1})
    assert await recipients(app, "performance_due_today") == Counter({DEBTOR: 1})

    case.at(50)  # 10 days late: overdue, within the grace
    assert await tick(app) == 0
    assert await recipients(app, "performance_missed") == Counter()
    case.at(51)  # 11 days late: in default
    assert await tick(app) == 1
    assert await tick(app) == 0
    told = await notices(app, "performance_missed")
    assert await recipients(app, "performance_missed") == Counter(
        {DEBTOR: 1, CREDITOR: 1, MEDIATOR: 1}
    )
    for notice in told:
        expected = {
            "principal": "100000.00",
            "accelerated": "100000.00",
            "penalty": "1300.00",
            "total": "201300.00",
        }
        for name, amount in expected.items():
            assert notice.params[name] == format_money(Decimal(amount), "KZT", notice.language)
        assert notice.params["grace"] == 10
    paths = {n.params["path"] for n in told}
    assert paths == {
        f"#/cases/{case.case_id}/settlement",
        f"#/mediator/cases/{case.case_id}",
    }


async def test_two_instances_send_each_reminder_once(
    app: Starlette, make_client: MakeClient, clock: FakeClock, settings: Settings
) -> None:
    case = await followed_settlement(app, make_client, clock)
    other = create_app(settings, clock=clock)  # a second instance: its own engine and room
    async with other.router.lifespan_context(other):

        async def race() -> int:
            before = await performance_tasks_done(app)
            ticks = (services_of(i).scheduler.tick() for i in (app, other) for _ in range(3))
            await asyncio.gather(*ticks)
            return await performance_tasks_done(app) - before

        case.at(7)
        assert await race() == 1
        # Ninety days on (the service was down, say): every task is due at once. Reminders of
        # dates already past say nothing; each missed date is told once to each person.
        case.at(90)
        assert await race() == 8
    async with services_of(app).sessions() as db:
        query = select(DeadlineTask).where(DeadlineTask.kind.in_(TASK_KINDS))
        planned = list(await db.scalars(query))
    assert len(planned) == 9 and all(task.done_at is not None for task in planned)
    assert await recipients(app, "performance_reminder") == Counter({DEBTOR: 1})
    assert await recipients(app, "performance_due_today") == Counter()
    assert await recipients(app, "performance_missed") == Counter(
        {DEBTOR: 3, CREDITOR: 3, MEDIATOR: 3}
    )


def test_the_plan_has_three_moments_per_due_date_at_nine_in_kazakhstan_none_already_past() -> None:
    def due(key: str, day: date) -> Due:
        return Due(key, 1, None, "payment", "respondent", "claimant", day, 100, "KZT", "pays")

    terms = DefaultTerms(acceleration_after_days=10, penalty_percent_per_day=None)
    first, second = date(2027, 3, 10), date(2027, 4, 10)
    dues = [due("1", first), due("2", first), due("3", second)]  # two dues share a date
    signed = datetime(2027, 3, 8, 6, 0, tzinfo=UTC)  # 11:00 in Kazakhstan, 2 days before
    tasks = planned(dues, terms, 3, signed)
    assert len(tasks) == 5, "one set of tasks per due date, not per due"
    at = {(kind, deadline.astimezone(KAZAKHSTAN).date()): when for kind, when, deadline in tasks}
    assert set(at) == {
        (BEFORE, second),
        (ON_THE_DAY, first),
        (ON_THE_DAY, second),
        (MISSED, first),
        (MISSED, second),
    }, "the reminder 3 days before the first date was already past when it was signed"
    nine = {when.astimezone(KAZAKHSTAN).time() for when in at.values()}
    assert nine == {time(9, 0)}
    assert at[(MISSED, first)].astimezone(KAZAKHSTAN).date() == date(2027, 3, 21)
    assert at[(BEFORE, second)].astimezone(KAZAKHSTAN).date() == date(2027, 4, 7)
    assert {kind for kind, _, _ in planned(dues, terms, 0, signed)} == {ON_THE_DAY, MISSED}
