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

The room's reading of a bidding log (room/mechanism_state.js) equals the server's
(odr.negotiating.bidding.public_state) after every event: re-proposed rules, rounds, a settlement,
no settlement and the choices, a pause that moves the open round's deadline. Every kind of
mechanism event the server may log (its schema in odr/room/event_data.py) is worded in kk, ru and
en, so a new kind fails here until the room words it.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from typing import Any

from playwright.async_api import Browser, Page, ViewportSize
from starlette.applications import Starlette

from odr.negotiating import bidding
from odr.room.event_data import EVENT_DATA
from tests.browser.conftest import fits_the_phone
from tests.browser.parties import log_of
from tests.builders.browser import (
    PHONE,
    Axe,
    Received,
    Shots,
    Watch,
    centre_with_mediator,
    new_page,
)
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import login
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
RULES = {"rounds": 3, "threshold": {"kind": "absolute", "value": 100_000}, "round_hours": 48}
# Round 1 does not settle; round 2 does, strictly between the two bids.
DEMANDS = [52_718_301, 40_123_457]
OFFERS = [21_904_113, 40_123_451]
MONEY_CLAIM: dict[str, Any] = {
    "category": "civil",
    "subject": "Unpaid loan",
    "claim": {"amount": 600000, "currency": "KZT"},
    "language": "ru",
    "issues": [
        {
            "name": "amount",
            "label": "Сумма",
            "range": {"min": 0, "max": 600000, "step": 1000, "unit": "KZT"},
        }
    ],
    "mechanism": "bidding",
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}
DIVISION: dict[str, Any] = {
    **MONEY_CLAIM,
    "subject": "Dividing the household",
    "claim": None,
    "issues": [],
    "mechanism": "division",
    "items": [
        {"name": "Toyota Camry 2018", "value": "9500000"},
        {"name": "Дача", "value": "4000000"},
        {"name": "Пианино"},
    ],
}


async def parties(
    address: str, case: dict[str, Any], prefix: str = ""
) -> tuple[RoomClient, RoomClient, str]:
    """A claimant who opened ``case`` over HTTP and a respondent who joined it."""
    claimant = await RoomClient.signup(address, f"{prefix}aigerim@example.kz")
    respondent = await RoomClient.signup(address, f"{prefix}ruslan@example.kz")
    body = {k: v for k, v in case.items() if v is not None and v != []}
    created = await claimant.http("POST", "/api/cases", json=body)
    assert created.status_code == 201, created.text
    token = created.json()["invitation"]["url"].split("#token=")[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    return claimant, respondent, created.json()["case"]["id"]


async def room_page(
    browser: Browser, client: RoomClient, case_id: str, viewport: Any, locale: str
) -> Page:
    page = await new_page(browser, viewport, locale)
    url = f"http://{client.address}"
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": url} for k, v in client.cookies.items()]
    )
    await page.goto(f"{url}/#/cases/{case_id}/room")
    return page


async def says(page: Page, text: str, where: str = ".timeline") -> None:
    await page.locator(where).get_by_text(text).first.wait_for()


async def bid(client: RoomClient, case_id: str, number: int, amount: int) -> None:
    response = await client.http(
        "PUT", f"/api/cases/{case_id}/bidding/bid", json={"round": number, "amount": amount}
    )
    assert response.status_code == 200, response.text


