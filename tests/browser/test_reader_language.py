"""Every refusal the server can give a party is said in the reader's language, never in English.

A claimant in Kazakh on a 360 px phone and a respondent in Russian on a desktop meet, from the
real server: an invitation link already used, a cut invitation link, a case that is not theirs,
a mistyped IIN (check digit) on the settlement's identity form, a joining without consent; and
(answered by the browser's network layer, as the server answers it) a refusal with a code no page
knows and a document failing a check the page has no words for. Each shown text is the catalogue's
own, and none holds a word in Latin script (the name Kelisim aside): before, the server's English
``message`` was shown ("this invitation link has already been used", "(IIN … has check digit 4,
expected 3 (mistyped?))", "case not found").
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.async_api import Browser, Page, Route, ViewportSize, expect

from tests.browser.conftest import fits_the_phone
from tests.browser.parties import agree, open_case
from tests.builders.browser import PHONE, Axe, Watch
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
READERS = {"kk": ("kk-KZ", PHONE), "ru": ("ru-RU", DESKTOP)}
# A word in Latin script; the service's own name is one on every page, in every language.
LATIN = re.compile(r"\b(?!Kelisim\b)[A-Za-z]{2,}\b")
EMAIL = re.compile(r"\S+@\S+")

SAY = {
    "ru": {
        "used": "Это приглашение уже использовано. Если это были вы, откройте дело в разделе "
        "«Мои дела».",
        "case_not_found": "Дело не найдено, или вы не участвуете в нём.",
        "cut": "Ссылка-приглашение недействительна. Проверьте, что она скопирована полностью.",
        "iin": "Этот ИИН не принят: сверьте каждую цифру с удостоверением личности.",
        "consent": "Чтобы присоединиться, согласитесь урегулировать спор онлайн: отметьте поле над "
        "кнопкой.",
        "other": "Не получилось. Попробуйте ещё раз чуть позже.",
        "reason": "Документ не прошёл одну из проверок.",
    },
    "kk": {
        "used": "Бұл шақыру бұрын пайдаланылған. Егер бұл сіз болсаңыз, істі «Менің істерім» "
        "бөлімінен ашыңыз.",
        "case_not_found": "Іс табылмады немесе сіз бұл істің тарапы емессіз.",
        "cut": "Шақыру сілтемесі жарамсыз. Оның толық көшірілгенін тексеріңіз.",
        "iin": "Бұл ЖСН қабылданбады: әр цифрын жеке куәлігіңізбен салыстырыңыз.",
        "consent": "Қосылу үшін дауды онлайн реттеуге келісіңіз: батырманың үстіндегі белгіні "
        "қойыңыз.",
        "other": "Орындалмады. Сәлден кейін қайталап көріңіз.",
        "reason": "Құжат тексерулердің бірінен өтпеді.",
    },
}


async def reader(browser: Browser, lang: str, cookies: dict[str, str] | None, address: str) -> Page:
    locale, viewport = READERS[lang]
    context = await browser.new_context(viewport=viewport, locale=locale)
    if cookies:
        await context.add_cookies(
            [{"name": k, "value": v, "url": f"http://{address}"} for k, v in cookies.items()]
        )
    return await context.new_page()


async def said(page: Page) -> list[str]:
    """Every refusal on the page: problem boxes, field errors, alerts; none is in Latin script."""
    texts = [
        text.strip()
        for text in await page.locator(".form-error, .error, [role=alert]").all_inner_texts()
        if text.strip()
    ]
    for text in texts:
        words = EMAIL.sub("", text)  # an example address ("name@example.kz") is no English
        assert not LATIN.search(words), f"a refusal with a word in Latin script: {text!r}"
    return texts


def unexpected(problems: list[str]) -> list[str]:
    """Console errors besides Chromium's notes on the refusals these tests provoke."""
    return [p for p in problems if not re.search(r"status of (404|409|410|422|500)\b", p)]


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_the_servers_refusals_are_said_in_the_readers_language(
    browser: Browser, address: str, axe: Axe, watch: Watch, lang: str
) -> None:
    parties = await open_case(address)  # the respondent joined: the link is used
    page = await reader(browser, lang, None, address)
    problems = watch(page)

    # The invitation link opened again (a second device, a forwarded e-mail): 410 invitation_used.
    await page.goto(parties.invitation)
    await expect(page.locator(".form-error")).to_have_text(SAY[lang]["used"])
    assert SAY[lang]["used"] in await said(page)
    await axe(page, f"join, invitation used ({lang})")
    if lang == "kk":
        await fits_the_phone(page, "join, invitation used")

    # A link cut short when copied: refused, in the reader's words.
    await page.goto(f"http://{address}/join#token=abc")
    await expect(page.locator(".form-error")).to_have_text(SAY[lang]["cut"])
    await said(page)
    await page.context.close()

    # A case this person is no party to (an old bookmark, someone else's link): 404.
    page = await reader(browser, lang, parties.respondent.cookies, address)
    problems += watch(page)
    await page.goto(f"http://{address}/#/cases/{'0' * 32}")
    await expect(page.locator("[role=alert]")).to_have_text(SAY[lang]["case_not_found"])
    await said(page)

    # The settlement's identity form: an IIN with a wrong check digit, refused by the server.
    await agree(parties)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await page.locator("#f-full_name").fill("Руслан Ахметов")
    await page.locator("#f-iin").fill("880720300453")  # 880720300452 is right
    await page.locator("#f-address").fill("Алматы, ул. Толе би, 55, кв. 12")
    await page.locator("#f-iin").press("Enter")
    await expect(page.locator("#f-iin-error")).to_have_text(SAY[lang]["iin"])
    await expect(page.locator("#f-iin")).to_have_attribute("aria-invalid", "true")
    await said(page)
    await axe(page, f"settlement identity refused ({lang})")
    if lang == "kk":
        await fits_the_phone(page, "settlement identity refused")
    assert unexpected(problems) == [], problems
    await page.context.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_a_refusal_no_page_knows_is_still_in_the_readers_language(
    browser: Browser, address: str, axe: Axe, watch: Watch, lang: str
) -> None:
    parties = await open_case(address, joined=False)
    token = parties.invitation.split("#token=", 1)[1]
    page = await reader(browser, lang, parties.respondent.cookies, address)
    problems = watch(page)
    await page.goto(f"http://{address}/join#token={token}")

    # Joining without ticking the consent: said before anything is sent.
    await page.locator("#consent").wait_for()
    await page.locator("form button[type=submit]").click()
    await expect(page.locator(".form-error")).to_have_text(SAY[lang]["consent"])
    await expect(page.locator("#consent")).to_be_focused()

    # A refusal with a code this version of the page does not know (a newer server): a plain
    # sentence in the reader's language, not the server's English.
    english = "the case moved to another centre while you were joining"

    async def answer(route: Route) -> None:
        body = {"error": {"status": 409, "code": "case_moved", "message": english}}
        await route.fulfill(status=409, content_type="application/json", body=json.dumps(body))

    await page.route("**/api/invitations/accept", answer)
    await page.locator("#consent").check()
    await page.locator("form button[type=submit]").click()
    await expect(page.locator(".form-error")).to_have_text(SAY[lang]["other"])
    assert english not in str(await page.locator("body").inner_text())
    await said(page)
    await axe(page, f"join refused ({lang})")
    assert unexpected(problems) == [], problems
    await page.context.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_a_verification_reason_the_page_has_no_words_for(
    browser: Browser, address: str, watch: Watch, lang: str
) -> None:
    page = await reader(browser, lang, None, address)
    problems = watch(page)
    english = "the seal uses an algorithm this version does not know"

    async def answer(route: Route) -> None:
        body = {
            "valid": False,
            "reasons": [{"code": "algorithm_unknown", "message": english}],
            "case_reference": None,
            "signed_at": None,
            "verification_code": None,
            "signers": [],
        }
        await route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    await page.route("**/api/verify**", answer)
    await page.goto(f"http://{address}/#/verify/ABCDE-12345")
    await expect(page.get_by_text(SAY[lang]["reason"])).to_be_visible()
    assert english not in str(await page.locator("body").inner_text())
    assert problems == [], problems
    await page.context.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
async def test_a_new_case_refused_by_the_server_says_why_at_each_field(
    browser: Browser, address: str, axe: Axe, watch: Watch, lang: str
) -> None:
    """What only the server checks (the subject's length, the address's shape, one option) is
    refused at its field in the reader's words; nothing is opened."""
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await reader(browser, lang, claimant.cookies, address)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/new")
    await page.locator("#f-subject").fill("Ой")
    await page.locator("#f-respondent_name").fill("Руслан Ахметов")
    await page.locator("#f-respondent_email").fill("ruslan.example.kz")
    await page.locator("#label-0").fill("Мерзім")
    await page.locator("#options-0").fill("Бірден")
    await page.locator("#consent").check()
    await page.locator("form button[type=submit]").last.click()
    await expect(page.locator("#f-subject")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#f-respondent_email")).to_have_attribute("aria-invalid", "true")
    texts = await said(page)
    assert len(texts) >= 3, texts  # above the form, the subject, the address (and the issue)
    await axe(page, f"new case refused ({lang})")
    if lang == "kk":
        await fits_the_phone(page, "new case refused")
    assert (await claimant.http("GET", "/api/cases")).json()["cases"] == []
    assert unexpected(problems) == [], problems
    await page.context.close()
