"""The proposals page read at a glance, in real Chromium (issue #13).

The claimant reads in Kazakh on a 360 px phone, the respondent in Russian on a desktop, a third
look in English. Each sees the same packages in the same order (the most balanced first), every
label true of its package by the criterion it names, every percentage in agreement with its
comparisons and concessions, and tenge written one way: the amount, a no-break space, "₸".
"""

from __future__ import annotations

import asyncio
import re

from playwright.async_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import fits_the_phone
from tests.browser.parties import open_case
from tests.builders.browser import PHONE, Axe, Shots, Watch
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 860}
NBSP = "\u00a0"
# "250 000 ₸" (kk, ru) or "250,000 ₸" (en): digits grouped as the language groups them.
TENGE = re.compile(rf"^\d{{1,3}}([{NBSP}\u202f ,]\d{{3}})*{NBSP}₸$")
# Words by which a label would claim the two sides fare alike.
CLAIMS_ALIKE = re.compile(r"тең|Равн|равн|балансир|Balanced|Equal|equal", re.I)


async def party_page(
    browser: Browser, address: str, party: RoomClient, viewport: ViewportSize, locale: str
) -> Page:
    context = await browser.new_context(viewport=viewport, locale=locale)
    await context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in party.cookies.items()]
    )
    page = await context.new_page()
    page.set_default_timeout(10000)
    return page


async def proposals_of(party: RoomClient, case_id: str) -> dict[str, object]:
    for _ in range(100):
        response = await party.http("GET", f"/api/cases/{case_id}/proposals")
        if response.status_code == 200:
            body: dict[str, object] = response.json()
            return body
        await asyncio.sleep(0.2)
    raise AssertionError("no proposals within 20 s")


async def cards(page: Page) -> list[dict[str, object]]:
    """What each proposal card says, in page order."""
    await expect(page.locator("li.proposal").first).to_be_visible()
    result: list[dict[str, object]] = await page.locator("li.proposal").evaluate_all(
        """cards => cards.map(card => ({
            id: card.dataset.package,
            title: card.querySelector("h2").textContent,
            percent: Number(card.querySelector(".gain-label").textContent.match(/(\\d+)\\s*%/)[1]),
            walk: card.querySelectorAll(".explain-vs_walk_away").length,
            atBest: card.querySelectorAll(".explain-at_best").length,
            gap: card.querySelector(".explain-vs_best")?.firstChild.textContent ?? null,
            concessions: card.querySelectorAll(".explain-gives_up").length,
            amounts: [...card.querySelectorAll("dd")].map(dd => dd.textContent)
                .filter(text => /\\d/.test(text)),
        }))"""
    )
    return result


def check_consistent(shown: list[dict[str, object]]) -> None:
    """Each card: 100% exactly when nothing is conceded; otherwise the gap is 100 - percent."""
    for card in shown:
        percent = int(str(card["percent"]))
        assert card["walk"] == 1, card
        if percent == 100:
            assert card["atBest"] == 1 and card["concessions"] == 0 and card["gap"] is None, card
        else:
            assert card["atBest"] == 0 and int(str(card["concessions"])) >= 1, card
            assert str(100 - percent) in str(card["gap"]), card


async def test_proposals_are_sorted_truthfully_labelled_and_consistent(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    parties = await open_case(address, interests=True)
    api = await proposals_of(parties.claimant, parties.case_id)
    packages = api["packages"]
    assert isinstance(packages, list)
    claimant = await party_page(browser, address, parties.claimant, PHONE, "kk-KZ")
    respondent = await party_page(browser, address, parties.respondent, DESKTOP, "ru-RU")
    english = await party_page(browser, address, parties.claimant, DESKTOP, "en-US")
    troubles = [watch(claimant), watch(respondent), watch(english)]
    views = {}
    for name, page in (("kk", claimant), ("ru", respondent), ("en", english)):
        await page.goto(f"http://{address}/#/cases/{parties.case_id}/proposals")
        views[name] = await cards(page)
        await shots(page, f"proposals-{name}")
        await axe(page, f"proposals-{name}")
    await fits_the_phone(claimant, "proposals (kk, phone)")

    # The same packages in the same order for both, the API's (one card per distinct package).
    order = [card["id"] for card in views["kk"]]
    assert order == [card["id"] for card in views["ru"]] == [card["id"] for card in views["en"]]
    assert order[0] == packages[0]["id"]
    listed = [p["id"] for p in packages]
    assert order == sorted(order, key=listed.index)

    # The most balanced first: the smaller of the two parties' shares never grows down the list.
    smallest = [
        min(int(str(mine["percent"])), int(str(theirs["percent"])))
        for mine, theirs in zip(views["kk"], views["ru"], strict=True)
    ]
    assert smallest == sorted(smallest, reverse=True), smallest

    # A label claiming both sides fare alike must be true of its package (no such label now).
    for mine, theirs in zip(views["kk"], views["ru"], strict=True):
        gap = abs(int(str(mine["percent"])) - int(str(theirs["percent"])))
        for title in (mine["title"], theirs["title"]):
            assert gap <= 5 or not CLAIMS_ALIKE.search(str(title)), (title, mine, theirs)
    for shown in views.values():
        check_consistent(shown)

    # Tenge one way in every language: the amount, a no-break space, "₸"; never "KZT".
    for name, shown in views.items():
        amounts = [str(a) for card in shown for a in card["amounts"]]  # type: ignore[attr-defined]
        assert amounts, name
        for amount in amounts:
            assert TENGE.match(amount), (name, amount)
    for page in (claimant, respondent, english):
        assert "KZT" not in await page.locator("main").inner_text()
    # What Chromium's Intl wrote as "1 450 000 KZT" in Russian: the same shape in all three.
    written = {
        name: await page.evaluate(
            """async () => {
                const { formatMoney } = await import('/app/format.js');
                const amounts = [[1450000, "KZT"], ["210000.50", "KZT"], [5, "USD"]];
                return amounts.map(([amount, currency]) => formatMoney(amount, currency));
            }"""
        )
        for name, page in (("kk", claimant), ("ru", respondent), ("en", english))
    }
    assert written == {
        "kk": [f"1{NBSP}450{NBSP}000{NBSP}₸", f"210{NBSP}000,50{NBSP}₸", f"5{NBSP}USD"],
        "ru": [f"1{NBSP}450{NBSP}000{NBSP}₸", f"210{NBSP}000,50{NBSP}₸", f"5{NBSP}USD"],
        "en": [f"1,450,000{NBSP}₸", f"210,000.50{NBSP}₸", f"5{NBSP}USD"],
    }

    assert troubles == [[], [], []]
    for page in (claimant, respondent, english):
        await page.context.close()


async def test_before_any_answer_the_page_asks_for_mine_without_a_refused_request(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    """Nothing to read yet is no error: the page asks for nothing that would answer 404 (a
    console error on the normal path: it used to ask GET …/proposals first) and says what comes
    first."""
    parties = await open_case(address)
    page = await party_page(browser, address, parties.respondent, PHONE, "ru-RU")
    troubles = [watch(page)]
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/proposals")
    await expect(
        page.get_by_role("heading", name="Сначала дайте свои конфиденциальные ответы")
    ).to_be_visible()
    await axe(page, "proposals before my answers (ru)")
    await fits_the_phone(page, "proposals before my answers (ru, phone)")
    assert troubles == [[]]
    await page.context.close()
