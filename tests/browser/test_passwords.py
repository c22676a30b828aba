"""Passwords in a real browser on a 360 px phone: a party changes its password in Russian, a
forgotten one is reset in Kazakh from the e-mail a real SMTP server receives, a used or expired
link says so plainly. Every refusal is said at its field in the page's language (never the
server's English), everything is done with the keyboard, and axe scans each page and state."""

from __future__ import annotations

import asyncio
import re
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, expect
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.app import services_of
from tests.builders.browser import PHONE, Axe, Shots, Watch
from tests.builders.mail import Smtp
from tests.conftest import FakeClock
from tests.odr.room_client import PASSWORD, RoomClient

NEW_PASSWORD = "степной орёл летит к Каспию"  # zxcvbn: score 4
WEAK_PASSWORD = "qwerty123456"  # long enough for the form, a keyboard pattern for zxcvbn


@pytest.fixture
def settings(mail_env: dict[str, str], tmp_path: Path) -> Settings:
    return load_settings(
        {
            **mail_env,
            "ODR_SMTP_FROM": "Kelisim <noreply@kelisim.kz>",
            "ODR_SMS_FILE": str(tmp_path / "sms.log"),
        }
    )


async def letter_to(app: Starlette, smtp: Smtp, recipient: str) -> EmailMessage:
    """The newest e-mail to ``recipient``, once the outbox has sent it to the SMTP server."""
    for _ in range(200):
        await services_of(app).outbox.flush()
        letters = [m for m in smtp.inbox.messages if m["To"] == recipient]
        if letters:
            return letters[-1]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no e-mail reached {recipient}")


def reset_link(letter: EmailMessage, address: str) -> str:
    """The letter's /reset#token=… link, pointed at the live test server."""
    found = re.search(r"https?://\S+?(/reset#token=[\w-]+)", letter.get_content())
    assert found, letter.get_content()
    return f"http://{address}{found.group(1)}"


async def login_works(address: str, email: str, password: str) -> bool:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": password})
        return response.status_code == 200


def unexpected(problems: list[str]) -> list[str]:
    """Console errors besides Chromium's notes on the refusals these tests provoke (a wrong
    current password is a 401)."""
    return [p for p in problems if not re.search(r"status of (400|401|403|422|429)\b", p)]


async def error_at(page: Page, name: str) -> str:
    """The error said at field ``name``, after checking the field is marked and focused."""
    await expect(page.locator(f"#f-{name}")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(f"#f-{name}")).to_be_focused()
    return str(await page.locator(f"#f-{name}-error").inner_text())


