"""Bodies of the fair-division endpoints (``odr.negotiating.division_routes``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from odr.cases.parties import ROLE_PATTERN
from odr.negotiating.schemas import MessageOut
from odr.web.schema import RequestModel, ResponseModel

Role = Annotated[
    str, Field(pattern=ROLE_PATTERN, description="A party's key: claimant, respondent, party3…")
]


class PointsIn(RequestModel):
    points: dict[str, Any] = Field(
        max_length=100,
        description="Item name → whole points ≥ 0; they add up to 100 over the case's items "
        '(an item left out counts 0). Checked as whole numbers: 12.5 or "12" is refused '
        "naming the item.",
        examples=[{"car": 55, "flat": 40, "piano": 5}],
    )


class PointsOut(ResponseModel):
    points: dict[str, int] = Field(description="Every item with its points (0 included).")
    submitted_at: datetime
    all_submitted: bool = Field(description="Every party has stated its points.")


class EqualisationOut(ResponseModel):
    payer: Role
    payee: Role
    amount_tiyn: int = Field(
        gt=0, description="Half the difference of the shares' agreed values, in whole tiyn."
    )


class SplitOut(ResponseModel):
    """Adjusted Winner's one shared item, as a court can enforce it."""

    item: str = Field(description="The item shared (its name in ``choice``).")
    keeper: Role = Field(
        description="The party with the larger share: it keeps the item and pays "
        "(``compensation``), or receives the larger part of the proceeds (``sale``)."
    )
    other: Role
    keeper_parts: int = Field(ge=1, description="The shares as a reduced whole-number ratio.")
    other_parts: int = Field(ge=1)
    keeper_percent: str = Field(description='The keeper\'s share, two decimals ("86.96").')
    other_percent: str = Field(description="The other's share; the two add up to 100.")
    settle: Literal["compensation", "sale"]
    compensation_tiyn: int | None = Field(
        description="``compensation``: what the keeper pays the other, the other's share of the "
        "item's agreed value rounded down to a whole tiyn; null for ``sale``."
    )


class AllocationOut(ResponseModel):
    version: int = Field(description="The proposals version (as in proposals_ready).")
    package_id: str = Field(description="Offer it in the room with from_proposal.")
    criterion: str = Field(
        description="``max_nash_welfare``, ``adjusted_winner`` (the shared item kept and paid "
        "for) or ``adjusted_winner_sale`` (the shared item sold)."
    )
    choice: dict[str, Role] = Field(
        description="Item name → the party that receives it (a shared item: its keeper)."
    )
    explanation: list[MessageOut] = Field(description="In your own points only.")
    equalisation: EqualisationOut | None = Field(
        description="When every item has an agreed value and the shares' values differ; never "
        "for Adjusted Winner, whose only payment is its compensation."
    )
    split: SplitOut | None = Field(
        description="Adjusted Winner's shared item and how it is settled; null when no item is "
        "shared (always for maximum Nash welfare)."
    )
    computed_at: datetime


class DivisionOut(ResponseModel):
    items: list[dict[str, Any]] = Field(description="The items as agreed at intake.")
    points_stated: bool = Field(description="You have stated your points.")
    all_submitted: bool
    allocation: AllocationOut | None = Field(
        description="The engine's latest allocation (maximum Nash welfare), once every party "
        "stated its points."
    )
    adjusted_winner_applies: bool = Field(
        description="Adjusted Winner shares between two parties only: false in a case of three "
        "or more, whose one proposal is maximum Nash welfare (it divides among any number)."
    )
    adjusted_winner: list[AllocationOut] = Field(
        description="Beside it, Adjusted Winner (two parties only): the same share for each by its "
        "own points, at most one item shared; one allocation, or two when an item is shared and "
        "has an agreed value (kept and paid for, or sold). Empty until proposed."
    )
