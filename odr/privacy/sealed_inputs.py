"""A person's own sealed inputs to a case's mechanism, for its data export (``export.py``).

Blind bids, division points and answers to a post-settlement improvement are ``private_inputs``
rows: each party's own, read by nobody else. The export takes the rows of the person's own user
id and copies the known kinds field by field, so a row of another kind never goes out by
accident. The case's own secrets (blind bidding's split point) are not private inputs at all
(``case_secrets``): no party's export can reach them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import Field

from odr.persistence.models import PrivateInput
from odr.web.schema import ResponseModel


class BidExport(ResponseModel):
    round: int
    amount: int = Field(description="Your own sealed bid (a demand or an offer), in whole tiyn.")
    submitted_at: datetime


class PointsExport(ResponseModel):
    points: dict[str, int] = Field(description="Your own 100 points over the items, by item id.")
    submitted_at: datetime


class ImprovementAnswerExport(ResponseModel):
    round: int
    accepted: bool
    submitted_at: datetime


def own_inputs(inputs: Sequence[PrivateInput]) -> dict[str, Any]:
    """The person's own sealed inputs (``private_inputs`` rows already filtered to its user id)
    as ``my_bids``, ``my_points`` and ``my_improvement_answers``. Only the known kinds, each
    copied field by field: a row of another kind is not exported by accident."""
    bids = [
        BidExport(round=i.round, amount=int(i.payload["amount"]), submitted_at=i.submitted_at)
        for i in inputs
        if i.kind == "bid"
    ]
    points = [
        PointsExport(points=dict(i.payload["points"]), submitted_at=i.submitted_at)
        for i in inputs
        if i.kind == "points"
    ]
    answers = [
        ImprovementAnswerExport(
            round=i.round, accepted=bool(i.payload["accepted"]), submitted_at=i.submitted_at
        )
        for i in inputs
        if i.kind == "improvement"
    ]
    return {
        "my_bids": bids,
        "my_points": points[0] if points else None,
        "my_improvement_answers": answers,
    }
