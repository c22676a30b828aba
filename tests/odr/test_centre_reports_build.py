"""The reports' rules on plain rows (odr.centre.reports): ages, deadlines, outcomes and their
times, the period in Astana days, small-number suppression. No database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from odr.centre.reports import (
    CaseRow,
    FeedbackRow,
    age_bucket,
    build_reports,
    period_bounds,
)

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # 11:00 in Astana


def case(
    case_id: str,
    status: str,
    *,
    mediator: str | None = "m1",
    age_days: float = 1,
    category: str = "civil",
    mechanism: str = "packages",
    deadline_in_days: float = 10,
    agreed_at: datetime | None = None,
    closed_at: datetime | None = None,
    paused_at: datetime | None = None,
) -> CaseRow:
    opened = NOW - timedelta(days=age_days)
    return CaseRow(
        case_id=case_id,
        category=category,
        mechanism=mechanism,
        status=status,
        mediator_id=mediator,
        opened_at=opened,
        started_at=opened,
        deadline_at=NOW + timedelta(days=deadline_in_days),
        paused_at=paused_at,
        agreed_at=agreed_at,
        closed_at=closed_at,
        updated_at=NOW,
    )


def test_the_period_is_astana_days_both_included() -> None:
    low, high = period_bounds(date(2026, 12, 1), date(2026, 12, 7))
    assert low == datetime(2026, 11, 30, 19, 0, tzinfo=UTC)
    assert high == datetime(2026, 12, 7, 19, 0, tzinfo=UTC)


def test_ages_fall_in_their_buckets() -> None:
    ages = {6.9: "under_7", 7: "from_7_to_30", 29.9: "from_7_to_30", 30: "from_30_to_60"}
    ages |= {60: "from_30_to_60", 60.1: "over_60"}
    for days, bucket in ages.items():
        assert age_bucket(NOW - timedelta(days=days), NOW) == bucket, days


def test_caseload_counts_open_cases_by_age_past_deadline_and_closed_in_the_period() -> None:
    rows = [
        case("a", "open", age_days=2),
        case("b", "paused", age_days=40, paused_at=NOW - timedelta(days=3), deadline_in_days=-5),
        case("c", "awaiting_respondent", age_days=70, deadline_in_days=-1),
        case("d", "expired", age_days=50, deadline_in_days=-2),  # expired 2 days ago
        case("e", "failed", age_days=20, closed_at=NOW - timedelta(days=1)),
        case("f", "agreed", mediator="m2", agreed_at=NOW - timedelta(days=40)),  # before
        case("g", "open", mediator=None, age_days=8),
    ]
    reports = build_reports(
        rows,
        [],
        {"m1": "Dana", "m2": "Arman", "m3": "Zhan"},
        date(2026, 12, 1),
        date(2026, 12, 7),
        NOW,
    )
    lines = {line.mediator: line.model_dump(exclude={"mediator_id"}) for line in reports.caseload}
    assert list(lines) == ["Arman", "Dana", "Zhan", None]
    assert lines["Dana"] == {
        "mediator": "Dana",
        "open": 3,
        "under_7": 1,
        "from_7_to_30": 0,
        "from_30_to_60": 1,
        "over_60": 1,
        "past_deadline": 3,  # b paused after its deadline, c, and d expired
        "closed_in_period": 2,  # d (its deadline) and e (its closing)
    }
    assert lines["Arman"]["open"] == lines["Arman"]["closed_in_period"] == 0
    assert lines["Zhan"]["open"] == 0
    assert lines[None]["open"] == lines[None]["from_7_to_30"] == 1


def test_outcomes_by_category_and_mechanism_with_rates_and_median_days() -> None:
    day = timedelta(days=1)
    rows = [
        case("a", "agreed", age_days=10, agreed_at=NOW - 6 * day),  # 4 days
        case("b", "signed", age_days=10, agreed_at=NOW - 2 * day, mechanism="bidding"),  # 8
        case("c", "failed", age_days=5, closed_at=NOW - day, category="family"),  # 4
        case("d", "referred", age_days=30, closed_at=NOW - 3 * day),  # 27
        case("e", "expired", age_days=30, deadline_in_days=-1),  # 29
        case("f", "agreed", agreed_at=NOW - 60 * day, age_days=70),  # outside the period
        case("g", "open"),
    ]
    reports = build_reports(rows, [], {}, date(2026, 12, 1), date(2026, 12, 7), NOW)
    total = reports.outcomes
    assert (total.concluded, total.settled, total.not_settled, total.referred, total.expired) == (
        5,
        2,
        1,
        1,
        1,
    )
    assert total.settled_rate == 0.4 and total.referred_rate == 0.2
    assert total.median_days_to_outcome == 8
    by_category = {line.key: line for line in reports.outcomes_by_category}
    assert by_category["family"].concluded == by_category["family"].not_settled == 1
    assert by_category["civil"].concluded == 4
    assert by_category["civil"].settled_rate == 0.5
    by_mechanism = {line.key: line for line in reports.outcomes_by_mechanism}
    assert by_mechanism["bidding"].settled == 1 and by_mechanism["bidding"].settled_rate == 1.0
    assert by_mechanism["bidding"].median_days_to_outcome == 8


def test_feedback_averages_are_withheld_below_three_responses() -> None:
    def rating(score: int, comment: str | None = None) -> FeedbackRow:
        return FeedbackRow(score, score, score, 5, comment, NOW - timedelta(hours=1))

    two = build_reports(
        [], [rating(5, "Рақмет"), rating(2)], {}, date(2026, 12, 1), date(2026, 12, 7), NOW
    )
    assert two.feedback.responses == 2 and two.feedback.suppressed
    assert two.feedback.service is None and two.feedback.comments == []
    three = [rating(5, "Рақмет"), rating(2), rating(3, "ok")]
    late = FeedbackRow(1, 1, 1, 1, "later", NOW + timedelta(days=1))  # after the period
    shown = build_reports([], [*three, late], {}, date(2026, 12, 1), date(2026, 12, 7), NOW)
    assert shown.feedback.responses == 3 and not shown.feedback.suppressed
    assert shown.feedback.service == round((5 + 2 + 3) / 3, 2) and shown.feedback.ease == 5
    assert shown.feedback.comments == ["Рақмет", "ok"]
