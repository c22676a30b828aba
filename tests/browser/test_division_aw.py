"""Adjusted Winner in two browsers: the parties pick equal shares over the other allocation.

Both parties stated their points (over HTTP: tests/browser/test_division.py types them). The
claimant, in Kazakh on a 360 px phone, sees the two allocations one above the other: the most
satisfaction together, and equal shares with one item (the furniture) shared. She looks at
selling it, then settles for the respondent keeping it and paying her for her part, and offers
that. The respondent, in Russian on a desktop, sees her offer on the equal-shares card, accepts,
and the settlement lists the transfers and the one compensation payment (no equalisation).
Neither browser receives the other's points.
"""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import fits_the_phone
from tests.browser.division_setup import division_case, points_leaked, sentinels_leaked
from tests.browser.settlement_setup import ready_to_sign
from tests.builders.browser import PHONE, Axe, Received, Shots, Watch
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 860}
CLAIMANT_POINTS = {"item1": 30, "item2": 40, "item3": 20, "item4": 10}
RESPONDENT_POINTS = {"item1": 53, "item2": 19, "item3": 11, "item4": 17}
RESPONDENT_SENTINELS = (53, 19)  # no other number on the way is one of these
# Adjusted Winner: the dacha to him, the car and the piano to her, and the furniture shared
# 17 : 10 (he keeps it); both get 1720/27 ≈ 63.7 of their own points. He pays her 10/27 of
# 1 200 000 ₸ = 444 444,44 ₸.
TENGE = r"\s(₸|KZT)"


