"""Compute compromise packages when every party has stated its interests.

The optimizer runs on a bounded thread pool (CP-SAT releases the GIL), never on the event loop,
and always with a time limit. What it returns is split in two:

- the **public** part: the packages' choices (no utilities), logged as ``proposals_ready`` (or
  ``no_agreement_zone``) so both parties and the mediator see the same options, in one reading
  order (``negotiation.explain.balance_order``: the most balanced package first);
- the **private** part, per role: that party's explanation of each package and its own advice,
  stored in ``CaseProposals.views`` and served only to that party.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from negotiation.errors import NegotiationError
from negotiation.explain import balance_order, explain
from negotiation.messages import Message
from negotiation.model import NegotiationCase
from negotiation.optimizer import Proposals, SolverSettings, propose
from odr.negotiating.issues import model_issues
from odr.negotiating.taking_part import everyone_stated, taking_part
from odr.persistence.models import Case, CaseProposals, PartyInterests
from odr.room.log import NewEvent
from odr.room.room import Room

logger = logging.getLogger("odr.proposals")


def message_json(message: Message) -> dict[str, Any]:
    return {"key": message.key, "params": dict(message.params)}


async def submitted_roles(db: AsyncSession, case_id: str) -> tuple[set[str], set[str]]:
    """(roles of the parties taking part, those of them that have stated their interests)."""
    parties = {m.user_id: m.role for m in await taking_part(db, case_id)}
    submitted = set(
        await db.scalars(select(PartyInterests.user_id).where(PartyInterests.case_id == case_id))
    )
    return set(parties.values()), {parties[u] for u in submitted if u in parties}


async def stated_answers(db: AsyncSession, case_id: str) -> list[tuple[str, Any]]:
    """(role, answers) of every party taking part that stated them, in party order."""
    members = await taking_part(db, case_id)
    result = await db.execute(
        select(PartyInterests.user_id, PartyInterests.answers).where(
            PartyInterests.case_id == case_id
        )
    )
    rows: dict[str, Any] = {user_id: answers for user_id, answers in result}
    return [(m.role, rows[m.user_id]) for m in members if m.user_id in rows]


class ProposalService:
    def __init__(self, room: Room) -> None:
        settings = room.services.settings
        self.room = room
        self.solver = SolverSettings(
            time_limit_s=settings.solver_time_limit_s, num_workers=2, alternatives=2
        )
        self.pool = ThreadPoolExecutor(settings.solver_threads, thread_name_prefix="cpsat")
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.again: set[str] = set()

    def schedule(self, case_id: str) -> None:
        """Compute (again) for this case soon; at most one run per case at a time."""
        if case_id in self.tasks:
            self.again.add(case_id)
            return
        task = asyncio.create_task(self._run(case_id), name=f"proposals:{case_id}")
        self.tasks[case_id] = task

    async def _run(self, case_id: str) -> None:
        try:
            while True:
                self.again.discard(case_id)
                try:
                    await self.compute(case_id)
                except Exception:  # logged; the parties see a system event and can resubmit
                    logger.exception("proposals failed", extra={"case_id": case_id})
                if case_id not in self.again:
                    return
        finally:
            self.tasks.pop(case_id, None)

    async def compute(self, case_id: str) -> None:
        async with self.room.services.sessions() as db:
            case = await db.get_one(Case, case_id)
            rows = await stated_answers(db, case_id)
            roles, submitted = await submitted_roles(db, case_id)
        if not everyone_stated(case.status, roles, submitted):
            return
        issues = model_issues(case.issues)
        preferences = tuple(
            build_preferences(role, issues, parse_answers(issues, answers))
            for role, answers in rows
        )
        negotiation = NegotiationCase(issues, preferences)
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.pool, propose, negotiation, self.solver)
        except NegotiationError as exc:
            logger.warning("no proposals", extra={"case_id": case_id, "reason": exc.code})
            await self.room.record(
                case_id,
                lambda db: _events([NewEvent("system", {"key": "proposals.failed"})]),
            )
            return
        await self._store(case_id, negotiation, result)

    async def _store(self, case_id: str, negotiation: NegotiationCase, result: Proposals) -> None:
        # One reading order for both parties (ids follow it, so "p2" is one package in the room):
        # the most balanced package first, by the shares each party is shown privately.
        order = balance_order(
            [p.choice for p in result.packages], negotiation.parties, result.anchors
        )
        proposed_in_order = [result.packages[k] for k in order]
        packages = [
            {"id": f"p{n}", "criterion": p.criterion, "choice": dict(p.choice)}
            for n, p in enumerate(proposed_in_order, 1)
        ]
        views = {
            party.name: {
                "explanations": {
                    package["id"]: [
                        message_json(m)
                        for m in explain(party, proposed.choice, result.anchors[party.name])
                    ]
                    for package, proposed in zip(packages, proposed_in_order, strict=True)
                },
                "advice": [message_json(m) for m in result.advice.get(party.name, ())],
            }
            for party in negotiation.parties
        }

        async def decide(db: AsyncSession) -> Sequence[NewEvent]:
            version = await store_proposals(
                db,
                case_id,
                acceptable=result.acceptable,
                packages=packages,
                views=views,
                now=self.room.services.clock(),
            )
            if result.acceptable:
                return [NewEvent("proposals_ready", {"version": version, "packages": packages})]
            return [NewEvent("no_agreement_zone", {"version": version})]

        await self.room.record(case_id, decide)

    async def close(self) -> None:
        for task in list(self.tasks.values()):
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
        self.pool.shutdown(wait=False, cancel_futures=True)


async def _events(events: list[NewEvent]) -> list[NewEvent]:
    return events


async def store_proposals(
    db: AsyncSession,
    case_id: str,
    *,
    acceptable: bool,
    packages: list[dict[str, Any]],
    views: dict[str, Any],
    now: datetime,
) -> int:
    """Add the case's next version of proposals (choices, and each party's own view apart) and
    return its number; the caller logs the public event in the same transaction."""
    latest = await db.scalar(
        select(func.coalesce(func.max(CaseProposals.version), 0)).where(
            CaseProposals.case_id == case_id
        )
    )
    version = int(latest or 0) + 1
    db.add(
        CaseProposals(
            case_id=case_id,
            version=version,
            acceptable=acceptable,
            packages=packages,
            views=views,
            computed_at=now,
        )
    )
    return version
