"""Bodies of the interests and proposals endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from odr.web.schema import RequestModel, ResponseModel


class InterestsIn(RequestModel):
    answers: dict[str, Any] = Field(
        description="The party's answers: importance (ranking or 100 points), per-issue marks "
        "or range values, walk-away level. See docs/negotiation-mechanisms.md.",
        examples=[
            {
                "importance": {"ranking": ["amount", "schedule"]},
                "issues": {
                    "amount": {"best": 850000, "acceptable": 600000, "limit": 400000},
                    "schedule": {
                        "options": {
                            "Сразу": "ideal",
                            "2 платежа": "acceptable",
                            "6 платежей": "unacceptable",
                        }
                    },
                },
                "walk_away": "balanced",
            }
        ],
    )


class InterestsOut(ResponseModel):
    answers: dict[str, Any]
    submitted_at: datetime
    all_submitted: bool = Field(description="Every party has stated its interests.")


class MessageOut(ResponseModel):
    key: str = Field(description="Message key rendered by the UI in kk, ru or en.")
    params: dict[str, Any]


class ProposedPackageOut(ResponseModel):
    id: str
    criterion: str = Field(description="nash, kalai_smorodinsky, utilitarian or alternative")
    choice: dict[str, str]
    explanation: list[MessageOut] = Field(description="In your own terms only.")


class ProposalsOut(ResponseModel):
    version: int
    acceptable: bool
    computed_at: datetime
    packages: list[ProposedPackageOut]
    advice: list[MessageOut] = Field(
        description="When no package works for everyone: which of your own limits to reconsider."
    )
