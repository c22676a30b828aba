"""Choosing how to settle, in real Chromium (#12): the new-case form's step "How do you want to
settle?" with the recommended mechanism and its reason (asked of the server as the issues and
items change), the items of a division with who holds each, refusals said at their field in the
page's language; the respondent's invitation showing the choice and the items; the case page's
next steps by mechanism and the mediator's proposal to switch, agreed to by both. axe scans each
new screen; the Kazakh one runs on a 360 px phone.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Browser, Page, ViewportSize, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import PHONE, Axe, Shots, Watch, centre_with_mediator, new_page
from tests.conftest import MakeClient
from tests.odr.centre_setup import login
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}


async def cases_of(client: RoomClient) -> list[dict[str, Any]]:
    return list((await client.http("GET", "/api/cases")).json()["cases"])


def recommendations(page: Page) -> list[int]:
    """The statuses of the page's recommendation requests: a half-filled form is never sent."""
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if r.url.endswith("/recommendation") else None,
    )
    return statuses


def unexpected(problems: list[str]) -> list[str]:
    """The console's problems but the refusals the test asked for (a 422 said on the page)."""
    return [p for p in problems if "status of 422" not in p]


async def test_a_money_claim_in_kazakh_on_a_phone_is_recommended_blind_bidding(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    asked = recommendations(page)
    await page.goto(f"http://{address}/#/cases/new")
    await page.get_by_label("Бір сөйлеммен").fill("Жөндеу үшін қарыз")
    await page.get_by_label("Толық аты-жөні").fill("Руслан Ахметов")
    await page.get_by_label("Электрондық поштасы (шақыру жібереміз)").fill("ruslan@example.kz")
    await page.get_by_label("Бұл не? (мысалы, сома, мерзім)").fill("Қарыз сомасы")
    await page.get_by_label("Сома немесе сан").check()
    await page.get_by_label("Бастап", exact=True).fill("0")
    await page.get_by_label("Дейін", exact=True).fill("500000")
    await page.get_by_label("Қадамы", exact=True).fill("10000")

    # One sum of money: blind bidding is recommended, with why, and chosen until told otherwise.
    reason = page.locator(".recommendation")
    await expect(reason).to_have_text(
        "Біз «Жабық сауда» тәсілін ұсынамыз, себебі дау бір ақша сомасы туралы. "
        "Басқа тәсілді таңдауыңызға болады."
    )
    bidding = page.get_by_role("radio", name=re.compile("^Жабық сауда"))
    await expect(bidding).to_be_checked()
    await expect(page.locator(".mechanism-option .badge:visible")).to_have_count(1)
    await axe(page, "new case, way to settle (kk)")
    await fits_the_phone(page, "new case, way to settle (kk)")
    await shots(page, "1-kk-recommended")

    # A second amount makes packages the recommendation; choosing bidding by hand is refused,
    # said at the choice in Kazakh.
    await page.get_by_role("button", name="Тағы тармақ қосу").click()
    second = page.locator("fieldset.issue").nth(1)
    await second.get_by_label("Бұл не? (мысалы, сома, мерзім)").fill("Өсімпұл")
    await second.get_by_label("Сома немесе сан").check()
    await second.get_by_label("Бастап", exact=True).fill("0")
    await second.get_by_label("Дейін", exact=True).fill("50000")
    await second.get_by_label("Қадамы", exact=True).fill("1000")
    await expect(reason).to_contain_text("бірнеше тармақ бойынша бірге келісу керек")
    await expect(page.get_by_role("radio", name=re.compile("^Толық шарттар"))).to_be_checked()
    await bidding.check()
    await page.get_by_label("Мен бұл дауды онлайн медиация").check()
    await page.get_by_role("button", name="Істі ашу").click()
    at_choice = page.locator('[data-field="mechanism"] > .error')
    await expect(at_choice).to_have_text(
        "Жабық сауда үшін дәл бір ақша сомасы керек: теңгедегі сомасы бар бір тармақ немесе "
        "4-қадамдағы талап сомасы."
    )
    await expect(bidding).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(".form-error")).to_have_text(
        "Іс ашылмады: белгіленген өрістерді түзетіңіз."
    )
    await fits_the_phone(page, "refused choice (kk)")
    await axe(page, "refused choice (kk)")
    assert await cases_of(claimant) == []

    # Without the second amount it opens as blind bidding, and the case page says what is next.
    await second.get_by_role("button", name="Тармақты жою").click()
    await page.get_by_role("button", name="Істі ашу").click()
    await page.get_by_role("heading", name="Екінші тарапты шақырыңыз").wait_for()
    [case] = await cases_of(claimant)
    assert case["mechanism"] == "bidding"
    await expect(page.locator(".mechanism strong")).to_have_text("Жабық сауда")
    await shots(page, "2-kk-case")
    await fits_the_phone(page, "case (kk)")
    assert unexpected(problems) == []
    assert asked and set(asked) == {200}


