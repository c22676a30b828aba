"""``POST /api/cases/{id}/withdrawal``: a party leaves the negotiation (``withdrawal.py``)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from odr.cases.status import CaseStatus
from odr.negotiating.taking_part import parties_changed
from odr.persistence.models import Case
from odr.room import withdrawal
from odr.web.api import Api, Context
from odr.web.schema import ResponseModel

api = Api()


class WithdrawalOut(ResponseModel):
    role: str = Field(description="The key of the party that withdrew (claimant, respondent, …).")
    withdrawn_at: datetime = Field(description="When it withdrew (the first request's time).")
    case_status: str = Field(
        description="The case's status now: open (the others negotiate on), agreed (everyone "
        "remaining had accepted the offer on the table) or failed (fewer than two remain)."
    )


@api.endpoint(
    "POST",
    "/api/cases/{case_id}/withdrawal",
    summary="Withdraw from the negotiation; the other parties negotiate on without me",
    tag="cases",
    response=WithdrawalOut,
    errors=(401, 404, 409),
)
async def withdraw(ctx: Context) -> WithdrawalOut:
    done = await withdrawal.withdraw(
        ctx.services.room, ctx.db, ctx.user.id, ctx.path_params["case_id"]
    )
    case = await ctx.db.get(Case, ctx.path_params["case_id"])
    if case is not None and done.case_status == CaseStatus.OPEN:
        # The proposals or the allocation are due again for those who remain.
        parties_changed(ctx.services, case)
    return WithdrawalOut(
        role=done.role, withdrawn_at=done.withdrawn_at, case_status=done.case_status
    )
