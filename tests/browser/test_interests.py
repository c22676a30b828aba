"""My private interests: ordering by keyboard and by dragging, marks, saving, Kazakh."""

from __future__ import annotations

from playwright.async_api import Browser, Page

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Shots, Watch


async def order(page: Page) -> list[str]:
    return list(await page.locator(".importance-row .importance-label").all_inner_texts())


async def test_keyboard_only_reorder_and_save(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    parties = await open_case(address)
    page = await logged_in_page(browser, address, parties.claimant.cookies)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/interests")
    await page.get_by_role("heading", name="My private interests").wait_for()
    assert await order(page) == ["Amount to pay", "When"]
    await shots(page, "interests-empty")
    await axe(page, "interests")

    # Keyboard only: tab to "Move down: Amount to pay" and press Enter; focus stays on it.
    down = page.get_by_role("button", name="Move down: Amount to pay")
    for _ in range(40):
        await page.keyboard.press("Tab")
        if await down.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the move button is not reachable with Tab")
    await page.keyboard.press("Enter")
    assert await order(page) == ["When", "Amount to pay"]
    assert await down.evaluate("el => el === document.activeElement")
    assert "now number 2 of 2" in await page.locator("#status").inner_text()
    await page.keyboard.press("Shift+Tab")  # to "Move up: Amount to pay"
    await page.keyboard.press("Space")
    assert await order(page) == ["Amount to pay", "When"]

    # Saving without marking the options explains what is missing, next to it.
    await page.get_by_role("button", name="Save my private answers").click()
    await page.get_by_text("Please check the answers marked below.").wait_for()
    assert await page.get_by_text("Choose one answer for this option.").count() == 3
    await shots(page, "interests-missing")

    group = page.locator("fieldset.option")
    for n, mark in enumerate(["Best for me", "I can accept", "Not acceptable"]):
        await group.nth(n).get_by_label(mark).check()
    await page.get_by_label("I could accept").fill("250000")
    await page.get_by_label("Firm.").check()
    await page.get_by_role("button", name="Save my private answers").click()
    await page.get_by_text("The other side cannot see these answers.").first.wait_for()
    await shots(page, "interests-saved")
    stored = (await parties.claimant.http("GET", f"/api/cases/{parties.case_id}/interests")).json()
    assert stored["answers"]["importance"] == {"ranking": ["amount", "deadline"]}
    assert stored["answers"]["issues"]["amount"] == {
        "best": 400000,
        "acceptable": 250000,
        "limit": 0,
    }
    assert stored["answers"]["walk_away"] == "firm"
    assert not stored["all_submitted"]

    # Later: the saved answers come back for editing; drag "When" above "Amount to pay".
    await page.reload()
    await page.get_by_label("Firm.").wait_for()
    assert await page.get_by_label("Firm.").is_checked()
    handle = page.locator(".importance-row .handle").nth(1)
    await page.locator(".importance").scroll_into_view_if_needed()
    first = await page.locator(".importance-row").nth(0).bounding_box()
    box = await handle.bounding_box()
    assert first is not None and box is not None  # both are on the page
    await page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    await page.mouse.down()
    await page.mouse.move(box["x"] + 5, first["y"] + 2, steps=8)
    await page.mouse.up()
    assert await order(page) == ["When", "Amount to pay"]
    assert problems == []
    await page.context.close()


async def test_kazakh_interests_page(browser: Browser, address: str, shots: Shots) -> None:
    parties = await open_case(address)
    page = await logged_in_page(browser, address, parties.respondent.cookies, locale="ru-RU")
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/interests")
    await page.get_by_text("Другая сторона этого не увидит").first.wait_for()
    await page.select_option("#lang", "kk")
    await page.get_by_role("heading", name="Менің құпия мүдделерім").wait_for()
    assert await page.get_by_text("Екінші тарап мұны ешқашан көрмейді").count() == 2
    assert await page.get_by_role("button", name="Құпия жауаптарымды сақтау").count() == 1
    await shots(page, "interests-kk")
    await page.context.close()
