"""Guidance before filing, in real Chromium (#13): a Russian-writing claimant picks "family",
reads the guide (what mediation can and cannot do, the family code by name), takes its issues
into the form (labels in Kazakh too, since the respondent reads Kazakh), is told that "Мне
остаётся" reads one-sidedly and takes the neutral form, and previews the invitation exactly as
the respondent will see it. Then the respondent opens the link in Kazakh and the claimant's
page shows Russian: each reads the labels in its own language, before and after joining.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.language import foreign_words
from tests.odr.room_client import RoomClient

RESPONDENT = "Руслан Ахметов"


async def cases_of(client: RoomClient) -> list[dict[str, Any]]:
    return list((await client.http("GET", "/api/cases")).json()["cases"])


async def fill_the_family_case(page: Page) -> None:
    """The guide's issues taken in, one issue of the claimant's own with a one-sided option."""
    await page.locator("#f-category").select_option("family")
    guide = page.locator(".guide")
    await expect(guide.locator("h3")).to_have_text("Семейный спор")
    await expect(guide).to_contain_text("Расторгнуть брак: это делает суд")
    await expect(guide).to_contain_text(
        "Кодекс Республики Казахстан «О браке (супружестве) и семье»"
    )
    await page.locator('[name="respondent_language"]').select_option("kk")
    await page.get_by_role("button", name="Взять эти пункты в моё дело").click()
    issues = page.locator("fieldset.issue")
    await expect(issues).to_have_count(3)
    await expect(issues.locator("legend")).to_have_text(["Пункт 1", "Пункт 2", "Пункт 3"])
    flat = issues.nth(0)
    await expect(flat.get_by_label("Что это? (например, сумма, срок)")).to_have_value("Квартира")
    await expect(flat.get_by_label("Варианты, по одному в строке")).to_have_value(
        "Квартира остаётся у заявителя\nКвартира остаётся у ответчика\n"
        "Квартира продаётся, деньги делятся поровну"
    )
    await expect(flat.get_by_label("Название пункта на казахском языке")).to_have_value("Пәтер")
    await expect(flat.get_by_label("Варианты на казахском языке")).to_have_value(
        "Пәтер талапкерге қалады\nПәтер жауапкерге қалады\nПәтер сатылып, ақша тең бөлінеді"
    )

    # An issue of its own: "Мне остаётся" is flagged, with the neutral form naming the party.
    await page.get_by_role("button", name="Добавить пункт").click()
    car = issues.nth(3)
    await car.get_by_label("Что это? (например, сумма, срок)").fill("Машина")
    options = car.get_by_label("Варианты, по одному в строке")
    await options.fill("Мне остаётся\nМашина продаётся")
    hint = car.locator(".wording-hint")
    await expect(hint).to_contain_text("«Мне остаётся»: другая сторона прочитает это")
    await expect(hint).to_contain_text("«Машина остаётся у заявителя»")
    await hint.get_by_role("button", name="Взять нейтральную формулировку").click()
    await expect(options).to_have_value("Машина остаётся у заявителя\nМашина продаётся")
    await expect(hint).to_have_count(0)
    await car.get_by_label("Название пункта на казахском языке").fill("Көлік")

    await page.get_by_label("Одним предложением").fill("Раздел совместного имущества")
    await page.get_by_label("Полное имя").fill(RESPONDENT)
    await page.get_by_label("Электронная почта (отправим приглашение)").fill("ruslan@example.kz")


async def test_a_claimant_is_guided_and_each_reader_sees_its_own_labels(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/new")
    await expect(page.locator(".guide h3")).to_have_text("Гражданский спор: долг, соседи, ущерб")
    await fill_the_family_case(page)
    await axe(page, "new case with the family guide (ru)")
    await fits_the_phone(page, "new case with the family guide (ru)")
    await shots(page, "1-ru-guided")

    # The invitation as the respondent will see it: its labels in Kazakh where given.
    await page.get_by_role("button", name="Показать, что увидит другая сторона").click()
    preview = page.locator(".invitation-preview")
    await expect(preview).to_contain_text(f"{RESPONDENT} увидит это, открыв приглашение")
    await expect(preview).to_contain_text("Раздел совместного имущества")
    await expect(preview.locator(".issues-preview > li > strong")).to_have_text(
        ["Пәтер", "Балаға ай сайынғы алимент", "Баланың екінші ата-анамен кездесуі", "Көлік"]
    )
    await expect(preview).to_contain_text("Пәтер талапкерге қалады")
    await expect(preview).to_contain_text("Машина остаётся у заявителя")  # no Kazakh given
    await axe(page, "invitation preview (ru)")
    await shots(page, "2-ru-preview")
    text = await page.locator("main").inner_text()
    typed = ["Пәтер", "Балаға ай сайынғы алимент", "Баланың екінші ата-анамен кездесуі", "Көлік"]
    kazakh = await preview.locator("[lang=kk]").all_inner_texts()
    assert foreign_words(text, "ru", [*typed, *kazakh, "aigerim"]) == []  # its display name

    await page.get_by_label("Я согласен(на) попытаться").check()
    await page.get_by_role("button", name="Открыть дело").click()
    await page.wait_for_url(re.compile(r"#/cases/[0-9a-f]{32}$"))
    [case] = await cases_of(claimant)
    assert case["issues"][0]["labels"] == {"ru": "Квартира", "kk": "Пәтер"}
    assert case["issues"][3]["labels"] == {"ru": "Машина", "kk": "Көлік"}
    assert "option_labels" not in case["issues"][3]
    link = await page.evaluate(f"sessionStorage.getItem('kelisim.link.{case['id']}')")
    assert problems == []

    # The respondent opens the link in Kazakh and joins; its pages say the Kazakh labels.
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    other = await logged_in_page(browser, address, respondent.cookies, "kk-KZ")
    other.set_default_timeout(10000)
    other_problems = watch(other)
    await other.goto(f"http://{address}/join#{link.split('#', 1)[1]}")
    listed = other.locator(".issues-preview > li > strong")
    await expect(listed.first).to_have_text("Пәтер")
    await expect(other.locator(".issues-preview")).to_contain_text("Пәтер талапкерге қалады")
    await fits_the_phone(other, "invitation (kk)")
    await other.get_by_label("Мен бұл дауды онлайн медиация").check()
    await other.get_by_role("button", name="Іске қосылу").click()
    await other.wait_for_url("**/#/cases")
    await other.goto(f"http://{address}/#/cases/{case['id']}/interests")
    await expect(other.locator("fieldset.issue > legend").first).to_have_text("Пәтер")
    await expect(other.locator("fieldset.option > legend").first).to_have_text(
        "Пәтер талапкерге қалады"
    )
    await shots(other, "3-kk-interests")
    assert other_problems == []

    # The claimant reads the same issue in Russian.
    await page.goto(f"http://{address}/#/cases/{case['id']}/interests")
    await expect(page.locator("fieldset.issue > legend").first).to_have_text("Квартира")
    await expect(page.locator("fieldset.option > legend").first).to_have_text(
        "Квартира остаётся у заявителя"
    )
    assert problems == []
