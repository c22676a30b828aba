"""What a party meets of the conciliation centre, in real Chromium on a phone: the "What I share"
panel (the mediator then sees the shared interests), the rating of the process once the case is
over (on the case page, and under the signed document), the room's notice when the centre gives
the case a new mediator; and what staff meet: logging in lands on the dashboard. Also the skip
link, which must move the focus without leaving the page. axe scans each new panel in Kazakh
and Russian. Both panels show what the server holds: a fresh browser (another device) shows the
saved sharing choice and an earlier rating, without sending anything.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import CLAIMANT_ANSWERS, Parties, agree, open_case
from tests.browser.settlement_setup import ready_to_sign, sign
from tests.builders.browser import (
    PHONE,
    Axe,
    Received,
    Shots,
    Watch,
    centre_with_mediator,
    new_page,
)
from tests.conftest import MakeClient
from tests.odr.centre_setup import PASSWORD, add_mediator, login, make_account
from tests.odr.room_client import RoomClient


async def sign_both(parties: Parties) -> None:
    """Both parties give their details, the claimant the place; both sign (over HTTP)."""
    url = await ready_to_sign(parties, parties.claimant, "Астана")
    for party in (parties.claimant, parties.respondent):
        await sign(party, url)


@pytest.mark.slow
async def test_parties_rate_the_process_once_the_case_is_over(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    case_url = f"http://{address}/#/cases/{parties.case_id}"
    early = await parties.claimant.http(
        "POST", f"/api/cases/{parties.case_id}/feedback",
        json={"service": 5, "procedure": 5, "fairness": 5, "ease": 5},
    )  # fmt: skip
    assert early.json()["error"]["code"] == "case_not_over"  # still negotiating
    page = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(case_url)
    await page.get_by_role("heading", name="Әрі қарай не істеу керек").wait_for()
    assert await page.locator("#feedback").count() == 0  # still negotiating: nothing to rate

    # They agree: the case page now asks the claimant, in Kazakh, how it went.
    await agree(parties)
    await page.reload()
    await page.get_by_role("heading", name="Сізге қалай болды?").wait_for()
    await axe(page, "feedback (kk)")
    await shots(page, "1-kk-case-feedback")
    await fits_the_phone(page, "feedback (kk)")

    # Sending with nothing chosen says, at each question, what is missing.
    send = page.get_by_role("button", name="Бағамды жіберу")
    await send.focus()
    await page.keyboard.press("Enter")
    await expect(page.get_by_text("1-ден 5-ке дейінгі санды таңдаңыз.")).to_have_count(4)
    assert await page.evaluate("document.activeElement.id") == "fb-service-1"
    await axe(page, "feedback (kk, missing)")
    await shots(page, "2-kk-feedback-missing")

    # Keyboard only from here: Space picks, arrows move along the 1–5 scale, Tab to the next one.
    for n, arrows in enumerate((3, 4, 2, 3)):  # 4, 5, 3, 4
        if n:
            await page.keyboard.press("Tab")
        await page.keyboard.press("Space")
        for _ in range(arrows):
            await page.keyboard.press("ArrowRight")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "fb-comment"
    await page.keyboard.type("Бәрі түсінікті болды, рақмет.")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    thanks = page.locator("#feedback").get_by_text("Рақмет! Бағаңыз жіберілді.")
    await thanks.wait_for()
    assert await page.evaluate("document.activeElement.textContent") == "Рақмет! Бағаңыз жіберілді."
    await axe(page, "feedback (kk, thanks)")
    await shots(page, "3-kk-feedback-thanks")
    await page.reload()
    await page.locator("#feedback").get_by_text("Сіз бұл істі бағалап қойдыңыз. Рақмет!").wait_for()
    await page.context.close()

    # Both sign; the respondent, in Russian, finds the rating under his signed document.
    await sign_both(parties)
    page = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems += watch(page)
    await page.goto(f"{case_url}/settlement")
    await page.get_by_role("heading", name="4. Ваш документ готов").wait_for()
    panel = page.locator("#feedback")
    await panel.get_by_role("heading", name="Как всё прошло для вас?").wait_for()
    for score, value in (("service", "2"), ("procedure", "3"), ("fairness", "5"), ("ease", "4")):
        await (
            panel.locator(f'fieldset[data-score="{score}"]').get_by_label(value, exact=True).check()
        )
    await panel.scroll_into_view_if_needed()
    await axe(page, "settlement, signed, with the rating (ru)")
    await shots(page, "4-ru-settlement-feedback")
    await fits_the_phone(page, "settlement feedback (ru)")
    await panel.get_by_role("button", name="Отправить оценку").click()
    await panel.get_by_text("Спасибо! Ваша оценка отправлена.").wait_for()
    await axe(page, "settlement, rated (ru)")
    await page.context.close()

    # On another browser (a fresh context: another device) the claimant finds her rating given,
    # as the server holds it: no form, and nothing is sent.
    page = await logged_in_page(browser, address, parties.claimant.cookies, "en-US")
    page.set_default_timeout(10000)
    problems += watch(page)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.method != "GET" else None)
    await page.goto(case_url)
    panel = page.locator("#feedback")
    await panel.get_by_text("You have already rated this case. Thank you!").wait_for()
    await expect(panel).to_contain_text("The service: how well were you helped?4 of 5")
    await expect(panel).to_contain_text("Ease: how easy was it to take part?4 of 5")
    assert await page.locator("#feedback form").count() == 0
    assert sent == []
    await axe(page, "feedback, already rated (en)")
    await shots(page, "5-en-already-rated")
    await fits_the_phone(page, "already rated (en)")
    await page.context.close()

    # The centre's analytics count both ratings, the averages and the comment.
    report = (await centre.admin.get("/api/centre/analytics")).json()
    assert report["feedback"] == {
        "responses": 2, "service": 3.0, "procedure": 4.0, "fairness": 4.0, "ease": 4.0,
    }  # fmt: skip
    assert report["comments"] == ["Бәрі түсінікті болды, рақмет."]
    assert problems == []


async def test_a_party_shares_its_interests_with_the_mediator(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address, interests=True)
    mediator = await login(make_client(), centre.mediator_email)
    view_url = f"/api/centre/cases/{parties.case_id}"
    assert (await mediator.get(view_url)).json()["shared_interests"] == []

    page = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    # From the private interests page, its promise leads to the choice.
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/interests")
    await page.get_by_role("link", name="Немен бөлісетінімді таңдау").first.click()
    await page.wait_for_url(f"**/#/cases/{parties.case_id}/sharing")
    panel = page.locator("#sharing")
    await expect(page.locator("#share-title")).to_be_focused()
    now = page.locator("#share-now")
    await expect(now).to_contain_text("Медиатор сіздің құпия жауаптарыңызды көрмейді.")
    await expect(now).to_contain_text("сот тек негізгі мәліметтерді алады")
    assert not await page.get_by_label("Медиаторға менің құпия жауаптарымды көруге").is_checked()
    await axe(page, "sharing (kk)")
    await shots(page, "1-kk-sharing")
    await fits_the_phone(page, "sharing (kk)")

    # With the keyboard: the first switch, then over the second to the button.
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "share-interests_with_mediator"
    await page.keyboard.press("Space")
    await panel.get_by_text("әлі сақталған жоқ").wait_for()
    await shots(page, "2-kk-sharing-not-saved")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await panel.get_by_text("Таңдауыңыз сақталды.").wait_for()
    await expect(now).to_contain_text("Медиатор сіздің құпия жауаптарыңызды көре алады.")
    await axe(page, "sharing (kk, saved)")
    await shots(page, "3-kk-sharing-saved")

    view = (await mediator.get(view_url)).json()
    assert view["shared_interests"] == [{"role": "claimant", "answers": CLAIMANT_ANSWERS}]

    # Back later, the choice is shown as saved; in Russian too.
    await page.reload()
    assert await page.get_by_label("Медиаторға менің құпия жауаптарымды көруге").is_checked()
    await page.select_option("#lang", "ru")
    await page.get_by_role("heading", name="Чем я делюсь").wait_for()
    await expect(now).to_contain_text("Медиатор может видеть ваши конфиденциальные ответы.")
    await axe(page, "sharing (ru)")
    await shots(page, "4-ru-sharing")
    await fits_the_phone(page, "sharing (ru)")
    assert problems == []
    await page.context.close()

    # Another device (a fresh browser context, nothing stored in it) shows the saved choice too.
    page = await logged_in_page(browser, address, parties.claimant.cookies, "en-US")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/sharing")
    await expect(page.get_by_label("Let the mediator see my private answers")).to_be_checked()
    await expect(page.get_by_label("Send the negotiation record to the court")).not_to_be_checked()
    await expect(page.locator("#share-now")).to_contain_text(
        "The mediator can see your private answers."
    )  # fmt: skip
    assert await page.evaluate("localStorage.length") <= 1  # at most the language chosen
    await shots(page, "6-en-sharing-another-device")
    assert problems == []
    await page.context.close()

    # The mediator's case page shows the claimant's answers, in words.
    page = await logged_in_page(browser, address, dict(mediator.cookies), "en-US")
    page.set_default_timeout(10000)
    await page.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    shared = page.locator("section[aria-labelledby=shared-title]")
    await shared.get_by_role("heading", name="Interests a party shared with you").wait_for()
    await expect(shared).to_contain_text("Claimant")
    await expect(shared).to_contain_text("What matters most, in order: 1. Amount to pay, 2. When")
    await expect(shared).to_contain_text("could accept: 250,000 ₸")
    await expect(shared).to_contain_text("In instalments — not acceptable")
    await expect(shared).to_contain_text("How firm: balanced")
    await shots(page, "5-mediator-sees-shared")
    await page.context.close()


async def test_staff_land_on_the_dashboard_and_parties_on_their_cases(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient
) -> None:
    centre = await centre_with_mediator(app, make_client)
    await RoomClient.signup(address, "aigerim@example.kz")
    await make_account(app, "root@centre.kz", "admin", name="Platform admin 2")
    for email, where, heading in (
        (centre.mediator_email, "#/mediator", "Mediator dashboard"),
        ("root@centre.kz", "#/mediator", "Analytics"),
        ("aigerim@example.kz", "#/cases", "My cases"),
    ):
        page = await new_page(browser, PHONE, "en-US")
        received = Received(page)
        await page.goto(f"http://{address}/#/login")
        await page.get_by_label("E-mail").fill(email)
        await page.get_by_label("Password", exact=True).fill(PASSWORD)
        await page.get_by_label("Password", exact=True).press("Enter")
        await page.wait_for_url(f"**/{where}")
        await page.get_by_role("heading", name=heading).wait_for()
        # The dashboard says whether analytics are open: nobody probes them for a 403.
        assert [p for p in received.refused if p != "api/auth/session"] == [], email
        await page.context.close()


async def test_the_room_says_when_the_case_gets_a_new_mediator(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    erlan = await add_mediator(
        app, centre.admin, centre.id, "erlan@centre.kz", name="Erlan Bekov",
        languages=["kk", "ru", "en"],
    )  # fmt: skip
    page = await logged_in_page(browser, address, parties.respondent.cookies, "en-US")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/room")
    await page.get_by_text("Connected.").wait_for()
    moved = await centre.admin.post(
        f"/api/centre/cases/{parties.case_id}/reassign",
        json={"mediator_id": erlan["id"], "reason": "Dana is on leave"},
    )
    assert moved.status_code == 200, moved.text
    notice = page.locator(".timeline .ev-system")
    await expect(notice).to_contain_text("Your case now has a new mediator: Erlan Bekov.")
    assert "Dana is on leave" not in await page.locator("main").inner_text()  # the centre's own
    await shots(page, "1-en-new-mediator")
    await page.select_option("#lang", "kk")
    await expect(notice).to_contain_text("Сіздің ісіңізге жаңа медиатор тағайындалды: Erlan Bekov.")
    await shots(page, "2-kk-new-mediator")
    await page.select_option("#lang", "ru")
    await expect(notice).to_contain_text("У вашего дела новый медиатор: Erlan Bekov.")
    assert problems == []
    await page.context.close()


async def test_the_skip_link_moves_the_focus_and_stays_on_the_page(
    browser: Browser, address: str, watch: Watch
) -> None:
    parties = await open_case(address)
    page = await logged_in_page(browser, address, parties.claimant.cookies, "en-US")
    problems = watch(page)
    url = f"http://{address}/#/cases/{parties.case_id}"
    await page.goto(url)
    await page.get_by_role("heading", name="What to do next").wait_for()
    await page.get_by_role("link", name="Kelisim · Келісім").focus()
    await page.keyboard.press("Shift+Tab")  # the first stop of the page
    skip = page.get_by_role("link", name="Skip to content")
    await expect(skip).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(page.locator("#main")).to_be_focused()
    assert page.url == url
    await page.get_by_role("heading", name="What to do next").wait_for()  # the same page
    await page.keyboard.press("Tab")  # the next stop is inside the content
    assert await page.evaluate("document.getElementById('main').contains(document.activeElement)")
    # Reached some other way, "#main" is not a route either.
    await page.evaluate("location.hash = '#main'")
    await expect(page.locator("#main")).to_be_focused()
    await page.get_by_role("heading", name="What to do next").wait_for()
    assert page.url == url
    assert problems == []
    await page.context.close()


def test_every_string_the_party_pages_use_exists() -> None:
    """Every t("key") in the UI's modules is in the English catalogue (kk and ru have the same
    keys: test_pages checks)."""
    folder = Path(__file__).resolve().parents[2] / "static" / "app"
    # The main catalogue and every part's (centre, division, …: i18n.js useStrings).
    catalogues = [folder / "locales" / "en.js", *sorted(folder.glob("locales/*/en.js"))]
    keys = set()
    for catalogue in catalogues:
        keys |= set(re.findall(r'^\s*"([a-z0-9_.]+)":', catalogue.read_text("utf-8"), re.M))
    used = set()
    for module in folder.rglob("*.js"):
        if "locales" not in module.parts and module.name != "i18n.js":
            used |= set(re.findall(r'\bt\("([a-z0-9_.]+)"', module.read_text("utf-8")))
    assert used and used <= keys, sorted(used - keys)
