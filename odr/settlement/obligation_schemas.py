"""The obligations of the settlement terms as a party sends them, with their instalments.

Rules spanning fields are checked on the field a reader would correct, each with a stable error
code, so the settlement page can show and translate a refusal at the right input.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from odr.cases.parties import ROLE_PATTERN
from odr.settlement.text_schemas import DescriptionIn, MethodIn
from odr.web.schema import Line, RequestModel

PartyRole = Annotated[str, Field(pattern=ROLE_PATTERN, max_length=16)]
"""A party's key in the case (claimant, respondent, party3 … party10): the settlement refuses one
that is not among its parties (``unknown_party``, ``odr.settlement.parties``)."""
Doer = Annotated[str, Field(pattern=r"^(both|claimant|respondent|party([3-9]|10))$", max_length=16)]
"""A party's key, or "both": every party of the settlement together (a joint action)."""
Money = Annotated[Decimal, Field(gt=0, le=Decimal("1e15"), decimal_places=2)]


class InstalmentIn(RequestModel):
    number: int | None = Field(
        default=None,
        ge=1,
        description="Ignored: instalments are numbered by their order. Accepted so that terms "
        "read from GET can be sent back unchanged.",
    )
    due_date: date
    amount: Money


class ObligationIn(RequestModel):
    """One numbered obligation. Rules spanning fields are checked on the field a reader would
    correct (``amount``, ``creditor``, ``instalments``), each with a stable error code, so a
    form can show and translate the refusal at the right input.

    Who performs: one party (``creditor`` another), ``both`` for a joint action of every party
    of the settlement (``creditor`` null), or null for an action whose doer the parties have not
    chosen yet (as the draft leaves it: the settlement then lists it as missing and cannot be
    signed). A payment or a transfer always has one debtor. Parties are named by their keys
    (claimant, respondent, party3 … party10)."""

    debtor: Doer | None = Field(
        description='One party\'s key; "both": every party together (a joint action); null: an '
        "action's doer not chosen yet."
    )
    creditor: PartyRole | None = Field(
        description="Another party's key; null when the debtor is both or not chosen yet."
    )
    kind: Literal["payment", "action", "transfer"]
    description: DescriptionIn
    amount: Money | None = Field(default=None, validate_default=True)
    currency: str | None = Field(
        default=None, pattern=r"^[A-Z]{3}$", max_length=3, validate_default=True
    )
    method: MethodIn = Field(
        examples=[{"code": "bank_transfer"}, {"kk": "қолма-қол", "ru": "наличными"}]
    )
    account: Annotated[str, Line(100)] | None = Field(default=None, description="IBAN or account.")
    due_date: date = Field(description="An exact date: courts do not accept 'promptly'.")
    instalments: list[InstalmentIn] = Field(default_factory=list, max_length=120)

    @field_validator("creditor")
    @classmethod
    def _other_party(cls, creditor: str | None, info: ValidationInfo) -> str | None:
        debtor = info.data.get("debtor")
        if debtor in ("both", None):
            if creditor is not None and "debtor" in info.data:
                raise PydanticCustomError(
                    "joint_no_creditor",
                    "a joint action, or one whose doer is not chosen yet, has no creditor",
                )
            return creditor
        if creditor is None:
            raise PydanticCustomError(
                "creditor_needed", "one party's obligation needs another party as creditor"
            )
        if creditor == debtor:
            raise PydanticCustomError("same_party", "debtor and creditor must be different parties")
        return creditor

    @field_validator("kind")
    @classmethod
    def _one_debtor(cls, kind: str, info: ValidationInfo) -> str:
        if kind != "action" and info.data.get("debtor") in ("both", None) and "debtor" in info.data:
            raise PydanticCustomError(
                "debtor_needed",
                "a {kind} needs one party as debtor: only an action can be joint or left open",
                {"kind": kind},
            )
        return kind

    @field_validator("amount", "currency")
    @classmethod
    def _payment_has_amount(cls, value: object, info: ValidationInfo) -> object:
        if value is None and info.data.get("kind") == "payment":
            raise PydanticCustomError(
                "payment_needs_amount", "a payment needs an amount and a currency"
            )
        if value is not None and info.field_name == "amount" and info.data.get("debtor") == "both":
            raise PydanticCustomError(
                "joint_no_amount", "a joint action has no amount: nobody pays it to the other"
            )
        return value

    @field_validator("instalments")
    @classmethod
    def _schedule(cls, parts: list[InstalmentIn], info: ValidationInfo) -> list[InstalmentIn]:
        if not parts:
            return parts
        amount, due = info.data.get("amount"), info.data.get("due_date")
        if amount is None:
            if "amount" in info.data:  # given as null, not refused already
                raise PydanticCustomError(
                    "instalments_need_amount", "instalments need the obligation's total amount"
                )
            return parts
        total = sum(i.amount for i in parts)
        if total != amount:
            raise PydanticCustomError(
                "instalments_sum",
                "the instalments must add up to the amount ({total} ≠ {amount})",
                {"total": str(total), "amount": str(amount)},
            )
        dates = [i.due_date for i in parts]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise PydanticCustomError("instalment_order", "instalment dates must be increasing")
        if due is not None and dates[-1] > due:
            raise PydanticCustomError(
                "instalment_after_due", "the last instalment cannot be due after the obligation"
            )
        return parts
