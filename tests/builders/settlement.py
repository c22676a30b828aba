"""From two parties (or up to ten) to an agreement (through the room's own command path), the
settlement's terms completed, and every signature: each stage a test may start from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
from sqlalchemy import select
from starlette.applications import Starlette

from odr.cases.parties import party_role
from odr.cases.status import CaseStatus
from odr.documents.envelope import PartySignature, SignedSettlement, record_sha256, sign_envelope
from odr.documents.identifiers import check_digit
from odr.documents.keys import PlatformKey
from odr.documents.record import SettlementRecord
from odr.persistence.models import Case, User
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.parties import seat_party

if TYPE_CHECKING:
    from tests.conftest import Client, MakeClient

PASSWORD = "correct horse battery"
PACKAGE = {"amount": "150000", "issue2": "через месяц"}
CLAIMANT_DETAILS: dict[str, Any] = {
    "kind": "person",
    "full_name": "Айгерім Серікқызы Нұрланова",
    "iin": "061211600012",
    "address": "Астана, Абай даңғылы, 10, 5 пәтер",
}
RESPONDENT_DETAILS: dict[str, Any] = {
    "kind": "organisation",
    "full_name": "Мебель Плюс",
    "legal_form": "ТОО",
    "bin": "940140000385",
    "address": "Алматы, ул. Толе би, 55",
    "signatory": {
        "full_name": "Руслан Ахметов",
        "position": "директор",
        "authority": "устав",
        "iin": "800101300125",
    },
}


EXAMPLE_SIGNERS: list[tuple[str, str, str]] = [
    ("claimant", "Ғалым Өтегенұлы Құдайбергенов", "781105350675"),
    ("respondent", "Ерлан Болатұлы Сейітов", "150540001233"),
]
"""Who signs ``odr.documents.example``'s record: the claimant's representative and the
respondent's signatory with the organisation's BIN (role, name, IIN or BIN)."""


def signed_by(
    record: SettlementRecord,
    signers: Sequence[tuple[str, str, str]] = EXAMPLE_SIGNERS,
    key: PlatformKey | None = None,
) -> SignedSettlement:
    """``record`` signed by each of ``signers`` with its password and sealed by the platform
    (a new key unless ``key``), all on 14 March 2025 at 08:05 UTC."""
    at = datetime(2025, 3, 14, 8, 5, tzinfo=UTC)
    signatures = [
        PartySignature(
            role=role,
            full_name=name,
            identifier=number,
            signed_at=at,
            method="password-reauthentication",
            record_sha256=record_sha256(record),
        )
        for role, name, number in signers
    ]
    return sign_envelope(record, signatures, key or PlatformKey.generate(), at)


async def user_of(app: Starlette, email: str) -> User:
    async with services_of(app).sessions() as db:
        user = await db.scalar(select(User).where(User.email == email))
        assert isinstance(user, User)
        return user


async def joined_case(make_client: MakeClient) -> tuple[Client, Client, str]:
    """A case the claimant opened and the respondent joined by its invitation."""
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    return claimant, respondent, str(created["case"]["id"])


async def agreed_case(app: Starlette, make_client: MakeClient) -> tuple[Client, Client, str]:
    """Two parties who agreed on ``PACKAGE`` through the room's own command path."""
    claimant, respondent, case_id = await joined_case(make_client)
    room = services_of(app).room
    await execute(
        room,
        await user_of(app, "aigerim@example.kz"),
        "claimant",
        case_id,
        MakeOffer(type="offer", key="offer-1", package=PACKAGE),
    )
    await execute(
        room,
        await user_of(app, "ruslan@example.kz"),
        "respondent",
        case_id,
        Accept(type="accept", key="accept-1", version=1),
    )
    return claimant, respondent, case_id


def doers_chosen(
    obligations: list[dict[str, Any]], doer: str = "respondent"
) -> list[dict[str, Any]]:
    """The drafted obligations with the doer the draft leaves open (an action's, null) chosen
    as the parties would: ``doer`` ("claimant", "respondent" or "both")."""
    other = {"claimant": "respondent", "respondent": "claimant", "both": None}
    return [
        o if o["debtor"] is not None else {**o, "debtor": doer, "creditor": other[doer]}
        for o in obligations
    ]


