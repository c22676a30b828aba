"""The first pages in a real browser: languages, sign-up, joining by invitation."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from playwright.async_api import Browser, Page, Route, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.cases import CASE
from tests.odr.room_client import RoomClient

LOCALES = Path(__file__).resolve().parents[2] / "static" / "app" / "locales"


def keys(lang: str) -> set[str]:
    return set(re.findall(r'^\s*"([a-z0-9_.]+)":', (LOCALES / f"{lang}.js").read_text(), re.M))


def test_every_language_has_every_string() -> None:
    assert keys("en") and keys("kk") == keys("en") == keys("ru")


PLURAL_FORMS = ("one", "few", "many", "other")  # refusals.plural(key, n) reads key.{form}


def app_code() -> str:
    """static/app's modules but the catalogues, without their `// …` comments."""
    modules = sorted(p for p in LOCALES.parent.rglob("*.js") if LOCALES not in p.parents)
    text = "\n".join(p.read_text(encoding="utf-8") for p in modules)
    return re.sub(r"(^|\s)//\s.*$", "", text, flags=re.M)


def key_patterns(code: str) -> list[re.Pattern[str]]:
    """The keys a template literal builds from a code: `role.${x.role}` → role.<word>.

    Only templates that start with a dotted key name count (`${key}.${form}` is the plural's).
    """
    templates = re.findall(r"`((?:[a-z0-9_.]|\$\{[^`{}]*\})+)`", code)
    return [
        re.compile(
            "".join(
                "[a-z0-9_]+" if piece.startswith("${") else re.escape(piece)
                for piece in re.split(r"(\$\{[^`{}]*\})", template)
                if piece
            )
        )
        for template in templates
        if re.match(r"[a-z0-9_]+\.", template)
    ]


def test_every_string_is_used_and_every_used_string_exists() -> None:
    """No string stays in the catalogues after its page stopped showing it, and no page asks
    for one that is not there (t() would show the key itself).

    A key counts as used when the code holds it whole as a string literal ("auth.email", in a
    t() call or in a table of keys), when a template literal builds it from a code
    (`settlement.state.${state}`: every settlement.state.<word> is taken as used), or when it
    is a plural form of a literal key (plural("forgot.sent_for", n) reads forgot.sent_for.one …).
    """
    code = app_code()
    literals = set(re.findall(r"\"([a-z0-9_]+(?:\.[a-z0-9_]+)+)\"", code))
    built = key_patterns(code)
    catalogue = keys("en")
    # The feature parts' catalogues (locales/<part>/en.js: centre, bidding, division, …)
    parts = set().union(
        *(
            re.findall(r'^\s*"([a-z0-9_.]+)":', path.read_text(encoding="utf-8"), re.M)
            for path in sorted(LOCALES.glob("*/en.js"))
        )
    )

    def used(key: str) -> bool:
        base, _, form = key.rpartition(".")
        return (
            key in literals
            or any(pattern.fullmatch(key) for pattern in built)
            or (form in PLURAL_FORMS and base in literals)
        )

    assert sorted(k for k in catalogue | parts if not used(k)) == []
    asked = set(re.findall(r"\bt\(\s*\"([^\"]+)\"", code))
    assert asked and sorted(asked - catalogue - parts) == []
    plurals = set(re.findall(r"\bplural\(\s*\"([^\"]+)\"", code))
    assert plurals and sorted(
        f"{key}.{form}" for key in plurals for form in PLURAL_FORMS
    ) == sorted(k for k in catalogue | parts if k.rpartition(".")[0] in plurals)


async def test_landing_in_three_languages_on_a_phone(
    browser: Browser, address: str, shots: Shots
) -> None:
    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="ru-RU")
    errors: list[str] = []
    # Nothing is logged on the normal path: the anonymous session check answers 200 (user null).
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    await page.goto(f"http://{address}/")
    await page.get_by_role("heading", level=1).wait_for()
    assert "онлайн" in await page.get_by_role("heading", level=1).inner_text()  # browser: ru
    await shots(page, "landing-ru")
    # Another language's strings are fetched on the switch: the page changes once they are here.
    await page.select_option("#lang", "kk")
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Дауыңызды")
    assert await page.get_attribute("html", "lang") == "kk"
    await shots(page, "landing-kk")
    await page.select_option("#lang", "en")
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Settle your dispute")
    await fits_the_phone(page, "landing (en)")
    assert errors == []
    await page.close()


