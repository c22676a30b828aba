"""Fair division in two browsers: a family's four items shared out from private points.

The claimant works in Kazakh on a 360 px phone and puts the items in order (the order becomes
points, shown before saving); the respondent works in Russian on a desktop and types his points,
a wrong sum refused first. The allocation appears by itself for both, each explained in its own
points; the claimant offers it, the respondent counters by moving one item, she accepts, and the
settlement lists who hands what to whom and the payment that balances the shares. Everything the
other party's browser and the case's mediator receive is scanned for a party's points.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Locator, Page, ViewportSize, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone
from tests.browser.division_setup import division_case, points_leaked, sentinels_leaked
from tests.browser.settlement_setup import ready_to_sign
from tests.builders.browser import PHONE, Axe, Received, Shots, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.room_client import PASSWORD, RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 860}
# The claimant's order (car first) gives 40, 30, 20, 10; the respondent types his.
CLAIMANT_POINTS = {"item1": 30, "item2": 40, "item3": 20, "item4": 10}
RESPONDENT_POINTS = {"item1": 53, "item2": 19, "item3": 11, "item4": 17}
RESPONDENT_SENTINELS = (53, 19)  # no other number on the way is one of these
LABELS = ("Саяжай", "Автокөлік", "Пианино", "Жиһаз")  # the items, in order
TENGE = r"\s(₸|KZT)"  # Chromium's Russian currency format writes the code


def status_of(page: Page) -> Locator:
    """The form's count of the points left (a polite live region)."""
    return page.locator(".points-left[role=status]")


async def party_page(browser: Browser, address: str, party: RoomClient, viewport: ViewportSize,
                     locale: str) -> Page:  # fmt: skip
    context = await browser.new_context(viewport=viewport, locale=locale)
    await context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in party.cookies.items()]
    )
    page = await context.new_page()
    page.set_default_timeout(10000)
    return page


async def mediator_page(browser: Browser, address: str, email: str, case_id: str) -> Page:
    context = await browser.new_context(viewport=DESKTOP, locale="en-US")
    page = await context.new_page()
    page.set_default_timeout(10000)
    await page.goto(f"http://{address}/#/login")
    await page.get_by_label("E-mail").fill(email)
    await page.get_by_label("Password", exact=True).fill(PASSWORD)
    await page.get_by_role("button", name="Log in").click()
    await page.wait_for_url("**/#/mediator")
    return page


