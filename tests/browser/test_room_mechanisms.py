"""The room for each mechanism, in real Chromium with both parties' pages open at once.

Blind bidding: the claimant in Kazakh on a 360 px phone, the respondent in Russian on a desktop.
The table has no offer editor but says where the bidding stands and leads to its page; the story
tells both, live, the rules, each round's "not yet" and then "settled at X", and the screen reader
hears it. Neither page ever receives a bid: the bids (odd tiyn sentinels) are scanned for in
every HTTP body and room frame either browser got, and the round-1 bids in what they show. A
bidding that ends without settlement offers the ways on; both choosing offers turns the room's
table back into one with offers.

Fair division: the story says who gave points (never the points) and shows the proposed
allocation; the table puts it forward to offer as it is (offered, accepted: an agreement) and leads
to the division page.

A mediator's switch: proposed, declined, proposed again and consented, each step a line for both,
and the room turns into the new mechanism's without a reload.
"""

from __future__ import annotations

import re

from playwright.async_api import Browser
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone
from tests.builders.browser import PHONE, Axe, Received, Shots, Watch, centre_with_mediator
from tests.builders.mechanism_room import (
    DEMANDS,
    DESKTOP,
    DIVISION,
    MONEY_CLAIM,
    OFFERS,
    RULES,
    bid,
    digits,
    parties,
    room_page,
    says,
)
from tests.conftest import MakeClient
from tests.odr.centre_setup import login


