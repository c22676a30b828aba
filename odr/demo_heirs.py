"""The demo's five-party inheritance case (#17), as its claimant sees it before the start.

Five heirs share a house, a car, a piano and savings by fair division. The claimant opened the
case with four invitations; three heirs joined, the fifth has not, so the case still waits and
its page offers the claimant "Start with those who joined". Built through the same service
functions the API calls (``open_case``, ``accept_invitation``): no row is written by hand.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases import service
from odr.cases.invitations import IssuedInvitation
from odr.cases.schemas import CaseCreate
from odr.persistence.models import User
from odr.settings import Settings

HEIRS_CASE = {
    "category": "family",
    "subject": "Мұраны бөлу: үй, көлік, пианино, жинақ / Раздел наследства",
    "language": "kk",
    "region": "Алматы",
    "mechanism": "division",
    "items": [
        {"name": "Алматыдағы үйдің үлесі / Доля в доме в Алматы", "value": "18000000.00"},
        {"name": "Toyota Camry 2018 көлігі / Автомобиль Toyota Camry 2018", "value": "9500000.00"},
        {"name": "«Беларусь» пианиносы / Пианино «Беларусь»", "value": "400000.00"},
        {"name": "Депозиттегі жинақ / Сбережения на депозите", "value": "6000000.00"},
    ],
    "respondent": {"name": "Ержан Қайратұлы", "email": "yerzhan@demo.kelisim.kz"},
    "other_parties": [
        {"name": "Светлана Кайратовна", "email": "svetlana@demo.kelisim.kz", "language": "ru"},
        {"name": "Тимур Кайратович", "email": "timur@demo.kelisim.kz", "language": "ru"},
        {"name": "Әсел Қайратқызы", "email": "asel@demo.kelisim.kz", "language": "kk"},
    ],
    "consent_to_online_mediation": True,
}
"""Party5 (Әсел) is invited but has no demo account: her invitation stays pending."""


def token_of(invitation: IssuedInvitation) -> str:
    """The secret of an invitation's link (its fragment), as the join page reads it."""
    return invitation.url.split("#token=", 1)[1]


async def open_heirs_case(
    db: AsyncSession, claimant: User, joining: list[User], settings: Settings, now: datetime
) -> None:
    """Open the case as ``claimant``; ``joining`` (respondent, party3, party4) accept their
    links in that order, party5's stays pending."""
    body = CaseCreate.model_validate(HEIRS_CASE)
    _, issued = await service.open_case(db, claimant, body, settings, now)
    for heir, invitation in zip(joining, issued, strict=False):
        await service.accept_invitation(db, heir, token_of(invitation), settings, now)
