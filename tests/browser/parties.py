"""Two parties with a case between them, set up over HTTP: a browser test starts where it wants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.odr.room_client import RoomClient

AMOUNT = {"min": 0, "max": 400000, "step": 10000, "unit": "KZT"}
ISSUES = [
    {"name": "amount", "label": "Amount to pay", "range": AMOUNT},
    {"name": "deadline", "label": "When", "options": ["At once", "In a month", "In instalments"]},
]

CASE: dict[str, Any] = {
    "category": "civil",
    "subject": "Unpaid repair of a flat",
    "language": "en",
    "issues": ISSUES,
    "respondent": {"name": "Ruslan Akhmetov", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}

CLAIMANT_ANSWERS = {
    "importance": {"ranking": ["amount", "deadline"]},
    "issues": {
        "amount": {"best": 400000, "acceptable": 250000, "limit": 150000},
        "deadline": {"options": {"At once": "ideal", "In a month": "acceptable",
                                 "In instalments": "unacceptable"}},
    },
    "walk_away": "balanced",
}  # fmt: skip

RESPONDENT_ANSWERS = {
    "importance": {"ranking": ["deadline", "amount"]},
    "issues": {
        "amount": {"best": 0, "acceptable": 200000, "limit": 300000},
        "deadline": {"options": {"At once": "unacceptable", "In a month": "acceptable",
                                 "In instalments": "ideal"}},
    },
    "walk_away": "balanced",
}  # fmt: skip


@dataclass
class Parties:
    case_id: str
    claimant: RoomClient
    respondent: RoomClient
    invitation: str


async def open_case(address: str, joined: bool = True, interests: bool = False) -> Parties:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    case_id = created["case"]["id"]
    url = created["invitation"]["url"]
    token = url.split("#token=", 1)[1]
    if joined:
        accepted = await respondent.http(
            "POST",
            "/api/invitations/accept",
            json={"token": token, "consent_to_online_mediation": True},
        )
        assert accepted.status_code == 200, accepted.text
    if interests:
        for who, answers in ((claimant, CLAIMANT_ANSWERS), (respondent, RESPONDENT_ANSWERS)):
            response = await who.http(
                "PUT", f"/api/cases/{case_id}/interests", json={"answers": answers}
            )
            assert response.status_code == 200, response.text
    return Parties(case_id, claimant, respondent, f"http://{address}/join#token={token}")


async def log_of(party: RoomClient, case_id: str) -> list[dict[str, Any]]:
    """The case log as the server holds it, read over a fresh WebSocket."""
    reader = RoomClient(party.address, party.cookies, party.csrf)
    await reader.join(case_id)
    async with reader.changed:
        pass
    welcome = next(f for f in reader.frames if f["type"] == "welcome")
    await reader.wait_seq(welcome["head_seq"])
    await reader.disconnect()
    return reader.events


AGREED = {"amount": "210000", "deadline": "In a month"}


async def agree(parties: Parties, package: dict[str, str] | None = None) -> None:
    """The claimant offers ``package`` in the room and the respondent accepts it."""
    claimant = RoomClient(parties.claimant.address, parties.claimant.cookies, parties.claimant.csrf)
    respondent = RoomClient(
        parties.respondent.address, parties.respondent.cookies, parties.respondent.csrf
    )
    await claimant.join(parties.case_id)
    await respondent.join(parties.case_id)
    offered = await claimant.command("offer", package=package or AGREED)
    assert offered["type"] == "ack", offered
    accepted = await respondent.command("accept", version=1)
    assert accepted["type"] == "ack", accepted
    await claimant.disconnect()
    await respondent.disconnect()
