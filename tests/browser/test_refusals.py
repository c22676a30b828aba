"""The server's security refusals, said in the reader's language on a 360 px phone.

In Russian and in Kazakh: a wrong login and then the login throttle (429 login_throttled), a weak
password at sign-up (easy to guess, or holding the e-mail or name), an e-mail already taken, a
name with an invisible character, the signing re-authentication throttled (429
reauth_throttled), the verify page's per-address limit (429 too_many_requests) and a busy
verifier (503 verify_busy); the forgotten-password and account pages' waits. Each says what
happened and for how long to wait (Retry-After, with the number's plural form right), and never
the server's English message. The refusals come from the real server where a test can provoke
them (the throttles, the rate limit, zxcvbn); a busy verifier and an invisible character are
answered by the browser's network layer (a Playwright route), as the server would answer them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, Route, expect

from odr.settings import Settings, load_settings
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import ready_to_sign
from tests.builders.browser import PHONE, Axe, Shots, Watch
from tests.odr.room_client import PASSWORD, RoomClient

LOCALES = {"ru": "ru-RU", "kk": "kk-KZ", "en": "en-US"}
STRONG = "степной орёл летит к Каспию"  # zxcvbn: score 4
WEAK = "qwerty123456"  # long enough for the form, a keyboard pattern for zxcvbn
# Three English words in a row: the server's messages are such sentences, ours never are.
ENGLISH = re.compile(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b")

SAY = {
    "ru": {
        "login_failed": "Неверный адрес почты или пароль. Проверьте оба и попробуйте снова: в "
        "пароле важны заглавные буквы и язык клавиатуры.",
        "login_throttled": "Слишком много неудачных попыток входа. Чтобы защитить вашу учётную "
        "запись, вход на время приостановлен. Попробуйте снова через 15 минут.",
        "weak": "Такой пароль слишком легко угадать. Сделайте его длиннее, например добавьте "
        "одно-два слова, и не используйте в нём своё имя или адрес почты.",
        "weak_personal": "В пароле есть ваш адрес почты или имя — их пробуют первыми. Выберите "
        "пароль без них, например три-четыре не связанных между собой слова.",
        "too_short": "Пароль слишком короткий: нужно не менее 8 символов.",
        "email_taken": "Учётная запись с этим адресом почты уже есть. Войдите с ним; если вы "
        "забыли пароль, запросите новый на странице входа.",
        "name_invisible": "В имени есть невидимый символ (так бывает при копировании текста). "
        "Сотрите имя и напишите его заново.",
        "sign_wrong": "Пароль неверный, поэтому ничего не подписано. Введите пароль, с которым "
        "вы входите, и попробуйте снова.",
        "reauth_throttled": "Пароль слишком много раз введён неверно. Чтобы защитить вашу учётную "
        "запись, Kelisim на время перестал его проверять. Попробуйте снова через 15 минут.",
        "verify_429": "Слишком много запросов с вашего подключения за короткое время. "
        "Попробуйте снова через 2 минуты.",
        "verify_503": "Kelisim сейчас проверяет много документов. "
        "Попробуйте снова через 1 секунду.",
        "not_found": "НЕ НАЙДЕН",
        "check_file": "Проверить файл",
    },
    "kk": {
        "login_failed": "Электрондық пошта немесе құпиясөз қате. Екеуін де тексеріп, қайталап "
        "көріңіз: құпиясөзде бас әріптер мен пернетақтаның тілі маңызды.",
        "login_throttled": "Кіру әрекеттері тым көп рет сәтсіз болды. Тіркелгіңізді қорғау үшін "
        "кіру уақытша тоқтатылды. 15 минуттан кейін қайталап көріңіз.",
        "weak": "Бұл құпиясөзді табу тым оңай. Оны ұзартыңыз, мысалы, тағы бір-екі сөз қосыңыз, "
        "және онда атыңызды немесе электрондық поштаңызды қолданбаңыз.",
        "weak_personal": "Құпиясөзде электрондық поштаңыз немесе атыңыз бар — оларды ең алдымен "
        "байқап көреді. Оларсыз құпиясөз таңдаңыз, мысалы, бір-біріне қатысы жоқ үш-төрт сөз.",
        "too_short": "Құпиясөз тым қысқа: кемінде 8 таңба керек.",
        "email_taken": "Бұл электрондық поштамен тіркелгі бұрыннан бар. Сол арқылы кіріңіз; "
        "құпиясөзді ұмытсаңыз, кіру бетінде жаңасын сұраңыз.",
        "name_invisible": "Атыңызда көзге көрінбейтін таңба бар (мәтінді көшіргенде солай "
        "болады). Атыңызды өшіріп, қайта жазыңыз.",
        "sign_wrong": "Құпиясөз дұрыс емес, сондықтан ештеңеге қол қойылған жоқ. Жүйеге кіретін "
        "құпиясөзіңізді енгізіп, қайталап көріңіз.",
        "reauth_throttled": "Құпиясөз тым көп рет қате енгізілді. Тіркелгіңізді қорғау үшін "
        "Kelisim оны біраз уақыт тексермейді. 15 минуттан кейін қайталап көріңіз.",
        "verify_429": "Сіздің қосылымыңыздан қысқа уақытта тым көп сұрау жіберілді. 2 минуттан "
        "кейін қайталап көріңіз.",
        "verify_503": "Kelisim дәл қазір көп құжатты тексеріп жатыр. 1 секундтан кейін қайталап "
        "көріңіз.",
        "not_found": "ТАБЫЛМАДЫ",
        "check_file": "Файлды тексеру",
    },
}


@pytest.fixture
def settings(env: dict[str, str], request: pytest.FixtureRequest) -> Settings:
    """The app's settings, with a test's own additions (``indirect`` parametrisation)."""
    return load_settings({**env, **getattr(request, "param", {})})


def unexpected(problems: list[str]) -> list[str]:
    """Console errors besides Chromium's notes on the refusals these tests provoke."""
    return [p for p in problems if not re.search(r"status of (401|403|409|422|429|503)\b", p)]