async def fill_item(page: Page, n: int, name: str, value: str = "", held: str = "") -> None:
    row = page.locator("fieldset.item").nth(n)
    await row.get_by_label("Что это?").fill(name)
    if value:
        await row.get_by_label("Рыночная стоимость").fill(value)
    if held:
        await row.get_by_label("У кого она сейчас?").select_option(label=held)


async def test_a_division_in_russian_on_a_desktop_and_the_respondents_invitation(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, "ru-RU")
    await page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10000)
    problems = watch(page)
    asked = recommendations(page)
    await page.goto(f"http://{address}/#/cases/new")
    await page.get_by_label("Вид спора").select_option("family")
    await page.get_by_label("Одним предложением").fill("Раздел имущества после развода")
    await page.get_by_label("Полное имя").fill("Руслан Ахметов")
    await page.get_by_label("Электронная почта (отправим приглашение)").fill("ruslan@example.kz")
    # No points of step 3: a division is about its items.
    await page.get_by_role("radio", name=re.compile("^Справедливый раздел")).check()
    items = page.locator(".items-editor")
    await expect(items.locator("fieldset.item")).to_have_count(2)
    await fill_item(page, 0, "Квартира на Абая, 10", "32 000 000,50", held="У другой стороны")
    await fill_item(page, 1, "Toyota Camry 2018", "9500000")
    await page.get_by_role("button", name="Добавить вещь").click()
    await fill_item(page, 2, "квартира на абая, 10")
    # Listing items makes division the recommendation, with why.
    await expect(page.locator(".recommendation")).to_contain_text(
        "Мы рекомендуем «Справедливый раздел имущества», потому что есть вещи, которые нужно "
        "поделить."
    )
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()
    await page.get_by_role("button", name="Открыть дело").click()
    # Two items named alike: said at both names, in Russian; nothing else is marked.
    alike = "У двух вещей одинаковое название: назовите каждую по-своему."
    rows = items.locator("fieldset.item")
    for n in (0, 2):
        name = rows.nth(n).get_by_label("Что это?")
        await expect(name).to_have_attribute("aria-invalid", "true")
        await expect(rows.nth(n).locator(".error").first).to_have_text(alike)
    await expect(rows.nth(1).get_by_label("Что это?")).not_to_have_attribute("aria-invalid", "true")
    await expect(page.locator("[aria-invalid]")).to_have_count(2)
    assert await page.evaluate("document.activeElement.closest('fieldset.item') !== null")
    await axe(page, "new case, items refused (ru)")
    await shots(page, "1-ru-items-refused")
    assert await cases_of(claimant) == []
    await items.locator("fieldset.item").nth(2).get_by_label("Что это?").fill("Дача")
    await page.get_by_role("button", name="Открыть дело").click()
    await page.get_by_role("heading", name="Пригласите другую сторону").wait_for()
    [case] = await cases_of(claimant)
    assert case["mechanism"] == "division"
    assert [(i["name"], i["value"], i["held_by"]) for i in case["items"]] == [
        ("Квартира на Абая, 10", "32000000.50", "respondent"),
        ("Toyota Camry 2018", "9500000.00", None),
        ("Дача", None, None),
    ]
    await expect(page.locator(".items li")).to_have_count(3)
    await axe(page, "case, division (ru)")
    await shots(page, "2-ru-case")
    link = await page.get_by_label("Ссылка-приглашение").input_value()

    # The respondent, not yet logged in, sees how the claimant chose to settle and the items.
    guest = await new_page(browser, PHONE, "ru-RU")
    await guest.goto(f"http://{address}/join#token={link.split('#token=', 1)[1]}")
    await guest.get_by_text("Как aigerim предлагает договориться:").wait_for()
    await expect(guest.locator(".mechanism strong")).to_have_text("Справедливый раздел имущества")
    listed = guest.locator(".items li")
    await expect(listed).to_have_count(3)
    await expect(listed.nth(0)).to_contain_text("Квартира на Абая, 10")
    await expect(listed.nth(0)).to_contain_text("32")
    await expect(listed.nth(0)).to_contain_text("сейчас у вас")
    await axe(guest, "invitation, division (ru)")
    await fits_the_phone(guest, "invitation, division (ru)")
    await shots(guest, "3-ru-invitation")
    assert unexpected(problems) == []
    assert asked and set(asked) == {200}