def digits(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", text)


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

    # A second one, which both accept: the story says so and the table becomes the bidding's.
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


# The browser's fold of the bidding events, after every prefix of a log, in the server's terms.
FOLD_BIDDING = """
async (events) => {
  const { foldMechanisms } = await import("/app/room/mechanism_state.js");
  return events.map((_, n) => {
    const b = foldMechanisms(events.slice(0, n + 1)).bidding;
    return {
      status: b.status, round: b.round, deadline_at: b.deadlineAt, rules: b.rules,
      proposed_by: b.proposedBy, choices: b.choices,
      settled_amount: b.status === "settled" ? b.amount : null,
    };
  });
}
"""


def server_fold(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``odr.negotiating.bidding.public_state`` (what the server decides by) after each event."""
    rows = [(e["seq"], e["event"], e["actor"]["role"], e["data"]) for e in events]
    summaries = []
    for n in range(1, len(rows) + 1):
        state = bidding.public_state(rows[:n])
        summaries.append(
            {
                "status": state.status,
                "round": state.round,
                "deadline_at": state.deadline_at,
                "rules": state.rules,
                "proposed_by": state.proposed_by if state.proposal_seq else None,
                "choices": dict(state.choices or {}),
                "settled_amount": state.settled_amount,
            }
        )
    return summaries


def assert_same_fold(seen: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    for n, (mine, theirs) in enumerate(zip(seen, server_fold(events), strict=True)):
        if mine["deadline_at"] is not None:
            mine["deadline_at"] = datetime.fromisoformat(mine["deadline_at"])
        assert mine == theirs, f"after event {n + 1} ({events[n]['event']} {events[n]['data']})"


async def test_the_browsers_fold_of_a_bidding_log_equals_the_servers(
    browser: Browser, address: str
) -> None:
    page = await new_page(browser, DESKTOP, "en-US")
    await page.goto(f"http://{address}/")
    for rounds, outcome in ((3, "settled"), (1, "no_settlement")):
        claimant, respondent, case_id = await parties(address, MONEY_CLAIM, f"{rounds}")
        other = {**RULES, "rounds": rounds, "round_hours": 24}
        first = await respondent.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
        again = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=other)
        assert first.status_code == again.status_code == 200, (first.text, again.text)
        accepted = await respondent.http(
            "POST",
            f"/api/cases/{case_id}/bidding/rules/accept",
            json={"proposal_seq": again.json()["proposal_seq"]},
        )
        assert accepted.status_code == 200, accepted.text
        for number, (demand, offer) in enumerate(zip(DEMANDS, OFFERS, strict=True), 1):
            if number > rounds:
                break
            await bid(respondent, case_id, number, offer)  # the respondent first this time
            await bid(claimant, case_id, number, demand)
            await wait_for_round(claimant, case_id, number)
        if outcome == "no_settlement":
            for client, option in ((claimant, "court"), (respondent, "mediator")):
                chosen = await client.http(
                    "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": option}
                )
                assert chosen.status_code == 200, chosen.text
        events = await log_of(claimant, case_id)
        seen = await page.evaluate(FOLD_BIDDING, events)
        assert_same_fold(seen, events)
        assert seen[-1]["status"] == outcome, seen[-1]
    await page.context.close()


async def wait_for_round(client: RoomClient, case_id: str, number: int) -> None:
    """Until round ``number`` is decided (off the bid's request)."""
    for _ in range(200):
        state = (await client.http("GET", f"/api/cases/{case_id}/bidding")).json()
        if state["status"] != "open" or state["round"] > number:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"round {number} was not decided")


async def test_a_pause_moves_the_open_rounds_deadline_and_the_room_says_so(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    mediator = await login(make_client(), centre.mediator_email)
    claimant, respondent, case_id = await parties(address, MONEY_CLAIM)
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
    accepted = await respondent.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert accepted.status_code == 200, accepted.text
    desk = await room_page(browser, respondent, case_id, DESKTOP, "ru-RU")
    troubles = [watch(desk)]
    await says(desk, "Открыт раунд 1")
    base = f"/api/centre/cases/{case_id}"
    assert (await mediator.post(f"{base}/pause", json={"reason": "болезнь"})).status_code == 200
    clock.advance(hours=30)
    assert (await mediator.post(f"{base}/resume")).status_code == 200
    await says(desk, "Медиация приостанавливалась, поэтому раунд 1 теперь закрывается")
    moved = (await respondent.http("GET", f"/api/cases/{case_id}/bidding")).json()["deadline_at"]
    table = await desk.locator(".table").inner_text()
    assert "раунд 1 из 3 открыт до" in table
    # The table's deadline is the moved one, in the reader's words (Intl, ru).
    shown = await desk.evaluate(
        """(at) => new Intl.DateTimeFormat("ru", {dateStyle: "long", timeStyle: "short"})
            .format(new Date(at))""",
        moved,
    )
    assert shown in table, (shown, table)
    await axe(desk, "bidding room after a pause (ru)")
    events = await log_of(claimant, case_id)
    seen = await desk.evaluate(FOLD_BIDDING, events)
    assert_same_fold(seen, events)
    assert troubles == [[]]


AT = "2026-12-01T09:30:00+00:00"
SAMPLE_RULES = {"rounds": 3, "threshold": {"kind": "percent", "value": 5}, "round_hours": 72}
# One event of each mechanism event's kind, as odr/ logs it: (event, role of the actor, data).
SAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("bidding", "claimant", {"kind": "rules_proposed", "rules": SAMPLE_RULES}),
    ("bidding", "respondent", {"kind": "rules_agreed", "rules": SAMPLE_RULES}),
    ("bidding", "system", {"kind": "round_opened", "round": 1, "deadline_at": AT}),
    ("bidding", "system", {"kind": "round_moved", "round": 1, "deadline_at": AT}),
    ("bidding", "system", {"kind": "not_yet", "round": 1, "reason": "deadline"}),
    (
        "bidding",
        "system",
        {"kind": "no_settlement", "round": 3, "reason": "bids", "options": ["packages", "court"]},
    ),
    ("bidding", "claimant", {"kind": "choice", "option": "mediator"}),
    ("bidding", "system", {"kind": "switched", "mechanism": "packages"}),
    ("bidding", "system", {"kind": "court_chosen"}),
    (
        "bidding_settled",
        "system",
        {"version": 1, "round": 2, "amount": 15000050, "currency": "KZT", "package": {}},
    ),
    ("points_submitted", "claimant", {"role": "claimant"}),
    ("points_submitted", "respondent", {"role": "respondent"}),
    (
        "proposals_ready",
        "system",
        {"version": 1, "packages": [{"id": "p1", "criterion": "max_nash_welfare", "choice": {}}]},
    ),
    (
        "improvement_offered",
        "system",
        {"round": 1, "package": {}, "replaces_version": 2, "expires_at": AT},
    ),
    ("improvement_adopted", "system", {"round": 1, "version": 2, "package": {}}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "declined"}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "expired"}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "signed"}),
    ("mechanism_switch", "mediator", {"kind": "proposed", "current": "packages", "to": "division"}),
    ("mechanism_switch", "claimant", {"kind": "consented", "proposal_seq": 3}),
    ("mechanism_switch", "respondent", {"kind": "declined", "proposal_seq": 3}),
    (
        "mechanism_switch",
        "system",
        {"kind": "switched", "current": "packages", "to": "bidding", "proposal_seq": 3},
    ),
    (
        "mechanism_switch",
        "system",
        {"kind": "switched", "current": "bidding", "to": "packages", "proposal_seq": None},
    ),
]

