"""A blind-bidding case between two people, opened and joined through the real API, and their
browsers: the claimant in Kazakh on a 360 px phone, the respondent in Russian on a desktop.

Amounts are sentinels: odd tiyn amounts that no settlement, rule or formatted number of the
story can equal, so finding one anywhere the other party looks is a leak."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from playwright.async_api import Browser, Page, ViewportSize

from tests.browser.conftest import logged_in_page
from tests.builders.browser import PHONE
from tests.odr.room_client import PASSWORD, RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
CLAIMANT_NAME = "Айгерім Сәдуақасова"
RESPONDENT_NAME = "Руслан Ахметов"

CASE = {
    "category": "civil",
    "subject": "Пәтер жөндеуі үшін қарыз",
    "claim": {"amount": "5000000", "currency": "KZT"},
    "language": "kk",
    "issues": [
        {
            "name": "amount",
            "label": "Қарыз сомасы",
            "range": {"min": 0, "max": 5000000, "step": 10000, "unit": "KZT"},
        }
    ],
    "mechanism": "bidding",
    "respondent": {"name": RESPONDENT_NAME, "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}


@dataclass
class Bidding:
    case_id: str
    claimant: RoomClient
    respondent: RoomClient
    claimant_page: Page  # Kazakh, phone
    respondent_page: Page  # Russian, desktop
    token: str  # the respondent's invitation

    async def join(self) -> None:
        accepted = await self.respondent.http(
            "POST",
            "/api/invitations/accept",
            json={"token": self.token, "consent_to_online_mediation": True},
        )
        assert accepted.status_code == 200, accepted.text

    def url(self, base: str) -> str:
        return f"{base}/#/cases/{self.case_id}/bidding"


async def signup(address: str, email: str, name: str) -> RoomClient:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post(
            "/api/auth/signup", json={"email": email, "password": PASSWORD, "display_name": name}
        )
        assert response.status_code == 201, response.text
        return RoomClient(address, dict(http.cookies), response.json()["csrf_token"])


async def bidding_case(browser: Browser, address: str, joined: bool = True) -> Bidding:
    """Both parties joined (unless ``joined`` is false: then ``join`` does it later); each has a
    browser page, not yet opened on the bidding page."""
    claimant = await signup(address, "aigerim@example.kz", CLAIMANT_NAME)
    respondent = await signup(address, "ruslan@example.kz", RESPONDENT_NAME)
    created = await claimant.http("POST", "/api/cases", json=CASE)
    assert created.status_code == 201, created.text
    assert created.json()["case"]["mechanism"] == "bidding"
    token = created.json()["invitation"]["url"].split("#token=", 1)[1]
    phone = await logged_in_page(browser, address, claimant.cookies, locale="kk-KZ")
    desk = await browser.new_context(viewport=DESKTOP, locale="ru-RU")
    await desk.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in respondent.cookies.items()]
    )
    desktop = await desk.new_page()
    for page in (phone, desktop):
        page.set_default_timeout(10000)
    assert phone.viewport_size == PHONE
    case = Bidding(created.json()["case"]["id"], claimant, respondent, phone, desktop, token)
    if joined:
        await case.join()
    return case


async def second_tab(browser_page: Page) -> Page:
    """Another tab of the same person (same cookies): a page left open while they act elsewhere."""
    page = await browser_page.context.new_page()
    page.set_default_timeout(10000)
    return page
