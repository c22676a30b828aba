"""The centre's pages with five parties (#17), in real Chromium on a phone: the dashboard names
every party who joined, the case view lists each with its label, side, withdrawal and last
activity, and the administrator's analytics split cases by their number of parties. Russian and
Kazakh, axe on each page.
"""

from __future__ import annotations

from playwright.async_api import Browser, Page, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Shots, Watch, centre_with_mediator
from tests.builders.interests import CLAIMANT
from tests.builders.parties import seat_party
from tests.conftest import MakeClient
from tests.odr.centre_setup import join, open_case, staff_login

NAMES = ["aigerim", "bolat", "dana", "erlan", "zhanna"]


async def scan(page: Page, axe: Axe, shots: Shots, name: str) -> None:
    await axe(page, name)
    await shots(page, name)
    await fits_the_phone(page, name)


async def test_the_centre_pages_show_every_party_of_a_five_party_case(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    await centre_with_mediator(app, make_client)
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("bolat@example.kz")
    created = await open_case(claimant)
    case_id = created["case"]["id"]
    await join(respondent, created)
    seated = {}
    for role, name, side in (
        ("party3", "dana", None),
        ("party4", "erlan", "respondent"),
        ("party5", "zhanna", None),
    ):
        seated[role] = await seat_party(
            app, make_client(), case_id, role, email=f"{name}@example.kz", side=side
        )
    stated = await claimant.put(f"/api/cases/{case_id}/interests", json={"answers": CLAIMANT})
    assert stated.status_code == 200, stated.text
    left = await seated["party5"].client.post(f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200, left.text

    page = await logged_in_page(
        browser, address, (await staff_login(address, "dana@centre.kz")).cookies, "ru-RU"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Панель медиатора").wait_for()
    row = page.locator(f'#centre-cases tr[data-case="{case_id}"]')
    await expect(row).to_contain_text(" — ".join(NAMES))
    await scan(page, axe, shots, "ru-1-dashboard-five")
    await row.get_by_role("link").click()
    roster = page.get_by_role("list", name="Стороны")
    await expect(roster.locator("li")).to_have_count(5)
    await expect(roster.locator('li[data-role="party4"]')).to_contain_text(
        "erlan — Сторона 4, на стороне ответчика"
    )
    await expect(roster.locator('li[data-role="party3"]')).to_contain_text("сама за себя")
    await expect(roster.locator('li[data-role="party5"]')).to_contain_text("вышла из переговоров")
    await expect(roster.locator('li[data-role="claimant"]')).to_contain_text("последнее действие")
    await expect(page.locator("ol.events")).to_contain_text("zhanna — Сторона 5")
    await scan(page, axe, shots, "ru-2-case-five")
    await page.select_option("#lang", "kk")
    await expect(
        page.get_by_role("list", name="Тараптар").locator('li[data-role="party4"]')
    ).to_contain_text("4-тарап, жауапкер жағында")
    await scan(page, axe, shots, "kk-2-case-five")
    assert problems == []
    await page.context.close()

    admin = await logged_in_page(
        browser, address, (await staff_login(address, "admin@centre.kz")).cookies, "ru-RU"
    )
    admin.set_default_timeout(10000)
    problems = watch(admin)
    await admin.goto(f"http://{address}/#/mediator")
    await admin.get_by_role("heading", name="Аналитика").wait_for()
    by_parties = admin.locator("section[aria-labelledby=by-parties] table")
    await expect(by_parties).to_contain_text("3–5 сторон")
    await scan(admin, axe, shots, "ru-3-analytics-parties")
    assert problems == []
    await admin.context.close()
