"""WCAG 2.2 AA (axe-core, no serious or critical violation) on the pages not covered on the way
in the end-to-end test, and how fast the first page is usable."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case


async def test_public_pages_are_fast_and_accessible(
    browser: Any, address: str, axe: Any, watch: Any
) -> None:
    timings = []
    for _ in range(2):  # the best of two fresh pages: a busy test machine adds noise
        page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="kk-KZ")
        await page.goto(f"http://{address}/")
        await page.get_by_role("link", name="Іс ашу").wait_for()
        timings.append(await page.evaluate("performance.now()"))  # since navigation start
        await page.close()
    print(f"\nlanding page usable after {', '.join(f'{t:.0f}' for t in timings)} ms")
    assert min(timings) < 1000
    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/")
    await page.get_by_role("link", name="Іс ашу").wait_for()
    await axe(page, "landing")
    for route, heading in (("#/login", "Кіру"), ("#/signup", "Тіркелгі жасау")):
        await page.goto(f"http://{address}/{route}")
        await page.get_by_role("heading", name=heading, exact=True).wait_for()
        await axe(page, route)
    assert problems == []
    await page.close()


async def test_case_pages_are_accessible(
    browser: Any, address: str, axe: Any, shots: Any, watch: Any
) -> None:
    parties = await open_case(address, interests=True)
    page = await logged_in_page(browser, address, parties.respondent.cookies, locale="ru-RU")
    problems = watch(page)
    base = f"http://{address}/#/cases"
    await page.goto(base)
    await page.get_by_text("Unpaid repair of a flat").wait_for()
    await axe(page, "cases")
    await page.goto(f"{base}/{parties.case_id}")
    await page.get_by_role("heading", name="Что делать дальше").wait_for()
    await axe(page, "case (open)")
    await shots(page, "case-open")
    await page.goto(f"{base}/{parties.case_id}/proposals")
    await page.locator(".proposal").first.wait_for()
    await shots(page, "proposals-ru")
    await page.goto(f"{base}/{parties.case_id}/agreement")
    await page.get_by_text("Соглашения пока нет.").wait_for()
    await axe(page, "agreement (none yet)")
    await page.select_option("#lang", "kk")
    await page.get_by_text("Әзірге келісім жоқ.").wait_for()
    await page.goto(f"{base}/{parties.case_id}/room")
    await page.get_by_text("Байланыс бар.").wait_for()
    await axe(page, "room (kk)")
    await shots(page, "room-kk")
    assert problems == []
    await page.context.close()
