"""What the parties said they did, folded into each due's state on a given day.

Steps are append-only facts, never edited: the debtor says ``paid`` (a payment) or ``done`` (an
action, a transfer); the creditor answers ``received`` / ``confirmed``, or ``disputed`` with a
reason. A dispute sends the due back to the debtor, who may report again. What stands is the
last fact: its *performance* is ``pending`` (nothing said yet), ``reported``, ``disputed`` or
``confirmed``.

A due's *state* adds the calendar. Until it is confirmed, a due whose date has passed is
``overdue`` from the day after its due date, and ``in_default`` once it is more days late than
the settlement's ``acceleration_after_days`` (the grace its default clause allows), whatever
the debtor reported: the issue's rule is "not confirmed within the grace period". A report
that is waiting for the creditor stays visible as the performance, beside the state.

Days late: for an open due, from its due date to ``today``; for a confirmed one, to the day
the debtor reported the performance the creditor then confirmed, or, had the creditor
confirmed without any report, to the day of the confirmation (0 when on time). Analytics
counts these days, and the default clause's penalty runs over them (``default_sums``). Days
are Kazakhstan's calendar days (``today_of``), the zone the settlement's own date is written
in (``odr.settlement.record_builder``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal
from zoneinfo import ZoneInfo

from odr.fulfilment.schedule import DefaultTerms, Due

StepKind = Literal["paid", "received", "disputed", "done", "confirmed"]
STEP_KINDS: Final[tuple[StepKind, ...]] = ("paid", "received", "disputed", "done", "confirmed")
REPORTS: Final[frozenset[str]] = frozenset({"paid", "done"})
"""The debtor's steps: it performed."""
CONFIRMATIONS: Final[frozenset[str]] = frozenset({"received", "confirmed"})
"""The creditor's acceptance of a report."""

Performance = Literal["pending", "reported", "disputed", "confirmed"]
State = Literal["pending", "reported", "confirmed", "disputed", "overdue", "in_default"]
STATES: Final[tuple[State, ...]] = (
    "pending",
    "reported",
    "confirmed",
    "disputed",
    "overdue",
    "in_default",
)

KAZAKHSTAN: Final = ZoneInfo("Asia/Almaty")


def today_of(now: datetime) -> date:
    """The calendar day in Kazakhstan at ``now``: the day due dates are counted in."""
    return now.astimezone(KAZAKHSTAN).date()


@dataclass(frozen=True)
class Step:
    """One party's statement about one due, as stored (``performance_steps``)."""

    key: str
    kind: StepKind
    role: str
    at: datetime
    reference: str | None = None
    reason: str | None = None

    @property
    def day(self) -> date:
        return today_of(self.at)


@dataclass(frozen=True)
class DueState:
    """A due on a given day: where it stands, how late, and the steps that brought it there."""

    due: Due
    state: State
    performance: Performance
    days_late: int
    steps: tuple[Step, ...]
    reported_on: date | None
    """The day of the debtor's last report (paid or done), whatever came after it."""

    @property
    def settled(self) -> bool:
        return self.performance == "confirmed"

    @property
    def late(self) -> bool:
        return self.state in ("overdue", "in_default")


def performance_of(steps: Iterable[Step]) -> tuple[Performance, date | None]:
    """The fact standing after ``steps`` (in the order they were made) and the last report's day."""
    performance: Performance = "pending"
    reported_on: date | None = None
    for step in steps:
        if step.kind in REPORTS:
            performance, reported_on = "reported", step.day
        elif step.kind in CONFIRMATIONS:
            performance = "confirmed"
        else:
            performance = "disputed"
    return performance, reported_on


def fold(due: Due, steps: Sequence[Step], today: date, terms: DefaultTerms) -> DueState:
    """The state of ``due`` on ``today`` after its ``steps`` (only this due's, in order)."""
    own = tuple(s for s in steps if s.key == due.key)
    performance, reported_on = performance_of(own)
    if performance == "confirmed":
        performed_on = own[-1].day if reported_on is None else reported_on
        late = max(0, (performed_on - due.due_date).days)
        return DueState(due, "confirmed", performance, late, own, reported_on)
    late = max(0, (today - due.due_date).days)
    state: State = performance
    if late > terms.acceleration_after_days:
        state = "in_default"
    elif late > 0:
        state = "overdue"
    return DueState(due, state, performance, late, own, reported_on)


def states_of(
    dues: Sequence[Due], steps: Sequence[Step], today: date, terms: DefaultTerms
) -> list[DueState]:
    """Every due's state on ``today``; ``steps`` are the settlement's, in the order made."""
    by_key: dict[str, list[Step]] = {}
    for step in steps:
        by_key.setdefault(step.key, []).append(step)
    return [fold(due, by_key.get(due.key, []), today, terms) for due in dues]