async def phone(browser: Browser, lang: str) -> Page:
    context = await browser.new_context(viewport=PHONE, locale=LOCALES[lang])
    return await context.new_page()


async def error_at(page: Page, name: str) -> str:
    """The error said at field ``name``, after checking the field is marked and focused."""
    await expect(page.locator(f"#f-{name}")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator(f"#f-{name}")).to_be_focused()
    return str(await page.locator(f"#f-{name}-error").inner_text())


async def no_english(page: Page, *messages: str) -> None:
    """Nothing the server said in English is on the page, and no refusal shown is in English
    (the case's own text may be: its language is the parties' choice)."""
    text = str(await page.locator("body").inner_text())
    for message in messages:
        assert message not in text, f"the server's English is shown: {message!r}"
    for said in await page.locator(".form-error, .error").all_inner_texts():
        assert not ENGLISH.search(said), f"a refusal in English: {said!r}"


def canned(
    status: int, code: str, message: str, retry_after: int | None = None, **extra: Any
) -> Callable[[Route], Awaitable[None]]:
    """A route handler answering like the server: the one error shape, Retry-After if given."""

    async def answer(route: Route) -> None:
        await route.fulfill(
            status=status,
            headers={"Retry-After": str(retry_after)} if retry_after is not None else {},
            content_type="application/json",
            body=json.dumps(
                {"error": {"status": status, "code": code, "message": message, **extra}}
            ),
        )

    return answer


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_wrong_login_then_the_throttle(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch, lang: str
) -> None:
    await RoomClient.signup(address, "aigerim@example.kz")
    page = await phone(browser, lang)
    problems = watch(page)
    await page.goto(f"http://{address}/#/login")
    await page.locator("#f-email").fill("aigerim@example.kz")
    await page.locator("#f-password").fill("не тот пароль")
    await page.locator("#f-password").press("Enter")
    await expect(page.locator(".form-error")).to_have_text(SAY[lang]["login_failed"])
    await axe(page, f"login refused ({lang})")
    await fits_the_phone(page, f"login refused ({lang})")
    await shots(page, f"1-{lang}-login-failed")

    # Four more wrong passwords elsewhere: the account's limit (5 in 15 minutes) is reached.
    english = []
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        for _ in range(4):
            answer = await http.post(
                "/api/auth/login", json={"email": "aigerim@example.kz", "password": "nope nope"}
            )
            assert answer.status_code == 401
        english.append(answer.json()["error"]["message"])
        # Now even the right password waits, and the page says for how long.
        await page.locator("#f-password").fill(PASSWORD)
        await page.locator("#f-password").press("Enter")
        await expect(page.locator(".form-error")).to_have_text(SAY[lang]["login_throttled"])
        throttled = await http.post(
            "/api/auth/login", json={"email": "aigerim@example.kz", "password": PASSWORD}
        )
        assert throttled.status_code == 429 and throttled.headers["retry-after"] == "900"
        english.append(throttled.json()["error"]["message"])
    await no_english(page, *english)
    await axe(page, f"login throttled ({lang})")
    await shots(page, f"2-{lang}-login-throttled")
    assert unexpected(problems) == [], problems
    await page.context.close()


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_sign_up_refusals_at_their_fields(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch, lang: str
) -> None:
    await RoomClient.signup(address, "taken@example.kz")
    page = await phone(browser, lang)
    problems = watch(page)
    await page.goto(f"http://{address}/#/signup")
    await page.locator("#f-display_name").fill("Айгерим Садыкова")
    await page.locator("#f-email").fill("aigerim.s@example.kz")

    # Too short: said before anything is sent.
    await page.locator("#f-password").fill("abc")
    await page.locator("#f-password").press("Enter")
    assert await error_at(page, "password") == SAY[lang]["too_short"]

    # Easy to guess: zxcvbn's English advice is never shown, our own words are.
    await page.locator("#f-password").fill(WEAK)
    await page.locator("#f-password").press("Enter")
    assert await error_at(page, "password") == SAY[lang]["weak"]
    await axe(page, f"sign-up weak password ({lang})")
    await fits_the_phone(page, f"sign-up weak password ({lang})")
    await shots(page, f"1-{lang}-weak")
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        weak = await http.post(
            "/api/auth/signup",
            json={"email": "aigerim.s@example.kz", "password": WEAK, "display_name": "Айгерим"},
        )
    assert weak.status_code == 422 and weak.json()["error"]["code"] == "password_weak"
    await no_english(page, weak.json()["error"]["message"])

    # Holding the e-mail's name: said as such.
    await page.locator("#f-password").fill("aigerim-2026-astana-kz")
    await page.locator("#f-password").press("Enter")
    assert await error_at(page, "password") == SAY[lang]["weak_personal"]
    await no_english(page)

    # An address that already has an account: said at the e-mail.
    await page.locator("#f-email").fill("taken@example.kz")
    await page.locator("#f-password").fill(STRONG)
    await page.locator("#f-password").press("Enter")
    assert await error_at(page, "email") == SAY[lang]["email_taken"]
    assert await page.locator("#f-password").get_attribute("aria-invalid") is None
    await no_english(page)
    await shots(page, f"2-{lang}-email-taken")

    # A name pasted with an invisible character (odr/web/boundary.py's code): said at the name.
    invisible = "holds an invisible control character (U+0007) at character 3"
    await page.route(
        "**/api/auth/signup",
        canned(
            422,
            "validation_failed",
            f"the request has invalid fields: display_name: {invisible}",
            fields=[{"field": "display_name", "code": "control_character", "message": invisible}],
        ),
    )
    await page.locator("#f-email").fill("aigerim.s@example.kz")
    await page.locator("#f-password").press("Enter")
    assert await error_at(page, "display_name") == SAY[lang]["name_invisible"]
    await no_english(page, invisible)
    await axe(page, f"sign-up name refused ({lang})")
    assert unexpected(problems) == [], problems
    await page.context.close()


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_signing_says_how_long_to_wait_after_wrong_passwords(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch, lang: str
) -> None:
    parties = await open_case(address)
    await agree(parties)
    url = await ready_to_sign(parties, parties.respondent, "Алматы")
    page = await logged_in_page(browser, address, parties.claimant.cookies, LOCALES[lang])
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    form = page.locator("form.sign-form")
    await form.locator("#f-read").check()
    await form.locator("#f-password").fill("не тот пароль")
    await form.locator("#f-password").press("Enter")
    assert await error_at(page, "password") == SAY[lang]["sign_wrong"]

    # Four more wrong passwords from a stolen session: re-entry is now paused, the right one too.
    record = (await parties.claimant.http("GET", url)).json()["record_sha256"]
    for _ in range(4):
        wrong = await parties.claimant.http(
            "POST", f"{url}/signatures", json={"password": "guess", "record_sha256": record}
        )
        assert wrong.status_code == 403, wrong.text
    await form.locator("#f-password").fill(PASSWORD)
    await form.locator("#f-password").press("Enter")
    await expect(form.locator(".form-error")).to_have_text(SAY[lang]["reauth_throttled"])
    throttled = await parties.claimant.http(
        "POST", f"{url}/signatures", json={"password": PASSWORD, "record_sha256": record}
    )
    assert throttled.status_code == 429 and throttled.json()["error"]["code"] == "reauth_throttled"
    await no_english(page, throttled.json()["error"]["message"])
    assert (await parties.claimant.http("GET", url)).json()["signatures"] == []
    await axe(page, f"signing throttled ({lang})")
    await fits_the_phone(page, f"signing throttled ({lang})")
    await shots(page, f"1-{lang}-signing-throttled")
    assert unexpected(problems) == [], problems
    await page.context.close()