async def test_signup_and_join_by_invitation_with_the_keyboard(
    browser: Browser, address: str, shots: Shots
) -> None:
    claimant = await RoomClient.signup(address, "claimant@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    invitation = created["invitation"]["url"].replace("http://127.0.0.1:8000", f"http://{address}")

    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="en-US")
    await page.goto(invitation)
    await page.get_by_text(CASE["subject"]).wait_for()
    await shots(page, "invitation")
    await page.get_by_role("link", name="Sign up").last.click()
    await page.get_by_label("Your full name").fill("Ruslan Akhmetov")
    await page.get_by_label("E-mail").fill("ruslan@example.kz")
    await page.get_by_label("Password").fill("correct horse battery")
    await page.get_by_label("Password").press("Enter")  # submit with the keyboard
    consent = page.get_by_label("I agree to try to settle this dispute by online mediation.")
    await consent.wait_for()
    await consent.press("Space")
    await page.get_by_role("button", name="Join the case").press("Enter")
    await page.get_by_text("Negotiating").wait_for()
    await shots(page, "my-cases")
    assert await page.get_by_text("You were invited to this case").count() == 1
    await page.close()


async def test_claimant_opens_a_case_in_guided_steps(
    browser: Browser, address: str, shots: Shots
) -> None:
    await RoomClient.signup(address, "aigerim@example.kz")
    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="ru-RU")
    await page.goto(f"http://{address}/#/login")
    await page.get_by_label("Электронная почта").fill("aigerim@example.kz")
    await page.get_by_label("Пароль").fill("correct horse battery")
    await page.get_by_role("button", name="Войти").click()
    await page.get_by_role("link", name="Открыть новое дело").click()
    await page.get_by_label("Вид спора").select_option("civil")
    await page.get_by_label("Одним предложением").fill("Долг за ремонт квартиры")
    await page.get_by_label("Полное имя").fill("Руслан Ахметов")
    await page.get_by_label("Электронная почта (отправим приглашение)").fill("ruslan@example.kz")
    await page.get_by_label("Что это? (например, сумма, срок)").fill("Сумма выплаты")
    await page.get_by_label("Сумма или число").check()
    await page.get_by_label("От", exact=True).fill("0")
    await page.get_by_label("До", exact=True).fill("500000")
    await page.get_by_label("С шагом", exact=True).fill("10000")
    await page.get_by_role("button", name="Добавить пункт").click()
    second = page.locator("fieldset.issue").nth(1)
    await second.get_by_label("Что это? (например, сумма, срок)").fill("Срок")
    await second.get_by_label("Варианты, по одному в строке").fill("Сразу\nЧерез месяц")
    await page.get_by_label("Сумма требования, тенге (необязательно)").fill("500000")
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()
    await shots(page, "form-filled")
    await page.get_by_role("button", name="Открыть дело").click()
    await page.get_by_text("Пригласите другую сторону").wait_for(timeout=5000)
    assert "/join#token=" in await page.get_by_label("Ссылка-приглашение").input_value()
    await shots(page, "case-created")
    await page.close()


async def test_missing_consent_is_explained_and_nothing_is_opened(
    browser: Browser, address: str
) -> None:
    client = await RoomClient.signup(address, "b@example.kz")
    page = await browser.new_page(locale="en-US")
    await page.goto(f"http://{address}/#/login")
    await page.get_by_label("E-mail").fill("b@example.kz")
    await page.get_by_label("Password").fill("correct horse battery")
    await page.get_by_role("button", name="Log in").click()
    await page.get_by_role("link", name="Open a new case").click()
    await page.get_by_label("In one sentence").fill("Broken washing machine")
    await page.get_by_role("button", name="Open the case").click()
    await page.locator(".form-error").filter(has_text="online mediation").wait_for()
    focused = await page.evaluate("document.activeElement.id")
    assert focused == "consent"
    assert (await client.http("GET", "/api/cases")).json()["cases"] == []
    await page.close()


async def test_a_page_that_does_not_load_says_so_and_loads_on_retry(
    browser: Browser, address: str
) -> None:
    """Pages are fetched on first visit: a lost network then shows a clear, translated message
    with a retry, not a blank page; the language switch waits for the other catalogue."""
    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="ru-RU")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # No strings at all: said in the three languages, and the button loads the page again.
    await page.route("**/app/locales/ru.js", lambda route: route.abort())
    await page.goto(f"http://{address}/")
    await expect(page.get_by_role("alert")).to_contain_text("Kelisim не загрузился.")
    await page.unroute("**/app/locales/ru.js")
    await page.get_by_role("button", name="Try again · Қайталау · Попробовать снова").click()
    await expect(page.get_by_role("heading", level=1)).to_contain_text("онлайн")
    await page.route("**/app/pages/verify.js", lambda route: route.abort())
    await page.get_by_role("link", name="Проверить документ", exact=True).click()
    await expect(page.get_by_role("alert")).to_contain_text("Проверьте подключение к интернету")
    assert await page.evaluate("document.activeElement.id") == "main"
    await page.unroute("**/app/pages/verify.js")

    async def slowly(route: Route) -> None:  # a slow network: the page says it is coming
        await asyncio.sleep(1)
        await route.continue_()

    await page.route("**/app/pages/verify.js", slowly)
    await page.get_by_role("button", name="Попробовать снова").click()
    await expect(page.locator("#main")).to_contain_text("Загрузка…")
    await page.get_by_label("Код проверки").wait_for()
    # A catalogue that does not arrive leaves the page in the language it was in, and says so.
    await page.route("**/app/locales/en.js", lambda route: route.abort())
    await page.select_option("#lang", "en")
    await expect(page.locator("#status")).to_contain_text("Не удалось загрузить язык")
    assert await page.get_attribute("html", "lang") == "ru"
    assert await page.input_value("#lang") == "ru"
    await page.unroute("**/app/locales/en.js")
    await page.select_option("#lang", "en")
    await page.get_by_label("Verification code").wait_for()
    assert errors == []
    await page.close()


