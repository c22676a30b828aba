"""Bodies of the schedule's endpoints (``routes.py``): a step in, the tracker out.

Money leaves as whole tiyn (``*_tiyn``, exact ints) beside the same amount spelled as the
record spells money (``"100000.00"``), so a client neither divides by 100 nor parses a float.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from odr.fulfilment.event_data import REASON_LENGTH, REFERENCE_LENGTH
from odr.fulfilment.ledger import Performance, State, StepKind
from odr.fulfilment.penalty_ledger import PenaltyKind
from odr.fulfilment.schedule import Kind
from odr.settlement.obligation_schemas import PartyRole
from odr.web import boundary
from odr.web.schema import HexId, IdOf, Line, Prose, RequestModel, ResponseModel

Text = str | dict[str, str]

StepKey = Annotated[
    str,
    IdOf(boundary.IDEMPOTENCY_KEY),
    Field(
        description="Chosen by the client, one per step it means to say: the same step sent"
        " again with the same key (its answer was lost, a second click) is stored once and"
        " answered with the schedule as it stands. Without a key every request is a new step.",
    ),
]


class StepIn(RequestModel):
    kind: StepKind = Field(
        description="paid or done (the debtor), received, confirmed or disputed (the creditor)."
    )
    reference: Annotated[str, Line(REFERENCE_LENGTH, min_length=0)] | None = Field(
        default=None, description="The payment's reference (a bank's transaction number)."
    )
    reason: Annotated[str, Prose(REASON_LENGTH, min_length=0)] | None = Field(
        default=None, description="Why the creditor disputes: required with disputed."
    )
    receipt_document_id: HexId | None = Field(
        default=None,
        description="A receipt: the id of my document of this case shared with everyone"
        " (`POST /api/cases/{id}/documents?shared_with=everyone`), with paid or done only.",
    )
    key: StepKey | None = None


class PenaltyStepIn(RequestModel):
    kind: PenaltyKind = Field(
        description="paid (the debtor), received, waived or disputed (the creditor)."
    )
    amount_tiyn: int | None = Field(
        default=None,
        ge=1,
        description="Whole tiyn, at most the penalty owed now: with paid and waived, and with"
        " received when no reported payment waits (without it, received confirms the report).",
    )
    reference: Annotated[str, Line(REFERENCE_LENGTH, min_length=0)] | None = Field(
        default=None, description="The payment's reference (a bank's transaction number)."
    )
    reason: Annotated[str, Prose(REASON_LENGTH, min_length=0)] | None = Field(
        default=None, description="Why the creditor disputes: required with disputed."
    )
    key: StepKey | None = None


class ReceiptOut(ResponseModel):
    document_id: str
    sha256: str
    url: str | None = Field(description="Where the case's people download it; null: withdrawn.")


class StepOut(ResponseModel):
    kind: StepKind
    role: PartyRole = Field(description="The party who said it.")
    at: datetime
    reference: str | None
    reason: str | None
    receipt: ReceiptOut | None


class DueOut(ResponseModel):
    key: str = Field(description='"2": obligation 2; "1.3": obligation 1, instalment 3.')
    obligation: int
    instalment: int | None
    kind: Kind
    debtor: str = Field(description="The party who performs; both: a joint action.")
    creditor: str | None
    description: Text
    due_date: date = Field(description="The last day for performance.")
    amount_tiyn: int | None
    amount: str | None = Field(description='The same as "100000.00"; null for an action.')
    currency: str
    state: State
    performance: Performance = Field(
        description="The last fact said, apart from the calendar: a report may wait while late."
    )
    days_late: int = Field(
        description="Open: days past the due date; confirmed: days late of the confirmed report."
    )
    steps: list[StepOut]
    can: list[StepKind] = Field(description="The steps I may take on it now.")


class SumsOut(ResponseModel):
    obligation: int
    debtor: str
    creditor: str | None
    currency: str
    in_default: bool
    overdue_tiyn: int
    overdue: str
    accelerated_tiyn: int
    accelerated: str
    penalty_tiyn: int = Field(description="Still owed: accrued less received and waived.")
    penalty: str
    penalty_settled_tiyn: int = Field(description="Of the penalty, received or waived.")
    total_tiyn: int
    total: str


class PenaltyStepOut(ResponseModel):
    kind: PenaltyKind
    role: PartyRole = Field(description="The party who said it.")
    at: datetime
    amount_tiyn: int | None
    reference: str | None
    reason: str | None


class PenaltyOut(ResponseModel):
    """The default penalty of one payment obligation: accrued, settled, still owed."""

    obligation: int
    debtor: str
    creditor: str | None
    currency: str
    accrued_tiyn: int = Field(description="All the penalty accrued up to today.")
    received_tiyn: int
    waived_tiyn: int
    owed_tiyn: int = Field(description="Accrued less received and waived, never below zero.")
    owed: str
    received: str
    waiting_tiyn: int | None = Field(
        description="A reported payment the creditor has not answered."
    )
    steps: list[PenaltyStepOut]
    can: list[PenaltyKind] = Field(description="The steps I may take on it now.")


class PartyOut(ResponseModel):
    role: PartyRole
    name: str


class DefaultTermsOut(ResponseModel):
    acceleration_after_days: int
    penalty_percent_per_day: str | None


class ScheduleOut(ResponseModel):
    as_of: date = Field(description="Today in Kazakhstan: the day states and sums are for.")
    me: PartyRole | Literal["mediator"]
    verification_code: str | None
    parties: list[PartyOut] = Field(description="As the signed record names them.")
    default_terms: DefaultTermsOut
    dues: list[DueOut]
    sums_due: list[SumsOut] = Field(
        description="Per payment obligation owing anything now (or that settled some penalty)."
    )
    penalties: list[PenaltyOut] = Field(
        description="Per payment obligation on which a penalty accrued."
    )
