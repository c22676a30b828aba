"""Demo data for ``odr serve --demo``: accounts for each role and three cases to look at.

A two-party case both parties have joined (the room), a five-party inheritance case waiting for
its fifth heir (``demo_heirs``: the start without those who did not join), and a signed
settlement whose instalments are under way (``demo_instalments``: the tracker, a due overdue).

Idempotent: run it on every start; it only adds what is missing (each case once, when its
claimant has none). The password is public on purpose: this is for trying the service on your
own machine, never for a real deployment.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from odr.auth.accounts import create_account, find_user
from odr.auth.roles import Role
from odr.cases import service
from odr.cases.schemas import CaseCreate
from odr.centre.demo import ensure_demo_centre
from odr.demo_heirs import open_heirs_case, token_of
from odr.demo_instalments import sign_instalments_case
from odr.persistence.models import User
from odr.services import Services

DEMO_PASSWORD = "kelisim-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    role: Role
    language: str
    shows: str
    """What logging in as this account shows (printed by ``odr serve --demo``)."""


HEIRS_CLAIMANT = "madina@demo.kelisim.kz"
INSTALMENT_CREDITOR = "bakytzhan@demo.kelisim.kz"
DEMO_ACCOUNTS = (
    DemoAccount(
        "aigerim@demo.kelisim.kz", "Айгерім Серікқызы", Role.PARTY, "kk", "a two-party case"
    ),
    DemoAccount("ruslan@demo.kelisim.kz", "Руслан Ахметов", Role.PARTY, "ru", "its respondent"),
    DemoAccount(
        HEIRS_CLAIMANT,
        "Мәдина Қайратқызы",
        Role.PARTY,
        "kk",
        "five heirs, one not joined: 'Start with those who joined'",
    ),
    DemoAccount("yerzhan@demo.kelisim.kz", "Ержан Қайратұлы", Role.PARTY, "kk", "an heir"),
    DemoAccount("svetlana@demo.kelisim.kz", "Светлана Кайратовна", Role.PARTY, "ru", "an heir"),
    DemoAccount("timur@demo.kelisim.kz", "Тимур Кайратович", Role.PARTY, "ru", "an heir"),
    DemoAccount(
        INSTALMENT_CREDITOR,
        "Бақытжан Оспанов",
        Role.PARTY,
        "kk",
        "a signed settlement: instalment 1 confirmed, 2 overdue",
    ),
    DemoAccount("olga@demo.kelisim.kz", "Ольга Петрова", Role.PARTY, "ru", "its debtor, who pays"),
    DemoAccount(
        "mediator@demo.kelisim.kz", "Dana Mediator", Role.MEDIATOR, "ru", "the three cases"
    ),
    DemoAccount("admin@demo.kelisim.kz", "Demo Admin", Role.ADMIN, "en", "the centre"),
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


async def seed_demo(db: AsyncSession, services: Services) -> list[DemoAccount]:
    """Add what is missing; ``services`` with background workers off (a back-dated case's
    deadline must not fire while it is being built: ``demo_instalments``)."""
    settings, clock = services.settings, services.clock
    users: dict[str, User] = {}
    for account in DEMO_ACCOUNTS:
        user = await find_user(db, account.email)
        if user is None:
            user = await create_account(
                db,
                services.hasher,
                email=account.email,
                password=DEMO_PASSWORD,
                display_name=account.name,
                role=account.role,
                language=account.language,
                now=clock(),
            )
        users[account.email] = user
    await db.flush()
    await ensure_demo_centre(db, users["mediator@demo.kelisim.kz"], settings, clock())
    claimant = users["aigerim@demo.kelisim.kz"]
    if not await service.cases_of(db, claimant):
        _, (issued, *_) = await service.open_case(
            db, claimant, CaseCreate.model_validate(DEMO_CASE), settings, clock()
        )
        respondent = users["ruslan@demo.kelisim.kz"]
        await service.accept_invitation(db, respondent, token_of(issued), settings, clock())
    heirs = [users[a.email] for a in DEMO_ACCOUNTS[2:6]]
    if not await service.cases_of(db, heirs[0]):
        await open_heirs_case(db, heirs[0], heirs[1:], settings, clock())
    await db.commit()
    creditor, debtor = users[INSTALMENT_CREDITOR], users["olga@demo.kelisim.kz"]
    if not await service.cases_of(db, creditor):
        await sign_instalments_case(db, services, creditor, debtor)
    await db.commit()
    return list(DEMO_ACCOUNTS)
