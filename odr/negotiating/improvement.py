"""Post-settlement improvement: after an agreement on a package, offer one at least as good for
every party of the agreement and better for someone (``negotiation.improvement``), before
anyone signs.

The parties of the agreement are those taking part when it was made (``taking_part``: joined,
not withdrawn; nobody withdraws after an agreement, as only an open negotiation can be left).
A party that withdrew before is neither computed for, nor asked, nor waited for: its interests
(if it stated any) do not bind a package it is no party to, and it may not answer (409
``not_a_party``).

The flow, all of it in the case's log so that every instance and a restarted server agree:

1. The room records ``agreement`` (a package case): ``Room.on_agreement`` calls ``schedule``.
   The engine runs on the proposals' bounded thread pool, never on the event loop, with the
   solver's time limit, on the parties' stored private interests.
2. If there is an improvement and nobody has signed yet, ``improvement_offered`` is logged:
   the package itself is public (it would become the agreement, and the mediator may see what
   the parties may sign), each party's gain is not. A ``deadline_tasks`` row (kind
   ``improvement``), committed with the offer, lapses it after ``ODR_IMPROVEMENT_ANSWER_H``
   (48): the deadline scheduler finds it in the database, so a restart in between changes
   nothing, and its ``Room.record`` under the case lock lapses the offer once.
3. Each party reads its own gain in its own terms (``improvement_gain.own_gain``: its own
   utilities only) and answers. An acceptance is private (a ``private_inputs`` row of kind
   ``improvement``): the other parties learn nothing until the offer ends. Any party's decline
   ends it at once.
4. Every party accepted: ``improvement_adopted`` replaces the agreement (the settlement's
   ``agreement_of`` reads the latest of the two) and an existing draft is rebuilt from the new
   package (``drafting.redraft``), in the same transaction. A decline, the deadline or a
   signature: ``improvement_lapsed`` and the agreement stands.

Signing closes an open offer (``close_on_signature``): improvement happens before signing, and
a signature is a party saying "this text". An offer is never made once anyone has signed, and it
is never adopted over a signature (both checked under the case's lock), so a signature is never
voided by an improvement.

Nothing here logs a party's interests, utilities or gain: only the case id and the outcome.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from negotiation.errors import NegotiationError
from negotiation.improvement import Improvement, improve
from negotiation.model import NegotiationCase
from negotiation.optimizer import SolverSettings
from odr.cases.mechanism import Mechanism
from odr.cases.status import CaseStatus
from odr.negotiating.improvement_gain import preferences_of
from odr.negotiating.issues import model_issues
from odr.negotiating.taking_part import require_taking_part
from odr.persistence.models import (
    Case,
    CaseEvent,
    DeadlineTask,
    PrivateInput,
    Settlement,
    SettlementSignature,
)
from odr.room.log import NewEvent
from odr.room.room import Room
from odr.settlement import rules
from odr.settlement.agreement import Agreement, agreement_of, local_date
from odr.settlement.drafting import redraft

logger = logging.getLogger("odr.improvement")

TASK_KIND = "improvement"
INPUT_KIND = "improvement"
OFFERED, ADOPTED, LAPSED = "improvement_offered", "improvement_adopted", "improvement_lapsed"
LapseReason = Literal["declined", "expired", "signed"]


@dataclass(frozen=True)
class Offer:
    """An improvement offer as the public log tells it."""

    round: int
    package: Mapping[str, str]
    replaces_version: int
    expires_at: datetime
    status: Literal["open", "adopted", "lapsed"]
    reason: LapseReason | None = None


class OfferClosed(Exception):
    """The offer named is not open (adopted, lapsed, expired, another round, or none)."""


async def offer_of(db: AsyncSession, case_id: str) -> Offer | None:
    """The case's latest improvement offer and where it stands, from the log."""
    rows = (
        await db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case_id, CaseEvent.type.in_((OFFERED, ADOPTED, LAPSED)))
            .order_by(CaseEvent.seq)
        )
    ).all()
    offer: Offer | None = None
    for row in rows:
        data = row.data
        if row.type == OFFERED:
            offer = Offer(
                data["round"],
                dict(data["package"]),
                data["replaces_version"],
                datetime.fromisoformat(data["expires_at"]),
                "open",
            )
        elif offer is not None and data["round"] == offer.round:
            status: Literal["adopted", "lapsed"] = "adopted" if row.type == ADOPTED else "lapsed"
            offer = Offer(
                offer.round,
                offer.package,
                offer.replaces_version,
                offer.expires_at,
                status,
                data.get("reason"),
            )
    return offer


