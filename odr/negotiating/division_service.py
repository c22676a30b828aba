"""Propose an allocation of a division case's items once every party has stated its points.

Mirrors ``odr.negotiating.proposals.ProposalService``: maximum Nash welfare runs on the solver
thread pool, never on the event loop, always with a time limit, at most one run per case at a
time. What it produces is split the same way:

- the **public** part: the allocation as a package (item → role), logged as ``proposals_ready``
  with criterion ``max_nash_welfare``, so the room's offer/accept flow applies to it; beside it,
  for two parties (only: it shares between two; among more, maximum Nash welfare alone),
  Adjusted Winner's one or two proposals (``odr.negotiating.division_aw``: equal shares in each
  party's own points, at most one item shared, kept and paid for or sold), their split item's
  terms stored with them in ``CaseProposals.packages`` (the event carries ``{id, criterion,
  choice}`` only, as for every proposal);
- the **private** part, per role: why the allocation is fair to that party in its own points
  (``odr.negotiating.division.explain_share``), stored in ``CaseProposals.views`` and served only
  to that party by ``GET /api/cases/{id}/proposals`` and ``GET /api/cases/{id}/division``.

Nothing derived from the points is logged: not the utilities, not the solver's objective.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.adjusted_winner import AdjustedWinnerResult, adjusted_winner
from negotiation.division_items import DivisionCase
from negotiation.errors import NegotiationError
from negotiation.fair_division import MnwResult, max_nash_welfare
from odr.cases.mechanism import Mechanism
from odr.cases.parties import in_party_order
from odr.negotiating import division_aw
from odr.negotiating.division import (
    ROLES,
    division_case,
    equalisation_message,
    explain_share,
    item_issues,
    party_options,
)
from odr.negotiating.proposals import store_proposals
from odr.negotiating.taking_part import everyone_stated, taking_part
from odr.persistence.models import Case, PrivateInput
from odr.room.log import NewEvent
from odr.room.room import Room

logger = logging.getLogger("odr.division")

POINTS = "points"
"""``private_inputs.kind`` of a party's division points (round 0: points have no rounds)."""
CRITERION = "max_nash_welfare"


async def points_by_role(db: AsyncSession, case_id: str) -> tuple[set[str], dict[str, Any]]:
    """(roles of the parties taking part, role → its stored points for those that stated them)."""
    parties = {m.user_id: m.role for m in await taking_part(db, case_id)}
    rows = await db.execute(
        select(PrivateInput.user_id, PrivateInput.payload).where(
            PrivateInput.case_id == case_id, PrivateInput.kind == POINTS, PrivateInput.round == 0
        )
    )
    stated = {parties[user]: payload["points"] for user, payload in rows if user in parties}
    return set(parties.values()), stated


class DivisionService:
    def __init__(self, room: Room, pool: ThreadPoolExecutor) -> None:
        self.room = room
        self.time_limit_s = room.services.settings.solver_time_limit_s
        self.pool = pool  # shared with ProposalService: one bound on solver threads
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.again: set[str] = set()

    def schedule(self, case_id: str) -> None:
        """Compute (again) for this case soon; at most one run per case at a time."""
        if case_id in self.tasks:
            self.again.add(case_id)
            return
        self.tasks[case_id] = asyncio.create_task(self._run(case_id), name=f"division:{case_id}")

    async def _run(self, case_id: str) -> None:
        try:
            while True:
                self.again.discard(case_id)
                try:
                    await self.compute(case_id)
                except Exception:  # logged without the points; the parties can restate them
                    logger.exception("division failed", extra={"case_id": case_id})
                if case_id not in self.again:
                    return
        finally:
            self.tasks.pop(case_id, None)

    async def compute(self, case_id: str) -> None:
        async with self.room.services.sessions() as db:
            case = await db.get_one(Case, case_id)
            roles, stated = await points_by_role(db, case_id)
        if case.mechanism != Mechanism.DIVISION or not everyone_stated(
            case.status, roles, set(stated)
        ):
            return
        items = case.items or []
        # The roles in party order: Adjusted Winner gives a tie to the first party.
        engine_case = division_case(items, {r: stated[r] for r in in_party_order(stated)})
        solve = partial(_solve, engine_case, time_limit_s=self.time_limit_s)
        try:
            result, adjusted = await asyncio.get_running_loop().run_in_executor(self.pool, solve)
        except NegotiationError as exc:
            logger.warning("no allocation", extra={"case_id": case_id, "reason": exc.code})
            await self.room.record(case_id, partial(_failed))
            return
        package = {item: role for role, held in result.allocation.items() for item in held}
        package = {i: package[i] for i in engine_case.items}  # in the items' order
        await self._store(case_id, items, package, stated, adjusted)

    async def _store(
        self,
        case_id: str,
        items: Sequence[Mapping[str, Any]],
        package: dict[str, str],
        stated: Mapping[str, Mapping[str, int]],
        adjusted: AdjustedWinnerResult | None,
    ) -> None:
        labels = {issue["name"]: issue["label"] for issue in item_issues(items)}
        stored: list[dict[str, Any]] = [{"id": "p1", "criterion": CRITERION, "choice": package}]
        balance = equalisation_message(items, package)  # public: agreed values only
        roles = in_party_order(stated)
        views: dict[str, Any] = {
            role: {
                "explanations": {
                    "p1": [
                        *explain_share(role, points, package, labels, roles),
                        *filter(None, [balance]),
                    ]
                },
                "advice": [],
            }
            for role, points in stated.items()
        }
        if adjusted is not None:
            for proposal in division_aw.proposals(adjusted, items, first_id=2):
                stored.append(proposal)
                split = (
                    division_aw.Split.from_json(proposal["split"]) if proposal["split"] else None
                )
                terms = division_aw.settle_message(split, items)  # public: the allocation's own
                for role in stated:
                    own = division_aw.explain(role, adjusted)
                    views[role]["explanations"][proposal["id"]] = [*own, *filter(None, [terms])]
        packages = [{k: p[k] for k in ("id", "criterion", "choice")} for p in stored]

        async def decide(db: AsyncSession) -> Sequence[NewEvent]:
            case = await db.get_one(Case, case_id)
            issues = party_options(case.issues, roles)
            if issues != case.issues:  # the parties taking part are each item's options
                case.issues = issues
                options_changed.append(True)
            version = await store_proposals(
                db,
                case_id,
                acceptable=True,
                packages=stored,
                views=views,
                now=self.room.services.clock(),
            )
            return [NewEvent("proposals_ready", {"version": version, "packages": packages})]

        options_changed: list[bool] = []
        await self.room.record(case_id, decide)
        if options_changed:  # the room folds offers against the issues: forget the old ones
            self.room.states.forget(case_id)

    async def close(self) -> None:
        for task in list(self.tasks.values()):
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)


def adjusted_winner_applies(roles: Iterable[str]) -> bool:
    """Adjusted Winner's terms (``division_aw``) are between the claimant and the respondent: a
    division between exactly those two. Among three or more (or two left after the respondent
    withdrew) maximum Nash welfare is the proposal."""
    return sorted(roles) == sorted(ROLES)


def _solve(
    case: DivisionCase, *, time_limit_s: float
) -> tuple[MnwResult, AdjustedWinnerResult | None]:
    """Maximum Nash welfare, and Adjusted Winner when there are two parties (exact, instant)."""
    mnw = max_nash_welfare(case, time_limit_s=time_limit_s)
    return mnw, adjusted_winner(case) if adjusted_winner_applies(case.parties) else None


async def _failed(_db: AsyncSession) -> list[NewEvent]:
    return [NewEvent("system", {"key": "proposals.failed"})]