async def complete(
    claimant: Client, respondent: Client, case_id: str, **terms: Any
) -> dict[str, Any]:
    """Both parties' details and the terms (``terms`` changes them; an action's doer left open
    by the draft is the respondent): ready to sign."""
    url = f"/api/cases/{case_id}/settlement"
    assert (await claimant.put(f"{url}/parties/me", json=CLAIMANT_DETAILS)).status_code == 200
    response = await respondent.put(f"{url}/parties/me", json=RESPONDENT_DETAILS)
    assert response.status_code == 200, response.text
    current = response.json()
    body = {
        "version": current["version"],
        "place": "Астана",
        "kind": current["terms"]["kind"],
        "court_code": None,
        "court_case_number": None,
        "legal_basis": current["terms"]["legal_basis"],
        "document_language": "ru",
        "obligations": doers_chosen(current["terms"]["obligations"]),
        "default_terms": current["terms"]["default_terms"],
        "costs": current["terms"]["costs"],
        "waiver_of_remaining_claims": True,
        "confidentiality": True,
        "singapore_convention_opt_in": False,
        **terms,
    }
    response = await claimant.put(f"{url}/terms", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def sign(
    client: Client, case_id: str, record_hash: str, password: str = PASSWORD
) -> httpx.Response:
    return await client.post(
        f"/api/cases/{case_id}/settlement/signatures",
        json={"password": password, "record_sha256": record_hash},
    )


async def signed_case(
    app: Starlette, make_client: MakeClient, **terms: Any
) -> tuple[Client, str, dict[str, Any]]:
    """A settlement both parties signed; the claimant's client, the case id, the signed answer."""
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id, **terms)
    assert (await sign(claimant, case_id, settlement["record_sha256"])).status_code == 201
    response = await sign(respondent, case_id, settlement["record_sha256"])
    assert response.status_code == 201, response.text
    return claimant, case_id, dict(response.json())


@dataclass(frozen=True)
class Party:
    """A party to a several-party settlement: its key, side, e-mail and logged-in client."""

    role: str
    side: str
    email: str
    client: Client


def iin(serial: int, birth: str = "800101", century_sex: str = "3") -> str:
    """A valid 12-digit IIN (check digit computed), a different one for each ``serial``."""
    for n in range(serial * 10, serial * 10 + 10):
        first = f"{birth}{century_sex}{n % 10000:04d}"
        digit = check_digit(first)
        if digit is not None:
            return f"{first}{digit}"
    raise AssertionError(f"no IIN for serial {serial}")


def person_details(name: str, serial: int) -> dict[str, Any]:
    """A person's details as ``PUT …/settlement/parties/me`` takes them."""
    return {
        "kind": "person",
        "full_name": name,
        "iin": iin(serial),
        "address": f"Астана, ул. Кенесары, {serial}",
    }


async def agreed_case_of(
    app: Starlette, make_client: MakeClient, sides: Sequence[str], withdrawn: Sequence[str] = ()
) -> tuple[list[Party], str]:
    """A case of ``2 + len(sides)`` parties who all accepted ``PACKAGE`` in the room: the
    claimant and respondent as ``agreed_case`` makes them (the invitation), then ``party3`` …
    seated on ``sides`` before the offer. The parties of ``withdrawn`` leave the negotiation
    (``POST …/withdrawal``) once the offer is made; each other party accepts in party order until
    the case is agreed."""
    claimant, respondent, case_id = await joined_case(make_client)
    parties = [
        Party("claimant", "claimant", "aigerim@example.kz", claimant),
        Party("respondent", "respondent", "ruslan@example.kz", respondent),
    ]
    for n, side in enumerate(sides, 3):
        email = f"heir{n}@example.kz"
        seated = await seat_party(
            app, make_client(), case_id, party_role(n), email=email, side=side
        )
        parties.append(Party(seated.role, seated.side, email, seated.client))
    services = services_of(app)
    first = parties[0]
    offer = MakeOffer(type="offer", key="offer-1", package=PACKAGE)
    await execute(services.room, await user_of(app, first.email), first.role, case_id, offer)
    for party in parties:
        if party.role in withdrawn:
            left = await party.client.post(f"/api/cases/{case_id}/withdrawal")
            assert left.status_code == 200, left.text
    for party in [p for p in parties[1:] if p.role not in withdrawn]:
        async with services.sessions() as db:
            status = await db.scalar(select(Case.status).where(Case.id == case_id))
        if status == CaseStatus.AGREED:
            break
        accept = Accept(type="accept", key=f"accept-{party.role}", version=1)
        await execute(services.room, await user_of(app, party.email), party.role, case_id, accept)
    return parties, case_id
