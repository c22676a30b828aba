"""Does mediation work? How signed settlements are carried out, for the centre's analytics (#18).

Per signed settlement (``signed`` or ``filed``) of the centre's cases, its dues are folded as
the tracker folds them (``ledger.states_of``, as of today in Kazakhstan), and counted by the
case's category and mechanism, and overall:

- **on-time performance rate**: of the dues whose date has passed, the share confirmed by the
  creditor with the debtor's report made on or before the due date (``days_late`` 0 for a
  confirmed due, as the ledger counts it);
- **days late**, mean and median, over the dues past their date that were not on time: for a
  confirmed one, the days from its date to the report the creditor confirmed; for one still
  open, the days from its date to today;
- **share of signed settlements with a writ application**: how many needed enforcement.

Computed in Python from one row per settlement and one per step (a centre has thousands of
settlements, not millions); only the signed record and the steps are read, nothing of the
negotiation.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.fulfilment.ledger import Step, states_of
from odr.fulfilment.schedule import default_terms_of, schedule_of
from odr.fulfilment.settled_record import SIGNED
from odr.fulfilment.steps import step_of
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.fulfilment_models import PerformanceStep
from odr.persistence.models import Case, Mediation, Settlement
from odr.web.schema import ResponseModel


class PerformanceBreakdown(ResponseModel):
    key: str
    settlements: int = Field(description="Signed settlements.")
    dues_past_date: int = Field(description="Dues (instalments, obligations) whose date passed.")
    on_time: int = Field(description="Of those, confirmed and reported on or before the date.")
    on_time_rate: float | None
    mean_days_late: float | None = Field(description="Over the dues past their date not on time.")
    median_days_late: float | None
    with_writ_application: int = Field(description="Settlements with a writ application.")
    writ_application_share: float | None


class Performance(ResponseModel):
    """How signed settlements are carried out (#18), as of ``as_of`` (today in Kazakhstan)."""

    as_of: date
    overall: PerformanceBreakdown
    by_category: list[PerformanceBreakdown]
    by_mechanism: list[PerformanceBreakdown]


@dataclass(frozen=True)
class SettlementFact:
    """One signed settlement's dues past their date, each as its days late (0: on time)."""

    category: str
    mechanism: str
    days_late: tuple[int, ...]
    writ: bool


def fact_of(
    category: str,
    mechanism: str,
    record: dict[str, object],
    steps: Sequence[Step],
    today: date,
    writ: bool,
) -> SettlementFact:
    """A settlement's fact as of ``today``: its dues past their date (pure)."""
    states = states_of(schedule_of(record), steps, today, default_terms_of(record))
    late = tuple(
        0 if s.settled and s.days_late == 0 else max(s.days_late, 1)
        for s in states
        if s.due.due_date < today
    )
    return SettlementFact(category, mechanism, late, writ)


def breakdown(key: str, facts: Iterable[SettlementFact]) -> PerformanceBreakdown:
    facts = list(facts)
    days = [d for f in facts for d in f.days_late]
    late = [d for d in days if d > 0]
    on_time = len(days) - len(late)
    writs = sum(f.writ for f in facts)
    return PerformanceBreakdown(
        key=key,
        settlements=len(facts),
        dues_past_date=len(days),
        on_time=on_time,
        on_time_rate=round(on_time / len(days), 4) if days else None,
        mean_days_late=round(statistics.fmean(late), 2) if late else None,
        median_days_late=round(statistics.median(late), 2) if late else None,
        with_writ_application=writs,
        writ_application_share=round(writs / len(facts), 4) if facts else None,
    )


def grouped(
    facts: Sequence[SettlementFact], key: Callable[[SettlementFact], str]
) -> list[PerformanceBreakdown]:
    groups: dict[str, list[SettlementFact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return [breakdown(k, groups[k]) for k in sorted(groups)]


async def performance(db: AsyncSession, centre_ids: list[str] | None, today: date) -> Performance:
    """The performance of the signed settlements of ``centre_ids`` (None: every centre)."""
    query = (
        select(Settlement.id, Settlement.envelope, Case.category, Case.mechanism)
        .join(Case, Case.id == Settlement.case_id)
        .join(Mediation, Mediation.case_id == Case.id)
        .where(Settlement.status.in_(SIGNED), Settlement.envelope.is_not(None))
    )
    if centre_ids is not None:
        query = query.where(Mediation.centre_id.in_(centre_ids))
    rows = list(await db.execute(query))
    ids = [r[0] for r in rows]
    steps: dict[str, list[PerformanceStep]] = {}
    writs: set[str] = set()
    if ids:
        found = await db.scalars(
            select(PerformanceStep)
            .where(PerformanceStep.settlement_id.in_(ids))
            .order_by(PerformanceStep.id)
        )
        for step in found:
            steps.setdefault(step.settlement_id, []).append(step)
        writs = set(
            await db.scalars(
                select(WritApplication.settlement_id).where(WritApplication.settlement_id.in_(ids))
            )
        )
    facts = [
        fact_of(
            category,
            mechanism,
            envelope["record"],
            [step_of(row) for row in steps.get(settlement_id, [])],
            today,
            settlement_id in writs,
        )
        for settlement_id, envelope, category, mechanism in rows
    ]
    return Performance(
        as_of=today,
        overall=breakdown("all", facts),
        by_category=grouped(facts, lambda f: f.category),
        by_mechanism=grouped(facts, lambda f: f.mechanism),
    )


METRICS = (
    "settlements",
    "dues_past_date",
    "on_time",
    "on_time_rate",
    "mean_days_late",
    "median_days_late",
    "with_writ_application",
    "writ_application_share",
)


def performance_rows(report: Performance) -> list[tuple[str, int | float | None]]:
    """The report as (key, value) rows for the centre's CSV: ``all.on_time_rate``,
    ``category.civil.mean_days_late``, ``mechanism.packages.writ_application_share``…"""
    groups = [("all", report.overall)]
    groups += [(f"category.{b.key}", b) for b in report.by_category]
    groups += [(f"mechanism.{b.key}", b) for b in report.by_mechanism]
    return [(f"{scope}.{metric}", getattr(b, metric)) for scope, b in groups for metric in METRICS]
