"""Invitations and notices in a real browser: the invitation e-mail (real SMTP) opens the join
page in Chromium; the claimant's menu counts the unread notice that the respondent joined, the
notifications page lists it in the page's language and opening it marks it read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.app import services_of
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.cases import CASE
from tests.builders.mail import Smtp
from tests.odr.room_client import RoomClient


@pytest.fixture
def settings(mail_env: dict[str, str], tmp_path: Path) -> Settings:
    return load_settings({**mail_env, "ODR_SMS_FILE": str(tmp_path / "sms.log")})


async def test_the_invitation_e_mail_opens_the_join_page_and_the_claimant_is_told(
    browser: Browser,
    address: str,
    app: Starlette,
    smtp: Smtp,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    created = await claimant.http("POST", "/api/cases", json=CASE)  # the case is in Russian
    assert created.status_code == 201, created.text
    case_id = created.json()["case"]["id"]
    assert await services_of(app).outbox.flush() == 1
    [letter] = smtp.inbox.messages
    assert letter["To"] == CASE["respondent"]["email"] and letter["Content-Language"] == "ru"
    found = re.search(r"http://\S+/join#token=[\w-]+", letter.get_content())
    assert found, letter.get_content()
    link = found.group(0).replace("http://127.0.0.1:8000", f"http://{address}")

    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="ru-RU")
    problems = watch(page)
    await page.goto(link)  # as the respondent's mail program would open it
    await page.get_by_text(CASE["subject"]).wait_for()
    await shots(page, "invitation-from-e-mail")
    await page.close()

    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    token = link.split("#token=", 1)[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text

    mine = await logged_in_page(browser, address, claimant.cookies, locale="ru-RU")
    problems += watch(mine)
    await mine.goto(f"http://{address}/#/cases")
    menu_link = mine.get_by_role("link", name=re.compile(r"Уведомления.*новых: 1"))
    await menu_link.click()
    await mine.get_by_role("heading", name="Уведомления", level=1).wait_for()
    notice = mine.locator("main").get_by_role("link", name="вторая сторона присоединилась")
    await notice.wait_for()
    assert await mine.get_by_text("Новое", exact=True).count() == 1
    await axe(mine, "notifications")
    await fits_the_phone(mine, "notifications")
    await shots(mine, "notifications")

    await notice.click()
    await mine.wait_for_url(f"**/#/cases/{case_id}")
    await mine.get_by_role("link", name="Уведомления", exact=True).wait_for()
    listed = (await claimant.http("GET", "/api/notifications")).json()
    assert listed["unread"] == 0
    assert problems == []
    await mine.close()


async def test_mark_all_as_read_in_kazakh(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    token = created["invitation"]["url"].split("#token=", 1)[1]
    await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    page = await logged_in_page(browser, address, claimant.cookies, locale="kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/#/notifications")
    await page.get_by_role("heading", name="Хабарламалар", level=1).wait_for()
    await page.get_by_text("екінші тарап қосылды").wait_for()
    await page.get_by_role("button", name="Барлығын оқылды деп белгілеу").click()
    await page.get_by_text("Барлық хабарлама оқылды деп белгіленді.").wait_for()
    assert await page.get_by_role("button", name="Барлығын оқылды деп белгілеу").count() == 0
    await axe(page, "notifications-kk")
    assert problems == []
    await page.close()


async def test_choosing_sms_and_quiet_hours_in_russian_with_a_refused_number(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    person = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, person.cookies, locale="ru-RU")
    problems = watch(page)
    await page.goto(f"http://{address}/#/notifications")
    await page.get_by_role("heading", name="Как вам сообщать").wait_for()
    assert await page.get_by_label("По электронной почте", exact=True).is_checked()
    # What "e-mail and SMS" means, with the centre's hours (ODR_SMS_AFTER_UNREAD_H, 4: "часа").
    await expect(page.locator("#channel-both-hint")).to_have_text(
        "Сначала письмо; SMS придёт, только если письмо останется непрочитанным через 4 часа."
    )
    await page.get_by_label("По SMS", exact=True).check()
    await page.get_by_role("button", name="Сохранить").click()
    await page.locator("#f-phone-error").filter(has_text="укажите номер").wait_for()
    await page.get_by_label("Номер мобильного телефона для SMS").fill("12")
    await page.get_by_role("button", name="Сохранить").click()
    await page.locator("#f-phone-error").filter(has_text="Это не номер телефона").wait_for()
    await axe(page, "notification settings (ru, refused)")
    await page.get_by_label("Номер мобильного телефона для SMS").fill("8 701 234 56 78")
    await page.get_by_label("Ничего не присылать ночью").check()
    await page.get_by_label("Тишина с").select_option("23")
    await page.get_by_role("button", name="Сохранить").click()
    await page.get_by_text("Сохранено. Будем сообщать так.").wait_for()
    number = page.get_by_label("Номер мобильного телефона для SMS")
    assert await number.input_value() == "+77012345678"
    saved = (await person.http("GET", "/api/notifications/settings")).json()
    quiet = {"start": 23, "end": 8}
    assert saved == {
        "channel": "sms",
        "phone": "+77012345678",
        "quiet_hours": quiet,
        "sms_after_unread_hours": 4,
    }
    await fits_the_phone(page, "notification settings")
    # The refusals are the deliberate 422s of this test, said in Russian at the field.
    assert [p for p in problems if "422" not in p] == []
    await page.close()


async def test_the_case_form_sends_the_invitation_by_sms_in_the_language_picked(
    browser: Browser, address: str, app: Starlette, smtp: Smtp, settings: Settings, axe: Axe
) -> None:
    """A claimant writing in Russian invites someone who reads Kazakh, by e-mail and SMS."""
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, locale="ru-RU")
    await page.goto(f"http://{address}/#/cases/new")
    await page.get_by_label("Одним предложением").fill("Долг за ремонт квартиры")
    await page.get_by_label("Полное имя").fill("Руслан Ахметов")
    await page.get_by_label("Электронная почта (отправим приглашение)").fill("ruslan@example.kz")
    phone = page.get_by_label("Номер мобильного телефона (необязательно")
    await phone.fill("12")
    assert await page.get_by_label("На каком языке отправить приглашение").input_value() == "ru"
    await page.get_by_label("На каком языке отправить приглашение").select_option("kk")
    await page.get_by_label("Что это? (например, сумма, срок)").fill("Сумма выплаты")
    await page.get_by_label("Сумма или число").check()
    await page.get_by_label("От", exact=True).fill("0")
    await page.get_by_label("До", exact=True).fill("500000")
    await page.get_by_label("С шагом", exact=True).fill("10000")
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()
    await page.get_by_role("button", name="Открыть дело").click()
    await page.locator("#f-respondent_phone-error").filter(has_text="не номер телефона").wait_for()
    await axe(page, "case form (ru, phone refused)")
    await phone.fill("+7 701 234 56 78")
    await page.get_by_role("button", name="Открыть дело").click()
    await page.get_by_text("Пригласите другую сторону").wait_for()

    assert await services_of(app).outbox.flush() == 2
    [letter] = smtp.inbox.messages
    assert letter["Content-Language"] == "kk" and "шақырады" in letter.get_content()
    [sms] = settings.sms_file.read_text("utf-8").splitlines()
    assert '"to": "+77012345678"' in sms and "/join#token=" in sms
    await page.close()
