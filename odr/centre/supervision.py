"""What the case's mediator does: pause and resume, extend the deadline, close, refer to court,
attest the mediation; and what the centre's administrators do: give the case to another mediator.

Each action is one call here from its route, and checks first who may do it (404 for a case the
caller may not see, 403 for one it sees but may not act on). The change is then one
``Room.record`` transaction under the case lock: the state change, the parties' notices and the
logged event commit together, then the room hears it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import switching
from odr.cases.mechanism import Mechanism
from odr.cases.schemas import ItemIn
from odr.cases.status import SETTLED, UNDECIDED, CaseStatus
from odr.centre.access import require_mediator, staff_case
from odr.centre.assignment import reassign
from odr.centre.deadlines import cancel_tasks, party_user_ids, plan_deadline
from odr.court import referral_package
from odr.errors import Conflict, Forbidden
from odr.negotiating import bidding_rounds
from odr.notify import enqueue_notice
from odr.persistence.models import (
    Case,
    CaseEvent,
    CaseParty,
    CourtReferral,
    Mediation,
    PartySharing,
    User,
)
from odr.room.log import NewEvent
from odr.room.room import Room

# What a court's record of a referred case holds (once every party shared it): the moves both
# parties saw, of every mechanism; never a bid, points or an improvement answer (no event has one).
RECORD_EVENTS = (
    "offer",
    "counter_offer",
    "accept",
    "reject",
    "withdraw",
    "message",
    "agreement",
    "bidding",
    "bidding_settled",
    "points_submitted",
    "mechanism_switch",
    "improvement_offered",
    "improvement_adopted",
    "improvement_lapsed",
)

Decision = tuple[str, dict[str, Any]] | None
"""The event an action logs (type, data), or None when it was done already (nothing to log)."""
Decide = Callable[[AsyncSession, Case, Mediation, datetime], Awaitable[Decision]]


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC")


async def _locked(db: AsyncSession, case_id: str) -> tuple[Case, Mediation]:
    case = await db.get_one(Case, case_id)
    mediation = await db.get_one(Mediation, case_id)
    return case, mediation


async def _notify_parties(
    db: AsyncSession, case: Case, kind: str, params: dict[str, Any], now: datetime
) -> None:
    base = {"reference": case.reference, "subject": case.subject}
    for user_id in await party_user_ids(db, case.id):
        await enqueue_notice(db, user_id=user_id, kind=kind, params={**base, **params}, now=now)


class Supervision:
    """What ``user`` does to a case, as staff; ``db`` is the request's session, which finds
    the case and, after the action, reads what it committed."""

    def __init__(self, db: AsyncSession, room: Room, user: User) -> None:
        self.db = db
        self.room = room
        self.user = user

    async def _may_act(self, case_id: str, *, as_admin: bool = False) -> str:
        """The case's id if the caller may act on it: its mediator, or for ``as_admin`` an
        administrator of its centre. 404 for a case the caller may not see, 403 otherwise."""
        staff = await staff_case(self.db, self.user, case_id)
        if not as_admin:
            require_mediator(staff)
        elif not staff.admin:
            raise Forbidden(
                "only the centre's administrators can reassign", code="not_centre_admin"
            )
        # End this read transaction: the action runs in the room's own one, under the case lock,
        # and the answer must show what it committed.
        await self.db.commit()
        return staff.case.id

    async def _record(
        self, case_id: str, decide: Decide, also: list[NewEvent] | None = None
    ) -> None:
        """``decide``'s event, then any events it put in ``also`` (logged by the system)."""
        case_id = await self._may_act(case_id)

        async def wrapped(db: AsyncSession) -> Sequence[NewEvent]:
            case, mediation = await _locked(db, case_id)
            now = self.room.services.clock()
            event = await decide(db, case, mediation, now)
            if event is None:  # already done, by this request's twin or before: nothing to log
                return []
            case.updated_at = now
            return [NewEvent(event[0], event[1], self.user.id, "mediator"), *(also or [])]

        await self.room.record(case_id, wrapped)

    async def pause(self, case_id: str, reason: str) -> None:
        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            if case.status != CaseStatus.OPEN:
                raise Conflict(
                    f"only an open case can be paused (it is {case.status})", code="case_not_open"
                )
            case.status, m.paused_at = CaseStatus.PAUSED, now
            await cancel_tasks(db, case.id)
            await _notify_parties(db, case, "case_paused", {"reason": reason}, now)
            return "paused", {"reason": reason}

        await self._record(case_id, decide)

    async def resume(self, case_id: str) -> None:
        moved: list[NewEvent] = []

        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            if case.status != CaseStatus.PAUSED or m.paused_at is None:
                raise Conflict("the case is not paused", code="case_not_paused")
            # The time spent paused does not count against the parties, nor against an open
            # blind-bidding round (its own deadline moves alike).
            paused_for = now - m.paused_at
            m.deadline_at = m.deadline_at + paused_for
            case.status, m.paused_at = CaseStatus.OPEN, None
            moved[:] = await bidding_rounds.resume_round(db, case, paused_for, now)
            await plan_deadline(db, case.id, m.deadline_at, now, self.room.services.settings)
            await _notify_parties(db, case, "case_resumed", {"deadline": _when(m.deadline_at)}, now)
            return "resumed", {"deadline_at": m.deadline_at.isoformat()}

        await self._record(case_id, decide, also=moved)

    async def extend(self, case_id: str, days: int, reason: str) -> None:
        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            if case.status not in UNDECIDED:
                raise Conflict(
                    f"the case is {case.status}; its deadline is over", code="case_closed"
                )
            base = max(m.deadline_at, now) if case.status == CaseStatus.EXPIRED else m.deadline_at
            m.deadline_at = base + timedelta(days=days)
            if case.status == CaseStatus.EXPIRED:  # an extension reopens an expired mediation
                case.status, m.outcome = CaseStatus.OPEN, None
            if case.status != CaseStatus.PAUSED:
                await plan_deadline(db, case.id, m.deadline_at, now, self.room.services.settings)
            params = {"deadline": _when(m.deadline_at), "reason": reason}
            await _notify_parties(db, case, "deadline_extended", params, now)
            data = {"kind": "extended", "deadline_at": m.deadline_at.isoformat(), "reason": reason}
            return "deadline", data

        await self._record(case_id, decide)

    async def close(self, case_id: str, outcome: str, reason: str) -> None:
        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            if m.closed_at is not None:
                raise Conflict("the mediation is already closed", code="case_closed")
            if outcome == "settled" and case.status not in SETTLED:
                raise Conflict(
                    "a case is settled once the parties agreed in the room", code="not_agreed"
                )
            if outcome == "failed" and case.status not in UNDECIDED:
                raise Conflict(f"the case is {case.status}", code="case_closed")
            if outcome == "failed":
                case.status = CaseStatus.FAILED
            m.outcome, m.closed_at, m.close_reason, m.paused_at = outcome, now, reason, None
            await cancel_tasks(db, case.id)
            await _notify_parties(db, case, "case_closed", {"outcome": outcome}, now)
            return "closed", {"outcome": outcome, "reason": reason}

        await self._record(case_id, decide)

    async def refer(
        self, case_id: str, reason: str, court_code: str | None = None
    ) -> CourtReferral:
        """Refer the case to court (the one ``court_code`` names, whose API client then sees
        the referral package: ``odr.court.referral_package``); returns the referral as stored."""
        referral_id = ""

        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            nonlocal referral_id
            if case.status not in (CaseStatus.FAILED, CaseStatus.EXPIRED):
                raise Conflict(
                    "only a failed or expired mediation can be referred to court "
                    f"(the case is {case.status})",
                    code="not_referable",
                )
            court = await referral_package.court_named(db, court_code)
            record = await shared_record(db, case, m)
            referral = CourtReferral(
                case_id=case.id,
                referred_by=self.user.id,
                reason=reason,
                record=record,
                created_at=now,
            )
            db.add(referral)
            await db.flush()
            referral_id = referral.id
            await referral_package.produce(db, case, m, referral, court, now)
            case.status = CaseStatus.REFERRED
            m.outcome = "referred"
            m.closed_at = m.closed_at or now
            await cancel_tasks(db, case.id)
            await _notify_parties(db, case, "case_referred", {}, now)
            return "referred", {"referral_id": referral.id, "record_shared": record["shared"]}

        await self._record(case_id, decide)
        services = self.room.services
        await referral_package.audit_packaged(
            services.sessions, referral_id, self.user.id, services.clock()
        )
        return await self.db.get_one(CourtReferral, referral_id)

    async def attest(
        self, case_id: str, contract_date: date, evidence: dict[str, Any] | None = None
    ) -> None:
        """``evidence``: the mediator's EDS over the attestation, checked by then (#14)."""

        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            if case.status != CaseStatus.AGREED:
                raise Conflict("a mediation is attested once the parties agreed", code="not_agreed")
            if contract_date > now.date():
                raise Conflict(
                    "the mediation contract date is in the future", code="contract_date_in_future"
                )
            if m.attested_at is not None and m.contract_date == contract_date:
                # The same attestation again (a double click): the settlement's text, which
                # names the attestation, must not change and void the parties' signatures.
                if evidence is not None:
                    m.attestation_evidence = evidence
                return None
            m.attested_at, m.contract_date = now, contract_date
            m.attestation_evidence = evidence
            return "attested", {"contract_date": contract_date.isoformat()}

        await self._record(case_id, decide)

    async def propose_mechanism(
        self, case_id: str, to: Mechanism, items: Sequence[ItemIn] | None
    ) -> None:
        """Propose that the case go on by ``to``; it switches once both parties consent
        (``odr.cases.switching``). Proposing again replaces an open proposal."""

        async def decide(db: AsyncSession, case: Case, m: Mediation, now: datetime) -> Decision:
            data = switching.proposal(case, to, items)
            await switching.notify_parties(db, case, "mechanism_switch_proposed", now)
            return switching.EVENT, data

        await self._record(case_id, decide)

    async def reassign(self, case_id: str, mediator_id: str, reason: str) -> None:
        """Give the case to another mediator of its centre (its administrators only)."""
        case_id = await self._may_act(case_id, as_admin=True)

        async def decide(db: AsyncSession) -> list[NewEvent]:
            case, mediation = await _locked(db, case_id)
            now = self.room.services.clock()
            mediator = await reassign(db, case, mediation, mediator_id, reason, self.user, now)
            name = await db.scalar(select(User.display_name).where(User.id == mediator.user_id))
            case.updated_at = now
            # The parties see who mediates now; the reason stays with the centre (assignment log).
            return [
                NewEvent("system", {"key": "mediator.changed", "mediator": name}, None, "system")
            ]

        await self.room.record(case_id, decide)


