"""Blind bidding in the browser (#12): two people, two browsers, one money claim.

The claimant works in Kazakh on a 360 px phone, the respondent in Russian on a desktop, each in
its own browser context (own cookies, own WebSocket). They agree the rules, bid sealed round by
round, and learn each outcome together without reloading; refusals are said in the page's
language at the field. Every screen is scanned with axe. Each party's bids are sentinels (odd
tiyn), and everything the other party's browser received (HTTP bodies, WebSocket frames) and
its page's DOM are scanned for them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, WebSocketRoute, expect
from starlette.applications import Starlette

from odr.negotiating.bidding_rounds import decider
from tests.browser.bidding_setup import (
    CLAIMANT_NAME,
    RESPONDENT_NAME,
    Bidding,
    bidding_case,
    second_tab,
)
from tests.browser.conftest import fits_the_phone
from tests.builders.app import services_of
from tests.builders.browser import Axe, Received, Shots, Watch
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]
# What a browser logs for the refusals these stories provoke on purpose (409, 422).
EXPECTED_REFUSALS = re.compile(r"Failed to load resource: .* status of (409|422)\b")

# The claimant's demands and the respondent's offers, in tiyn: round 1 apart, round 2 within
# the agreed gap of 10 000 ₸ (4 991,88 ₸ apart), so it settles strictly between them.
DEMANDS = [312_743_117, 200_000_341]
OFFERS = [120_457_329, 199_501_153]
KK_DEMAND = "Қазір келісетін ең аз сомам, ₸"


def ru_offer(sign: str) -> str:
    """The respondent's amount field in Russian, named in the currency as amounts show it."""
    return f"Наибольшая сумма, которую я сейчас готов(а) заплатить, в {sign}"


async def money_sign(page: Page) -> str:
    """The tenge as the app writes it after an amount in the page's language (static/app/format.js:
    "₸", or "KZT" where a language writes the code): the page must say amounts the app's way."""
    sign = await page.evaluate(
        "async () => (await import('/app/format.js')).formatMoney(1, 'KZT')"
        ".replace(/[\\d\\s\\u00a0\\u202f.,]/g, '')"
    )
    assert sign in ("₸", "KZT"), sign
    return str(sign)


def typed(tiyn: int) -> str:
    """An amount as a person types it: "3 127 431,17"."""
    whole, cents = divmod(tiyn, 100)
    return f"{whole:,}".replace(",", " ") + f",{cents:02d}"


def shown(tiyn: int, sign: str = "₸") -> str:
    """An amount as the pages show it, spaces normalised: "3 127 431,17 ₸" in Kazakh, with
    another ``sign`` where a language writes the code ("3 127 431,17 KZT")."""
    whole, cents = divmod(tiyn, 100)
    return f"{whole:,}".replace(",", " ") + (f",{cents:02d}" if cents else "") + f" {sign}"


def plain(text: str) -> str:
    """Non-breaking and narrow spaces as plain ones (Intl and format.js group with them)."""
    return re.sub(r"[\u00a0\u202f]", " ", text)


async def main_text(page: Page) -> str:
    return plain(await page.locator("main").inner_text())


async def wait_text(page: Page, text: str) -> None:
    """Until the page's main area says ``text`` (spaces normalised), without a reload."""
    await page.wait_for_function(
        "t => document.querySelector('main').innerText"
        ".replace(/[\\u00a0\\u202f]/g, ' ').includes(t)",
        arg=text,
    )


def spellings(tiyn: int) -> list[str]:
    """A bid as it could leak, in text with every space taken out: tiyn, or units either way."""
    units = f"{tiyn / 100:.2f}"
    return [str(tiyn), units, units.replace(".", ",")]


async def assert_never_received(received: Received, page: Page, bids: list[int]) -> None:
    """No spelling of ``bids`` in what the page received nor in its DOM."""
    corpus = re.sub(r"[\s\u00a0\u202f]", "", (await received.all_text()) + await page.content())
    assert corpus, "nothing was captured"
    for amount in bids:
        for spelling in spellings(amount):
            assert spelling not in corpus, f"the other party received {spelling}"


