"""What is owed now under the settlement's default clause, in whole tiyn, exactly.

Only money counts here: the dues of ``payment`` obligations (an action or a transfer has no
sum to accelerate or to charge a penalty on; its lateness shows in its state). Per obligation,
on a given day:

- **overdue principal**: the amounts of its dues past their due date and not confirmed
  (``overdue`` or ``in_default``; a payment the debtor reported but the creditor has not
  confirmed, or disputed, is still unpaid here);
- **accelerated**: once any of its dues is ``in_default`` (more days late than
  ``acceleration_after_days``), the whole unpaid rest of the obligation is due now, i.e. the
  amounts of its unconfirmed dues whose date has not come yet;
- **penalty**: for each late due, ``amount_tiyn × penalty_percent_per_day × days_late / 100``,
  computed on integers and the rate's exact fraction (never a float) and rounded DOWN to a
  whole tiyn per due, then added up. The default clause charges it for every day of delay,
  so paying late stops the days but does not cancel them: an overdue due counts its days to
  today; a confirmed due paid late keeps the penalty for the days from its due date to the day
  it was paid (the day of the debtor's ``paid`` report the creditor confirmed, or, confirmed
  without a report, the day of the confirmation: ``DueState.days_late`` of the ledger), and
  that penalty no longer grows. Accelerated amounts carry no penalty until their own due date
  passes; a settlement without a penalty rate (null) charges none.

What the creditor recorded as received or waived of an obligation's penalty
(``penalty_ledger``) is taken off its accrued penalty, never below zero: ``penalty_tiyn`` is
what is still owed, ``penalty_accrued_tiyn`` all that accrued, ``penalty_settled_tiyn`` the part
settled.

The total is the sum of the three; an obligation whose late dues are all paid may owe a
penalty alone. All are non-negative ints and, for the same steps, never decrease as the day
moves on (a due moves from accelerated to overdue, never out of the total, until the creditor
confirms it; its penalty then stays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from odr.fulfilment.ledger import DueState
from odr.fulfilment.schedule import DefaultTerms


@dataclass(frozen=True)
class ObligationSums:
    """The sums one payment obligation owes now."""

    obligation: int
    debtor: str
    creditor: str | None
    currency: str
    overdue_tiyn: int
    accelerated_tiyn: int
    penalty_tiyn: int
    """Still owed: accrued less settled."""
    in_default: bool
    penalty_settled_tiyn: int = 0
    """Received or waived of it (``penalty_ledger``)."""

    @property
    def penalty_accrued_tiyn(self) -> int:
        return self.penalty_tiyn + self.penalty_settled_tiyn

    @property
    def total_tiyn(self) -> int:
        return self.overdue_tiyn + self.accelerated_tiyn + self.penalty_tiyn


def penalty_tiyn(amount_tiyn: int, percent_per_day: Decimal | None, days_late: int) -> int:
    """The penalty on one late amount, rounded down to a whole tiyn (0 without a rate)."""
    if percent_per_day is None or days_late <= 0 or amount_tiyn <= 0:
        return 0
    rate = Fraction(percent_per_day)
    return (amount_tiyn * rate.numerator * days_late) // (rate.denominator * 100)


def sums_due(
    states: Sequence[DueState], terms: DefaultTerms, settled: Mapping[int, int] | None = None
) -> list[ObligationSums]:
    """The sums due now per payment obligation that owes anything (or settled some penalty),
    in obligation order; ``settled``: obligation → penalty received or waived, in tiyn."""
    by_obligation: dict[int, list[DueState]] = {}
    for s in states:
        if s.due.kind == "payment" and s.due.amount_tiyn is not None:
            by_obligation.setdefault(s.due.obligation, []).append(s)
    out = []
    for number in sorted(by_obligation):
        group = by_obligation[number]
        overdue = [s for s in group if s.late]
        in_default = any(s.state == "in_default" for s in group)
        rest = [s for s in group if not s.settled and not s.late] if in_default else []
        accrued = sum(
            penalty_tiyn(_amount(s), terms.penalty_percent_per_day, s.days_late)
            for s in group
            if s.late or s.settled
        )
        done = (settled or {}).get(number, 0)
        sums = ObligationSums(
            obligation=number,
            debtor=group[0].due.debtor,
            creditor=group[0].due.creditor,
            currency=group[0].due.currency,
            overdue_tiyn=sum(_amount(s) for s in overdue),
            accelerated_tiyn=sum(_amount(s) for s in rest),
            penalty_tiyn=max(0, accrued - done),
            in_default=in_default,
            penalty_settled_tiyn=min(done, accrued),
        )
        if sums.total_tiyn or sums.penalty_settled_tiyn:
            out.append(sums)
    return out


def _amount(state: DueState) -> int:
    return state.due.amount_tiyn or 0
