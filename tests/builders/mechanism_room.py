"""Cases of each mechanism for the browser tests of the room: two parties over HTTP, a money
claim settled by blind bidding or items to divide, their room pages and the moves made for them."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from playwright.async_api import Browser, Page, ViewportSize

from tests.builders.browser import new_page
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
RULES = {
    "rounds": 3,
    "threshold": {"kind": "absolute", "value": 100_000},
    "round_hours": 48,
    "announce": "when_both_in",  # decided as soon as both bids are in, without moving the clock
}
# Round 1 does not settle; round 2 does, strictly between the two bids.
DEMANDS = [52_718_301, 40_123_457]
OFFERS = [21_904_113, 40_123_451]
MONEY_CLAIM: dict[str, Any] = {
    "category": "civil",
    "subject": "Unpaid loan",
    "claim": {"amount": 600000, "currency": "KZT"},
    "language": "ru",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма",
            "range": {"min": 0, "max": 600000, "step": 1000, "unit": "KZT"},
        }
    ],
    "mechanism": "bidding",
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}
DIVISION: dict[str, Any] = {
    **MONEY_CLAIM,
    "subject": "Dividing the household",
    "claim": None,
    "issues": [],
    "mechanism": "division",
    "items": [
        {"name": "Toyota Camry 2018", "value": "9500000"},
        {"name": "Дача", "value": "4000000"},
        {"name": "Пианино"},
    ],
}


async def parties(
    address: str, case: dict[str, Any], prefix: str = ""
) -> tuple[RoomClient, RoomClient, str]:
    """A claimant who opened ``case`` over HTTP and a respondent who joined it."""
    claimant = await RoomClient.signup(address, f"{prefix}aigerim@example.kz")
    respondent = await RoomClient.signup(address, f"{prefix}ruslan@example.kz")
    body = {k: v for k, v in case.items() if v is not None and v != []}
    created = await claimant.http("POST", "/api/cases", json=body)
    assert created.status_code == 201, created.text
    token = created.json()["invitation"]["url"].split("#token=")[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    return claimant, respondent, created.json()["case"]["id"]


async def room_page(
    browser: Browser, client: RoomClient, case_id: str, viewport: Any, locale: str
) -> Page:
    page = await new_page(browser, viewport, locale)
    url = f"http://{client.address}"
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": url} for k, v in client.cookies.items()]
    )
    await page.goto(f"{url}/#/cases/{case_id}/room")
    return page


async def says(page: Page, text: str, where: str = ".timeline") -> None:
    await page.locator(where).get_by_text(text).first.wait_for()


async def bid(client: RoomClient, case_id: str, number: int, amount: int) -> None:
    response = await client.http(
        "PUT", f"/api/cases/{case_id}/bidding/bid", json={"round": number, "amount": amount}
    )
    assert response.status_code == 200, response.text


def digits(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", text)


async def wait_for_round(client: RoomClient, case_id: str, number: int) -> None:
    """Until round ``number`` is decided (off the bid's request)."""
    for _ in range(200):
        state = (await client.http("GET", f"/api/cases/{case_id}/bidding")).json()
        if state["status"] != "open" or state["round"] > number:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"round {number} was not decided")
