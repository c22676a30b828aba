"""The pure core of a settlement carried out: schedule, ledger, step rules and default sums.

Plain data in, decisions out: a signed record's obligations become dues in whole tiyn, the
parties' steps fold into states on a given day, and the default clause's sums are exact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odr.errors import ApiError
from odr.fulfilment.default_sums import penalty_tiyn, sums_due
from odr.fulfilment.ledger import Step, StepKind, states_of, today_of
from odr.fulfilment.schedule import DefaultTerms, Due, default_terms_of, schedule_of, tiyn
from odr.fulfilment.step_rules import check_step
from tests.builders.fulfilment_records import action, payment, record, settlements, step

# The worked example. 300 000.00 KZT in three monthly instalments of 100 000.00 KZT
# (10 000 000 tiyn each) due 2027-01-31, 2027-02-28 and 2027-03-31; penalty 0.1 % a day;
# acceleration after 10 days. By hand:
#   2027-01-31 (the last day for the first): nothing due.
#   2027-02-05: the first is 5 days late, overdue; penalty 10 000 000 × 0.1 × 5 / 100 = 50 000
#     tiyn (500.00 KZT); total 10 050 000.
#   2027-02-10: 10 days late, still only overdue (default is MORE than 10 days); penalty 100 000.
#   2027-02-11: 11 days late: in default. The unpaid rest (instalments 2 and 3, 20 000 000) is
#     accelerated; penalty 10 000 000 × 0.1 × 11 / 100 = 110 000; total 30 110 000.
#   2027-03-05: the second is 5 days late too (28 Feb → 5 Mar), the first 33: overdue
#     20 000 000, accelerated 10 000 000 (the third), penalty 330 000 + 50 000 = 380 000,
#     total 30 380 000 (303 800.00 KZT).
# Paid late, the penalty stays owed: had the first been paid on 2027-02-04 (4 days late) and
# confirmed on the 20th, on 2027-02-21 the principal is paid and the penalty alone is owed,
# 10 000 000 × 0.1 × 4 / 100 = 40 000 tiyn (400.00 KZT), and it no longer grows; on
# 2027-03-05 the second, unpaid and 5 days late, adds 10 000 000 principal and 50 000
# penalty: total 10 090 000.
WORKED = record(
    [
        payment(
            1,
            "300000.00",
            "2027-03-31",
            ("2027-01-31", "100000.00"),
            ("2027-02-28", "100000.00"),
            ("2027-03-31", "100000.00"),
        )
    ]
)


def sums_on(rec: dict[str, Any], day: str, steps: list[Step] = []) -> list[tuple[int, ...]]:  # noqa: B006
    terms = default_terms_of(rec)
    states = states_of(schedule_of(rec), steps, date.fromisoformat(day), terms)
    return [
        (s.obligation, s.overdue_tiyn, s.accelerated_tiyn, s.penalty_tiyn, s.total_tiyn)
        for s in sums_due(states, terms)
    ]


def test_schedule_is_one_due_per_instalment_in_whole_tiyn() -> None:
    rec = record([WORKED["obligations"][0], action(2, "2027-01-15")])
    dues = schedule_of(rec)
    assert [d.key for d in dues] == ["2", "1.1", "1.2", "1.3"]  # by due date
    first = dues[1]
    assert first == Due(
        key="1.1",
        obligation=1,
        instalment=1,
        kind="payment",
        debtor="respondent",
        creditor="claimant",
        due_date=date(2027, 1, 31),
        amount_tiyn=10_000_000,
        currency="KZT",
        description={"kk": "Төлем", "ru": "Оплата"},
    )
    assert dues[0].amount_tiyn is None and dues[0].instalment is None and dues[0].kind == "action"
    assert default_terms_of(rec) == DefaultTerms(10, Decimal("0.1"))
    assert default_terms_of(record([], rate=None)).penalty_percent_per_day is None


def test_a_description_keeps_the_languages_it_is_written_in() -> None:
    # A bilingual record holds {"kk": …, "ru": …, "en": null}: the language it lacks is no text.
    given = {**WORKED["obligations"][0], "description": {"kk": "Төлем", "ru": "Оплата", "en": None}}
    assert schedule_of(record([given]))[0].description == {"kk": "Төлем", "ru": "Оплата"}


def test_tiyn_is_exact_and_refuses_fractions_of_a_tiyn() -> None:
    assert tiyn("0.01") == 1
    assert tiyn("707023.02") == 70_702_302
    assert tiyn("999999999999.99") == 99_999_999_999_999
    with pytest.raises(ValueError):
        tiyn("0.001")


def test_worked_example_by_hand() -> None:
    assert sums_on(WORKED, "2027-01-31") == []
    assert sums_on(WORKED, "2027-02-05") == [(1, 10_000_000, 0, 50_000, 10_050_000)]
    assert sums_on(WORKED, "2027-02-10") == [(1, 10_000_000, 0, 100_000, 10_100_000)]
    assert sums_on(WORKED, "2027-02-11") == [(1, 10_000_000, 20_000_000, 110_000, 30_110_000)]
    assert sums_on(WORKED, "2027-03-05") == [(1, 20_000_000, 10_000_000, 380_000, 30_380_000)]


def test_worked_example_states_and_days_late() -> None:
    terms = default_terms_of(WORKED)
    dues = schedule_of(WORKED)
    steps = [step("1.1", "paid", "2027-01-30"), step("1.1", "received", "2027-02-03")]
    on = date(2027, 3, 12)
    states = states_of(dues, steps, on, terms)
    assert [(s.state, s.days_late) for s in states] == [
        ("confirmed", 0),  # reported on 30 Jan, before its date; confirmed later
        ("in_default", 12),
        ("pending", 0),
    ]
    assert states[0].reported_on == date(2027, 1, 30)
    # Instalment 1 confirmed; 2 is in default: 3 accelerated; penalty on 2 only, 12 days.
    assert [
        (s.overdue_tiyn, s.accelerated_tiyn, s.penalty_tiyn) for s in sums_due(states, terms)
    ] == [(10_000_000, 10_000_000, 120_000)]


def test_a_confirmed_late_payment_counts_the_days_to_its_report() -> None:
    steps = [step("1.1", "paid", "2027-02-04"), step("1.1", "received", "2027-02-20")]
    states = states_of(schedule_of(WORKED), steps, date(2027, 2, 21), default_terms_of(WORKED))
    assert (states[0].state, states[0].days_late) == ("confirmed", 4)


def test_a_confirmed_late_payment_still_owes_its_penalty_to_the_day_it_was_paid() -> None:
    late = [step("1.1", "paid", "2027-02-04"), step("1.1", "received", "2027-02-20")]
    assert sums_on(WORKED, "2027-02-21", late) == [(1, 0, 0, 40_000, 40_000)]
    assert sums_on(WORKED, "2027-02-28", late) == [(1, 0, 0, 40_000, 40_000)]
    assert sums_on(WORKED, "2027-03-05", late) == [(1, 10_000_000, 0, 90_000, 10_090_000)]
    terms = default_terms_of(WORKED)
    (first,) = sums_due(states_of(schedule_of(WORKED), late, date(2027, 2, 21), terms), terms)
    assert first.in_default is False
    # Paid on its date (or before) and confirmed late: nothing is owed.
    on_time = [step("1.1", "paid", "2027-01-31"), step("1.1", "received", "2027-02-20")]
    assert sums_on(WORKED, "2027-02-21", on_time) == []
    # Confirmed without a report of the debtor: the days run to the confirmation.
    confirmed_only = [step("1.1", "received", "2027-02-07")]
    states = states_of(schedule_of(WORKED), confirmed_only, date(2027, 2, 21), terms)
    assert (states[0].state, states[0].days_late) == ("confirmed", 7)
    assert sums_on(WORKED, "2027-02-21", confirmed_only) == [(1, 0, 0, 70_000, 70_000)]
    # No rate, no penalty: a confirmed late payment owes nothing then.
    assert sums_on(record(WORKED["obligations"], rate=None), "2027-02-21", late) == []


def test_a_report_or_a_dispute_is_no_payment_once_the_date_passed() -> None:
    terms = default_terms_of(WORKED)
    dues = schedule_of(WORKED)
    reported = [step("1.1", "paid", "2027-01-30")]
    before = states_of(dues, reported, date(2027, 1, 31), terms)[0]
    assert (before.state, before.performance) == ("reported", "reported")
    after = states_of(dues, reported, date(2027, 2, 2), terms)[0]
    assert (after.state, after.performance, after.days_late) == ("overdue", "reported", 2)
    disputed = [*reported, step("1.1", "disputed", "2027-01-31", reason="nothing arrived")]
    assert states_of(dues, disputed, date(2027, 1, 31), terms)[0].state == "disputed"
    assert sums_on(WORKED, "2027-02-05", disputed) == [(1, 10_000_000, 0, 50_000, 10_050_000)]
    again = [*disputed, step("1.1", "paid", "2027-02-01"), step("1.1", "received", "2027-02-02")]
    assert states_of(dues, again, date(2027, 2, 5), terms)[0].state == "confirmed"
    # Paid again a day late and confirmed: one day's penalty, 10 000 000 × 0.1 % = 10 000.
    assert sums_on(WORKED, "2027-02-05", again) == [(1, 0, 0, 10_000, 10_000)]


def test_the_day_is_kazakhstans() -> None:
    # 20:00 UTC on 31 January is already 1 February in Almaty.
    assert today_of(datetime(2027, 1, 31, 20, 0, tzinfo=UTC)) == date(2027, 2, 1)
    assert today_of(datetime(2027, 1, 31, 18, 0, tzinfo=UTC)) == date(2027, 1, 31)


def test_penalty_rounds_down_per_due_on_exact_fractions() -> None:
    # 333 333.33 KZT × 0.1 % × 7 days = 233 333.331 tiyn → 233 333.
    assert penalty_tiyn(33_333_333, Decimal("0.1"), 7) == 233_333
    # 12 345.67 KZT × 0.033 % × 3 days = 1 222.22133 tiyn → 1 222 (a float gets the same here,
    # but not for every rate; the fraction is exact for all).
    assert penalty_tiyn(1_234_567, Decimal("0.033"), 3) == 1_222
    assert penalty_tiyn(1_000, Decimal("0.1"), 0) == 0
    assert penalty_tiyn(1_000, None, 30) == 0
    # Rounding is per due, before adding up.
    rec = record(
        [payment(1, "19.98", "2027-02-01", ("2027-01-01", "9.99"), ("2027-02-01", "9.99"))],
        rate="0.5",
        after=365,
    )
    # 999 × 0.5 % × 41 days = 204.795 → 204; 999 × 0.5 % × 10 = 49.95 → 49: 253 (rounding
    # the sum, 254.745, would give 254).
    assert sums_on(rec, "2027-02-11") == [(1, 1_998, 0, 253, 2_251)]


def test_no_rate_no_penalty_and_actions_have_no_sums() -> None:
    rec = record([WORKED["obligations"][0], action(2, "2027-01-15")], rate=None)
    terms = default_terms_of(rec)
    states = states_of(schedule_of(rec), [], date(2027, 2, 20), terms)
    assert {s.due.key: s.state for s in states}["2"] == "in_default"
    assert sums_on(rec, "2027-02-20") == [(1, 10_000_000, 20_000_000, 0, 30_000_000)]


def test_acceleration_is_per_obligation() -> None:
    rec = record(
        [
            payment(1, "100.00", "2027-03-01", ("2027-01-01", "50.00"), ("2027-03-01", "50.00")),
            payment(2, "70.00", "2027-04-01", ("2027-02-01", "30.00"), ("2027-04-01", "40.00")),
        ],
        rate=None,
        after=5,
    )
    # On 10 Jan obligation 1 is in default (9 days), obligation 2 owes nothing yet.
    assert sums_on(rec, "2027-01-10") == [(1, 5_000, 5_000, 0, 10_000)]


# Step rules ---------------------------------------------------------------------------------


def refusal(
    rec: dict[str, Any],
    key: str,
    steps: list[Step],
    kind: StepKind,
    role: str,
    reason: str | None = None,
) -> tuple[int, str] | None:
    due = next(d for d in schedule_of(rec) if d.key == key)
    try:
        check_step(due, steps, kind, role, reason)
    except ApiError as e:
        return e.status, e.code
    return None


def test_who_may_say_what_and_in_which_order() -> None:
    paid = [step("1.1", "paid", "2027-01-30")]
    assert refusal(WORKED, "1.1", [], "paid", "respondent") is None
    assert refusal(WORKED, "1.1", [], "paid", "claimant") == (403, "debtor_only")
    assert refusal(WORKED, "1.1", [], "done", "respondent") == (422, "step_kind_mismatch")
    assert refusal(WORKED, "1.1", [], "received", "claimant") == (409, "not_reported")
    assert refusal(WORKED, "1.1", [], "disputed", "claimant", "x") == (409, "not_reported")
    assert refusal(WORKED, "1.1", paid, "paid", "respondent") == (409, "already_reported")
    assert refusal(WORKED, "1.1", paid, "received", "respondent") == (403, "creditor_only")
    assert refusal(WORKED, "1.1", paid, "received", "party3") == (403, "creditor_only")
    assert refusal(WORKED, "1.1", paid, "received", "claimant") is None
    assert refusal(WORKED, "1.1", paid, "disputed", "claimant") == (422, "reason_required")
    assert refusal(WORKED, "1.1", paid, "disputed", "claimant", "  ") == (422, "reason_required")
    assert refusal(WORKED, "1.1", paid, "disputed", "claimant", "not in my account") is None
    disputed = [*paid, step("1.1", "disputed", "2027-01-31", reason="no")]
    assert refusal(WORKED, "1.1", disputed, "received", "claimant") == (409, "not_reported")
    assert refusal(WORKED, "1.1", disputed, "paid", "respondent") is None
    done = [*paid, step("1.1", "received", "2027-01-31")]
    assert refusal(WORKED, "1.1", done, "paid", "respondent") == (409, "already_confirmed")
    assert refusal(WORKED, "1.1", done, "disputed", "claimant", "x") == (409, "already_confirmed")
    # Another due's steps do not count.
    assert refusal(WORKED, "1.2", paid, "received", "claimant") == (409, "not_reported")


def test_actions_and_joint_actions() -> None:
    rec = record([action(1, "2027-01-15"), action(2, "2027-01-20", debtor="both")])
    assert refusal(rec, "1", [], "paid", "claimant") == (422, "step_kind_mismatch")
    assert refusal(rec, "1", [], "done", "claimant") is None
    done = [step("1", "done", "2027-01-10", role="claimant")]
    assert refusal(rec, "1", done, "confirmed", "respondent") is None
    assert refusal(rec, "1", done, "received", "respondent") == (422, "step_kind_mismatch")
    # Joint: either reports, another answers.
    assert refusal(rec, "2", [], "done", "respondent") is None
    joint = [step("2", "done", "2027-01-10", role="respondent")]
    assert refusal(rec, "2", joint, "confirmed", "respondent") == (403, "own_report")
    assert refusal(rec, "2", joint, "confirmed", "claimant") is None


# Properties ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(settlements(), st.integers(0, 400), st.integers(0, 400))
def test_sums_are_whole_non_negative_and_never_decrease(
    given_settlement: tuple[dict[str, Any], list[Step]], first: int, more: int
) -> None:
    rec, steps = given_settlement
    terms = default_terms_of(rec)
    dues = schedule_of(rec)
    day = date(2027, 1, 1) + timedelta(days=first)
    later = day + timedelta(days=more)
    now = {s.obligation: s for s in sums_due(states_of(dues, steps, day, terms), terms)}
    then = {s.obligation: s for s in sums_due(states_of(dues, steps, later, terms), terms)}
    for sums in [*now.values(), *then.values()]:
        parts = (sums.overdue_tiyn, sums.accelerated_tiyn, sums.penalty_tiyn, sums.total_tiyn)
        assert all(type(p) is int and p >= 0 for p in parts)
        assert sums.total_tiyn > 0
    for number, sums in now.items():
        assert number in then
        assert then[number].total_tiyn >= sums.total_tiyn
        assert then[number].penalty_tiyn >= sums.penalty_tiyn
        owed = sums.overdue_tiyn + sums.accelerated_tiyn
        assert then[number].overdue_tiyn + then[number].accelerated_tiyn >= owed
    # Never more principal than the unconfirmed amounts of the obligation.
    for number, sums in then.items():
        states = states_of(dues, steps, later, terms)
        unpaid = sum(
            s.due.amount_tiyn or 0 for s in states if s.due.obligation == number and not s.settled
        )
        assert sums.overdue_tiyn + sums.accelerated_tiyn <= unpaid


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 10**12),
    st.one_of(st.none(), st.decimals("0.001", "5", places=3)),
    st.integers(-10, 60),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_paying_stops_the_penalty_and_keeps_what_it_had_accrued(
    amount: int, rate: Decimal | None, paid_after: int, confirmed_after: int, later: int
) -> None:
    # One payment due 2027-01-31, paid ``paid_after`` days from then, confirmed afterwards: from
    # then on the penalty is what the unpaid due had accrued on its payment day, exactly.
    rec = record(
        [payment(1, f"{amount // 100}.{amount % 100:02d}", "2027-01-31")],
        rate=None if rate is None else str(rate),
    )
    terms = default_terms_of(rec)
    (due,) = schedule_of(rec)
    paid_on = due.due_date + timedelta(days=paid_after)
    confirmed_on = paid_on + timedelta(days=confirmed_after)
    steps = [
        step("1", "paid", paid_on.isoformat()),
        step("1", "received", confirmed_on.isoformat()),
    ]
    unpaid = sums_due(states_of([due], [], paid_on, terms), terms)
    accrued = unpaid[0].penalty_tiyn if unpaid else 0
    assert accrued == penalty_tiyn(amount, terms.penalty_percent_per_day, max(0, paid_after))
    paid = sums_due(states_of([due], steps, confirmed_on + timedelta(days=later), terms), terms)
    assert [(s.overdue_tiyn, s.accelerated_tiyn, s.penalty_tiyn) for s in paid] == (
        [(0, 0, accrued)] if accrued else []
    )
