"""The first draft of a settlement's terms, read from an agreed package."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from odr.settlement.drafting import add_months, draft_terms, instalment_schedule

ISSUES: list[dict[str, Any]] = [
    {
        "name": "amount",
        "label": "Сумма возврата",
        "range": {"min": 0, "max": 500000, "step": 1000, "unit": "KZT"},
    },
    {
        "name": "within",
        "label": "Срок оплаты",
        "range": {"min": 5, "max": 60, "step": 5, "unit": "дней"},
    },
    {"name": "apology", "label": "Извинение", "options": ["письменное", "нет"]},
]


def test_payment_deadline_and_action_are_read_from_the_package() -> None:
    terms = draft_terms(
        ISSUES,
        {"amount": "150000", "within": "20", "apology": "письменное"},
        currency="KZT",
        agreed_on=date(2026, 11, 22),
        language="ru",
    )
    payment, action = terms["obligations"]
    assert payment["kind"] == "payment"
    assert (payment["debtor"], payment["creditor"]) == ("respondent", "claimant")
    assert payment["amount"] == "150000" and payment["currency"] == "KZT"
    assert payment["due_date"] == "2026-12-12"  # 20 days after agreement
    assert payment["method"] == {"code": "bank_transfer"}  # worded by each document language
    assert action["kind"] == "action"
    assert action["description"] == "Извинение: письменное"
    assert action["due_date"] == "2026-12-12"
    assert terms["default_terms"]["acceleration_after_days"] > 0
    assert terms["costs"]["state_fee_note"]


def test_without_a_deadline_issue_payment_is_due_in_30_days() -> None:
    terms = draft_terms(ISSUES[:1], {"amount": "1000"}, currency="KZT", agreed_on=date(2026, 1, 31))
    assert terms["obligations"][0]["due_date"] == "2026-03-02"


def test_instalments_issue_splits_the_payment_monthly() -> None:
    issues = [
        ISSUES[0],
        {
            "name": "months",
            "label": "Рассрочка",
            "range": {"min": 1, "max": 12, "step": 1, "unit": "months"},
        },
    ]
    terms = draft_terms(
        issues, {"amount": "100000", "months": "3"}, currency="KZT", agreed_on=date(2026, 1, 1)
    )
    (payment,) = terms["obligations"]
    schedule = payment["instalments"]
    assert [i["amount"] for i in schedule] == ["33333", "33333", "33334"]
    assert [i["due_date"] for i in schedule] == ["2026-01-31", "2026-02-28", "2026-03-31"]
    assert payment["due_date"] == schedule[-1]["due_date"]


def test_a_range_in_another_unit_is_an_action_not_a_payment() -> None:
    issues = [
        {
            "name": "hours",
            "label": "Hours of work",
            "range": {"min": 1, "max": 10, "step": 1, "unit": "h"},
        }
    ]
    terms = draft_terms(
        issues, {"hours": "4"}, currency="KZT", agreed_on=date(2026, 1, 1), language="en"
    )
    assert terms["obligations"][0]["kind"] == "action"
    assert terms["obligations"][0]["description"] == "Hours of work: 4 h"


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@given(
    total=st.integers(min_value=1, max_value=10**12).map(Decimal),
    count=st.integers(min_value=1, max_value=60),
    day=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 1, 1)),
)
def test_instalments_add_up_and_their_dates_increase(total: Decimal, count: int, day: date) -> None:
    schedule = instalment_schedule(total, count, day)
    assert sum(Decimal(i["amount"]) for i in schedule) == total
    assert [i["number"] for i in schedule] == list(range(1, count + 1))
    dates = [i["due_date"] for i in schedule]
    assert dates == sorted(set(dates))
    assert all(Decimal(i["amount"]) >= 0 for i in schedule)