WORD_ALL = """
async ([samples, languages]) => {
  const i18n = await import("/app/i18n.js");
  const { mechanismEntry, MECHANISM_EVENTS } = await import("/app/room/mechanism_events.js");
  const c = { id: "c1", issues: [], claim: { currency: "KZT" } };
  const said = {};
  for (const lang of languages) {
    await i18n.useLanguage(lang);
    await i18n.useStrings("mechanisms");
    said[lang] = samples.map(([event, role, data]) => {
      const frame = { event, data, seq: 1, at: "2026-12-01T09:30:00Z",
                      actor: { role, name: role === "system" ? null : "Aigerim" } };
      const line = mechanismEntry(c, { role: "respondent" }, frame);
      const extra = [line?.extra].flat().filter(Boolean).map((n) => n.textContent).join(" ");
      return line ? `${line.text} ${extra}` : null;
    });
  }
  return { said, events: MECHANISM_EVENTS };
}
"""


def kinds_of(event: str) -> set[str]:
    """The kinds an event's data may have (its schema's discriminator), or {""} for one shape."""
    schema = EVENT_DATA[event].json_schema()
    return set(schema.get("discriminator", {}).get("mapping", {})) or {""}


async def test_every_kind_of_mechanism_event_is_worded_in_three_languages(
    browser: Browser, address: str
) -> None:
    page = await new_page(browser, DESKTOP, "en-US")
    await page.goto(f"http://{address}/")
    result = await page.evaluate(WORD_ALL, [SAMPLES, ["kk", "ru", "en"]])
    # Every kind the server may log (odr/room/event_data.py) has a sample, so a new kind fails
    # here until the room words it.
    for event in result["events"]:
        sampled = {data.get("kind", "") for name, _, data in SAMPLES if name == event}
        assert kinds_of(event) <= sampled, (event, kinds_of(event) - sampled)
    for lang, lines in result["said"].items():
        for (event, _, data), line in zip(SAMPLES, lines, strict=True):
            where = f"{lang}: {event} {data}"
            assert line, where
            assert "{" not in line and "mech." not in line and "undefined" not in line, (
                where,
                line,
            )
    # Each language its own words: no line is left in English in Kazakh or Russian.
    for lang in ("kk", "ru"):
        same = [
            a for a, b in zip(result["said"][lang], result["said"]["en"], strict=True) if a == b
        ]
        assert not same, (lang, same)
    await page.context.close()