# One look-up per two minutes per address, so the second is refused by the real limiter with
# Retry-After of about 120 s ("2 minutes" whatever the test's speed).
SLOW_VERIFY = {"ODR_PUBLIC_RATE_PER_MIN": "0.5", "ODR_PUBLIC_RATE_BURST": "1"}


@pytest.mark.parametrize("settings", [SLOW_VERIFY], indirect=True)
@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_verify_page_says_how_long_to_wait(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch, lang: str
) -> None:
    page = await phone(browser, lang)
    problems = watch(page)
    await page.goto(f"http://{address}/#/verify/AAAAA-BBBBB")
    await expect(page.locator("#verdict-title")).to_contain_text(SAY[lang]["not_found"])
    await page.locator("#f-code").press("Enter")  # the same code again: over the limit
    refusal = page.locator(".verify-result .form-error")
    await expect(refusal).to_have_text(SAY[lang]["verify_429"])
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        limited = await http.get("/api/verify/AAAAA-BBBBB")
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "too_many_requests"
    await no_english(page, limited.json()["error"]["message"])
    await axe(page, f"verify 429 ({lang})")
    await fits_the_phone(page, f"verify 429 ({lang})")
    await shots(page, f"1-{lang}-verify-429")

    # Every verification slot busy: 503 verify_busy with Retry-After: 1.
    busy = "every verification slot is busy; try again in a second"
    await page.route("**/api/verify", canned(503, "verify_busy", busy, retry_after=1))
    await page.locator("#f-pdf").set_input_files(
        {"name": "settlement.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n"}
    )
    await page.get_by_role("button", name=SAY[lang]["check_file"]).click()
    await expect(refusal).to_have_text(SAY[lang]["verify_503"])
    await no_english(page, busy)
    await axe(page, f"verify 503 ({lang})")
    await shots(page, f"2-{lang}-verify-503")
    # The first look-up is of a code that names nothing: a 404 by design.
    assert [p for p in unexpected(problems) if "status of 404" not in p] == [], problems
    await page.context.close()


