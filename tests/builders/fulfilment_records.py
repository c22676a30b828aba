"""Signed records and steps for the fulfilment core's tests (``odr/fulfilment``): the part of a
record the core reads, payment and action obligations, steps on a day in Kazakhstan, and a
Hypothesis strategy of whole settlements with some steps on their dues."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from odr.fulfilment.ledger import Step, StepKind
from odr.fulfilment.schedule import schedule_of


def record(
    obligations: list[dict[str, Any]], rate: str | None = "0.1", after: int = 10
) -> dict[str, Any]:
    """The part of a signed record the fulfilment core reads."""
    return {
        "obligations": obligations,
        "default_terms": {
            "acceleration_after_days": after,
            "penalty_percent_per_day": rate,
            "enforcement_writ": True,
        },
    }


def payment(number: int, amount: str, due: str, *instalments: tuple[str, str]) -> dict[str, Any]:
    return {
        "number": number,
        "debtor": "respondent",
        "creditor": "claimant",
        "kind": "payment",
        "description": {"kk": "Төлем", "ru": "Оплата"},
        "amount": amount,
        "currency": "KZT",
        "method": {"code": "bank_transfer"},
        "account": "KZ000000000000000000",
        "due_date": due,
        "instalments": [
            {"number": n, "due_date": d, "amount": a} for n, (d, a) in enumerate(instalments, 1)
        ],
    }


def action(number: int, due: str, debtor: str = "claimant") -> dict[str, Any]:
    return {
        "number": number,
        "debtor": debtor,
        "creditor": None if debtor == "both" else "respondent",
        "kind": "action",
        "description": "Передать ключи от квартиры",
        "amount": None,
        "currency": "KZT",
        "method": {"code": "handover_record"},
        "account": None,
        "due_date": due,
        "instalments": [],
    }


def at(day: str, hour: int = 12) -> datetime:
    """Noon in Kazakhstan (UTC+5) on ``day``, as an aware UTC moment."""
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+05:00").astimezone(UTC)


def step(key: str, kind: StepKind, day: str, role: str = "", reason: str | None = None) -> Step:
    who = role or ("respondent" if kind in ("paid", "done") else "claimant")
    return Step(key=key, kind=kind, role=who, at=at(day), reason=reason)


STORIES: list[tuple[StepKind, ...]] = [(), ("paid",), ("paid", "received"), ("paid", "disputed")]


@st.composite
def settlements(draw: st.DrawFn) -> tuple[dict[str, Any], list[Step]]:
    """A record of 1–3 payment obligations of 1–4 instalments, and some steps on their dues."""
    start = date(2027, 1, 1)
    obligations = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        gaps = draw(st.lists(st.integers(1, 60), min_size=1, max_size=4))
        amounts = [draw(st.integers(1, 10**12)) for _ in gaps]
        days = [start + timedelta(days=sum(gaps[: i + 1])) for i in range(len(gaps))]
        rows = [
            (d.isoformat(), f"{a // 100}.{a % 100:02d}") for d, a in zip(days, amounts, strict=True)
        ]
        total = sum(amounts)
        obligation = payment(
            number, f"{total // 100}.{total % 100:02d}", days[-1].isoformat(), *rows
        )
        if len(rows) == 1 and draw(st.booleans()):
            obligation["instalments"] = []
        obligations.append(obligation)
    rate = draw(st.one_of(st.none(), st.decimals("0.001", "5", places=3)))
    rec = record(obligations, None if rate is None else str(rate), draw(st.integers(1, 365)))
    steps: list[Step] = []
    for due in schedule_of(rec):
        story = draw(st.sampled_from(STORIES))
        day = (due.due_date + timedelta(days=draw(st.integers(-10, 40)))).isoformat()
        steps += [step(due.key, kind, day, reason="why") for kind in story]
    return rec, steps
