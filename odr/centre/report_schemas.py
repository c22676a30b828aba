"""What ``GET /api/centre/reports`` answers (``odr.centre.reports`` builds it): aggregates only,
never a party's name; a mediator appears by name, to the centre's administrators."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field

from odr.web.schema import ResponseModel


class Period(ResponseModel):
    start: date = Field(description="The first day (Astana time), included.")
    end: date = Field(description="The last day (Astana time), included.")


class CaseloadLine(ResponseModel):
    mediator_id: str | None = Field(description="None: the cases nobody mediates yet.")
    mediator: str | None = Field(description="The mediator's name; None for unassigned cases.")
    open: int = Field(description="Cases negotiating or paused now.")
    under_7: int = Field(description="Open cases opened less than 7 days ago.")
    from_7_to_30: int
    from_30_to_60: int = Field(description="30 to 60 days, 60 included.")
    over_60: int
    past_deadline: int = Field(
        description="Undecided cases (open, paused or expired and not closed) past the deadline."
    )
    closed_in_period: int = Field(description="Cases whose outcome falls in the period.")


class OutcomeLine(ResponseModel):
    key: str = Field(description="The category or mechanism; `all` for the total.")
    concluded: int
    settled: int
    not_settled: int = Field(description="Closed by the mediator as failed.")
    referred: int = Field(description="Referred to court.")
    expired: int
    settled_rate: float | None = Field(description="Share of `concluded`; None when it is 0.")
    not_settled_rate: float | None
    referred_rate: float | None
    expired_rate: float | None
    median_days_to_outcome: float | None = Field(
        description="From the mediation's start to the outcome."
    )


class FeedbackReport(ResponseModel):
    responses: int
    suppressed: bool = Field(
        description="True when there are some ratings but fewer than `min_responses`: the "
        "averages and comments are withheld so no one's own rating can be read back."
    )
    min_responses: int
    service: float | None
    procedure: float | None
    fairness: float | None
    ease: float | None
    comments: list[str] = Field(description="At most 100, oldest first.")


class Reports(ResponseModel):
    period: Period
    generated_at: datetime
    caseload: list[CaseloadLine] = Field(
        description="Now, whatever the period (except `closed_in_period`): a line per mediator "
        "of the centre(s), by name, then the unassigned cases."
    )
    outcomes: OutcomeLine = Field(description="Every case whose outcome falls in the period.")
    outcomes_by_category: list[OutcomeLine]
    outcomes_by_mechanism: list[OutcomeLine]
    feedback: FeedbackReport = Field(description="Ratings given in the period.")
