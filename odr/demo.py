"""Demo data for ``odr serve --demo``: accounts for each role and a case both parties have joined.

Idempotent: run it on every start; it only adds what is missing. The password is public on
purpose: this is for trying the service on your own machine, never for a real deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.accounts import create_account, find_user
from odr.auth.passwords import PasswordHasherPool
from odr.auth.roles import Role
from odr.cases import service
from odr.cases.schemas import CaseCreate
from odr.centre.demo import ensure_demo_centre
from odr.persistence.models import User
from odr.services import Clock
from odr.settings import Settings

DEMO_PASSWORD = "kelisim-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role
    language: str


DEMO_ACCOUNTS = (
    DemoAccount("aigerim@demo.kelisim.kz", "Айгерім Серікқызы", Role.PARTY, "kk"),
    DemoAccount("ruslan@demo.kelisim.kz", "Руслан Ахметов", Role.PARTY, "ru"),
    DemoAccount("mediator@demo.kelisim.kz", "Dana Mediator", Role.MEDIATOR, "ru"),
    DemoAccount("admin@demo.kelisim.kz", "Demo Admin", Role.ADMIN, "en"),
)

DEMO_CASE = {
    "category": "civil",
    "subject": "Жөндеу жұмыстары үшін қарыз / Долг за ремонтные работы",
    "claim": {"amount": "850000.00", "currency": "KZT"},
    "language": "ru",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма выплаты",
            "range": {"min": 300000, "max": 850000, "step": 10000, "unit": "KZT"},
        },
        {
            "name": "schedule",
            "label": "График выплаты",
            "options": ["Сразу", "2 платежа", "4 платежа", "6 платежей"],
        },
        {
            "name": "repairs",
            "label": "Доделать работы",
            "options": ["Исполнитель доделывает", "Заказчик нанимает другого", "Без доработок"],
        },
    ],
    "respondent": {"name": "Руслан Ахметов", "email": "ruslan@demo.kelisim.kz"},
    "consent_to_online_mediation": True,
}


async def seed_demo(
    db: AsyncSession, hasher: PasswordHasherPool, settings: Settings, clock: Clock
) -> list[DemoAccount]:
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user = await find_user(db, account.email)
        if user is None:
            user = await create_account(
                db,
                hasher,
                email=account.email,
                password=DEMO_PASSWORD,
                display_name=account.name,
                role=account.role,
                language=account.language,
                now=clock(),
            )
        users[account.email] = user
    await db.flush()
    await ensure_demo_centre(db, users[DEMO_ACCOUNTS[2].email], settings, clock())
    claimant = users[DEMO_ACCOUNTS[0].email]
    if not await service.cases_of(db, claimant):
        _, (issued, *_) = await service.open_case(
            db, claimant, CaseCreate.model_validate(DEMO_CASE), settings, clock()
        )
        token = issued.url.split("#token=", 1)[1]
        await service.accept_invitation(db, users[DEMO_ACCOUNTS[1].email], token, settings, clock())
    await db.commit()
    return list(DEMO_ACCOUNTS)