async def _signed(db: AsyncSession, case_id: str) -> bool:
    signature = await db.scalar(
        select(SettlementSignature.id)
        .join(Settlement, Settlement.id == SettlementSignature.settlement_id)
        .where(Settlement.case_id == case_id)
        .limit(1)
    )
    return signature is not None


async def _cancel_task(db: AsyncSession, case_id: str) -> None:
    await db.execute(
        update(DeadlineTask)
        .where(
            DeadlineTask.case_id == case_id,
            DeadlineTask.kind == TASK_KIND,
            DeadlineTask.done_at.is_(None),
            DeadlineTask.cancelled.is_(False),
        )
        .values(cancelled=True)
    )


def _lapsed(offer: Offer, reason: LapseReason) -> NewEvent:
    return NewEvent(LAPSED, {"round": offer.round, "reason": reason})


async def lapse_if_open(
    db: AsyncSession, case_id: str, reason: LapseReason, now: datetime
) -> list[NewEvent]:
    """Inside ``Room.record``: end an open offer (the deadline task, a signature)."""
    offer = await offer_of(db, case_id)
    if offer is None or offer.status != "open":
        return []
    if reason == "expired" and now < offer.expires_at:
        return []
    await _cancel_task(db, case_id)
    logger.info("improvement lapsed", extra={"case_id": case_id, "reason": reason})
    return [_lapsed(offer, reason)]


async def answer(
    db: AsyncSession,
    case: Case,
    user_id: str,
    role: str,
    round_: int,
    accept: bool,
    now: datetime,
) -> list[NewEvent]:
    """Inside ``Room.record``: the answer of ``role``'s party to offer ``round_``; raises
    ``OfferClosed``, or 409 ``not_a_party`` for a party that withdrew. Adopted once every party
    taking part accepted."""
    require_taking_part(case, role)
    offer = await offer_of(db, case.id)
    if offer is None or offer.round != round_ or offer.status != "open" or now >= offer.expires_at:
        raise OfferClosed
    if await _signed(db, case.id):
        raise OfferClosed  # the signature's own transaction lapses it (close_on_signature)
    if not accept:
        await _cancel_task(db, case.id)
        logger.info("improvement lapsed", extra={"case_id": case.id, "reason": "declined"})
        return [_lapsed(offer, "declined")]
    existing = await db.scalar(
        select(PrivateInput.id).where(
            PrivateInput.case_id == case.id,
            PrivateInput.user_id == user_id,
            PrivateInput.kind == INPUT_KIND,
            PrivateInput.round == offer.round,
        )
    )
    if existing is None:
        db.add(
            PrivateInput(
                case_id=case.id,
                user_id=user_id,
                kind=INPUT_KIND,
                round=offer.round,
                payload={"accepted": True},
                submitted_at=now,
            )
        )
        await db.flush()
    parties = {p.user_id for p in case.parties if p.withdrawn_at is None}
    accepted = set(
        await db.scalars(
            select(PrivateInput.user_id).where(
                PrivateInput.case_id == case.id,
                PrivateInput.kind == INPUT_KIND,
                PrivateInput.round == offer.round,
            )
        )
    )
    if not parties <= accepted:
        return []  # nothing public: the other parties must not learn of this acceptance
    await _cancel_task(db, case.id)
    await _redraft_settlement(db, case, offer.package, now)
    logger.info("improvement adopted", extra={"case_id": case.id})
    data = {"round": offer.round, "version": offer.replaces_version, "package": offer.package}
    return [NewEvent(ADOPTED, dict(data))]


async def _redraft_settlement(
    db: AsyncSession, case: Case, package: Mapping[str, str], now: datetime
) -> None:
    """An existing draft follows the new agreement; not yet drafted, it is drafted from it."""
    settlement = await db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is None:
        return
    terms = redraft(
        settlement.terms,
        case.issues,
        package,
        currency=case.currency,
        agreed_on=local_date(now),
        language=case.language,
    )
    rules.replace_terms(settlement, terms, settlement.court_id, case.currency, now)


