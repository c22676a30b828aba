"""The settlement page among five parties (#17), on phones.

Three parties have signed over HTTP. Party 4 opens the page in Russian: it reads "signed by 3 of
5: waiting for" the two still to sign, the record names all five by number and side, and the
terms form offers every party as payer or doer, the others as creditor, and "all parties
together" for an action; it signs. Party 5, in Kazakh, signs last and reads that all have signed.
"""

from __future__ import annotations

from playwright.async_api import Browser, Page, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.settlement import PASSWORD, agreed_case_of, sign
from tests.builders.several_settlement import HEIRS, NAMES, five_party_terms
from tests.conftest import MakeClient

CHANGE_TERMS_RU = "Изменить место, язык, обязательства или сроки"


async def _sign_on_the_page(page: Page, read: str, password: str, button: str) -> None:
    await page.get_by_label(read).check()
    await page.get_by_label(password).fill(PASSWORD)
    await page.get_by_role("button", name=button).click()


async def test_five_parties_read_choose_and_sign_on_their_phones(
    app: Starlette,
    make_client: MakeClient,
    browser: Browser,
    address: str,
    axe: Axe,
    shots: Shots,
    watch: Watch,
) -> None:
    parties, case_id, ready = await five_party_terms(app, make_client, court_code=None)
    for party in parties[:3]:
        assert (await sign(party.client, case_id, ready["record_sha256"])).status_code == 201
    url = f"http://{address}/#/cases/{case_id}/settlement"

    page = await logged_in_page(browser, address, dict(parties[3].client.cookies), "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(url)
    count = page.locator(".signed-count")
    await expect(count).to_have_text(
        f"Подписали 3 из 5. Ждём подписи: {HEIRS['party4']}, {HEIRS['party5']}."
    )
    record = page.locator(".record")
    for name in NAMES:
        await expect(record).to_contain_text(name)
    await expect(
        record.get_by_role("heading", name="Сторона 4 (на ответной стороне) (вы)")
    ).to_be_visible()
    await expect(record.get_by_role("heading", name="Сторона 5 (самостоятельно)")).to_be_visible()
    await expect(record).to_contain_text(f"Все стороны вместе: {NAMES[0]}")
    await expect(record).to_contain_text(f"Расходы несёт: {HEIRS['party4']}.")
    await axe(page, "five-party settlement to sign (ru)")
    await shots(page, "1-ru-five-parties")
    await fits_the_phone(page, "five-party settlement (ru)")

    # Who pays, who does, for whom: every party is offered by name.
    await page.get_by_role("button", name=CHANGE_TERMS_RU).click()
    payment = page.locator("#ob-1")  # party4 pays party3
    await expect(payment.get_by_role("radio")).to_have_count(5)
    await expect(
        payment.get_by_role("radio", name=f"{HEIRS['party4']} (сторона 4)")
    ).to_be_checked()
    payee = payment.get_by_label("Кто получает платёж")
    await expect(payee.locator("option")).to_have_count(4)
    assert await payee.input_value() == "party3"
    action = page.locator("#ob-3")  # party3 does it for party5; an action may be everyone's
    await expect(action.get_by_role("radio")).to_have_count(6)
    await action.get_by_role("radio", name="Все стороны вместе").check()
    await expect(action.get_by_label("В чью пользу")).to_be_hidden()
    await expect(action.locator(".who-line")).to_have_text(
        "Стороны делают это вместе; каждая вправе требовать от других их части."
    )
    await action.get_by_role("radio", name=f"{HEIRS['party5']} (сторона 5)").check()
    creditor = action.get_by_label("В чью пользу")
    await expect(creditor.locator("option")).to_have_count(4)
    await axe(page, "five-party obligations (ru)")
    await shots(page, "2-ru-five-party-obligations")
    await fits_the_phone(page, "five-party obligations (ru)")
    await page.get_by_role("button", name="Отмена").click()

    await _sign_on_the_page(
        page,
        "Я прочитал(а) весь текст, понимаю его и соглашаюсь с ним добровольно.",
        "Ваш пароль Kelisim",
        "Подписать соглашение",
    )
    await expect(page.locator(".signed-count")).to_have_text(
        f"Подписали 4 из 5. Ждём подписи: {HEIRS['party5']}."
    )

    last = await logged_in_page(browser, address, dict(parties[4].client.cookies), "kk-KZ")
    last.set_default_timeout(10000)
    later = watch(last)
    await last.goto(url)
    await expect(last.locator(".signed-count")).to_have_text(
        f"Қол қойғандар: 4 / 5. Күтілуде: {HEIRS['party5']}."
    )
    await fits_the_phone(last, "five-party settlement (kk)")
    await _sign_on_the_page(
        last,
        "Мен мәтінді толық оқыдым. Оны түсінемін және өз еркіммен келісемін.",
        "Kelisim құпиясөзіңіз",
        "Келісімге қол қою",
    )
    await expect(last.locator(".now")).to_have_text(
        "Дайын: барлық тараптар қол қойды. Құжатты төменнен жүктеп алыңыз."
    )
    for name in HEIRS.values():
        await expect(last.locator(".signers")).to_contain_text(name)
    await axe(last, "five-party settlement signed (kk)")
    await shots(last, "3-kk-five-parties-signed")

    # Anyone checking it by its code sees five signatures, each party by its number.
    code = (await parties[0].client.get(f"/api/cases/{case_id}/settlement")).json()
    await last.goto(f"http://{address}/#/verify/{code['verification_code']}")
    signers = last.locator("ul.signers li")
    await expect(signers).to_have_count(5)
    await expect(signers.nth(2)).to_contain_text(f"{HEIRS['party3']} (3-тарап)")
    await expect(signers.nth(4)).to_contain_text(f"{HEIRS['party5']} (5-тарап)")
    await fits_the_phone(last, "five signatures verified (kk)")
    assert problems == [] and later == []


async def test_a_party_who_withdrew_reads_that_the_settlement_is_the_others(
    app: Starlette, make_client: MakeClient, browser: Browser, address: str, watch: Watch
) -> None:
    parties, case_id = await agreed_case_of(app, make_client, ["own"], withdrawn=["party3"])
    page = await logged_in_page(browser, address, dict(parties[2].client.cookies), "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case_id}/settlement")
    await expect(page.get_by_text("Вы вышли из этого дела до соглашения")).to_be_visible()
    await fits_the_phone(page, "withdrawn party's settlement page")
    # The page asked and was refused (403): that refusal is the only console line.
    assert [p for p in problems if "403" not in p] == []
