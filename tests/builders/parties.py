"""A party seated in a case directly, as if it had joined through its own invitation.

For tests of the layers above the case (proposals, the room, the settlement, the centre) that
need three to ten parties and are not about invitations: ``odr/cases`` owns how a party gets
in, and its own tests go through HTTP. The seated party is a real account (signed up over HTTP,
so its client is logged in) with a real ``case_parties`` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.parties import default_side
from odr.persistence.models import CaseParty, User
from tests.builders.app import services_of

if TYPE_CHECKING:
    from tests.conftest import Client


@dataclass(frozen=True)
class Seated:
    role: str
    side: str
    user_id: str
    client: Client


async def seat_party(
    app: Starlette,
    client: Client,
    case_id: str,
    role: str,
    *,
    email: str,
    side: str | None = None,
) -> Seated:
    """Sign ``client`` up as ``email`` and seat it in the case as ``role`` (party3…party10, or
    the respondent of a case nobody joined yet) on ``side`` (by default the role's own)."""
    await client.signup(email)
    services = services_of(app)
    now = services.clock()
    async with services.sessions() as db, db.begin():
        user = await db.scalar(select(User).where(User.email == email))
        assert user is not None
        chosen = side or default_side(role)
        db.add(
            CaseParty(
                case_id=case_id,
                user_id=user.id,
                role=role,
                side=chosen,
                display_name=user.display_name,
                consented_at=now,
                joined_at=now,
            )
        )
        user_id = user.id
    return Seated(role, chosen, user_id, client)


# Three parties besides the claimant, for the tests of inviting several (the real flow, HTTP).
RESPONDENT = {"name": "Ruslan", "email": "ruslan@example.kz"}
OTHERS: list[dict[str, Any]] = [
    {"name": "Дана", "email": "dana@example.kz", "side": "respondent", "language": "kk"},
    {"name": "Ерлан", "email": "erlan@example.kz", "phone": "8 701 555 44 33"},
]


def token_for(created: dict[str, Any], role: str) -> str:
    """The token of ``role``'s link in a 201 answer of ``POST /api/cases``."""
    [url] = [i["url"] for i in created["invitations"] if i["role"] == role]
    return str(url.split("#token=", 1)[1])


async def join_as(client: Client, email: str, token: str) -> dict[str, Any]:
    """Sign ``client`` up as ``email`` and accept the invitation: the case it answers."""
    await client.signup(email)
    response = await client.post(
        "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())