async def sign_up_here(page: Page, name: str, email: str) -> None:
    await page.locator("#f-display_name").fill(name)
    await page.locator("#f-email").fill(email)
    await page.locator("#f-password").fill("степной орёл летит к Каспию")
    await page.locator("#f-password").press("Enter")


async def test_open_a_case_leads_to_the_form_after_sign_up(browser: Browser, address: str) -> None:
    """ "Open a case" on the landing page, then sign-up: the new case's form, not an empty list;
    the same from the form's own address reached logged out (login page, then "sign up")."""
    page = await browser.new_page(viewport={"width": 360, "height": 740}, locale="kk-KZ")
    await page.goto(f"http://{address}/")
    await page.get_by_role("link", name="Іс ашу").click()
    await sign_up_here(page, "Айгерім Нұрланова", "aigerim@example.kz")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Іс ашу")
    assert page.url.endswith("#/cases/new")
    await page.context.close()

    page = await browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    await page.goto(f"http://{address}/#/cases/new")
    await page.wait_for_url("**/#/login")
    await page.get_by_role("link", name="Нет учётной записи? Зарегистрируйтесь").click()
    await sign_up_here(page, "Руслан Ахметов", "ruslan@example.kz")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Открыть дело")
    await page.context.close()


async def test_a_case_link_opened_logged_out_opens_the_case_after_login(
    browser: Browser, address: str
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()["case"]
    page = await browser.new_page(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    await page.goto(f"http://{address}/#/cases/{created['id']}")
    await page.wait_for_url("**/#/login")
    await page.locator("#f-email").fill("aigerim@example.kz")
    await page.locator("#f-password").fill("correct horse battery")
    await page.locator("#f-password").press("Enter")
    await expect(page.get_by_role("heading", level=1)).to_contain_text(created["reference"])
    assert page.url.endswith(f"#/cases/{created['id']}")
    # Logging in again later, with nowhere asked for: the list of cases, as always.
    await page.evaluate("sessionStorage.clear()")
    await page.goto(f"http://{address}/#/login")
    await page.locator("#f-email").fill("aigerim@example.kz")
    await page.locator("#f-password").fill("correct horse battery")
    await page.locator("#f-password").press("Enter")
    await page.wait_for_url("**/#/cases")
    await page.context.close()


async def test_the_claimant_answers_while_waiting_and_sees_the_respondent_join(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    """A claimant on a phone, in Kazakh: while the respondent has not joined it states its
    interests (its case page offers it; nothing missing is asked for on the way, so the console
    stays clean), and its case page changes by itself, without a reload, when the respondent
    joins."""
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    case_id = created["case"]["id"]
    page = await logged_in_page(browser, address, claimant.cookies, locale="kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case_id}")
    await page.get_by_role("heading", name="Екінші тарапты шақырыңыз").wait_for()
    await page.get_by_role("link", name="Мүдделерімді жеке көрсету").click()
    await page.get_by_role("heading", name="Менің құпия мүдделерім").wait_for()
    group = page.locator("fieldset.option")
    for n, mark in enumerate(["Мен үшін ең жақсысы", "Қабылдай аламын", "Қабылдай алмаймын"]):
        await group.nth(n).get_by_label(mark).check()
    await page.get_by_label("Келісе аламын").fill("250000")
    await page.get_by_label("Табанды.").check()
    await page.get_by_role("button", name="Құпия жауаптарымды сақтау").click()
    await page.get_by_role("link", name="Іске оралу").click()
    await page.get_by_role("heading", name="Екінші тарапты шақырыңыз").wait_for()
    await fits_the_phone(page, "case page while waiting")
    await axe(page, "case page while waiting (kk)")
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["my_interests_stated"] is True and case["status"] == "awaiting_respondent"

    # The respondent joins elsewhere; the claimant's page, left open, changes by itself.
    await page.evaluate("window.notReloaded = true")
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    token = created["invitation"]["url"].split("#token=", 1)[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    await expect(page.get_by_role("heading", name="Әрі қарай не істеу керек")).to_be_visible(
        timeout=15000
    )
    await expect(page.locator("#status")).to_contain_text("іске қосылды")
    assert await page.evaluate("window.notReloaded") is True
    assert await page.get_by_role("heading", name="Екінші тарапты шақырыңыз").count() == 0
    assert problems == [], problems
    await page.context.close()