async def shared_record(db: AsyncSession, case: Case, mediation: Mediation) -> dict[str, Any]:
    """What a court receives: the case summary always; the room's public record (offers,
    messages, agreement) only when every party agreed to share it. Never private interests."""
    parties = list(
        await db.execute(
            select(CaseParty.role, CaseParty.display_name, CaseParty.user_id)
            .where(CaseParty.case_id == case.id)
            .order_by(CaseParty.id)
        )
    )
    consents = {
        user_id: shared
        for user_id, shared in await db.execute(
            select(PartySharing.user_id, PartySharing.record_with_court).where(
                PartySharing.case_id == case.id
            )
        )
    }
    everyone = bool(parties) and all(consents.get(p.user_id) for p in parties)
    record: dict[str, Any] = {
        "reference": case.reference,
        "category": case.category,
        "subject": case.subject,
        "claim_amount": str(case.claim_amount) if case.claim_amount is not None else None,
        "currency": case.currency,
        "parties": [{"role": p.role, "name": p.display_name} for p in parties],
        "mediation": {
            "started_at": mediation.started_at.isoformat(),
            "deadline_at": mediation.deadline_at.isoformat(),
            "outcome": mediation.outcome or case.status,
        },
        "shared": everyone,
        "events": [],
    }
    if everyone:
        rows = await db.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id == case.id, CaseEvent.type.in_(RECORD_EVENTS))
            .order_by(CaseEvent.seq)
        )
        record["events"] = [
            {
                "seq": e.seq,
                "type": e.type,
                "role": e.actor_role,
                "at": e.created_at.isoformat(),
                "data": e.data,
            }
            for e in rows
        ]
    return record
