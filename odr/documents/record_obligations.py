"""A settlement record's obligations: who performs for whom, what, by when, in which instalments.

Each obligation checks itself (debtor and creditor differ, a payment has its amount, instalments
are numbered, dated in order and add up); that its parties are the record's own is checked by
``SettlementRecord``, which knows them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from odr.documents.fields import Currency, Money, Strict, Text
from odr.documents.record_parties import Role
from odr.documents.record_texts import Description, Method

JOINT = "both"
"""An obligation's debtor for an action every party of the settlement performs together. The
word dates from two-party settlements and keeps its meaning with more parties ("all of them"),
so older records read as they did; an action of some parties only is one obligation per doer."""


class Instalment(Strict):
    number: int = Field(ge=1)
    due_date: date
    amount: Money


Doer = Annotated[str, Field(pattern=r"^(both|claimant|respondent|party([3-9]|10))$")]
"""One party's key, or ``JOINT`` ("both"): every party of the settlement together."""


class Obligation(Strict):
    """One numbered obligation: who performs (``debtor``), for whom (``creditor``), what, by when.

    A payment or a transfer goes from one party to another. An action may also be joint:
    ``debtor`` "both" means every party of the settlement performs it together ("sell the flat
    and split the money"; with more than two parties still "both", meaning all of them, see
    ``JOINT``), and its ``creditor`` is null, because no party is owed it by another alone:
    each may require the others to do their part. The record checks that debtor and creditor
    are among its parties. A joint action has no amount and no schedule (who
    would pay whom?). Records made before joint actions existed are all one party's obligations,
    so they read and verify as they were (the fields and their names did not change).
    """

    number: int = Field(ge=1)
    debtor: Doer = Field(description='"both": a joint action of the parties (creditor null)')
    creditor: Role | None = Field(description="null exactly for a joint action (debtor both)")
    kind: Literal["payment", "action", "transfer"]
    description: Description
    amount: Money | None
    currency: Currency
    method: Method
    account: Text | None
    due_date: date = Field(description="the last day for performance; never a vague term")
    instalments: list[Instalment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.debtor == JOINT:
            self._check_joint()
        elif self.creditor is None:
            raise ValueError(f"obligation {self.number}: one party's obligation needs a creditor")
        elif self.debtor == self.creditor:
            raise ValueError(
                f"obligation {self.number}: debtor and creditor are both {self.debtor}"
            )
        if self.kind == "payment" and self.amount is None:
            raise ValueError(f"obligation {self.number}: a payment needs an amount")
        if self.instalments:
            self._check_instalments()
        return self

    @property
    def joint(self) -> bool:
        return self.debtor == JOINT

    def _check_joint(self) -> None:
        label = f"obligation {self.number}"
        if self.kind != "action":
            raise ValueError(f"{label}: only an action can be joint; a {self.kind} needs a debtor")
        if self.creditor is not None:
            raise ValueError(f"{label}: a joint action of the parties has no creditor")
        if self.amount is not None or self.instalments:
            raise ValueError(f"{label}: a joint action has no amount and no instalments")

    def _check_instalments(self) -> None:
        label = f"obligation {self.number}"
        if self.amount is None:
            raise ValueError(f"{label}: instalments need the obligation's amount")
        if [i.number for i in self.instalments] != list(range(1, len(self.instalments) + 1)):
            raise ValueError(f"{label}: instalments must be numbered 1, 2, 3… in order")
        dates = [i.due_date for i in self.instalments]
        if any(later <= earlier for earlier, later in pairwise(dates)):
            raise ValueError(f"{label}: instalment dates must strictly increase")
        if dates[-1] > self.due_date:
            raise ValueError(f"{label}: an instalment falls after the due date {self.due_date}")
        total = sum((Decimal(i.amount) for i in self.instalments), Decimal(0))
        if total != Decimal(self.amount):
            raise ValueError(f"{label}: instalments add up to {total}, not {self.amount}")