class ImprovementService:
    """Computes the improvement after each agreement, off the loop; at most one run per case."""

    def __init__(self, room: Room, pool: ThreadPoolExecutor) -> None:
        settings = room.services.settings
        self.room = room
        self.pool = pool
        self.solver = SolverSettings(time_limit_s=settings.solver_time_limit_s, num_workers=2)
        self.tasks: dict[str, asyncio.Task[None]] = {}
        room.on_agreement.append(self.schedule)

    async def recover(self) -> int:
        """At start-up: look again at the package agreements of the last answer window that have
        no offer yet. ``Room.on_agreement`` runs in memory after the agreement's commit, so an
        instance that stopped in between never looked; doing it twice is harmless (``_offer``
        makes at most one offer, under the case lock). Returns how many it scheduled."""
        services = self.room.services
        since = services.clock() - timedelta(hours=services.settings.improvement_answer_h)
        async with services.sessions() as db:
            offered = select(CaseEvent.case_id).where(CaseEvent.type == OFFERED)
            rows = await db.scalars(
                select(Case.id).where(
                    Case.mechanism == Mechanism.PACKAGES,
                    Case.status == CaseStatus.AGREED,
                    Case.updated_at >= since,
                    Case.id.not_in(offered),
                )
            )
            case_ids = list(rows)
        for case_id in case_ids:
            self.schedule(case_id)
        return len(case_ids)

    def schedule(self, case_id: str) -> None:
        if case_id in self.tasks:
            return
        self.tasks[case_id] = asyncio.create_task(self._run(case_id), name=f"improvement:{case_id}")

    async def _run(self, case_id: str) -> None:
        try:
            await self.compute(case_id)
        except Exception:  # the agreement stands; nothing of the interests is logged
            logger.exception("improvement failed", extra={"case_id": case_id})
        finally:
            self.tasks.pop(case_id, None)

    async def compute(self, case_id: str) -> None:
        async with self.room.services.sessions() as db:
            case = await db.get_one(Case, case_id)
            agreement = await agreement_of(db, case_id)
            preferences = await preferences_of(db, case)
            roles = {p.role for p in case.parties if p.withdrawn_at is None}
        if (
            case.mechanism != Mechanism.PACKAGES
            or case.status != CaseStatus.AGREED
            or agreement is None
            or not roles
            or set(preferences) != roles
        ):
            return
        negotiation = NegotiationCase(model_issues(case.issues), tuple(preferences.values()))
        loop = asyncio.get_running_loop()
        try:
            found: Improvement | None = await loop.run_in_executor(
                self.pool, improve, negotiation, agreement.package, self.solver
            )
        except NegotiationError as exc:
            logger.warning("no improvement", extra={"case_id": case_id, "reason": exc.code})
            return
        if found is None:
            logger.info("agreement already Pareto-optimal", extra={"case_id": case_id})
            return
        await self.room.record(case_id, lambda db: self._offer(db, case_id, found, agreement))

    async def _offer(
        self, db: AsyncSession, case_id: str, found: Improvement, agreed: Agreement
    ) -> Sequence[NewEvent]:
        case = await db.get_one(Case, case_id)
        if case.status != CaseStatus.AGREED or await offer_of(db, case_id) is not None:
            return []
        if await _signed(db, case_id):
            return []  # improvement comes before signing, never over a signature
        now = self.room.services.clock()
        expires = now + timedelta(hours=self.room.services.settings.improvement_answer_h)
        db.add(DeadlineTask(case_id=case_id, kind=TASK_KIND, due_at=expires, deadline_at=expires))
        logger.info("improvement offered", extra={"case_id": case_id})
        data = {
            "round": 1,
            "package": dict(found.package),
            "replaces_version": agreed.version,
            "expires_at": expires.isoformat(),
        }
        return [NewEvent(OFFERED, data)]

    async def close_on_signature(self, case_id: str) -> None:
        """A party signed: an open offer lapses (the agreement stands)."""
        now = self.room.services.clock()
        await self.room.record(case_id, lambda db: lapse_if_open(db, case_id, "signed", now))

    async def close(self) -> None:
        for task in list(self.tasks.values()):
            task.cancel()
        await asyncio.gather(*self.tasks.values(), return_exceptions=True)