async def test_a_party_changes_its_password_in_russian(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch
) -> None:
    party = await RoomClient.signup(address, "aigerim@example.kz")
    async with httpx.AsyncClient(base_url=f"http://{address}") as phone:
        answer = await phone.post(
            "/api/auth/login", json={"email": "aigerim@example.kz", "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        other_cookies = dict(phone.cookies)  # another device, logged in too
    page = await logged_in_page(browser, address, party.cookies, locale="ru-RU")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases")
    await page.get_by_role("link", name="Профиль").click()  # from the menu
    await page.get_by_role("heading", name="Мой профиль").wait_for()
    await expect(page.get_by_text("Вы вошли как aigerim (aigerim@example.kz).")).to_be_visible()
    await axe(page, "account (ru)")
    await fits_the_phone(page, "account (ru)")
    await shots(page, "1-ru-account")

    current = page.get_by_label("Текущий пароль")
    new = page.get_by_label("Новый пароль", exact=True)
    again = page.get_by_label("Новый пароль ещё раз")
    # Nothing typed: said at the first field, before anything is sent.
    await current.press("Enter")
    assert await error_at(page, "current_password") == "Введите текущий пароль."

    # A wrong current password: refused by the server, said at its field in Russian.
    await current.fill("не тот пароль")
    await new.fill(NEW_PASSWORD)
    await again.fill(NEW_PASSWORD)
    await again.press("Enter")
    assert await error_at(page, "current_password") == (
        "Это не ваш текущий пароль. Введите пароль, с которым вы входите."
    )
    await axe(page, "account (ru, wrong password)")
    await shots(page, "2-ru-wrong-current")

    # A weak new password: refused by the server (zxcvbn), said at the new password.
    await current.fill(PASSWORD)
    await new.fill(WEAK_PASSWORD)
    await again.fill(WEAK_PASSWORD)
    await again.press("Enter")
    assert (await error_at(page, "new_password")).startswith("Такой пароль слишком легко угадать.")
    assert await page.locator("#f-current_password").get_attribute("aria-invalid") is None
    await shots(page, "3-ru-weak")

    # The two new passwords differ: said at the repetition, before anything is sent.
    await new.fill(NEW_PASSWORD)
    await again.fill(NEW_PASSWORD + "!")
    await again.press("Enter")
    assert await error_at(page, "new_password_again") == (
        "Два новых пароля не совпадают. Введите новый пароль ещё раз."
    )

    # Shown as typed, with the keyboard: Space on the switch.
    show = page.get_by_label("Показать пароли")
    await show.focus()
    await page.keyboard.press("Space")
    await expect(new).to_have_attribute("type", "text")
    await again.fill(NEW_PASSWORD)
    await page.get_by_role("button", name="Сменить пароль").press("Enter")
    await page.get_by_role("heading", name="Пароль изменён").wait_for()
    await expect(
        page.get_by_text("на других телефонах или компьютерах, там выполнен выход")
    ).to_be_visible()
    await axe(page, "account (ru, changed)")
    await fits_the_phone(page, "account (ru, changed)")
    await shots(page, "4-ru-changed")

    # What the page said is true: the other device is logged out, this one is not; the old
    # password no longer opens the account and the new one does.
    async with httpx.AsyncClient(base_url=f"http://{address}", cookies=other_cookies) as phone:
        assert (await phone.get("/api/auth/session")).status_code == 401
    await page.get_by_role("link", name="Мои дела").first.click()
    await page.get_by_role("heading", name="Мои дела").wait_for()
    await page.get_by_role("button", name="Выйти").click()
    await page.get_by_role("link", name="Войти").click()
    await page.get_by_role("heading", name="Вход").wait_for()
    await page.get_by_label("Электронная почта").fill("aigerim@example.kz")
    await page.get_by_label("Пароль").fill(PASSWORD)
    await page.get_by_label("Пароль").press("Enter")
    await expect(page.locator(".form-error")).not_to_be_empty()  # the old password: refused
    await page.get_by_label("Пароль").fill(NEW_PASSWORD)
    await page.get_by_label("Пароль").press("Enter")
    await page.get_by_role("heading", name="Мои дела").wait_for()
    assert not await login_works(address, "aigerim@example.kz", PASSWORD)
    assert unexpected(problems) == []
    await page.context.close()


async def test_a_forgotten_password_is_reset_in_kazakh(
    app: Starlette, browser: Browser, address: str, smtp: Smtp, axe: Axe, shots: Shots, watch: Watch
) -> None:
    await RoomClient.signup(address, "ruslan@example.kz")
    context = await browser.new_context(viewport=PHONE, locale="kk-KZ")
    page = await context.new_page()
    problems = watch(page)
    await page.goto(f"http://{address}/#/login")
    await page.get_by_role("link", name="Құпиясөзді ұмыттыңыз ба?").click()
    await page.get_by_role("heading", name="Құпиясөзді ұмыттыңыз ба?").wait_for()
    await axe(page, "forgot (kk)")
    await fits_the_phone(page, "forgot (kk)")
    email = page.get_by_label("Электрондық пошта")
    await email.press("Enter")
    assert await error_at(page, "email") == "Электрондық пошта мекенжайыңызды енгізіңіз."
    await email.fill("ruslan at example")
    await email.press("Enter")
    assert (await error_at(page, "email")).startswith(
        "Бұл электрондық пошта мекенжайына ұқсамайды."
    )
    await axe(page, "forgot (kk, bad address)")

    # An address without an account gets the very same answer (and no letter).
    await email.fill("nobody@example.kz")
    await email.press("Enter")
    await page.get_by_role("heading", name="Поштаңызды тексеріңіз").wait_for()
    unknown = await page.locator("main").inner_text()
    await page.get_by_role("button", name="Сілтемені қайта жіберу").press("Enter")
    await expect(email).to_have_value("nobody@example.kz")  # to correct a typo in it
    await email.fill("ruslan@example.kz")
    await email.press("Enter")
    await page.get_by_role("heading", name="Поштаңызды тексеріңіз").wait_for()
    known = await page.locator("main").inner_text()
    assert known.replace("ruslan@", "nobody@") == unknown
    assert "Сілтеме 30 минут ішінде және тек бір рет жұмыс істейді." in known
    assert "«Спам» қалтасын қараңыз" in known
    await axe(page, "forgot (kk, sent)")
    await fits_the_phone(page, "forgot (kk, sent)")
    await shots(page, "1-kk-sent")

    letter = await letter_to(app, smtp, "ruslan@example.kz")
    assert letter["Content-Language"] == "kk"  # his language, like the page
    assert [m for m in smtp.inbox.messages if m["To"] == "nobody@example.kz"] == []
    link = reset_link(letter, address)
    await page.goto(link)
    await page.get_by_role("heading", name="Жаңа құпиясөз").wait_for()
    await axe(page, "reset (kk)")
    await fits_the_phone(page, "reset (kk)")
    await shots(page, "2-kk-reset")
    new = page.get_by_label("Жаңа құпиясөз", exact=True)
    again = page.get_by_label("Жаңа құпиясөз тағы бір рет")
    await expect(new).to_have_attribute("aria-describedby", re.compile("f-new_password-hint"))
    await new.fill("қысқа")
    await new.press("Enter")
    assert await error_at(page, "new_password") == "Құпиясөз тым қысқа: кемінде 8 таңба керек."
    # His own name is refused by the server, said in Kazakh at the field.
    await new.fill("ruslan2024ruslan")
    await again.fill("ruslan2024ruslan")
    await again.press("Enter")
    assert (await error_at(page, "new_password")).startswith("Бұл құпиясөзді табу тым оңай.")
    await axe(page, "reset (kk, weak)")
    await shots(page, "3-kk-weak")
    await new.fill(NEW_PASSWORD)
    await again.fill(NEW_PASSWORD)
    await again.press("Enter")
    await page.get_by_role("heading", name="Құпиясөз өзгертілді").wait_for()
    await axe(page, "reset (kk, done)")
    await shots(page, "4-kk-done")

    await page.get_by_role("link", name="Кіру", exact=True).last.press("Enter")
    await page.get_by_role("heading", name="Кіру").wait_for()
    await page.get_by_label("Электрондық пошта").fill("ruslan@example.kz")
    await page.get_by_label("Құпиясөз").fill(NEW_PASSWORD)
    await page.get_by_label("Құпиясөз").press("Enter")
    await page.get_by_role("heading", name="Менің істерім").wait_for()
    assert not await login_works(address, "ruslan@example.kz", PASSWORD)

    # The same link a second time: used, so it says so and offers a new one.
    await page.goto(link)
    await page.get_by_label("Жаңа құпиясөз", exact=True).fill("тағы бір жаңа құпия сөз")
    await page.get_by_label("Жаңа құпиясөз тағы бір рет").fill("тағы бір жаңа құпия сөз")
    await page.get_by_label("Жаңа құпиясөз тағы бір рет").press("Enter")
    await page.get_by_role("heading", name="Бұл сілтеме енді жарамайды").wait_for()
    await axe(page, "reset (kk, used link)")
    await fits_the_phone(page, "reset (kk, used link)")
    await shots(page, "5-kk-used")
    await page.get_by_role("link", name="Жаңа сілтеме сұрау").press("Enter")
    await page.get_by_role("heading", name="Құпиясөзді ұмыттыңыз ба?").wait_for()
    assert await login_works(address, "ruslan@example.kz", NEW_PASSWORD)
    assert unexpected(problems) == []
    await context.close()


async def test_an_expired_or_cut_link_says_so_in_russian(
    app: Starlette, browser: Browser, address: str, smtp: Smtp, clock: FakeClock, axe: Axe,
    shots: Shots, watch: Watch
) -> None:  # fmt: skip
    await RoomClient.signup(address, "dana@example.kz")
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        sent = await http.post("/api/auth/password-reset", json={"email": "dana@example.kz"})
        assert sent.status_code == 202, sent.text
    link = reset_link(await letter_to(app, smtp, "dana@example.kz"), address)
    clock.advance(minutes=31)
    context = await browser.new_context(viewport=PHONE, locale="ru-RU")
    page = await context.new_page()
    problems = watch(page)
    await page.goto(link)
    await page.get_by_label("Новый пароль", exact=True).fill(NEW_PASSWORD)
    await page.get_by_label("Новый пароль ещё раз").fill(NEW_PASSWORD)
    await page.get_by_label("Новый пароль ещё раз").press("Enter")
    await page.get_by_role("heading", name="Эта ссылка больше не действует").wait_for()
    await expect(page.get_by_role("alert")).to_contain_text("её срок истёк")
    await axe(page, "reset (ru, expired)")
    await shots(page, "1-ru-expired")
    # A link cut off before its token: the same page at once, nothing to type in vain.
    await page.goto(f"http://{address}/reset")
    await page.get_by_role("heading", name="Эта ссылка больше не действует").wait_for()
    await fits_the_phone(page, "reset (ru, no token)")
    assert not await login_works(address, "dana@example.kz", NEW_PASSWORD)
    assert unexpected(problems) == []
    await context.close()


async def test_too_many_requests_says_to_wait(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    """A 429 (the server's rate limit, here answered by the browser's network layer so the test
    does not depend on the limit's size) is said in the page's language, with no English."""
    context = await browser.new_context(viewport=PHONE, locale="ru-RU")
    page = await context.new_page()

    async def busy(route: Route) -> None:
        await route.fulfill(
            status=429,
            headers={"Retry-After": "60"},
            json={"error": {"status": 429, "code": "too_many_requests", "message": "slow down"}},
        )

    await page.route("**/api/auth/password-reset", busy)
    await page.goto(f"http://{address}/#/forgot")
    await page.get_by_label("Электронная почта").fill("ruslan@example.kz")
    await page.get_by_label("Электронная почта").press("Enter")
    await expect(page.locator(".form-error")).to_have_text(
        "Слишком много попыток за короткое время. Подождите несколько минут и попробуйте снова."
    )
    await axe(page, "forgot (ru, 429)")
    await context.close()
