"""The default clause's penalty settled: what was paid or waived of it, and who may say what.

A penalty, once owed, is settled like a due, by append-only steps of one payment obligation
(never edited; each a ``penalty_<kind>`` event of the case's log):

- the debtor reports it ``paid`` (an amount in whole tiyn, a reference); the creditor answers
  ``received`` (the reported amount counts as paid) or ``disputed`` with a reason (the debtor
  may report again);
- the creditor records on its own that it ``received`` an amount, or ``waived`` one (in part or
  whole), when no report waits for its answer.

What is settled (received plus waived) is taken off the penalty accrued up to the day
(``default_sums``), never below zero. Amounts are whole tiyn, at least 1, and never more than
the penalty still owed on the day the step is taken (422 ``amount_over_owed``), so what is
settled never exceeds what accrued: the accrued penalty never decreases.

Order: a report needs none waiting (409 ``already_reported``); ``disputed`` and a ``received``
without an amount answer a waiting report (409 ``not_reported``); while one waits the creditor
answers it before anything else (409 ``report_waiting``). Only the obligation's debtor reports
(403 ``debtor_only``), only its creditor answers, records or waives (403 ``creditor_only``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

from odr.errors import Conflict, Forbidden, ValidationFailed

PenaltyKind = Literal["paid", "received", "waived", "disputed"]
PENALTY_KINDS: Final[tuple[PenaltyKind, ...]] = ("paid", "received", "waived", "disputed")


@dataclass(frozen=True)
class PenaltyStep:
    """One party's statement about the penalty of one obligation, as stored."""

    obligation: int
    kind: PenaltyKind
    role: str
    at: datetime
    amount_tiyn: int | None
    """What was paid, received or waived; for a ``received`` answering a report, the report's."""
    reference: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class PenaltySettled:
    """Where the penalty of one obligation stands after its steps."""

    received_tiyn: int
    waived_tiyn: int
    waiting: PenaltyStep | None
    """The debtor's report the creditor has not answered yet."""

    @property
    def settled_tiyn(self) -> int:
        return self.received_tiyn + self.waived_tiyn


def settled_of(steps: Sequence[PenaltyStep]) -> PenaltySettled:
    """Fold one obligation's penalty steps, in the order made."""
    received = waived = 0
    waiting: PenaltyStep | None = None
    for step in steps:
        if step.kind == "paid":
            waiting = step
        elif step.kind == "disputed":
            waiting = None
        elif step.kind == "waived":
            waived += step.amount_tiyn or 0
        else:  # received: the waiting report's amount, or the creditor's own
            received += step.amount_tiyn or 0
            waiting = None
    return PenaltySettled(received, waived, waiting)


def settled_by_obligation(steps: Sequence[PenaltyStep]) -> dict[int, PenaltySettled]:
    """Every obligation's settled penalty; ``steps`` are the settlement's, in order."""
    grouped: dict[int, list[PenaltyStep]] = {}
    for step in steps:
        grouped.setdefault(step.obligation, []).append(step)
    return {number: settled_of(group) for number, group in grouped.items()}


def check_penalty_step(
    debtor: str,
    creditor: str | None,
    settled: PenaltySettled,
    owed_tiyn: int,
    kind: PenaltyKind,
    role: str,
    amount_tiyn: int | None,
    reason: str | None,
) -> int | None:
    """Raise the refusal of ``role`` saying ``kind``; else the amount the step records.

    ``owed_tiyn``: the penalty still owed today (accrued less settled)."""
    if kind == "paid" and role != debtor:
        raise Forbidden("only the party who owes the penalty reports paying it", code="debtor_only")
    if kind != "paid" and role != creditor:
        raise Forbidden("only the party the penalty is owed to answers", code="creditor_only")
    answering = kind == "disputed" or (kind == "received" and amount_tiyn is None)
    if kind == "paid" and settled.waiting is not None:
        raise Conflict(
            "a payment of the penalty is already reported and waits for the other party",
            code="already_reported",
        )
    if answering and settled.waiting is None:
        raise Conflict("no payment of the penalty waits for an answer", code="not_reported")
    if not answering and kind != "paid" and settled.waiting is not None:
        raise Conflict("answer the reported payment of the penalty first", code="report_waiting")
    if kind == "disputed":
        if not (reason and reason.strip()):
            raise ValidationFailed(
                "say why the payment is disputed",
                code="reason_required",
                fields=[{"field": "reason", "message": "required to dispute", "code": "missing"}],
            )
        return None
    amount = settled.waiting.amount_tiyn if answering and settled.waiting else amount_tiyn
    if amount is None:
        raise ValidationFailed(
            "say the amount in tiyn",
            code="amount_required",
            fields=[{"field": "amount_tiyn", "message": "required", "code": "missing"}],
        )
    if amount > owed_tiyn:
        raise ValidationFailed(
            f"the penalty owed now is {owed_tiyn} tiyn",
            code="amount_over_owed",
            fields=[{"field": "amount_tiyn", "message": f"at most {owed_tiyn}"}],
        )
    return amount