async def test_waits_are_said_with_the_plural_form_of_the_number(
    browser: Browser, address: str
) -> None:
    """Russian has three forms after a number, Kazakh one, English two."""
    seconds = [1, 2, 5, 21, 22, 59, 60, 61, 120, 300, 1260, 3600, 7200]
    said = {}
    for lang in ("ru", "kk", "en"):
        page = await phone(browser, lang)
        await page.goto(f"http://{address}/#/login")
        await page.locator("#f-email").wait_for()
        said[lang] = await page.evaluate(
            "async (all) => { const { waitText } = await import('/app/refusals.js'); "
            "return all.map(waitText); }",
            seconds,
        )
        await page.context.close()
    assert said["ru"] == [
        "Попробуйте снова через 1 секунду.",
        "Попробуйте снова через 2 секунды.",
        "Попробуйте снова через 5 секунд.",
        "Попробуйте снова через 21 секунду.",
        "Попробуйте снова через 22 секунды.",
        "Попробуйте снова через 59 секунд.",
        "Попробуйте снова через 1 минуту.",
        "Попробуйте снова через 2 минуты.",
        "Попробуйте снова через 2 минуты.",
        "Попробуйте снова через 5 минут.",
        "Попробуйте снова через 21 минуту.",
        "Попробуйте снова через 60 минут.",
        "Попробуйте снова через 2 часа.",
    ]
    assert said["kk"][0] == "1 секундтан кейін қайталап көріңіз."
    assert said["kk"][4] == "22 секундтан кейін қайталап көріңіз."
    assert said["kk"][10] == "21 минуттан кейін қайталап көріңіз."
    assert said["kk"][12] == "2 сағаттан кейін қайталап көріңіз."
    assert said["en"][0] == "Try again in 1 second." and said["en"][6] == "Try again in 1 minute."
    assert said["en"][7] == "Try again in 2 minutes." and said["en"][12] == "Try again in 2 hours."


