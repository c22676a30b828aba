"""A case of four parties in real Chromium on phones (#17): the claimant (in Russian) adds two
more parties on the case form, each is invited by e-mail (real SMTP); the respondent joins, and
a third party joins in Kazakh on the join page, which names everyone in the case; the claimant
starts without the fourth, after a confirmation, and the fourth is told by e-mail, in Russian,
that the case went ahead without it.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.app import services_of
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.mail import Smtp
from tests.odr.room_client import RoomClient

SUBJECT = "Раздел дома родителей"


@pytest.fixture
def settings(mail_env: dict[str, str]) -> Settings:
    return load_settings(mail_env)


async def fill_the_case_form(page: Page) -> None:
    await page.get_by_label("Одним предложением").fill(SUBJECT)
    await page.locator("#f-respondent_name").fill("Руслан Ахметов")
    await page.locator("#f-respondent_email").fill("ruslan@example.kz")
    add = page.get_by_role("button", name="Добавить ещё одну сторону")
    for key, (name, email, side) in enumerate(
        [
            ("Дана Серикова", "dana@example.kz", "own"),
            ("Ерлан Омаров", "erlan@example.kz", "claimant"),
        ]
    ):
        await add.click()
        row = page.locator(f'fieldset.other-party[data-key="{key}"]')
        await expect(row.locator("legend")).to_have_text(f"Сторона {key + 3}")
        await row.locator(f"#f-party_name_{key}").fill(name)
        await row.locator(f"#f-party_email_{key}").fill(email)
        await row.locator(f"#f-party_side_{key}").select_option(side)
        if key == 0:  # Dana reads Kazakh
            await row.locator(f"#f-party_language_{key}").select_option("kk")
    await page.get_by_label("Что это? (например, сумма, срок)").fill("Что делать с домом")
    await page.locator("#options-0").fill("Продать и разделить деньги\nОставить одному с выплатой")
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()


def links_by_address(smtp: Smtp, address: str) -> dict[str, str]:
    found = {}
    for letter in smtp.inbox.messages:
        link = re.search(r"http://\S+/join#token=[\w-]+", letter.get_content())
        if link:
            found[str(letter["To"])] = re.sub(r"^http://[^/]+", f"http://{address}", link.group(0))
    return found


async def test_four_parties_two_join_and_the_claimant_starts_without_the_fourth(
    browser: Browser,
    address: str,
    app: Starlette,
    smtp: Smtp,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    outbox = services_of(app).outbox
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, locale="ru-RU")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/new")
    await fill_the_case_form(page)
    await axe(page, "case form with two more parties")
    await fits_the_phone(page, "case form with two more parties")
    await shots(page, "case-form-four-parties")
    # The fourth party's address typed as the respondent's: refused at that party's e-mail.
    erlan_email = page.locator("#f-party_email_1")
    await erlan_email.fill("ruslan@example.kz")
    await page.get_by_role("button", name="Открыть дело").click()
    await expect(page.locator("#f-party_email_1-error")).to_have_text(
        "Эта почта уже указана для другой стороны: у каждой стороны должна быть своя."
    )
    await expect(erlan_email).to_have_attribute("aria-invalid", "true")
    await axe(page, "case form, a party's e-mail refused")
    assert [p for p in problems if "422" not in p] == []  # the refusal is logged, nothing else
    problems.clear()
    await erlan_email.fill("erlan@example.kz")
    await page.get_by_role("button", name="Открыть дело").click()

    panel = page.locator("#parties")
    await panel.get_by_role("heading", name="Стороны").wait_for()
    states = panel.locator("li")
    await expect(states).to_have_count(4)
    await expect(panel.locator('li[data-role="party4"]')).to_contain_text("Ерлан Омаров")
    await expect(panel.locator('li[data-role="party4"]')).to_contain_text("сторона заявителя")
    await expect(panel.locator('li[data-state="invited"]')).to_have_count(3)
    await expect(
        panel.get_by_role("button", name="Начать с теми, кто присоединился")
    ).to_have_count(0)
    await shots(page, "case-waiting-for-three")

    assert await outbox.flush() == 3
    links = links_by_address(smtp, address)
    assert set(links) == {"ruslan@example.kz", "dana@example.kz", "erlan@example.kz"}
    languages = {str(m["To"]): m["Content-Language"] for m in smtp.inbox.messages}
    assert languages == {
        "ruslan@example.kz": "ru",
        "dana@example.kz": "kk",
        "erlan@example.kz": "ru",
    }

    # Erlan's address was mistyped: the claimant sends him a new link, his old one stops.
    erlan = panel.locator('li[data-role="party4"]')
    await erlan.get_by_role("button", name="Отправить новую ссылку").click()
    await erlan.get_by_label("Электронная почта для новой ссылки").fill("erlan.omarov@example.kz")
    await erlan.get_by_role("button", name="Отправить новую ссылку").click()
    await expect(page.locator("#status")).to_contain_text("Новая ссылка отправлена (Ерлан Омаров)")
    await axe(page, "case page, a new link sent")
    assert await outbox.flush() == 1
    new_link = links_by_address(smtp, address)["erlan.omarov@example.kz"]
    kept = await panel.locator("#invite-link-party4").input_value()
    assert kept.split("#token=")[1] == new_link.split("#token=")[1]

    # The respondent joins over HTTP; Dana joins on the join page, in Kazakh.
    ruslan = await RoomClient.signup(address, "ruslan@example.kz")
    token = links["ruslan@example.kz"].split("#token=", 1)[1]
    accept = {"token": token, "consent_to_online_mediation": True}
    assert (await ruslan.http("POST", "/api/invitations/accept", json=accept)).status_code == 200
    dana = await RoomClient.signup(address, "dana@example.kz")
    joining = await logged_in_page(browser, address, dana.cookies, locale="kk-KZ")
    problems += watch(joining)
    await joining.goto(links["dana@example.kz"])
    who = joining.locator("ul.parties")
    await joining.get_by_role("heading", name="Іске кім қатысады").wait_for()
    await expect(who.locator("li")).to_have_count(4)
    await expect(who.locator('li[data-role="respondent"]')).to_contain_text("қосылды")
    await expect(who.locator('li[data-role="party3"]')).to_contain_text("сізді осы тарап ретінде")
    await expect(who.locator('li[data-role="party4"]')).to_contain_text("әлі қосылған жоқ")
    await axe(joining, "join page with four parties (kk)")
    await fits_the_phone(joining, "join page with four parties")
    await shots(joining, "join-four-parties-kk")
    await joining.get_by_label("Мен бұл дауды онлайн медиация арқылы шешуге").check()
    await joining.get_by_role("button", name="Іске қосылу").click()
    await joining.wait_for_url("**/#/cases")
    await joining.close()

    # The claimant's page shows them joined (it asks again by itself), and the start.
    await expect(panel.locator('li[data-state="joined"]')).to_have_count(3, timeout=30_000)
    start = panel.get_by_role("button", name="Начать с теми, кто присоединился")
    await axe(page, "case page, two of three joined")
    await fits_the_phone(page, "case page, two of three joined")
    await shots(page, "case-two-joined")
    await start.click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("Ерлан Омаров")
    await dialog.get_by_role("button", name="Назад").click()  # changed its mind once
    await expect(page.locator(".badge")).to_have_text(
        "Ожидаем, когда присоединятся все приглашённые"
    )
    await start.click()
    await page.get_by_role("dialog").get_by_role("button", name="Да, начать сейчас").click()
    await expect(page.locator(".badge")).to_have_text("Идут переговоры")
    await expect(panel.locator('li[data-role="party4"]')).to_contain_text("дело начато без него")
    await expect(page.locator("#status")).to_contain_text("Дело начато")
    await shots(page, "case-started-without-the-fourth")

    await outbox.flush()
    [told] = [m for m in smtp.inbox.messages if "без вас" in m["Subject"]]
    assert told["To"] == "erlan.omarov@example.kz"  # where his latest link went
    assert told["Content-Language"] == "ru"
    assert SUBJECT in told.get_content() and "/join#token=" not in told.get_content()
    assert problems == []
    await page.close()