@pytest.mark.slow
async def test_two_parties_share_out_items_from_private_points(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient,
    shots: Shots, axe: Axe, watch: Watch,
) -> None:  # fmt: skip
    centre = await centre_with_mediator(app, make_client)
    parties = await division_case(address)
    base, case_id = f"http://{address}", parties.case_id
    claimant = await party_page(browser, address, parties.claimant, PHONE, "kk-KZ")
    respondent = await party_page(browser, address, parties.respondent, DESKTOP, "ru-RU")
    mediator = await mediator_page(browser, address, centre.mediator_email, case_id)
    troubles = [watch(claimant), watch(respondent), watch(mediator)]
    seen = {"claimant": Received(claimant), "respondent": Received(respondent)}
    seen_by_mediator = Received(mediator)
    await mediator.goto(f"{base}/#/mediator/cases/{case_id}")
    await mediator.get_by_role("heading", name="Case ").wait_for()

    # The claimant, on her phone in Kazakh, puts the items in order instead of typing points.
    await claimant.goto(f"{base}/#/cases/{case_id}/division")
    await claimant.get_by_role("heading", name="Мүлікті бөлу").wait_for()
    await claimant.get_by_text("Сіз әлі ұпайларыңызды бөлген жоқсыз.").wait_for()
    assert "null" not in await claimant.locator("#main").inner_text()
    await expect(status_of(claimant)).to_have_text("100 ұпайдың 100 ұпайы қалды.")
    assert await claimant.get_by_label("Саяжай", exact=True).get_attribute("aria-describedby")
    await expect(claimant.locator("#f-points\\.item1-hint")).to_have_text(
        re.compile(r"Келісілген құны: 9\s500\s000\s₸ · Қапшағай жағасында")
    )
    await axe(claimant, "division (no points yet)")
    await fits_the_phone(claimant, "division (no points yet)")
    await claimant.get_by_text("Немесе заттарды жай ғана ретімен қойыңыз").click()
    await claimant.get_by_role("button", name="Жоғары жылжыту: Автокөлік").click()
    await claimant.get_by_role("button", name="Ретімді ұпайға айналдыру").click()
    typed = {
        item: await claimant.get_by_label(label, exact=True).input_value()
        for item, label in zip(CLAIMANT_POINTS, LABELS, strict=True)
    }
    assert typed == {item: str(n) for item, n in CLAIMANT_POINTS.items()}  # shown before saving
    await expect(status_of(claimant)).to_have_text("100 ұпайдың бәрі бөлінді.")
    await axe(claimant, "division (ranked)")
    await fits_the_phone(claimant, "division (ranked)")
    await shots(claimant, "1-claimant-ranked")
    await claimant.get_by_role("button", name="Ұпайларымды сақтау").click()
    await claimant.get_by_role("heading", name="Екінші тараптың ұпайларын күтіп отырмыз").wait_for()
    await claimant.locator("#main").get_by_text("Руслан Ахметов ұпайларын бөлген бойда").wait_for()
    await shots(claimant, "2-claimant-waiting")

    # The respondent, in Russian on a desktop, types points adding up to 110: refused at the field.
    await respondent.goto(f"{base}/#/cases/{case_id}/division")
    await respondent.get_by_role("heading", name="Раздел имущества").wait_for()
    for label, n in zip(LABELS, (53, 19, 11, 27), strict=True):
        await respondent.get_by_label(label, exact=True).fill(str(n))
    await expect(status_of(respondent)).to_have_text("Лишних баллов: 10. Уберите часть.")
    await respondent.get_by_role("button", name="Сохранить мои баллы").click()
    await expect(respondent.locator(".points-inputs > .error")).to_have_text(
        "Сумма баллов должна быть 100, а сейчас она 110."
    )
    furniture = respondent.get_by_label("Жиһаз", exact=True)
    await expect(furniture).to_have_attribute("aria-invalid", "true")
    await axe(respondent, "division (wrong sum)")
    await shots(respondent, "3-respondent-wrong-sum")
    await respondent.get_by_label("Жиһаз", exact=True).fill("17")
    await respondent.get_by_role("button", name="Сохранить мои баллы").click()

    # The allocation arrives by itself in both browsers, each explained in its own points.
    proposed_kk = claimant.get_by_role("region", name="1-тәсіл: ортақ қанағаттың ең үлкені")
    await proposed_kk.wait_for(timeout=20000)
    proposed_ru = respondent.get_by_role("region", name="Способ 1: наибольшее общее удовлетворение")
    await proposed_ru.wait_for(timeout=20000)
    await expect(claimant.get_by_role("heading", name="Екінші тараптың ұпайларын")).to_have_count(0)
    kk_text = await proposed_kk.inner_text()
    rows = await proposed_kk.locator(".package-row").all_inner_texts()
    assert [re.sub(r"\s+", " ", row) for row in rows[:4]] == [
        "Саяжай Руслан Ахметов алады",
        "Автокөлік Айгүл Серікова (сіз) алады",
        "Пианино Айгүл Серікова (сіз) алады",
        "Жиһаз Руслан Ахметов алады",
    ]
    assert "Сіз алатын үлес сіз үшін 100 ұпайыңыздың 60 ұпайына тең." in kk_text
    assert "Руслан Ахметов алатын үлес сіз үшін 40 ұпайыңызға тең." in kk_text
    assert re.search(r"Руслан Ахметов сізге 1\s450\s000\s₸ төлейді", kk_text), kk_text
    ru_text = await proposed_ru.inner_text()
    assert "То, что вы получаете, стоит для вас 70 из ваших 100 баллов." in ru_text
    assert "То, что получает Айгүл Серікова, стоит для вас 30 ваших баллов." in ru_text
    assert "Значит, вы не захотели бы поменяться долями." in ru_text
    assert re.search(rf"Вы выплачиваете 1\s450\s000{TENGE}, получатель — Айгүл Серікова", ru_text)
    assert " 60 " not in ru_text and " 40 " not in ru_text  # her view of the shares is hers
    await axe(claimant, "division (allocation)")
    await fits_the_phone(claimant, "division (allocation)")
    await axe(respondent, "division (allocation)")
    await shots(claimant, "4-claimant-allocation")
    await shots(respondent, "5-respondent-allocation")

    # She offers it in the room; his page shows her offer at once, with Accept and Change.
    await claimant.get_by_role("button", name="Мұны келіссөз бөлмесінде ұсыну").click()
    await claimant.get_by_role("heading", name="Ымыраға негізделген ұсынысыңыз").wait_for()
    await expect(claimant.get_by_label("Пианино", exact=True)).to_have_value("claimant")
    await expect(claimant.locator(".offer-editor .balance")).to_contain_text("Руслан Ахметов сізге")
    await axe(claimant, "room (division offer)")
    await fits_the_phone(claimant, "room (division offer)")
    await claimant.get_by_role("button", name="Ұсынысты жіберу").click()
    await (
        respondent.locator("#main")
        .get_by_text(
            "Айгүл Серікова предлагает вам этот раздел в комнате переговоров (предложение № 1)."
        )
        .wait_for()
    )
    await axe(respondent, "division (her offer)")
    await shots(respondent, "6-respondent-her-offer")

    # He changes it: the piano moves to him, and the payment follows.
    await respondent.get_by_role("button", name="Изменить (передвинуть вещи)").click()
    await respondent.get_by_role(
        "heading", name="Ваше встречное предложение к предложению № 1"
    ).wait_for()
    await respondent.get_by_label("Пианино", exact=True).select_option(label="Руслан Ахметов (вы)")
    await expect(respondent.locator(".offer-editor .balance")).to_have_text(
        re.compile(
            rf"Компенсация за неравенство долей: Вы выплачиваете 2\s250\s000{TENGE}, "
            "получатель — Айгүл Серікова"
        )
    )
    await axe(respondent, "room (division counter-offer)")
    await shots(respondent, "7-respondent-counter")
    await respondent.get_by_role("button", name="Отправить встречное предложение").click()

    # She accepts it in the room: the agreement.
    table = claimant.locator("section.table")
    await table.get_by_text("Руслан Ахметов сізге ұсынады (2-ұсыныс):").wait_for()
    await expect(table).to_contain_text("Пианино")
    await expect(table).to_contain_text("Руслан Ахметов алады")
    await claimant.get_by_role("button", name="Бұл ұсынысты қабылдау").click()
    await claimant.get_by_role("dialog").get_by_role("button", name="Иә, қабылдаймын").click()
    await claimant.get_by_role("heading", name="Сіздер келісімге келдіңіздер!").first.wait_for()
    await respondent.goto(f"{base}/#/cases/{case_id}/division")
    agreed = respondent.get_by_role("region", name="Соглашение достигнуто!")
    await agreed.wait_for()
    await expect(agreed).to_contain_text("Пианино")
    await expect(respondent.get_by_role("button", name="Сохранить мои баллы")).to_have_count(0)
    await axe(respondent, "division (agreed)")

    # The settlement lists each transfer (who hands what to whom) and the payment.
    await ready_to_sign(parties, parties.claimant, "Алматы")
    await claimant.goto(f"{base}/#/cases/{case_id}/settlement")
    cards = claimant.locator(".obligation")
    await expect(cards).to_have_count(5)
    texts = [re.sub(r"\s+", " ", t) for t in await cards.all_inner_texts()]
    for n, item in enumerate(LABELS):
        assert f"{n + 1}. {item}" in texts[n], texts[n]
    # Who hands it over comes first, then who receives it (the names from their identities).
    her, him = "Айгерім Серікқызы Нұрланова (сіз)", "Руслан Ахметов"
    order = [(text.index(her) < text.index(him)) for text in texts]
    assert order == [True, False, True, True, False], texts  # the car and the payment are his
    assert re.search(r"2\s250\s000", texts[4]), texts[4]
    await axe(claimant, "settlement (division)")
    await fits_the_phone(claimant, "settlement (division)")
    await shots(claimant, "8-claimant-settlement")

    # LEAK SCAN: what each side and the mediator received never holds the other's points.
    her_own = await seen["claimant"].api_text()
    his_own = await seen["respondent"].api_text()
    mediators = await seen_by_mediator.api_text()
    assert points_leaked(her_own, CLAIMANT_POINTS)  # the scan finds them where they belong
    assert sentinels_leaked(his_own, RESPONDENT_SENTINELS) == list(RESPONDENT_SENTINELS)
    assert '"head_seq"' in mediators and "/api/centre/cases/" in mediators  # it was watching
    assert points_leaked(his_own, CLAIMANT_POINTS) == []
    assert points_leaked(her_own, RESPONDENT_POINTS) == []
    assert sentinels_leaked(her_own, RESPONDENT_SENTINELS) == []
    assert points_leaked(mediators, CLAIMANT_POINTS) == []
    assert points_leaked(mediators, RESPONDENT_POINTS) == []
    assert sentinels_leaked(mediators, RESPONDENT_SENTINELS) == []
    assert troubles == [[], [], []]
    for page in (claimant, respondent, mediator):
        await page.context.close()


async def test_the_package_proposals_address_of_a_division_case_opens_its_division_page(
    browser: Browser, address: str
) -> None:
    """An old link (or the room's "see proposals") to a division case's package proposals goes to
    the division page, not to "first give your private answers", which a division never asks."""
    parties = await division_case(address)
    page = await party_page(browser, address, parties.respondent, DESKTOP, "ru-RU")
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/proposals")
    await page.wait_for_url(f"**/#/cases/{parties.case_id}/division")
    await expect(status_of(page)).to_be_visible()
    await page.context.close()


def test_the_division_strings_exist_in_every_language() -> None:
    folder = Path(__file__).resolve().parents[2] / "static" / "app" / "locales" / "division"
    keys = {
        lang: set(re.findall(r'^\s*"([a-z0-9_.]+)":', (folder / f"{lang}.js").read_text(), re.M))
        for lang in ("en", "kk", "ru")
    }
    assert keys["en"] and keys["kk"] == keys["en"] == keys["ru"]