async def party_page(browser: Browser, address: str, party: RoomClient, viewport: ViewportSize,
                     locale: str) -> Page:  # fmt: skip
    context = await browser.new_context(viewport=viewport, locale=locale)
    await context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in party.cookies.items()]
    )
    page = await context.new_page()
    page.set_default_timeout(10000)
    return page


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.slow
async def test_two_parties_choose_equal_shares_and_reach_a_draft(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    parties = await division_case(address)
    base, case_id = f"http://{address}", parties.case_id
    claimant = await party_page(browser, address, parties.claimant, PHONE, "kk-KZ")
    respondent = await party_page(browser, address, parties.respondent, DESKTOP, "ru-RU")
    troubles = [watch(claimant), watch(respondent)]
    seen = {"claimant": Received(claimant), "respondent": Received(respondent)}
    for party, points in ((parties.claimant, CLAIMANT_POINTS),
                          (parties.respondent, RESPONDENT_POINTS)):  # fmt: skip
        stated = await party.http("PUT", f"/api/cases/{case_id}/points", json={"points": points})
        assert stated.status_code == 200, stated.text

    # Her phone: both ways, one above the other, each in her own points.
    await claimant.goto(f"{base}/#/cases/{case_id}/division")
    equal_kk = claimant.get_by_role("region", name="2-тәсіл: тең үлестер")
    await equal_kk.wait_for(timeout=20000)
    await claimant.get_by_role("region", name="1-тәсіл: ортақ қанағаттың ең үлкені").wait_for()
    await claimant.get_by_text("Заттарды бөлудің екі әділ тәсілі бар.").wait_for()
    text = squeeze(await equal_kk.inner_text())
    assert "Сіз алатын үлес сіз үшін 100 ұпайыңыздың 63,7 ұпайына тең." in text, text
    assert "Руслан Ахметов алатын үлес сіз үшін 36,3 ұпайыңызға тең." in text
    assert "Руслан Ахметов өз ұпайлары бойынша дәл сондай үлес алады" in text
    rows = [squeeze(r) for r in await equal_kk.locator(".package-row").all_inner_texts()]
    assert rows[:3] == [
        "Саяжай Руслан Ахметов алады",
        "Автокөлік Айгүл Серікова (сіз) алады",
        "Пианино Айгүл Серікова (сіз) алады",
    ]
    assert re.fullmatch(
        r"Жиһаз Руслан Ахметов өзіне қалдырады, үлесі 62,96 %; 37,04 % үлес үшін 444 444,44 ₸ "
        r"өтемақы төленеді, алушы — Айгүл Серікова \(сіз\)",
        rows[3],
    ), rows[3]
    assert "теңестіру" not in text  # no equalisation beside the compensation
    await axe(claimant, "division (two ways)")
    await fits_the_phone(claimant, "division (two ways)")
    await shots(claimant, "1-claimant-two-ways")

    # She looks at selling the furniture instead, then keeps to the payment and offers it.
    await equal_kk.get_by_label("Ол сатылып, ақшасы сол үлеспен бөлінеді").check()
    sale = (
        r"Жиһаз\s*сатылады, ақшасы 17 : 10 арақатынасында бөлінеді: Руслан Ахметов — 62,96 %, "
        r"Айгүл Серікова \(сіз\) — 37,04 %"
    )
    await expect(equal_kk.locator(".package-row").nth(3)).to_have_text(re.compile(sale))
    await axe(claimant, "division (the sale)")
    await equal_kk.get_by_label("Үлесі үлкен тарап оны өзіне қалдырып").check()
    await equal_kk.get_by_role("button", name="Тең үлестерді келіссөз бөлмесінде ұсыну").click()
    await claimant.get_by_role("heading", name="Ымыраға негізделген ұсынысыңыз").wait_for()
    # The room's editor and table say equal shares' own terms, not a balancing payment.
    equal_terms = "Тең үлестер («түзетілген жеңімпаз» әдісі): бөлінетін затты үлесі үлкен тарап"
    await expect(claimant.locator(".offer-editor .balance")).to_contain_text(equal_terms)
    await claimant.get_by_role("button", name="Ұсынысты жіберу").click()
    table = claimant.locator("section.table")
    await expect(table).to_contain_text(equal_terms)
    await expect(table).not_to_contain_text("теңестіру")
    story = claimant.locator("li.ev-offer")  # the room's story line of her offer says the same
    await expect(story).to_contain_text(equal_terms)
    await expect(story).not_to_contain_text("теңестіру")

    # His desktop: her offer is on the equal-shares card; the other card says another is live.
    await respondent.goto(f"{base}/#/cases/{case_id}/division")
    equal_ru = respondent.get_by_role("region", name="Способ 2: равные доли")
    await equal_ru.get_by_text(
        "Айгүл Серікова предлагает вам этот раздел в комнате переговоров (предложение № 1)."
    ).wait_for()
    mnw_ru = respondent.get_by_role("region", name="Способ 1: наибольшее общее удовлетворение")
    await expect(mnw_ru).to_contain_text("В комнате переговоров на столе другое предложение (№ 1).")
    ru_text = squeeze(await equal_ru.inner_text())
    assert "То, что вы получаете, стоит для вас 63,7 из ваших 100 баллов." in ru_text, ru_text
    assert re.search(
        rf"Жиһаз оставляет себе Руслан Ахметов \(вы\) — доля 62,96 %; за долю 37,04 % "
        rf"выплачивается 444 444,44{TENGE}, получатель — Айгүл Серікова",
        ru_text,
    ), ru_text
    await axe(respondent, "division (her equal-shares offer)")
    await shots(respondent, "2-respondent-her-offer")
    await respondent.get_by_role("button", name="Принять этот раздел").click()
    dialog = respondent.get_by_role("dialog")
    await expect(dialog).to_contain_text("за долю 37,04 % выплачивается")
    await dialog.get_by_role("button", name="Да, принимаю").click()
    agreed = respondent.get_by_role("region", name="Соглашение достигнуто!")
    await agreed.wait_for()
    await expect(agreed).to_contain_text("Вы договорились о равных долях")
    await expect(agreed).to_contain_text("получатель — Айгүл Серікова")
    await axe(respondent, "division (agreed on equal shares)")
    await shots(respondent, "3-respondent-agreed")

    # Her room shows the agreement too (then nothing of the room is still on its way to her).
    await claimant.get_by_role("heading", name="Сіздер келісімге келдіңіздер!").first.wait_for()

    # His review of the agreement says the same terms, and no balancing payment.
    await respondent.goto(f"{base}/#/cases/{case_id}/agreement")
    terms = respondent.locator(".equal-shares")
    await expect(terms).to_contain_text("Равные доли (метод «скорректированного победителя»)")
    await expect(respondent.locator("#main")).not_to_contain_text("неравенство долей")
    await axe(respondent, "agreement (equal shares)")

    # The draft: four transfers and his one payment for her part of the furniture.
    await ready_to_sign(parties, parties.claimant, "Алматы")
    await claimant.goto(f"{base}/#/cases/{case_id}/settlement")
    cards = claimant.locator(".obligation")
    await expect(cards).to_have_count(5, timeout=10000)
    texts = [squeeze(t) for t in await cards.all_inner_texts()]
    assert (
        "«Жиһаз» төлеушіде қалады: екінші тараптың ондағы үлесі (37,04 %) үшін өтемақы"
        in (texts[4])
    ), texts[4]
    assert re.search(r"444\s444,44", texts[4]), texts[4]
    await axe(claimant, "settlement (equal shares)")
    await fits_the_phone(claimant, "settlement (equal shares)")
    await shots(claimant, "4-claimant-settlement")

    # LEAK SCAN: neither browser received the other's points.
    her_own = await seen["claimant"].api_text()
    his_own = await seen["respondent"].api_text()
    assert sentinels_leaked(his_own, RESPONDENT_SENTINELS) == list(RESPONDENT_SENTINELS)
    assert points_leaked(his_own, CLAIMANT_POINTS) == []
    assert points_leaked(her_own, RESPONDENT_POINTS) == []
    assert sentinels_leaked(her_own, RESPONDENT_SENTINELS) == []
    assert troubles == [[], []]
    for page in (claimant, respondent):
        await page.context.close()