async def test_the_case_page_shows_the_switch_and_both_parties_agree(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await login(make_client(), centre.mediator_email)
    page = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    case_url = f"http://{address}/#/cases/{parties.case_id}"
    await page.goto(case_url)
    # Packages: the steps of today, and a rehearsal with the robot last.
    steps = page.locator("ol.steps a")
    await expect(steps).to_have_count(4)
    assert await steps.nth(0).get_attribute("href") == f"#/cases/{parties.case_id}/interests"
    assert await steps.nth(3).get_attribute("href") == f"#/cases/{parties.case_id}/practice"
    assert await page.locator("#mechanism-switch").count() == 0

    items = [
        {"name": "Пәтер", "value": "30000000", "held_by": "claimant"},
        {"name": "Көлік", "note": "Toyota"},
    ]
    proposed = await mediator.post(
        f"/api/centre/cases/{parties.case_id}/mechanism",
        json={"mechanism": "division", "items": items},
    )
    assert proposed.status_code == 200, proposed.text
    await page.reload()
    panel = page.locator("#mechanism-switch")
    await expect(panel.get_by_role("heading")).to_have_text(
        "Медиатор реттеудің басқа тәсілін ұсынады"
    )
    await expect(panel).to_contain_text("«Мүлікті әділ бөлу»")
    await expect(panel).to_contain_text("Әзірге ешкім жауап берген жоқ.")
    await expect(panel.locator(".items li").nth(0)).to_contain_text("қазір сізде")
    await axe(page, "switch proposal (kk)")
    await fits_the_phone(page, "switch proposal (kk)")
    await shots(page, "1-kk-switch-proposed")

    # Agreeing is asked first; going back changes nothing.
    await panel.get_by_role("button", name="Келісемін").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("Тәсілді ауыстыруға келісесіз бе?")
    await axe(page, "switch confirm (kk)")
    await dialog.get_by_role("button", name="Иә, келісемін").click()
    await expect(page.locator("#mechanism-switch")).to_contain_text("Сіз келістіңіз.")
    await expect(page.locator("#mechanism-switch")).to_contain_text("Жауап күтілуде: ruslan.")
    assert await page.locator("#mechanism-switch button").count() == 0
    shown = (await parties.claimant.http("GET", f"/api/cases/{parties.case_id}")).json()
    assert shown["mechanism_switch"]["consented"] == ["claimant"]

    # The respondent agrees too (over HTTP): the case goes on by division.
    answered = await parties.respondent.http(
        "POST", f"/api/cases/{parties.case_id}/mechanism-switch", json={"consent": True}
    )
    assert answered.json()["mechanism"] == "division"
    await page.reload()
    await expect(page.locator(".mechanism strong")).to_have_text("Мүлікті әділ бөлу")
    assert await page.locator("#mechanism-switch").count() == 0
    await expect(steps).to_have_count(2)
    assert await steps.nth(0).get_attribute("href") == f"#/cases/{parties.case_id}/division"
    assert await steps.nth(1).get_attribute("href") == f"#/cases/{parties.case_id}/room"
    await expect(steps.nth(0)).to_have_text("Заттарды бөлу")
    await axe(page, "case, division (kk)")
    await shots(page, "2-kk-switched")
    assert problems == []


async def test_a_bidding_case_page_leads_to_the_bidding_and_a_switch_can_be_declined(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await login(make_client(), centre.mediator_email)
    proposed = await mediator.post(
        f"/api/centre/cases/{parties.case_id}/mechanism", json={"mechanism": "bidding"}
    )
    assert proposed.status_code == 200, proposed.text
    page = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    await page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}")
    panel = page.locator("#mechanism-switch")
    await expect(panel).to_contain_text("«Закрытые торги»")
    await panel.get_by_role("button", name="Отказаться").click()
    await page.get_by_role("dialog").get_by_role("button", name="Да, отказаться").click()
    await expect(page.locator("#status")).to_have_text(
        "Вы отказались от смены способа; дело продолжается как прежде."
    )
    await expect(panel).to_have_count(0)
    shown = (await parties.claimant.http("GET", f"/api/cases/{parties.case_id}")).json()
    assert shown["mechanism"] == "packages" and shown["mechanism_switch"] is None

    # Switched to bidding with both consents, the page leads to the bidding.
    await mediator.post(
        f"/api/centre/cases/{parties.case_id}/mechanism", json={"mechanism": "bidding"}
    )
    for party in (parties.claimant, parties.respondent):
        await party.http(
            "POST", f"/api/cases/{parties.case_id}/mechanism-switch", json={"consent": True}
        )
    await page.reload()
    steps = page.locator("ol.steps a")
    await expect(steps.nth(0)).to_have_text("Перейти к закрытым торгам")
    assert await steps.nth(0).get_attribute("href") == f"#/cases/{parties.case_id}/bidding"
    await expect(page.locator("ol.steps li").nth(0)).to_contain_text(
        "Сначала согласуйте правила, потом делайте ставки."
    )
    await axe(page, "case, bidding (ru)")
    assert problems == []
