"""Bodies of the fair-division endpoints (``odr.negotiating.division_routes``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from odr.negotiating.schemas import MessageOut
from odr.web.schema import RequestModel, ResponseModel

Role = Literal["claimant", "respondent"]


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


class AllocationOut(ResponseModel):
    version: int = Field(description="The proposals version (as in proposals_ready).")
    package_id: str = Field(description="Offer it in the room with from_proposal.")
    choice: dict[str, Role] = Field(description="Item name → the party that receives it.")
    explanation: list[MessageOut] = Field(description="In your own points only.")
    equalisation: EqualisationOut | None = Field(
        description="When every item has an agreed value and the shares' values differ."
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
