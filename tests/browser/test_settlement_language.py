"""A kk+ru settlement on the page, as its two parties meet it: a Kazakh-speaking claimant on a
phone, a Russian-speaking respondent on a desktop.

- The claimant chooses a Kazakh and Russian document: the form then asks the subject and each
  obligation's content in Kazakh and in Russian (a court reads each column in its own language);
  a Russian box left empty is refused in Kazakh, next to it. The law, the state fee and how a
  payment is made are chosen from lists, not typed.
- The respondent's page, in Russian, shows no Kazakh word but names and what the case's issues
  were called; the claimant's page, in Kazakh, no Russian word.
- Once both signed and no court is to file it, the page stops asking the server.
"""

from __future__ import annotations

import asyncio
from typing import Any

from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import Parties, agree
from tests.browser.settlement_setup import CLAIMANT_DETAILS, RESPONDENT_DETAILS, set_terms, sign
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.language import foreign_words
from tests.odr.room_client import RoomClient

CASE: dict[str, Any] = {
    "category": "consumer",
    "subject": "Жиһаз үшін төленбеген шот",
    "language": "kk",
    "issues": [
        {"name": "amount", "label": "Сома",
         "range": {"min": 0, "max": 400000, "step": 10000, "unit": "KZT"}},
        {"name": "apology", "label": "Кешірім", "options": ["жазбаша", "жоқ"]},
    ],
    "respondent": {"name": "Руслан", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}  # fmt: skip
PACKAGE = {"amount": "150000", "apology": "жазбаша"}
# What the parties typed: names, addresses, the case's subject and issues (typed once, in Kazakh).
TYPED = [
    *(d[k] for d in (CLAIMANT_DETAILS, RESPONDENT_DETAILS) for k in ("full_name", "address")),
    CASE["subject"],
    "Сома",
    "Кешірім",
    "жазбаша",
    "Руслан",
    "Астана",
]
CHANGE_TERMS_KK = "Орнын, тілін, міндеттемелерін немесе мерзімдерін өзгерту"
POLL_S = 4  # static/app/pages/settlement/page.js POLL_MS


async def kazakh_case(address: str) -> Parties:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    token = created["invitation"]["url"].split("#token=", 1)[1]
    accepted = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert accepted.status_code == 200, accepted.text
    return Parties(created["case"]["id"], claimant, respondent, "")


async def page_text(page: Page) -> str:
    return str(await page.locator("main, #app").first.inner_text())


async def test_a_bilingual_settlement_is_asked_and_shown_in_each_language(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch
) -> None:
    parties = await kazakh_case(address)
    await agree(parties, PACKAGE)
    url = f"/api/cases/{parties.case_id}/settlement"
    for party, details in (
        (parties.claimant, CLAIMANT_DETAILS),
        (parties.respondent, RESPONDENT_DETAILS),
    ):
        response = await party.http("PUT", f"{url}/parties/me", json=details)
        assert response.status_code == 200, response.text

    # 21 days' grace: Russian says "21 день" (CLDR's "one"), not "21 дней".
    grace = {"acceleration_after_days": 21, "penalty_percent_per_day": None}
    await set_terms(parties.claimant, url, place="Астана", default_terms=grace)

    claimant = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    claimant.set_default_timeout(10000)
    problems = watch(claimant)
    await claimant.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await claimant.get_by_role("button", name=CHANGE_TERMS_KK).click()
    await claimant.get_by_label("Келісім жасалатын жер").fill("Астана")
    await claimant.locator("select[name=document_language]").select_option("kk+ru")
    # Both languages are asked: the subject and each obligation, in Kazakh and in Russian.
    await claimant.get_by_label("Дау нысанасы — орысша").wait_for()
    assert await claimant.get_by_label("Дау нысанасы — қазақша").input_value() == CASE["subject"]
    await expect(claimant.locator("textarea[name='ob-0-description-kk']")).to_have_value("Сома")
    await axe(claimant, "bilingual terms form (kk)")
    await shots(claimant, "1-kk-bilingual-terms")
    await fits_the_phone(claimant, "bilingual terms (kk)")
    # The law and the state fee are chosen from lists, in the reader's words.
    basis = claimant.locator("select[name=legal_basis]")
    await expect(basis).to_have_value("consumer_protection_law")
    await expect(basis.locator("option:checked")).to_contain_text("Тұтынушылардың құқықтарын")

    # Saved with a Russian box empty: refused in Kazakh, next to it.
    await claimant.get_by_role("button", name="Шарттарды сақтау").click()
    await expect(claimant.locator("#f-subject-ru-error")).to_have_text(
        "Мәтінді қазақша да, орысша да жазыңыз."
    )
    await claimant.get_by_label("Дау нысанасы — орысша").fill("Неоплаченный счёт за мебель")
    boxes = {
        "ob-0-description-kk": "Жиһаз үшін берешекті өтеу",
        "ob-0-description-ru": "Погашение долга за мебель",
        "ob-1-description-kk": "Жазбаша кешірім сұрау",
        "ob-1-description-ru": "Письменное извинение",
    }
    for name, text in boxes.items():
        await claimant.locator(f"textarea[name='{name}']").fill(text)
    # How it is paid is a choice too: cash, not the drafted bank transfer.
    method = claimant.locator("select[name='ob-0-method']")
    await expect(method).to_have_value("bank_transfer")
    await method.select_option("cash")
    await claimant.get_by_role("button", name="Шарттарды сақтау").click()
    await claimant.locator("article.record").wait_for()
    found = foreign_words(await page_text(claimant), "kk", TYPED)
    assert found == [], found

    respondent_context = await browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="ru-RU"
    )
    await respondent_context.add_cookies(
        [
            {"name": k, "value": v, "url": f"http://{address}"}
            for k, v in parties.respondent.cookies.items()
        ]
    )
    respondent = await respondent_context.new_page()
    respondent.set_default_timeout(10000)
    problems += watch(respondent)
    await respondent.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    record = respondent.locator("article.record")
    await expect(record).to_contain_text("наличными")
    await expect(record).to_contain_text("Закон Республики Казахстан «О защите прав потребителей»")
    await expect(record).to_contain_text("Погашение долга за мебель")
    await expect(record).to_contain_text("более чем на 21 день,")
    found = foreign_words(await page_text(respondent), "ru", TYPED)
    assert found == [], found
    await shots(respondent, "2-ru-record")

    # Both sign; once the page has shown it, it stops asking the server.
    for party in (parties.claimant, parties.respondent):
        await sign(party, url)
    await respondent.get_by_text("обе стороны подписали").first.wait_for(timeout=3 * POLL_S * 1000)
    found = foreign_words(await page_text(respondent), "ru", TYPED)
    assert found == [], f"the signed page: {found}"
    await asyncio.sleep(POLL_S + 1)  # the tick that sees "signed" stops the timer
    asked: list[str] = []
    respondent.on(
        "request", lambda r: asked.append(r.url) if r.url.endswith("/settlement") else None
    )
    await asyncio.sleep(2 * POLL_S + 1)
    assert asked == [], "a signed settlement with no court to file it is not polled"
    assert problems == []
