"""The demo's signed settlement whose schedule is under way (#18), for the tracker to show.

A furniture supplier (the claimant) and a customer (the respondent) agreed in the room on
600 000 tenge in three monthly instalments. The story is dated back from today so the tracker
has a history: the case opened 45 days ago, the settlement was signed 42 days ago, the first
instalment (due 35 days ago) was paid the day before and its receipt confirmed on its date,
the second (due 5 days ago) is overdue with its penalty, the third falls due in 25 days.

Everything goes through the functions the API calls: ``open_case`` and ``accept_invitation``
(given the back-dated time), the room's own command path for the offer and its acceptance,
``odr.settlement.service`` for the details, the terms and both signatures (on a copy of the
services whose clock reads the signing day), and ``odr.fulfilment.steps.record_step`` inside
``Room.record`` for the payment and its confirmation (given their days). What cannot be dated
back: the room stamps its events (the offer, the acceptance, the two steps) with the real time.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import service
from odr.cases.documents import Reader
from odr.cases.schemas import CaseCreate
from odr.demo_heirs import token_of
from odr.documents.envelope import record_sha256
from odr.fulfilment import steps
from odr.fulfilment.ledger import StepKind, today_of
from odr.persistence.models import User
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from odr.room.log import NewEvent
from odr.services import Services
from odr.settlement import service as settlement_service
from odr.settlement.record_builder import build_record
from odr.settlement.schemas import PartyDetailsIn, SettlementTermsIn
from odr.signing.settlement_flow import require_simple_allowed

INSTALMENTS_CASE = {
    "category": "consumer",
    "subject": "Жеткізілген жиһаз үшін төлем / Оплата за поставленную мебель",
    "claim": {"amount": "900000.00", "currency": "KZT"},
    "language": "ru",
    "mechanism": "packages",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма выплаты",
            "range": {"min": 300000, "max": 900000, "step": 50000, "unit": "KZT"},
        },
        {"name": "payments", "label": "График", "options": ["Сразу", "3 платежа"]},
    ],
    "respondent": {"name": "Ольга Петрова", "email": "olga@demo.kelisim.kz", "language": "ru"},
    "consent_to_online_mediation": True,
}
AGREED = {"amount": "600000", "payments": "3 платежа"}
DETAILS = {
    "claimant": {
        "kind": "person",
        "full_name": "Бақытжан Серікұлы Оспанов",
        "iin": "061211600012",
        "address": "Алматы, Сейфуллин даңғылы, 410",
    },
    "respondent": {
        "kind": "person",
        "full_name": "Ольга Викторовна Петрова",
        "iin": "800101300125",
        "address": "Алматы, ул. Жандосова, 58, кв. 12",
    },
}
OPENED_DAYS_AGO, SIGNED_DAYS_AGO = 45, 42
FIRST_DUE_DAYS_AGO = 35
"""The instalments fall 35 days ago, 5 days ago and in 25 days."""


def _obligation(first_due: Any) -> dict[str, Any]:
    days = [first_due + timedelta(days=30 * n) for n in range(3)]
    return {
        "debtor": "respondent",
        "creditor": "claimant",
        "kind": "payment",
        "description": "Оплата за поставленную мебель (шкаф и кухонный гарнитур)",
        "amount": "600000.00",
        "currency": "KZT",
        "method": {"code": "bank_transfer"},
        "account": "KZ86125KZT5004100100",
        "due_date": days[-1].isoformat(),
        "instalments": [{"due_date": d.isoformat(), "amount": "200000.00"} for d in days],
    }


async def sign_instalments_case(
    db: AsyncSession, services: Services, creditor: User, debtor: User
) -> None:
    """The whole story above, for ``creditor`` (claimant) and ``debtor`` (respondent)."""
    now = services.clock()
    opened = now - timedelta(days=OPENED_DAYS_AGO)
    body = CaseCreate.model_validate(INSTALMENTS_CASE)
    case, (issued,) = await service.open_case(db, creditor, body, services.settings, opened)
    await service.accept_invitation(db, debtor, token_of(issued), services.settings, opened)
    await db.commit()
    offer = MakeOffer(type="offer", key="demo-offer", package=AGREED)
    await execute(services.room, creditor, "claimant", case.id, offer)
    accept = Accept(type="accept", key="demo-accept", version=1)
    await execute(services.room, debtor, "respondent", case.id, accept)
    signed_at = now - timedelta(days=SIGNED_DAYS_AGO)
    await _sign(db, replace(services, clock=lambda: signed_at), case.id, creditor, debtor)
    first_due = today_of(now) - timedelta(days=FIRST_DUE_DAYS_AGO)
    on_the_day = datetime.combine(first_due, datetime.min.time(), tzinfo=now.tzinfo) + timedelta(
        hours=6
    )
    await _step(
        services, case.id, Reader(debtor.id, "respondent"), "paid", on_the_day - timedelta(days=1)
    )
    await _step(services, case.id, Reader(creditor.id, "claimant"), "received", on_the_day)


async def _sign(
    db: AsyncSession, services: Services, case_id: str, creditor: User, debtor: User
) -> None:
    """Both parties' details, the instalment terms, both signatures (on ``services.clock``)."""
    parties = {"claimant": creditor, "respondent": debtor}
    for role, user in parties.items():
        details = PartyDetailsIn.model_validate(DETAILS[role])
        dumped = details.model_dump(mode="json", exclude_none=True)
        await settlement_service.change_my_details(db, services, user, case_id, dumped)
    case, settlement = await settlement_service.settlement_for(
        db, creditor, case_id, services.clock()
    )
    first_due = today_of(services.clock()) + timedelta(days=SIGNED_DAYS_AGO - FIRST_DUE_DAYS_AGO)
    drafted = {k: v for k, v in settlement.terms.items() if k in SettlementTermsIn.model_fields}
    terms = SettlementTermsIn.model_validate(
        {
            **drafted,
            "version": settlement.version,
            "place": "Алматы",
            "document_language": "ru",
            "obligations": [_obligation(first_due)],
            "default_terms": {"acceleration_after_days": 30, "penalty_percent_per_day": "0.1"},
            "waiver_of_remaining_claims": True,
            "confidentiality": True,
        }
    )
    changed = terms.model_dump(mode="json", exclude={"version"})
    await settlement_service.change_terms(db, services, creditor, case_id, terms.version, changed)
    case, settlement = await settlement_service.settlement_for(
        db, creditor, case_id, services.clock()
    )
    record = await build_record(db, case, settlement)
    assert record is not None, "the demo settlement is complete"
    reviewed = record_sha256(record)

    async def simple_signature_allowed() -> None:
        await require_simple_allowed(db, services.settings, case_id)

    for user in parties.values():
        await settlement_service.sign_settlement(
            db, services, user, case_id, reviewed, simple_signature_allowed
        )


async def _step(
    services: Services, case_id: str, reader: Reader, kind: StepKind, at: datetime
) -> None:
    """``reader``'s step on the first instalment, judged and stored as the API does."""

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        reference = "KZ-DEMO-0001" if kind == "paid" else None
        return await steps.record_step(
            locked, case_id, reader, "1.1", kind, reference, None, None, at
        )

    await services.room.record(case_id, decide, actor_user_id=reader.user_id)
