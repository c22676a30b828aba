"""The centre's mediators and administrators on the dashboard, in real Chromium: the centre's
administrator, in Russian on a phone, changes a mediator's capacity and regions, deactivates
her (her open case then waits for reassignment) and activates her again; the platform's
administrator, in Kazakh, removes a centre administrator. axe on each step, no console error,
nothing scrolls sideways."""

from __future__ import annotations

import re

import httpx
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import PASSWORD, make_account, mediator_of_case, open_case


async def cookies_of(email: str, address: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return dict(http.cookies)


async def test_administrators_manage_mediators_and_administrators_on_the_dashboard(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, axe: Axe, watch: Watch
) -> None:
    centre = await centre_with_mediator(app, make_client)
    await make_account(app, "aliya@centre.kz", "clerk", name="Aliya Nurlanova")
    made = await centre.admin.post(
        f"/api/centres/{centre.id}/admins", json={"email": "aliya@centre.kz"}
    )
    assert made.status_code == 204, made.text
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    case_id = (await open_case(claimant))["case"]["id"]
    dana = await mediator_of_case(app, case_id)
    assert dana is not None

    page = await logged_in_page(
        browser, address, await cookies_of("aliya@centre.kz", address), "ru-RU"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Медиаторы и администраторы").wait_for()
    card = page.locator(f'li[data-mediator="{dana}"]')
    await expect(card).to_contain_text("Дел сейчас: 1 из 10")
    await expect(card).to_contain_text("все регионы")
    await axe(page, "people-ru")
    await fits_the_phone(page, "people-ru")

    # A wrong capacity is said at its field, in Russian; then capacity and regions are saved.
    await card.get_by_label("Дел одновременно, не больше").fill("0")
    await card.get_by_role("button", name="Сохранить").click()
    await expect(card.locator(".error").first).to_have_text("Напишите целое число от 1 до 1000.")
    await card.get_by_label("Дел одновременно, не больше").fill("4")
    await card.get_by_label("Регионы").fill("Алматы, Алматинская область")
    await card.get_by_label("В отпуске по (включительно)").fill("2026-12-31")
    await card.get_by_role("button", name="Сохранить").click()
    card = page.locator(f'li[data-mediator="{dana}"]')
    await expect(card).to_contain_text("Дел сейчас: 1 из 4")
    await expect(card).to_contain_text("в отпуске по 31 дек. 2026")
    await expect(card).to_contain_text("Алматы, Алматинская область")
    await expect(page.locator("#people-status")).to_contain_text("Сохранено: Dana Serikova.")

    # Deactivated: her open case waits for reassignment; activated again.
    await card.get_by_role("button", name="Отключить").click()
    await expect(page.locator("#people-status")).to_contain_text("Дел ждут переназначения: 1.")
    card = page.locator(f'li[data-mediator="{dana}"]')
    await expect(card).to_contain_text("отключён")
    assert await mediator_of_case(app, case_id) is None
    await axe(page, "people-ru-deactivated")
    await card.get_by_role("button", name="Включить снова").click()
    await expect(page.locator("#people-status")).to_contain_text("снова принимает дела")
    # Only the platform's administrators remove a centre's administrator.
    assert await page.get_by_role("button", name="Убрать: Aliya Nurlanova").count() == 0
    assert problems == []
    await page.context.close()

    page = await logged_in_page(
        browser, address, await cookies_of("admin@centre.kz", address), "kk-KZ"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Медиаторлар мен әкімшілер").wait_for()
    await page.get_by_role("button", name="Алып тастау: Aliya Nurlanova").click()
    await expect(page.locator("#people-status")).to_contain_text(
        "Aliya Nurlanova енді орталықты басқармайды."
    )
    await expect(page.locator(".people")).to_contain_text("Орталықтың әкімшісі жоқ")
    await axe(page, "people-kk")
    await fits_the_phone(page, "people-kk")
    assert problems == []
    await page.context.close()

    # Dana, given the case back, declares a conflict of interest from the case's page.
    back = await centre.admin.post(
        f"/api/centre/cases/{case_id}/reassign", json={"mediator_id": dana, "reason": "back"}
    )
    assert back.status_code == 200, back.text
    page = await logged_in_page(browser, address, await cookies_of(centre.mediator_email, address))
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator/cases/{case_id}")
    await page.get_by_text("End the mediation").click()
    form = page.get_by_role("form", name=re.compile("^Declare a conflict of interest"))
    await form.get_by_label("Reason").fill("The claimant is my neighbour")
    await form.get_by_role("button").click()
    await page.wait_for_url("**/#/mediator")
    await page.get_by_role("heading", name="Mediator dashboard").wait_for()
    assert await mediator_of_case(app, case_id) is None  # nobody else in the centre: it waits
    assert problems == []
    await page.context.close()
