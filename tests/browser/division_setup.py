"""A fair-division case for the browser tests: two named parties (a Kazakh-speaking claimant and
a Russian-speaking respondent), four items with agreed values, opened and joined over HTTP."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.browser.parties import Parties
from tests.odr.room_client import PASSWORD, RoomClient

ITEMS: list[dict[str, Any]] = [
    {"name": "Саяжай", "value": "9500000.00", "note": "Қапшағай жағасында"},
    {"name": "Автокөлік", "value": "7000000.00"},
    {"name": "Пианино", "value": "800000.00", "note": "Yamaha"},
    {"name": "Жиһаз", "value": "1200000.00"},
]
CASE: dict[str, Any] = {
    "category": "family",
    "subject": "Ерлі-зайыптылардың ортақ мүлкін бөлу",
    "language": "kk",
    "issues": [{"label": "Мүлік", "options": ["бөлу", "бөлмеу"]}],  # replaced by the items
    "mechanism": "division",
    "items": ITEMS,
    "respondent": {"name": "Руслан Ахметов", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}
CLAIMANT = ("aigul@example.kz", "Айгүл Серікова")
RESPONDENT = ("ruslan@example.kz", "Руслан Ахметов")


async def signup(address: str, email: str, name: str) -> RoomClient:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post(
            "/api/auth/signup", json={"email": email, "password": PASSWORD, "display_name": name}
        )
        assert response.status_code == 201, response.text
        return RoomClient(address, dict(http.cookies), response.json()["csrf_token"])


async def division_case(address: str) -> Parties:
    """The case opened by the claimant and joined by the respondent."""
    claimant = await signup(address, *CLAIMANT)
    respondent = await signup(address, *RESPONDENT)
    created = await claimant.http("POST", "/api/cases", json=CASE)
    assert created.status_code == 201, created.text
    assert created.json()["case"]["mechanism"] == "division"
    url = created.json()["invitation"]["url"]
    token = url.split("#token=", 1)[1]
    consent = {"token": token, "consent_to_online_mediation": True}
    accepted = await respondent.http("POST", "/api/invitations/accept", json=consent)
    assert accepted.status_code == 200, accepted.text
    return Parties(created.json()["case"]["id"], claimant, respondent, url)


def points_leaked(received: str, points: dict[str, int]) -> list[str]:
    """Traces of one party's points vector in ``received``: an item id next to its points (as
    JSON sends them), or every value in the item order (a vector or a list)."""
    found = [
        f"{item}: {n}"
        for item, n in points.items()
        if re.search(rf'"{item}"\s*:\s*{n}(?![\d.])', received)
    ]
    values = r"\D{1,12}".join(str(n) for n in points.values())
    if re.search(rf"(?<![\w.:+-]){values}(?![\w.:])", received):
        found.append("the vector")
    return found


def sentinels_leaked(received: str, sentinels: tuple[int, ...]) -> list[int]:
    """Which of the ``sentinels`` (point values no other number on the way equals) appear in
    ``received`` as numbers of their own (not inside an id, a longer number, or a time: the
    minutes and seconds of ISO times are followed by ``:``, ``.`` or a letter)."""
    return [n for n in sentinels if re.search(rf"(?<![\w.+-]){n}(?![\w.:])", received) is not None]