async def test_forgot_and_account_pages_say_how_long_to_wait(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    """A reset asked for too often (429 reset_throttled) and a password change after too many
    wrong passwords (429 reauth_throttled), in Russian; the link's lifetime from the answer."""
    page = await phone(browser, "ru")
    problems = watch(page)
    await page.route(
        "**/api/auth/password-reset",
        canned(429, "reset_throttled", "too many password-reset requests", retry_after=125),
    )
    await page.goto(f"http://{address}/#/forgot")
    await page.locator("#f-email").fill("ruslan@example.kz")
    await page.locator("#f-email").press("Enter")
    await expect(page.locator(".form-error")).to_have_text(
        "Для этого адреса слишком часто запрашивали ссылку. Если письмо уже пришло, откройте "
        "ссылку из самого нового письма (загляните и в «Спам»). Попробуйте снова через 3 минуты."
    )
    await no_english(page, "too many password-reset requests")
    await axe(page, "forgot (ru, reset_throttled)")

    # The answer says for how long the link works; Russian says "21 минуту".
    await page.unroute("**/api/auth/password-reset")

    async def requested(route: Route) -> None:
        await route.fulfill(
            status=202,
            json={"status": "requested", "message": "If an account …", "expires_in_minutes": 21},
        )

    await page.route("**/api/auth/password-reset", requested)
    await page.locator("#f-email").press("Enter")
    await expect(page.get_by_text("Ссылка действует 21 минуту и только один раз.")).to_be_visible()
    await page.context.close()

    party = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, party.cookies, locale="ru-RU")
    problems += watch(page)
    await page.route(
        "**/api/auth/password",
        canned(429, "reauth_throttled", "too many wrong passwords; try again in 1 minute",
               retry_after=45),
    )  # fmt: skip
    await page.goto(f"http://{address}/#/account")
    await page.locator("#f-current_password").fill(PASSWORD)
    await page.locator("#f-new_password").fill(STRONG)
    await page.locator("#f-new_password_again").fill(STRONG)
    await page.locator("#f-new_password_again").press("Enter")
    await expect(page.locator(".form-error")).to_have_text(
        "Пароль слишком много раз введён неверно. Чтобы защитить вашу учётную запись, Kelisim на "
        "время перестал его проверять. Попробуйте снова через 45 секунд."
    )
    await no_english(page, "too many wrong passwords")
    await axe(page, "account (ru, reauth_throttled)")
    assert unexpected(problems) == [], problems
    await page.context.close()
