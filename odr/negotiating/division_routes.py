"""Fair division over HTTP: each party's private points, and the allocation explained to it.

A party's points are sealed like its interests: stored in ``private_inputs`` (kind "points"),
answered only to their owner, never logged, never in an event, an error for someone else, or
the mediator's view. The room learns only that a party stated them (``points_submitted``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from odr.cases.mechanism import Mechanism
from odr.cases.service import case_for, role_of
from odr.cases.status import CaseStatus
from odr.errors import Conflict, NotFound, ValidationFailed
from odr.negotiating import division_aw
from odr.negotiating.division import agreed_values, equalisation, item_names, points_problem
from odr.negotiating.division_schemas import (
    AllocationOut,
    DivisionOut,
    EqualisationOut,
    PointsIn,
    PointsOut,
    SplitOut,
)
from odr.negotiating.division_service import (
    CRITERION,
    POINTS,
    adjusted_winner_applies,
    points_by_role,
)
from odr.negotiating.schemas import MessageOut
from odr.negotiating.taking_part import everyone_stated, require_taking_part
from odr.persistence.models import Case, CaseProposals, PrivateInput
from odr.persistence.upsert import upsert
from odr.room.log import NewEvent
from odr.web.api import Api, Context

api = Api()


def _division_only(case: Case) -> None:
    if case.mechanism != Mechanism.DIVISION:
        raise Conflict(
            "this case is not a division of items: points are stated only in division cases",
            code="not_a_division",
        )


async def _own_points(ctx: Context, case_id: str) -> PrivateInput | None:
    return await ctx.db.scalar(
        select(PrivateInput).where(
            PrivateInput.case_id == case_id,
            PrivateInput.user_id == ctx.user.id,
            PrivateInput.kind == POINTS,
            PrivateInput.round == 0,
        )
    )


@api.endpoint(
    "PUT",
    "/api/cases/{case_id}/points",
    summary="State (or restate) how many of my 100 points each item is worth; never shown to "
    "anyone else",
    tag="division",
    body=PointsIn,
    response=PointsOut,
    errors=(401, 403, 404, 409, 422),
)
async def put_points(ctx: Context, body: PointsIn) -> PointsOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    _division_only(case)
    require_taking_part(case, role)
    if case.status != CaseStatus.OPEN:
        raise Conflict(
            "points can be stated once the case has started and before agreement",
            code="case_not_open",
        )
    problem = points_problem(case.items or [], body.points)
    if problem is not None:
        field = problem.field or "points"
        raise ValidationFailed(
            f"{field}: {problem.message}", fields=[{"field": field, "message": problem.message}]
        )
    points = {item: body.points.get(item, 0) for item in item_names(case.items or [])}
    now = ctx.services.clock()
    await upsert(
        ctx.db,
        PrivateInput,
        {
            "case_id": case.id,
            "user_id": ctx.user.id,
            "kind": POINTS,
            "round": 0,
            "payload": {"points": points},
            "submitted_at": now,
        },
        unique=("case_id", "user_id", "kind", "round"),
        update=("payload", "submitted_at"),
    )
    await ctx.db.commit()
    roles, stated = await points_by_role(ctx.db, case.id)

    async def announce(_db: object) -> list[NewEvent]:
        return [NewEvent("points_submitted", {"role": role}, ctx.user.id, role)]

    await ctx.services.room.record(case.id, announce)
    all_in = everyone_stated(case.status, roles, set(stated))
    if all_in:
        ctx.services.division.schedule(case.id)
    return PointsOut(points=points, submitted_at=now, all_submitted=all_in)


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/points",
    summary="My points as I stated them",
    tag="division",
    response=PointsOut,
    errors=(401, 404, 409),
)
async def get_points(ctx: Context) -> PointsOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    _division_only(case)
    row = await _own_points(ctx, case.id)
    if row is None:
        raise NotFound("you have not stated your points yet", code="no_points_yet")
    roles, stated = await points_by_role(ctx.db, case.id)
    return PointsOut(
        points=row.payload["points"],
        submitted_at=row.submitted_at,
        all_submitted=everyone_stated(case.status, roles, set(stated)),
    )


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/division",
    summary="The items, whether everyone stated points, and the proposed allocations (maximum "
    "Nash welfare; Adjusted Winner) explained in my own points",
    tag="division",
    response=DivisionOut,
    errors=(401, 404, 409),
)
async def get_division(ctx: Context) -> DivisionOut:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    role = role_of(case, ctx.user)
    _division_only(case)
    roles, stated = await points_by_role(ctx.db, case.id)
    latest = await ctx.db.scalar(
        select(CaseProposals)
        .where(CaseProposals.case_id == case.id)
        .order_by(CaseProposals.version.desc())
        .limit(1)
    )
    packages = latest.packages if latest is not None else []
    mnw = next((p for p in packages if p["criterion"] == CRITERION), None)
    adjusted = [p for p in packages if p["criterion"] in division_aw.CRITERIA]
    return DivisionOut(
        items=case.items or [],
        points_stated=role in stated,
        all_submitted=everyone_stated(case.status, roles, set(stated)),
        adjusted_winner_applies=adjusted_winner_applies(roles),
        allocation=_allocation(case, role, latest, mnw) if latest and mnw else None,
        adjusted_winner=[_allocation(case, role, latest, p) for p in adjusted if latest],
    )


def _allocation(
    case: Case, role: str, latest: CaseProposals, proposed: dict[str, Any]
) -> AllocationOut:
    view: dict[str, Any] = latest.views.get(role, {"explanations": {}})
    items = case.items or []
    split = division_aw.Split.from_json(proposed["split"]) if proposed.get("split") else None
    payment = None
    if proposed["criterion"] == CRITERION:  # Adjusted Winner's only payment is its compensation
        payment = equalisation(agreed_values(items), proposed["choice"])
    return AllocationOut(
        version=latest.version,
        package_id=proposed["id"],
        criterion=proposed["criterion"],
        choice=proposed["choice"],
        explanation=[MessageOut(**m) for m in view["explanations"].get(proposed["id"], [])],
        equalisation=EqualisationOut.model_validate(payment) if payment else None,
        split=_split_out(split, items) if split else None,
        computed_at=latest.computed_at,
    )


def _split_out(split: division_aw.Split, items: list[dict[str, Any]]) -> SplitOut:
    keeper_percent, other_percent = split.percents()
    value = agreed_values(items).get(split.item)
    compensation = None
    if split.settle == "compensation" and isinstance(value, int):
        compensation = division_aw.compensation_tiyn(split, value)
    return SplitOut.model_validate(
        {
            **split.as_json(),
            "keeper_percent": str(keeper_percent),
            "other_percent": str(other_percent),
            "compensation_tiyn": compensation,
        }
    )
