"""Who holds an item among several parties (#17), on the case form in real Chromium (ru): the
holder's choices are the claimant and every other party by the name typed for it, kept up to
date as parties are added; the case stores the chosen party's key and its page names the holder.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Browser, expect

from tests.browser.conftest import logged_in_page
from tests.builders.browser import Watch
from tests.odr.room_client import RoomClient


async def test_a_third_party_can_be_named_as_an_items_holder(
    browser: Browser, address: str, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/new")
    await page.get_by_label("Одним предложением").fill("Раздел наследства")
    await page.locator("#f-respondent_name").fill("Руслан Ахметов")
    await page.locator("#f-respondent_email").fill("ruslan@example.kz")
    await page.get_by_role("radio", name=re.compile("^Справедливый раздел")).check()
    rows = page.locator(".items-editor fieldset.item")
    await expect(rows).to_have_count(2)
    held = rows.nth(0).get_by_label("У кого она сейчас?")
    # Two parties: the choices read as before.
    await held.focus()
    assert await held.locator("option").all_inner_texts() == [
        "Не указано",
        "У меня",
        "У другой стороны",
    ]
    await page.get_by_role("button", name="Добавить ещё одну сторону").click()
    await page.locator("#f-party_name_0").fill("Ерлан Омаров")
    await page.locator("#f-party_email_0").fill("erlan@example.kz")
    await held.focus()
    assert await held.locator("option").all_inner_texts() == [
        "Не указано",
        "У меня",
        "Руслан Ахметов",
        "Ерлан Омаров",
    ]
    await rows.nth(0).get_by_label("Что это?").fill("Дом")
    await held.select_option(label="Ерлан Омаров")
    await rows.nth(1).get_by_label("Что это?").fill("Машина")
    second = rows.nth(1).get_by_label("У кого она сейчас?")
    await second.focus()
    await second.select_option(label="Руслан Ахметов")
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()
    await page.get_by_role("button", name="Открыть дело").click()
    await page.locator("#parties").get_by_role("heading", name="Стороны").wait_for()

    cases: list[dict[str, Any]] = (await claimant.http("GET", "/api/cases")).json()["cases"]
    [case] = cases
    assert [i["held_by"] for i in case["items"]] == ["party3", "respondent"]
    items = page.locator("ul.items li")
    await expect(items.nth(0)).to_contain_text("сейчас у: Ерлан Омаров")
    await expect(items.nth(1)).to_contain_text("сейчас у: Руслан Ахметов")
    assert problems == []
