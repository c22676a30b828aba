"""Centre analytics: settlement rate and median days to settlement, overall, by mechanism, by
category, by mediator, by month and by number of parties (2, 3–5, 6–10); feedback averages; the
same as CSV.

Computed in Python from one row per case: a centre has thousands of cases a year, not millions.
A case is *concluded* once the negotiation ended (``odr.cases.status.CONCLUDED``: agreed, signed,
filed, failed, expired or referred); *settled* when the parties agreed: the room's ``agreement``,
or blind bidding's ``bidding_settled`` (an agreement on the amount, which logs no ``agreement``
event). Days to settlement run from the mediation's start to the first of these. A case counts
under the mechanism it has now: the one it ended by, after any switch.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.status import CONCLUDED
from odr.centre.access import admin_centres
from odr.centre.registry import NO_SUCH_CENTRE
from odr.centre.roster import rosters
from odr.centre.schemas import Analytics, Breakdown, FeedbackSummary
from odr.errors import Forbidden, NotFound
from odr.fulfilment.analytics import performance, performance_rows
from odr.fulfilment.ledger import today_of
from odr.persistence.models import Case, CaseEvent, CaseFeedback, Mediation, Mediator, User

AGREEMENT_EVENTS = ("agreement", "bidding_settled")
"""The events by which a case is agreed (a package in the room, or an amount by blind bidding)."""
PARTY_BANDS = ((2, "2"), (5, "3–5"), (10, "6–10"))
"""Cases by number of parties: a pair, a family or a small group, a large group (#17). Each band
is its upper bound and key; the keys sort in band order."""


def party_band(parties: int) -> str:
    """The band of a case with ``parties`` parties (invited ones count: they are the dispute's)."""
    return next((key for bound, key in PARTY_BANDS if parties <= bound), PARTY_BANDS[-1][1])


@dataclass(frozen=True)
class CaseFact:
    case_id: str
    category: str
    mediator: str
    mechanism: str
    month: str
    parties: str
    """The case's size: ``PARTY_BANDS``' band of its number of parties."""
    concluded: bool
    settled: bool
    days: float | None


async def case_facts(db: AsyncSession, centre_ids: list[str] | None) -> list[CaseFact]:
    query = (
        select(
            Case.id,
            Case.category,
            Case.mechanism,
            Case.status,
            Mediation.started_at,
            User.display_name,
        )
        .join(Mediation, Mediation.case_id == Case.id)
        .outerjoin(Mediator, Mediator.id == Mediation.mediator_id)
        .outerjoin(User, User.id == Mediator.user_id)
    )
    if centre_ids is not None:
        query = query.where(Mediation.centre_id.in_(centre_ids))
    rows = list(await db.execute(query))
    ids = [r[0] for r in rows]
    sizes = {case_id: len(parties) for case_id, parties in (await rosters(db, ids)).items()}
    agreed: dict[str, datetime] = {}
    if ids:
        events = await db.execute(
            select(CaseEvent.case_id, CaseEvent.created_at)
            .where(CaseEvent.case_id.in_(ids), CaseEvent.type.in_(AGREEMENT_EVENTS))
            .order_by(CaseEvent.seq.desc())
        )
        agreed = {case_id: at for case_id, at in events}  # the first one wins
    facts = []
    for case_id, category, mechanism, status, started_at, mediator in rows:
        at = agreed.get(case_id)
        days = (at - started_at).total_seconds() / 86400 if at is not None else None
        facts.append(
            CaseFact(
                case_id=case_id,
                category=category,
                mediator=mediator or "—",
                mechanism=mechanism,
                month=started_at.strftime("%Y-%m"),
                parties=party_band(sizes.get(case_id, 2)),
                concluded=status in CONCLUDED,
                settled=at is not None,
                days=days,
            )
        )
    return facts


def breakdown(key: str, facts: list[CaseFact]) -> Breakdown:
    concluded = sum(f.concluded for f in facts)
    settled = sum(f.settled for f in facts)
    days = [f.days for f in facts if f.days is not None]
    return Breakdown(
        key=key,
        cases=len(facts),
        concluded=concluded,
        settled=settled,
        settlement_rate=round(settled / concluded, 4) if concluded else None,
        median_days_to_settlement=round(statistics.median(days), 2) if days else None,
    )


def grouped(facts: list[CaseFact], key: Callable[[CaseFact], str]) -> list[Breakdown]:
    groups: dict[str, list[CaseFact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    return [breakdown(k, groups[k]) for k in sorted(groups)]


async def report_for(
    db: AsyncSession, user: User, centre_id: str | None, now: datetime
) -> Analytics:
    """The analytics of ``centre_id``, or of every centre ``user`` administers: 404 for a centre
    it does not administer (as if there were none), 403 for a caller who administers none."""
    centres = await admin_centres(db, user)
    if centre_id is not None:
        if centres is not None and centre_id not in centres:
            raise NotFound(NO_SUCH_CENTRE, code="centre_not_found")
        centres = [centre_id]
    elif centres == []:
        raise Forbidden("only a centre's administrators see its analytics", code="not_centre_admin")
    return await analytics(db, centres, now)


async def analytics(db: AsyncSession, centre_ids: list[str] | None, now: datetime) -> Analytics:
    facts = await case_facts(db, centre_ids)
    ids = [f.case_id for f in facts]
    feedback = list(await db.scalars(select(CaseFeedback).where(CaseFeedback.case_id.in_(ids))))

    def mean(values: Iterable[int]) -> float | None:
        numbers = list(values)
        return round(statistics.fmean(numbers), 2) if numbers else None

    return Analytics(
        overall=breakdown("all", facts),
        by_mechanism=grouped(facts, lambda f: f.mechanism),
        by_category=grouped(facts, lambda f: f.category),
        by_mediator=grouped(facts, lambda f: f.mediator),
        by_month=grouped(facts, lambda f: f.month),
        by_parties=grouped(facts, lambda f: f.parties),
        feedback=FeedbackSummary(
            responses=len(feedback),
            service=mean(f.service for f in feedback),
            procedure=mean(f.procedure for f in feedback),
            fairness=mean(f.fairness for f in feedback),
            ease=mean(f.ease for f in feedback),
        ),
        comments=[f.comment for f in feedback if f.comment][:100],
        performance=await performance(db, centre_ids, today_of(now)),
    )


def analytics_csv(report: Analytics) -> str:
    """The report as one CSV table: a row per breakdown (its counts in their columns), then the
    feedback (dimension ``feedback``: ``responses`` and each average in ``value``) and each
    comment (dimension ``comment``, numbered from 1, the text in ``value``), then the
    settlements' performance (dimension ``performance``, key ``all.on_time_rate``,
    ``category.civil.mean_days_late``…, ``fulfilment.analytics.performance_rows``): the same as
    the JSON endpoint, in one file a centre can open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "dimension",
            "key",
            "cases",
            "concluded",
            "settled",
            "settlement_rate",
            "median_days_to_settlement",
            "value",
        ]
    )
    sections = [
        ("overall", [report.overall]),
        ("mechanism", report.by_mechanism),
        ("category", report.by_category),
        ("mediator", report.by_mediator),
        ("month", report.by_month),
        ("parties", report.by_parties),
    ]
    for dimension, rows in sections:
        for row in rows:
            writer.writerow(
                [
                    dimension,
                    _safe(row.key),
                    row.cases,
                    row.concluded,
                    row.settled,
                    "" if row.settlement_rate is None else row.settlement_rate,
                    "" if row.median_days_to_settlement is None else row.median_days_to_settlement,
                    "",
                ]
            )
    blank = [""] * 5
    for key, value in report.feedback.model_dump().items():
        writer.writerow(["feedback", key, *blank, "" if value is None else value])
    for number, comment in enumerate(report.comments, 1):
        writer.writerow(["comment", number, *blank, _safe(comment)])
    for key, value in performance_rows(report.performance):
        writer.writerow(["performance", _safe(key), *blank, "" if value is None else value])
    return out.getvalue()


def _safe(value: str) -> str:
    """No spreadsheet formulas from names people typed (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
