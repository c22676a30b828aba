"""The centre's reports, from rows to figures: caseload and ageing by mediator, outcomes by
category and mechanism, and the parties' feedback, for a period of Astana dates.

Pure: rows in (``report_queries`` reads them), a ``Reports`` out, no database and no clock (``now``
is passed in), so every rule below is tested on plain data.

Rules, each the one a centre would apply by hand:

- A case is *open* while it is negotiating or paused (``awaiting_respondent``, ``open``,
  ``paused``); its *age* runs from the case's opening (``Case.created_at``), bucketed as
  under 7 days, 7 to 30, 30 to 60 (60 included) and over 60. The caseload is a picture of *now*,
  whatever the period: the cases a mediator carries today.
- A case is *past its deadline* while undecided (open, paused or expired without being closed
  or referred) and its deadline is behind it (for a paused case: behind the moment it paused,
  since a pause stops the clock, as the dashboard counts it).
- A case's *outcome* is ``settled`` (agreed, signed or filed), ``not_settled`` (closed as
  failed), ``referred`` (to court) or ``expired``. Its *outcome time* is the agreement for a
  settled case, the closing for a failed or referred one, the deadline for an expired one; a case
  counts in the period its outcome time falls in. Days to outcome run from the mediation's start
  (the respondent's consent), as the analytics' days to settlement do.
- Feedback counts by when it was given. Averages of fewer than ``MIN_RESPONSES`` ratings are
  withheld (``None``, ``suppressed``), and so are their comments: with one or two answers an
  average is a person's own rating, which the mediator or the other party could read back.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from odr.cases.status import NEGOTIATING, SETTLED, UNDECIDED, CaseStatus
from odr.centre.report_schemas import (
    CaseloadLine,
    FeedbackReport,
    OutcomeLine,
    Period,
    Reports,
)

ASTANA = timezone(timedelta(hours=5))
"""Kazakhstan's one time zone since March 2024 (UTC+5): the centre's calendar days."""
OPEN = (*NEGOTIATING, CaseStatus.PAUSED)
OUTCOMES = ("settled", "not_settled", "referred", "expired")
SCORES = ("service", "procedure", "fairness", "ease")
MIN_RESPONSES = 3
"""Fewer ratings than this: the count only (small-number suppression)."""
MAX_COMMENTS = 100
AGE_BUCKETS = ("under_7", "from_7_to_30", "from_30_to_60", "over_60")


@dataclass(frozen=True)
class CaseRow:
    """What the reports read of one case of the centre (never a party's name or words)."""

    case_id: str
    category: str
    mechanism: str
    status: str
    mediator_id: str | None
    opened_at: datetime
    started_at: datetime
    deadline_at: datetime
    paused_at: datetime | None
    agreed_at: datetime | None
    closed_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class FeedbackRow:
    service: int
    procedure: int
    fairness: int
    ease: int
    comment: str | None
    given_at: datetime


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The UTC instants [from, to) of Astana days ``start`` to ``end``, both included."""
    first = datetime.combine(start, time(), ASTANA)
    after = datetime.combine(end + timedelta(days=1), time(), ASTANA)
    return first.astimezone(UTC), after.astimezone(UTC)


def outcome_of(status: str) -> str | None:
    if status in SETTLED:
        return "settled"
    return {
        CaseStatus.FAILED: "not_settled",
        CaseStatus.REFERRED: "referred",
        CaseStatus.EXPIRED: "expired",
    }.get(CaseStatus(status))


def outcome_time(row: CaseRow) -> datetime | None:
    """When the case reached its outcome (None while it has none); see the module's rules."""
    outcome = outcome_of(row.status)
    if outcome is None:
        return None
    if outcome == "settled":
        return row.agreed_at or row.closed_at or row.updated_at
    if outcome == "expired":
        return row.deadline_at
    return row.closed_at or row.updated_at


def age_bucket(opened_at: datetime, now: datetime) -> str:
    days = (now - opened_at).total_seconds() / 86400
    if days < 7:
        return "under_7"
    if days < 30:
        return "from_7_to_30"
    if days <= 60:
        return "from_30_to_60"
    return "over_60"


def past_deadline(row: CaseRow, now: datetime) -> bool:
    if row.status not in UNDECIDED or (row.status == CaseStatus.EXPIRED and row.closed_at):
        return False
    return (row.paused_at or now) > row.deadline_at


def build_reports(
    cases: Iterable[CaseRow],
    feedback: Iterable[FeedbackRow],
    mediators: dict[str, str],
    start: date,
    end: date,
    now: datetime,
) -> Reports:
    """The three reports of ``cases`` for Astana days ``start``..``end``; ``mediators`` maps the
    centre's mediator ids to their names (each gets a caseload line, even an empty one)."""
    rows = list(cases)
    low, high = period_bounds(start, end)

    def in_period(at: datetime | None) -> bool:
        return at is not None and low <= at < high

    concluded = [r for r in rows if in_period(outcome_time(r))]
    given = [f for f in feedback if in_period(f.given_at)]
    return Reports(
        period=Period(start=start, end=end),
        generated_at=now,
        caseload=caseload(rows, mediators, now, in_period),
        outcomes=outcome_line("all", concluded),
        outcomes_by_category=grouped(concluded, lambda r: r.category),
        outcomes_by_mechanism=grouped(concluded, lambda r: r.mechanism),
        feedback=feedback_report(given),
    )


def caseload(
    rows: list[CaseRow],
    mediators: dict[str, str],
    now: datetime,
    in_period: Callable[[datetime | None], bool],
) -> list[CaseloadLine]:
    """A line per mediator (by name), then one for the cases nobody mediates, if any."""
    lines: dict[str | None, dict[str, int]] = {m: {} for m in mediators}
    for row in rows:
        line = lines.setdefault(row.mediator_id, {})
        if row.status in OPEN:
            line["open"] = line.get("open", 0) + 1
            bucket = age_bucket(row.opened_at, now)
            line[bucket] = line.get(bucket, 0) + 1
        if past_deadline(row, now):
            line["past_deadline"] = line.get("past_deadline", 0) + 1
        if in_period(outcome_time(row)):
            line["closed_in_period"] = line.get("closed_in_period", 0) + 1
    if None in lines and not any(lines[None].values()):
        del lines[None]
    order = sorted((k for k in lines if k is not None), key=lambda k: (mediators.get(k, ""), k))
    keys: list[str | None] = [*order, *([None] if None in lines else [])]
    return [
        CaseloadLine(
            mediator_id=key,
            mediator=mediators.get(key, "") if key is not None else None,
            open=lines[key].get("open", 0),
            under_7=lines[key].get("under_7", 0),
            from_7_to_30=lines[key].get("from_7_to_30", 0),
            from_30_to_60=lines[key].get("from_30_to_60", 0),
            over_60=lines[key].get("over_60", 0),
            past_deadline=lines[key].get("past_deadline", 0),
            closed_in_period=lines[key].get("closed_in_period", 0),
        )
        for key in keys
    ]


def outcome_line(key: str, rows: list[CaseRow]) -> OutcomeLine:
    counts = {o: 0 for o in OUTCOMES}
    days: list[float] = []
    for row in rows:
        outcome, at = outcome_of(row.status), outcome_time(row)
        if outcome is None or at is None:
            continue
        counts[outcome] += 1
        days.append(max(0.0, (at - row.started_at).total_seconds() / 86400))
    total = sum(counts.values())

    def rate(outcome: str) -> float | None:
        return round(counts[outcome] / total, 4) if total else None

    return OutcomeLine(
        key=key,
        concluded=total,
        settled=counts["settled"],
        not_settled=counts["not_settled"],
        referred=counts["referred"],
        expired=counts["expired"],
        settled_rate=rate("settled"),
        not_settled_rate=rate("not_settled"),
        referred_rate=rate("referred"),
        expired_rate=rate("expired"),
        median_days_to_outcome=round(statistics.median(days), 2) if days else None,
    )


def grouped(rows: list[CaseRow], key: Callable[[CaseRow], str]) -> list[OutcomeLine]:
    groups: dict[str, list[CaseRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [outcome_line(k, groups[k]) for k in sorted(groups)]


def feedback_report(rows: list[FeedbackRow]) -> FeedbackReport:
    suppressed = 0 < len(rows) < MIN_RESPONSES

    def mean(score: str) -> float | None:
        if suppressed or not rows:
            return None
        return round(statistics.fmean(getattr(r, score) for r in rows), 2)

    comments = [] if suppressed else [r.comment for r in rows if r.comment]
    return FeedbackReport(
        responses=len(rows),
        suppressed=suppressed,
        min_responses=MIN_RESPONSES,
        service=mean("service"),
        procedure=mean("procedure"),
        fairness=mean("fairness"),
        ease=mean("ease"),
        comments=comments[:MAX_COMMENTS],
    )