async def test_a_bidding_room_tells_both_not_yet_then_settled_and_never_a_bid(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    claimant, respondent, case_id = await parties(address, MONEY_CLAIM)
    phone = await room_page(browser, claimant, case_id, PHONE, "kk-KZ")
    desk = await room_page(browser, respondent, case_id, DESKTOP, "ru-RU")
    received = [Received(phone), Received(desk)]
    troubles = [watch(phone), watch(desk)]
    await phone.reload()  # Received sees the page's traffic from its first request
    await desk.reload()

    # No offers in bidding: the table says where it stands and leads to the bidding page.
    await says(phone, "Жабық сауда-саттық: ережелер әлі келісілмеген.", ".table")
    await says(desk, "Закрытые торги: правила ещё не согласованы.", ".table")
    for page, go, offer in (
        (phone, "Сауда-саттыққа өту", "Ұсыныс жасау"),
        (desk, "Перейти к торгам", "Сделать предложение"),
    ):
        link = page.locator(".table").get_by_role("link", name=go)
        assert await link.get_attribute("href") == f"#/cases/{case_id}/bidding"
        assert await page.get_by_role("button", name=offer).count() == 0
    await axe(phone, "bidding room (kk, no rules)")
    await fits_the_phone(phone, "bidding room (kk)")

    # The rules: proposed by the claimant, accepted by the respondent; round 1 opens for both.
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
    assert proposed.status_code == 200, proposed.text
    await says(desk, "aigerim предлагает правила торгов: раундов: 3, каждый по 48 ч")
    await says(desk, "Посмотреть правила и ответить")
    await says(phone, "Сіз сауда-саттық ережелерін ұсындыңыз: 3 раунд, әрқайсысы 48 сағаттан")
    await says(phone, "Жабық сауда-саттық: сіз ережелерді ұсындыңыз", ".table")
    await says(desk, "Закрытые торги: другая сторона предложила правила.", ".table")
    accepted = await respondent.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert accepted.status_code == 200, accepted.text
    await says(phone, "ruslan сауда-саттық ережелерін қабылдады")
    await says(phone, "1-раунд ашылды: жабық сомаңызды жіберіңіз")
    await says(desk, "Открыт раунд 1: отправьте свою закрытую сумму до")
    await says(desk, "Закрытые торги: раунд 1 из 3 открыт до", ".table")
    await says(phone, "Жабық сауда-саттық: 3 раундтың 1-раунды ашық", ".table")
    await axe(desk, "bidding room (ru, round 1)")

    # Round 1 does not settle: both read "not yet", and nothing else, as it happens.
    await bid(claimant, case_id, 1, DEMANDS[0])
    await bid(respondent, case_id, 1, OFFERS[0])
    await says(phone, "1-раунд: әзірге келісім жоқ.")
    await says(desk, "Раунд 1: пока нет.")
    await says(desk, "Открыт раунд 2")
    await says(desk, "Закрытые торги: раунд 2 из 3 открыт до", ".table")
    await says(phone, "2-раунд ашылды", "#status")  # the screen reader hears the system's news
    await shots(phone, "1-bidding-not-yet-kk")

    # Round 2 settles: both read the amount, the agreement box leads on.
    await bid(claimant, case_id, 2, DEMANDS[1])
    await bid(respondent, case_id, 2, OFFERS[1])
    await says(desk, "Раунд 2: договорились на")
    settled = await claimant.http("GET", f"/api/cases/{case_id}/bidding")
    amount = settled.json()["settled_amount"]
    assert OFFERS[1] <= amount <= DEMANDS[1]
    await says(phone, "2-раунд:")
    await says(desk, "Торги завершились соглашением на", ".agreed")
    await says(phone, "Сауда-саттық", ".agreed")
    await says(desk, "Раунд 2: договорились на", "#status")
    shown = digits(await desk.locator(".timeline .ev-bidding_settled").inner_text())
    assert f"{amount // 100:,}".replace(",", "") in shown
    assert await phone.get_by_role("link", name="Келісімді қарау").count() >= 1
    await axe(phone, "bidding room (kk, settled)")
    await fits_the_phone(phone, "bidding room settled (kk)")
    await shots(phone, "2-bidding-settled-kk")
    await shots(desk, "3-bidding-settled-ru")

    # The agreement page reads the settled amount as the agreement's terms.
    await desk.locator(".agreed").get_by_role("link", name="Посмотреть соглашение").click()
    await desk.get_by_role("heading", name="Ваше соглашение").wait_for()
    terms = digits(await desk.locator("dl.package").inner_text())
    assert f"{amount // 100}" in terms, terms
    await axe(desk, "agreement after bidding (ru)")

    # Never a bid: not in any body or frame either browser received, not on either screen.
    for seen in received:
        text = await seen.api_text()
        assert "bidding_settled" in text
        for tiyn in [*DEMANDS, *OFFERS]:
            assert str(tiyn) not in text and f"{tiyn / 100:.2f}" not in text, tiyn
    await desk.go_back()
    await says(desk, "Раунд 2: договорились на")
    for page in (phone, desk):
        screen = digits(await page.locator("main").inner_text())
        for tiyn in (DEMANDS[0], OFFERS[0]):
            assert str(tiyn // 100) not in screen, tiyn
    assert troubles == [[], []]


async def test_a_division_room_shows_who_gave_points_and_the_allocation(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    claimant, respondent, case_id = await parties(address, DIVISION)
    phone = await room_page(browser, claimant, case_id, PHONE, "en-US")
    desk = await room_page(browser, respondent, case_id, DESKTOP, "ru-RU")
    received = Received(desk)
    troubles = [watch(phone), watch(desk)]
    await desk.reload()
    await says(phone, "There is no offer yet. Give your points to the items privately", ".table")
    link = phone.locator(".table").get_by_role("link", name="Go to the division of the items")
    assert await link.get_attribute("href") == f"#/cases/{case_id}/division"

    stated = await claimant.http(
        "PUT",
        f"/api/cases/{case_id}/points",
        json={"points": {"item1": 71, "item2": 23, "item3": 6}},
    )
    assert stated.status_code == 200, stated.text
    await says(desk, "aigerim распределяет свои баллы между вещами")
    await says(desk, "aigerim распределяет свои баллы", "#status")
    await says(phone, "You gave your points to the items (the other side does not see them).")
    stated = await respondent.http(
        "PUT",
        f"/api/cases/{case_id}/points",
        json={"points": {"item1": 44, "item2": 47, "item3": 9}},
    )
    assert stated.status_code == 200, stated.text
    await says(phone, "Kelisim proposed a fair division of the items:")
    await says(desk, "Kelisim предложил справедливый раздел вещей:")
    why = phone.locator(".timeline").get_by_role("link", name="Why it is fair to you")
    assert await why.get_attribute("href") == f"#/cases/{case_id}/division"
    # Offers work as in packages: the allocation is on the table, to offer as it is.
    await says(phone, "Kelisim proposed a fair division of the items. You can offer it", ".table")
    await axe(phone, "division room (en)")
    await axe(desk, "division room (ru)")
    await fits_the_phone(phone, "division room (en)")
    await phone.locator(".table").get_by_role("button", name="Offer this division").click()
    await phone.get_by_role("button", name="Send the offer").click()
    await says(desk, "aigerim делает предложение (№ 1):")
    await desk.locator(".table").get_by_role("button", name="Принять это предложение").click()
    await desk.get_by_role("dialog").get_by_role("button", name="Да, принимаю").click()
    await says(phone, "You have an agreement!", ".agreed")

    text = await received.api_text()
    assert "points_submitted" in text
    assert not re.search(r"(?<![\w.:+-])(71|23)(?![\w.:])", text), "the claimant's points"
    assert troubles == [[], []]


async def test_a_mechanism_switch_is_told_step_by_step_and_the_room_follows_it(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, axe: Axe, watch: Watch
) -> None:
    centre = await centre_with_mediator(app, make_client)
    mediator = await login(make_client(), centre.mediator_email)
    claimant, respondent, case_id = await parties(address, {**MONEY_CLAIM, "mechanism": "packages"})
    phone = await room_page(browser, claimant, case_id, PHONE, "en-US")
    desk = await room_page(browser, respondent, case_id, DESKTOP, "ru-RU")
    troubles = [watch(phone), watch(desk)]
    await phone.locator(".table").get_by_role("button", name="Make an offer").wait_for()
    switch = f"/api/centre/cases/{case_id}/mechanism"
    answer = f"/api/cases/{case_id}/mechanism-switch"

    # A first proposal, declined by the respondent: the case goes on as before.
    assert (await mediator.post(switch, json={"mechanism": "bidding"})).status_code == 200
    await says(phone, "Dana Serikova (mediator) proposes to go on by blind bidding.")
    await says(phone, "Dana Serikova (mediator) proposes", "#status")
    case_page = phone.locator(".timeline").get_by_role("link", name="Answer on the case page")
    assert await case_page.first.get_attribute("href") == f"#/cases/{case_id}"
    await says(desk, "Dana Serikova (медиатор) предлагает перейти на способ «закрытые торги».")
    declined = await respondent.http("POST", answer, json={"consent": False})
    assert declined.status_code == 200, declined.text
    await says(phone, "ruslan declined the switch; the case goes on as before.")
    await says(desk, "Вы отказались менять способ; дело идёт как прежде.")

    # The claimant starts an offer; a second proposal, which both accept: the story says so, the
    # table becomes the bidding's and the offer begun can no longer be sent.
    await phone.locator(".table").get_by_role("button", name="Make an offer").click()
    await phone.locator(".editor-box").wait_for()
    assert (await mediator.post(switch, json={"mechanism": "bidding"})).status_code == 200
    consented = await claimant.http("POST", answer, json={"consent": True})
    assert consented.status_code == 200, consented.text
    await says(desk, "aigerim соглашается сменить способ.")
    await says(phone, "You agreed to the switch.")
    consented = await respondent.http("POST", answer, json={"consent": True})
    assert consented.status_code == 200, consented.text
    await says(phone, "You both agreed: the case now goes on by blind bidding.")
    await says(desk, "Вы оба согласились: дальше дело ведётся способом «закрытые торги».")
    await says(phone, "Blind bidding: the rules are not agreed yet.", ".table")
    await says(desk, "Закрытые торги: правила ещё не согласованы.", ".table")
    assert await phone.get_by_role("button", name="Make an offer").count() == 0
    assert await phone.locator(".editor-box").is_hidden()
    await axe(phone, "room after a switch (en)")
    await axe(desk, "room after a switch (ru)")
    assert troubles == [[], []]


async def test_a_bidding_without_settlement_offers_the_ways_on_and_goes_on_by_offers(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    claimant, respondent, case_id = await parties(address, MONEY_CLAIM)
    phone = await room_page(browser, claimant, case_id, PHONE, "kk-KZ")
    desk = await room_page(browser, respondent, case_id, DESKTOP, "en-US")
    troubles = [watch(phone), watch(desk)]
    one_round = {**RULES, "rounds": 1}
    proposed = await respondent.http("POST", f"/api/cases/{case_id}/bidding/rules", json=one_round)
    assert proposed.status_code == 200, proposed.text
    accepted = await claimant.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert accepted.status_code == 200, accepted.text
    await bid(claimant, case_id, 1, DEMANDS[0])
    await bid(respondent, case_id, 1, OFFERS[0])
    await says(
        desk,
        "The bidding ended after round 1 without a settlement. You can go on: negotiate with "
        "offers, talk with a live mediator, refer the dispute to court.",
    )
    await says(phone, "Сауда-саттық 1-раундтан кейін келісімсіз аяқталды.")
    await says(
        phone, "Жабық сауда-саттық келісімсіз аяқталды. Қалай жалғастыруды таңдаңыз.", ".table"
    )
    choose = desk.locator(".timeline").get_by_role("link", name="Choose how to go on")
    assert await choose.get_attribute("href") == f"#/cases/{case_id}/bidding"
    await axe(phone, "bidding room (kk, no settlement)")

    for client in (claimant, respondent):
        chosen = await client.http(
            "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": "packages"}
        )
        assert chosen.status_code == 200, chosen.text
        if client is claimant:
            await says(phone, "Сіздің таңдауыңыз: ұсыныстар арқылы келіссөз жүргізу.", ".table")
    await says(desk, "aigerim chose: negotiate with offers.")
    await says(phone, "Сіздің таңдауыңыз: ұсыныстар арқылы келіссөз жүргізу.")
    await says(desk, "You both chose to negotiate with offers: you can make them here.")
    # Offers from now on: the table has the offer editor's button again, live.
    await phone.locator(".table").get_by_role("button", name="Ұсыныс жасау").wait_for()
    await desk.locator(".table").get_by_role("button", name="Make an offer").wait_for()
    await axe(desk, "room after the bidding (en)")
    assert troubles == [[], []]
