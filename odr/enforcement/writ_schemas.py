"""Bodies of the writ application endpoints (#18): the creditor's request and what it and the
court are answered. Money is in whole tiyn (integers), as ``odr.fulfilment.default_sums`` counts
it; the application's full data is what its PDF embeds (``writ-application.json``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from odr.web import boundary
from odr.web.schema import IdOf, RequestModel, ResponseModel


class WritApplicationIn(RequestModel):
    language: Literal["kk", "ru"] = Field(
        description="The application's language: Kazakh or Russian (CPC Art. 14)."
    )
    obligations: (
        Annotated[list[Annotated[int, Field(ge=1, le=1000)]], Field(min_length=1, max_length=100)]
        | None
    ) = Field(
        default=None,
        description="The obligations' numbers to enforce; absent: every obligation in default "
        "owed to the caller.",
    )
    court_code: Annotated[str, IdOf(boundary.COURT_CODE)] | None = Field(
        default=None,
        description="The court to apply to; absent: the court the settlement names.",
    )


class WritCourt(ResponseModel):
    code: str
    name: str


class WritApplicationOut(ResponseModel):
    """A writ application as its creditor sees it."""

    id: str
    case_id: str
    created_at: datetime
    language: str
    creditor: str = Field(description="The creditor's party key (claimant, respondent, party3…).")
    obligations: list[int]
    court: WritCourt
    sums: dict[str, Any] = Field(
        description="The sums due as of the day it was made: {as_of, obligations: [{obligation, "
        "debtor, creditor, currency, overdue_tiyn, accelerated_tiyn, penalty_tiyn, total_tiyn}], "
        "total_tiyn: {currency: tiyn}}."
    )
    pdf_sha256: str
    court_case_number: str | None = Field(description="Set once the court acknowledged it.")
    acknowledged_at: datetime | None
    links: dict[str, str]


class WritApplicationsOut(ResponseModel):
    applications: list[WritApplicationOut]


class CourtWritSummary(ResponseModel):
    id: str
    case_reference: str
    verification_code: str = Field(description="The code of the settlement it enforces.")
    created_at: datetime
    pdf_sha256: str
    court_case_number: str | None = Field(description="Set once this court acknowledged it.")
    links: dict[str, str]


class CourtWritPage(ResponseModel):
    writ_applications: list[CourtWritSummary]
    next_cursor: str | None = Field(
        description="Pass as ?since= to get what was made after this page; null when done."
    )


class CourtWritOut(ResponseModel):
    """One writ application for the court: the sums, the schedule's history, and the whole data
    its PDF embeds."""

    id: str
    case_reference: str
    verification_code: str
    created_at: datetime
    pdf_sha256: str
    sums: dict[str, Any]
    schedule: list[dict[str, Any]] = Field(
        description="Every due of the settlement with its state and every step the parties "
        "recorded: {key, obligation, instalment, kind, debtor, creditor, due_date, amount_tiyn, "
        "currency, state, days_late, steps: [{kind, role, at, reference, reason}]}."
    )
    application: dict[str, Any] = Field(
        description="The application's data exactly as its PDF embeds it (writ-application.json)."
    )
    court_case_number: str | None
    acknowledged_at: datetime | None
    links: dict[str, str]


class WritAcknowledgementOut(ResponseModel):
    writ_application_id: str
    court_case_number: str
    acknowledged_at: datetime