async def seal(page: Page, label: str, amount: str, yes: str) -> None:
    await page.get_by_label(label).fill(amount)
    await page.locator("form.bid-form button[type=submit]").click()
    await page.get_by_role("button", name=yes).click()


@pytest.mark.slow
async def test_rules_then_two_rounds_settle_and_neither_browser_sees_the_other_bids(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    base = f"http://{address}"
    b = await bidding_case(browser, address)
    kk, ru = b.claimant_page, b.respondent_page
    troubles = [watch(kk), watch(ru)]
    received = {"claimant": Received(kk), "respondent": Received(ru)}

    # The claimant proposes the rules: 3 rounds, a gap of 10 000 ₸, 48 hours a round.
    await kk.goto(b.url(base))
    await expect(kk.get_by_role("heading", name="Алдымен ережелерді келісіңіз")).to_be_visible()
    assert "әр раундта бір-бір соманы жабық түрде" in await main_text(kk)
    await axe(kk, "rules (kk, phone)")
    await fits_the_phone(kk, "rules")
    await shots(kk, "1-claimant-rules")
    await kk.get_by_label("Раунд саны").fill("0")
    await kk.locator("input[name=threshold_kind][value=absolute]").check()
    await expect(kk.get_by_label("Айырма, ₸ есебімен")).to_be_visible()
    await kk.get_by_label("Айырма, ₸ есебімен").fill("10 000")
    await kk.get_by_label("Әр раунд неше сағат ашық тұрады").fill("48")
    # By default the outcome comes at the round's deadline; she chooses to learn it as soon as
    # both have bid, and the page says what that tells each of them.
    at_deadline = kk.locator("input[name=announce][value=at_deadline]")
    await expect(at_deadline).to_be_checked()
    when_both_in = kk.locator("input[name=announce][value=when_both_in]")
    choice = plain(await kk.locator("label.choice", has=when_both_in).inner_text())
    assert "екінші тарап сомасын атағанын білесіз" in choice, choice
    await when_both_in.check()
    await kk.get_by_role("button", name="Осы ережелерді ұсыну").click()
    await expect(kk.locator("#f-rounds-error")).to_have_text(
        "Раунд санын 1-ден 10-ға дейінгі бүтін санмен жазыңыз."
    )
    await expect(kk.get_by_label("Раунд саны")).to_be_focused()
    await kk.get_by_label("Раунд саны").fill("3")
    await kk.get_by_role("button", name="Осы ережелерді ұсыну").click()
    await expect(
        kk.get_by_role("heading", name=f"{RESPONDENT_NAME} қабылдағанын күтеміз")
    ).to_be_visible()
    await expect(kk.locator(".rules-summary")).to_contain_text("48 сағат")
    await axe(kk, "waiting for acceptance (kk)")
    await fits_the_phone(kk, "waiting for acceptance")

    # The respondent reads them in Russian and accepts; round 1 opens for both, live.
    await ru.goto(b.url(base))
    await expect(
        ru.get_by_role("heading", name=f"{CLAIMANT_NAME} предлагает такие правила")
    ).to_be_visible()
    summary = plain(await ru.locator(".rules-summary").inner_text())
    sign = await money_sign(ru)
    assert f"10 000 {sign}" in summary and "48 часов" in summary, summary
    assert "каждый узнаёт, что другая сторона назвала свою" in summary, summary
    await axe(ru, "their rules (ru)")
    await shots(ru, "2-respondent-accepts")
    await ru.get_by_role("button", name="Принять эти правила").click()
    await expect(ru.get_by_role("heading", name="Раунд 1 из 3")).to_be_visible()
    assert "Открыт до" in await main_text(ru)
    await expect(kk.get_by_role("heading", name="1-раунд, барлығы 3")).to_be_visible()
    await expect(kk.locator("#status")).to_have_text("Ережелер келісілді. 1-раунд ашық.")
    assert "Раунд жабылатын уақыт:" in await main_text(kk)
    assert "Қазір келісетін ең аз сомам" in await main_text(kk)
    assert "Наибольшая сумма, которую я сейчас готов(а) заплатить" in await main_text(ru)
    await axe(kk, "round 1 (kk)")
    await axe(ru, "round 1 (ru)")
    await fits_the_phone(kk, "round 1")
    await shots(kk, "3-claimant-round-1")

    # Round 1: both bid, far apart. Each sees its own bid sealed, then "not yet" reaches both.
    await kk.get_by_label(KK_DEMAND).fill(typed(DEMANDS[0]))
    await kk.get_by_role("button", name="Сомамды жабық жіберу").click()
    dialog = kk.get_by_role("dialog", name=f"{shown(DEMANDS[0])} жіберілсін бе?")
    await expect(dialog).to_contain_text("1-раундтағы сомаңызды өзгерту мүмкін емес")
    await axe(kk, "confirm the bid (kk)")
    await fits_the_phone(kk, "confirm the bid")
    await shots(kk, "3b-claimant-confirms")
    await dialog.get_by_role("button", name="Иә, жіберу").click()
    await wait_text(kk, f"Сіздің {shown(DEMANDS[0])} сомаңыз жабық түрде сақталды.")
    await axe(kk, "sealed (kk)")
    await seal(ru, ru_offer(sign), typed(OFFERS[0]), "Да, запечатать")
    await expect(ru.get_by_role("heading", name="Раунд 2 из 3")).to_be_visible()
    await expect(kk.get_by_role("heading", name="2-раунд, барлығы 3")).to_be_visible()
    await wait_text(kk, "1-раунд: әзірге жоқ.")
    await wait_text(ru, "Раунд 1: пока нет.")
    await expect(kk.locator("#status")).to_have_text("1-раунд: әзірге жоқ. 2-раунд ашық.")
    await expect(ru.locator("#status")).to_contain_text("Раунд 1: пока нет. Открыт раунд 2.")
    await wait_text(kk, f"1-раунд: {shown(DEMANDS[0])}")  # my own amounts, mine only
    await wait_text(kk, f"Өткен раундтағыдан көп сұрай алмайсыз: {shown(DEMANDS[0])}.")
    last_offer = shown(OFFERS[0], sign)
    await wait_text(ru, f"Нельзя предложить меньше, чем в прошлом раунде: {last_offer}.")
    await axe(kk, "round 2 (kk)")
    await axe(ru, "round 2 (ru)")
    await fits_the_phone(kk, "round 2")
    await shots(kk, "4-claimant-round-2")

    # A demand above last round's is refused at the field, in Kazakh.
    await seal(kk, KK_DEMAND, "3 500 000", "Иә, жіберу")
    await expect(kk.locator("#f-amount-error")).to_have_text(
        re.compile(r"Өткен раундтағыдан көп сұрай алмайсыз: 3\s127\s431,17\s₸\.")
    )
    await expect(kk.get_by_label(KK_DEMAND)).to_have_attribute("aria-invalid", "true")
    await axe(kk, "refused (kk)")
    await shots(kk, "5-claimant-refused")

    # The respondent seals round 2 in one tab; a tab left open before, whose connection to the
    # room is down (so it does not read the bidding again), tries another amount.
    stale = await second_tab(ru)
    troubles.append(watch(stale))
    await no_live_room(stale)
    await stale.goto(b.url(base))
    await expect(stale.get_by_role("heading", name="Раунд 2 из 3")).to_be_visible()
    await seal(ru, ru_offer(sign), typed(OFFERS[1]), "Да, запечатать")
    await wait_text(ru, f"Ваша сумма {shown(OFFERS[1], sign)} запечатана.")
    await seal(stale, ru_offer(sign), "1 999 999", "Да, запечатать")
    await expect(stale.locator(".flash")).to_have_text(
        "Вы уже запечатали сумму в этом раунде. Изменить её нельзя."
    )
    await wait_text(stale, f"Ваша сумма {shown(OFFERS[1], sign)} запечатана.")
    await axe(stale, "changed bid refused (ru)")
    await stale.close()

    # Round 2 crosses within the gap: both see "settled at X" and the way to the settlement.
    await seal(kk, KK_DEMAND, typed(DEMANDS[1]), "Иә, жіберу")
    state = (await b.claimant.http("GET", f"/api/cases/{b.case_id}/bidding")).json()
    for _ in range(50):
        if state["status"] == "settled":
            break
        await kk.wait_for_timeout(100)
        state = (await b.claimant.http("GET", f"/api/cases/{b.case_id}/bidding")).json()
    amount = state["settled_amount"]
    assert OFFERS[1] < amount < DEMANDS[1], state
    await expect(kk.get_by_role("heading", name=re.compile("сомасына келісілді$"))).to_be_visible()
    await expect(ru.get_by_role("heading", name=re.compile("^Соглашение на"))).to_be_visible()
    assert plain(await kk.get_by_role("heading", level=2).inner_text()) == (
        f"{shown(amount)} сомасына келісілді"
    )
    assert plain(await ru.get_by_role("heading", level=2).inner_text()) == (
        f"Соглашение на {shown(amount, sign)}"
    )
    await expect(ru.locator("#status")).to_have_text("Соглашение достигнуто! Сумма — ниже.")
    settlement = f"#/cases/{b.case_id}/settlement"
    kk_link = kk.get_by_role("link", name="Татуласу келісіміне өту")
    await expect(kk_link).to_have_attribute("href", settlement)
    await expect(ru.get_by_role("link", name="Перейти к мировому соглашению")).to_have_attribute(
        "href", settlement
    )
    assert "бөліп төлеуге" in await main_text(kk)  # instalments are set on the settlement
    await axe(kk, "settled (kk)")
    await axe(ru, "settled (ru)")
    await fits_the_phone(kk, "settled")
    await shots(kk, "6-claimant-settled")
    await shots(ru, "7-respondent-settled")

    # Neither browser ever received the other party's amounts, nor has them in its page.
    await assert_never_received(received["respondent"], ru, DEMANDS)
    await assert_never_received(received["claimant"], kk, OFFERS)
    # …while each did receive its own (the scan can find what it looks for).
    own = re.sub(r"[\s\u00a0\u202f]", "", await received["claimant"].all_text())
    assert str(DEMANDS[1]) in own

    await kk_link.click()
    await kk.wait_for_url(f"**/{settlement}")
    await expect(kk.get_by_role("heading", name="Келісімге қол қою", exact=True)).to_be_visible()
    await wait_text(kk, shown(amount))  # the settled amount is the settlement's payment
    await shots(kk, "8-claimant-settlement")
    for problems in troubles:
        assert [p for p in problems if not EXPECTED_REFUSALS.search(p)] == []


@pytest.mark.slow
async def test_no_settlement_after_the_last_round_offers_three_ways_and_the_choices_show_live(
    browser: Browser,
    address: str,
    app: Starlette,
    clock: FakeClock,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    base = f"http://{address}"
    b = await bidding_case(browser, address)
    kk, ru = b.claimant_page, b.respondent_page
    troubles = [watch(kk), watch(ru)]
    received = {"claimant": Received(kk), "respondent": Received(ru)}
    demand, offer = 410_000_077, 90_000_013

    # This time the respondent proposes (two rounds, a gap of 2%) and the claimant accepts.
    await ru.goto(b.url(base))
    await expect(ru.get_by_role("heading", name="Сначала договоритесь о правилах")).to_be_visible()
    await axe(ru, "rules (ru, desktop)")
    sign = await money_sign(ru)
    await ru.get_by_label("Сколько раундов").fill("2")
    await ru.get_by_label("Разрыв, в процентах").fill("2")
    await expect(ru.get_by_label(re.compile("^Когда выходит время раунда"))).to_be_checked()
    await ru.get_by_role("button", name="Предложить эти правила").click()
    await expect(
        ru.get_by_role("heading", name=f"Ждём, когда {CLAIMANT_NAME} примет правила")
    ).to_be_visible()
    await kk.goto(b.url(base))
    await expect(
        kk.get_by_role("heading", name=f"{RESPONDENT_NAME} мына ережелерді ұсынады")
    ).to_be_visible()
    assert "талапкер сомасының 2%" in await main_text(kk)
    assert "раунд уақыты біткенде, екеуіңізге бір мезгілде" in await main_text(kk)
    await axe(kk, "their rules (kk)")
    await fits_the_phone(kk, "their rules")
    await kk.get_by_role("button", name="Осы ережелерді қабылдау").click()
    await expect(kk.get_by_role("heading", name="1-раунд, барлығы 2")).to_be_visible()
    await expect(kk.locator("#status")).to_have_text("Сіз ережелерді қабылдадыңыз. 1-раунд ашық.")
    await expect(ru.get_by_role("heading", name="Раунд 1 из 2")).to_be_visible()

    # Round 1's time runs out with the claimant's amount missing: "not yet", and why, to both.
    # Sealed, the respondent is told when the answer comes: the round's deadline, as shown.
    await seal(ru, ru_offer(sign), typed(offer), "Да, запечатать")
    await wait_text(ru, f"Ваша сумма {shown(offer, sign)} запечатана.")
    until = re.search(r"Открыт до (.+)", await main_text(ru))
    assert until, await main_text(ru)
    await wait_text(
        ru,
        f"Ответ придёт, когда закончится время раунда, — {until[1].strip()}: вам обоим "
        "одновременно, кто бы ни назвал сумму первым.",
    )
    await axe(ru, "sealed, the answer at the deadline (ru)")
    clock.advance(hours=73)
    assert await services_of(app).scheduler.tick() == 1
    await expect(kk.get_by_role("heading", name="2-раунд, барлығы 2")).to_be_visible()
    await wait_text(kk, "1-раунд: әзірге жоқ. Екі сома да аталмай тұрып уақыт бітті.")
    await wait_text(ru, "Раунд 1: пока нет. Время вышло раньше, чем были названы обе суммы.")
    assert "Келесі раундтарда қазіргіден көп сұрай алмайсыз." in await main_text(kk)

    # The last round ends apart, at its deadline however soon both bid: both are offered the
    # three ways on, live.
    await seal(ru, ru_offer(sign), typed(offer), "Да, запечатать")
    await seal(kk, KK_DEMAND, typed(demand), "Иә, жіберу")
    await wait_text(kk, "Нәтиже раунд уақыты біткенде келеді: ")
    await fits_the_phone(kk, "sealed, the answer at the deadline")
    await shots(kk, "0-claimant-sealed-until-the-deadline")
    assert (await b.claimant.http("GET", f"/api/cases/{b.case_id}/bidding")).json()["round"] == 2
    await expect(kk.get_by_role("heading", name="2-раунд, барлығы 2")).to_be_visible()
    clock.advance(hours=73)
    assert await services_of(app).scheduler.tick() == 1
    await expect(kk.get_by_role("heading", name="Соңғы раундта келісім болмады")).to_be_visible()
    await expect(
        ru.get_by_role("heading", name="В последнем раунде соглашения нет")
    ).to_be_visible()
    await expect(ru.locator("#status")).to_have_text("Последний раунд закончился без соглашения.")
    for text in ("Переговоры о пакете", "Живой медиатор", "Обратиться в суд", "Раунд 2: пока нет."):
        assert text in await main_text(ru), text
    for text in (
        "Пакет бойынша келіссөз",
        "Тірі медиатор",
        "Сотқа жүгіну",
        "Сіз әлі таңдамадыңыз.",
    ):
        assert text in await main_text(kk), text
    await axe(kk, "no settlement (kk)")
    await axe(ru, "no settlement (ru)")
    await fits_the_phone(kk, "no settlement")
    await shots(kk, "1-claimant-choices")

    # A choice must be picked; the claimant's reaches the respondent at once.
    await kk.get_by_role("button", name="Таңдауымды жіберу").click()
    await expect(kk.locator("[data-field=option] > .error")).to_have_text(
        "Үш жолдың бірін таңдаңыз."
    )
    await kk.get_by_label("Тірі медиатор").check()
    await kk.get_by_role("button", name="Таңдауымды жіберу").click()
    await wait_text(kk, "Сіздің таңдауыңыз: Тірі медиатор.")
    await wait_text(ru, f"{CLAIMANT_NAME}: Живой медиатор.")
    await expect(ru.locator("#status")).to_have_text(f"{CLAIMANT_NAME}: Живой медиатор.")
    await wait_text(kk, "Медиаторға көмек қажет екенін хабарладық.")
    await wait_text(ru, "Мы сообщили медиатору, что вы хотите помощи.")
    await axe(ru, "their choice (ru)")

    # Both choose packages: the case goes on in the room, and both pages say so.
    await ru.get_by_label("Переговоры о пакете").check()
    await ru.get_by_role("button", name="Отправить мой выбор").click()
    await wait_text(kk, f"{RESPONDENT_NAME} таңдауы: Пакет бойынша келіссөз.")
    await kk.get_by_label("Пакет бойынша келіссөз").check()
    await kk.get_by_role("button", name="Таңдауымды өзгерту").click()
    await wait_text(kk, "Екеуіңіз де пакет бойынша келіссөзді таңдадыңыздар.")
    await wait_text(ru, "Вы оба выбрали переговоры о пакете.")
    await expect(ru.get_by_role("link", name="Открыть комнату переговоров")).to_have_attribute(
        "href", f"#/cases/{b.case_id}/room"
    )
    await axe(kk, "switched to packages (kk)")
    await fits_the_phone(kk, "switched to packages")
    await shots(kk, "2-claimant-switched")
    await shots(ru, "3-respondent-switched")

    await assert_never_received(received["respondent"], ru, [demand])
    await assert_never_received(received["claimant"], kk, [offer])
    for problems in troubles:
        assert [p for p in problems if not EXPECTED_REFUSALS.search(p)] == []


async def one_round_without_settlement(b: Bidding, app: Starlette) -> str:
    """One agreed round whose bids are too far apart, settled: the three ways on are open.
    Returns the case's bidding path."""
    rules = {
        "rounds": 1,
        "threshold": {"kind": "absolute", "value": 0},
        "round_hours": 24,
        "announce": "when_both_in",
    }
    path = f"/api/cases/{b.case_id}/bidding"
    seq = (await b.claimant.http("POST", f"{path}/rules", json=rules)).json()["proposal_seq"]
    accepted = await b.respondent.http("POST", f"{path}/rules/accept", json={"proposal_seq": seq})
    assert accepted.status_code == 200, accepted.text
    for party, amount in ((b.claimant, 500_000_00), (b.respondent, 100_000_00)):
        sealed = await party.http("PUT", f"{path}/bid", json={"round": 1, "amount": amount})
        assert sealed.status_code == 200, sealed.text
    await decider(services_of(app).room).settle()
    return path


async def test_both_choosing_court_ends_the_mediation_and_both_pages_say_so(
    browser: Browser, address: str, app: Starlette, axe: Axe
) -> None:
    b = await bidding_case(browser, address)
    kk, ru = b.claimant_page, b.respondent_page
    await one_round_without_settlement(b, app)
    for page in (kk, ru):
        await page.goto(b.url(f"http://{address}"))
    await expect(kk.get_by_role("heading", name="Соңғы раундта келісім болмады")).to_be_visible()
    await kk.get_by_label("Сотқа жүгіну").check()
    await kk.get_by_role("button", name="Таңдауымды жіберу").click()
    await wait_text(ru, f"{CLAIMANT_NAME}: Обратиться в суд.")
    await ru.get_by_label("Обратиться в суд").check()
    await ru.get_by_role("button", name="Отправить мой выбор").click()
    await wait_text(ru, "Вы оба выбрали суд. Онлайн-медиация завершена;")
    await wait_text(kk, "Екеуіңіз де сотты таңдадыңыздар. Онлайн медиация аяқталды;")
    for page in (kk, ru):
        await expect(page.locator("form.choice-form")).to_have_count(0)
    await axe(kk, "court chosen (kk)")
    await axe(ru, "court chosen (ru)")
    await fits_the_phone(kk, "court chosen")


async def test_a_choice_ticked_but_not_sent_survives_the_other_partys_choice_arriving(
    browser: Browser, address: str, app: Starlette
) -> None:
    """The page redraws when the other party chooses (or when the room's log arrives after the
    first drawing): the option this reader ticked, not yet sent, stays ticked, and "send"
    sends it. Found in CI: the redraw unticked it and the page asked to pick one again."""
    b = await bidding_case(browser, address)
    kk = b.claimant_page
    path = await one_round_without_settlement(b, app)
    await kk.goto(b.url(f"http://{address}"))
    await expect(kk.get_by_role("heading", name="Соңғы раундта келісім болмады")).to_be_visible()
    await wait_text(kk, f"{RESPONDENT_NAME} әлі таңдамады.")
    court = kk.get_by_label("Сотқа жүгіну")
    await court.check()
    chose = await b.respondent.http("POST", f"{path}/choice", json={"option": "court"})
    assert chose.status_code == 200, chose.text
    await wait_text(kk, f"{RESPONDENT_NAME} таңдауы: Сотқа жүгіну.")  # drawn again, live
    await expect(court).to_be_checked()
    await kk.get_by_role("button", name="Таңдауымды жіберу").click()
    await wait_text(kk, "Екеуіңіз де сотты таңдадыңыздар. Онлайн медиация аяқталды;")


async def test_before_the_respondent_joins_the_page_waits_and_then_shows_the_rules_form(
    browser: Browser, address: str, axe: Axe
) -> None:
    b = await bidding_case(browser, address, joined=False)
    kk = b.claimant_page
    await kk.goto(b.url(f"http://{address}"))
    await expect(
        kk.get_by_role("heading", name=f"{RESPONDENT_NAME} іске қосылғанын күтеміз")
    ).to_be_visible()
    await axe(kk, "waiting for the respondent (kk)")
    await fits_the_phone(kk, "waiting for the respondent")
    await b.join()
    await expect(kk.get_by_role("heading", name="Алдымен ережелерді келісіңіз")).to_be_visible(
        timeout=15000
    )


async def no_live_room(page: Page) -> None:
    """The page's room socket never reaches the server: what it shows goes stale."""

    async def drop(socket: WebSocketRoute) -> None:
        await socket.close()

    await page.route_web_socket(re.compile(r"/ws$"), drop)


@pytest.mark.slow
async def test_stale_rules_are_refused_in_the_readers_language_and_the_new_ones_shown(
    browser: Browser, address: str, axe: Axe
) -> None:
    base = f"http://{address}"
    b = await bidding_case(browser, address)
    kk, ru = b.claimant_page, b.respondent_page
    await kk.goto(b.url(base))
    await kk.get_by_role("button", name="Осы ережелерді ұсыну").click()
    await expect(
        kk.get_by_role("heading", name=re.compile("қабылдағанын күтеміз$"))
    ).to_be_visible()
    await no_live_room(ru)
    await ru.goto(b.url(base))
    await expect(
        ru.get_by_role("heading", name=re.compile("предлагает такие правила$"))
    ).to_be_visible()
    assert "5% от суммы истца" in await main_text(ru)

    # Meanwhile the claimant changes her proposal; the respondent's page does not know yet.
    await kk.get_by_text("Ұсынысымды өзгерту").click()
    await kk.get_by_label("Раунд саны").fill("5")
    await kk.get_by_role("button", name="Осы ережелерді ұсыну").click()
    await expect(kk.locator("#status")).to_have_text("Ережелеріңіз ұсынылды.")
    await ru.get_by_role("button", name="Принять эти правила").click()
    await expect(ru.locator(".flash")).to_have_text(
        "Тем временем предложение изменилось. Прочитайте новые правила, прежде чем принять."
    )
    await expect(ru.locator(".rules-summary dd").first).to_have_text("5")
    await axe(ru, "stale rules (ru)")
    await ru.get_by_role("button", name="Принять эти правила").click()
    await expect(ru.get_by_role("heading", name="Раунд 1 из 5")).to_be_visible()


def documented_refusals() -> list[str]:
    """The codes docs/api.md lists under "Blind bidding (parties)" → "Refusals"."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text.split("## Blind bidding (parties)", 1)[1].split("\n## ", 1)[0]
    refusals = re.split(r"No refusal\s+says", section.split("Refusals:", 1)[1])[0]
    return sorted(set(re.findall(r"\d{3}\s+`([a-z_]+)`", refusals)))


@pytest.mark.parametrize(
    ("locale", "role"), [("kk-KZ", "claimant"), ("ru-RU", "respondent"), ("en-US", "claimant")]
)
async def test_every_documented_refusal_is_said_in_the_readers_language(
    browser: Browser, address: str, locale: str, role: str
) -> None:
    codes = documented_refusals()
    assert {"stale_rules", "own_rules", "bid_sealed", "bid_not_monotone", "round_closed"} <= set(
        codes
    ), codes
    b = await bidding_case(browser, address)
    page = b.claimant_page if role == "claimant" else b.respondent_page
    if locale == "en-US":
        page = await (await browser.new_context(locale="en-US")).new_page()
        await page.context.add_cookies(
            [
                {"name": k, "value": v, "url": f"http://{address}"}
                for k, v in b.claimant.cookies.items()
            ]
        )
    await page.goto(b.url(f"http://{address}"))
    await page.locator("#bidding-now").wait_for()
    said = await page.evaluate(
        """async ([codes, caseId]) => {
          const { ApiError } = await import('/app/api.js');
          const { refusalProblems } = await import('/app/pages/bidding/refusals.js');
          const c = await (await fetch(`/api/cases/${caseId}`)).json();
          const state = { round: 2, my_bids: { 1: 12345600 } };
          return Object.fromEntries(codes.map((code) => {
            const status = code === 'own_rules' ? 403 : code.startsWith('bid_not') ? 422 : 409;
            const fields = code === 'validation_failed'
              ? [{ field: 'threshold.value', message: 'a percent threshold is at most 100' }] : [];
            const error = new ApiError(status, { error: { code, message: 'English', fields } });
            return [code, refusalProblems(c, state, error)];
          }));
        }""",
        [codes, b.case_id],
    )
    words = {"kk-KZ": "[әіңғүұқөһ]", "ru-RU": "[а-яё]", "en-US": "[a-z]"}[locale]
    for code, problems in said.items():
        for _, text in problems:
            assert code not in text and "English" not in text, (code, text)
            assert not re.fullmatch(r"[a-z0-9_.]+", text), (code, text)  # a key, not words
            assert re.search(words, text, re.I), (code, text)
    assert said["bid_not_monotone"][0][0] == "amount"
    assert (
        re.sub(r"[\u00a0\u202f]", " ", said["bid_not_monotone"][0][1]).count(
            "123,456" if locale == "en-US" else "123 456"
        )
        == 1
    )
    assert [name for name, _ in said["validation_failed"]] == [None, "threshold_value"]


PART = ROOT / "static" / "app" / "locales" / "bidding"
PAGES = [
    ROOT / "static" / "app" / "pages" / "bidding.js",
    *(ROOT / "static/app/pages/bidding").glob("*.js"),
]


def catalogue(lang: str) -> dict[str, str]:
    text = (PART / f"{lang}.js").read_text(encoding="utf-8")
    return dict(
        re.findall(r'^\s*"(bidding\.[a-z0-9_.]+)":\s*"((?:[^"\\]|\\.)*)"', text, re.M | re.S)
    )


def test_the_bidding_strings_exist_in_three_languages_and_each_is_used() -> None:
    """Every key the bidding pages ask for is in kk, ru and en (t() would show the key itself),
    no key stays unused, and a translation asks only for the values the page passes."""
    en, kk, ru = catalogue("en"), catalogue("kk"), catalogue("ru")
    assert len(en) > 100 and set(en) == set(kk) == set(ru)
    code = re.sub(r"(^|\s)//\s.*$", "", "\n".join(p.read_text() for p in PAGES), flags=re.M)
    literals = set(re.findall(r"\"(bidding\.[a-z0-9_.]+)\"", code))
    templates = [
        re.compile(re.sub(r"\\\$\\\{[^}]*\\\}", "[a-z0-9_]+", re.escape(t)).replace(r"\$\{", ""))
        for t in re.findall(r"`(bidding\.(?:[a-z0-9_.]|\$\{[^`{}]*\})+)`", code)
    ]

    def used(key: str) -> bool:
        base, _, form = key.rpartition(".")
        return (
            key in literals
            or any(p.fullmatch(key) for p in templates)
            or (form in ("one", "few", "many", "other") and base in literals)
        )

    assert [k for k in en if not used(k)] == []
    plural_bases = {k.rpartition(".")[0] for k in en if k.endswith(".other")}
    assert [k for k in literals if k not in en and k not in plural_bases] == []
    for key, text in en.items():
        wanted = set(re.findall(r"\{(\w+)\}", text))
        for other in (kk, ru):
            assert set(re.findall(r"\{(\w+)\}", other[key])) <= wanted, key
