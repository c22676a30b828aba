"""The conciliation centre's pages in real Chromium: the mediator's live dashboard, one case as
its mediator sees it (record, messages, pause/resume/extend), the administrator's analytics with
its CSV, and axe on each page in Kazakh and Russian on a phone.

Both parties state private interests holding sentinel numbers; nothing the mediator's browser
receives (HTTP bodies, WebSocket frames) or shows may contain them.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
import time
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Locator, Page, ViewportSize, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import CASE, Parties, open_case
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
from tests.odr.centre_setup import (
    PASSWORD,
    add_mediator,
    login,
    make_account,
)
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 860}

# Private interests with numbers that appear nowhere else (off the amount's 10 000 grid).
CLAIMANT_SECRET = {
    "importance": {"ranking": ["amount", "deadline"]},
    "issues": {
        "amount": {"best": 397137, "acceptable": 263173, "limit": 151193},
        "deadline": {"options": {"At once": "ideal", "In a month": "acceptable",
                                 "In instalments": "unacceptable"}},
    },
    "walk_away": "balanced",
}  # fmt: skip
RESPONDENT_SECRET = {
    "importance": {"ranking": ["deadline", "amount"]},
    "issues": {
        "amount": {"best": 17137, "acceptable": 187131, "limit": 312179},
        "deadline": {"options": {"At once": "unacceptable", "In a month": "acceptable",
                                 "In instalments": "ideal"}},
    },
    "walk_away": "flexible",
}  # fmt: skip
SECRET_NUMBERS = ["397137", "263173", "151193", "17137", "187131", "312179"]
AGREED = {"amount": "210000", "deadline": "In a month"}
# Markers of private data in an API body or frame: the answers' shape, a party's explanations.
PRIVATE_MARKERS = ['"walk_away"', '"acceptable":', '"limit":', "explain."]


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """A case is stalled after an hour without activity (the tests move the clock by hours)."""
    return {**env, "ODR_STALLED_AFTER_H": "1"}


async def case_with_secrets(address: str) -> Parties:
    """Two parties joined in a case, each with private interests; waits for the proposals."""
    parties = await open_case(address)
    for who, answers in (
        (parties.claimant, CLAIMANT_SECRET),
        (parties.respondent, RESPONDENT_SECRET),
    ):
        response = await who.http(
            "PUT", f"/api/cases/{parties.case_id}/interests", json={"answers": answers}
        )
        assert response.status_code == 200, response.text
    return parties


async def in_room(party: RoomClient, case_id: str) -> RoomClient:
    client = RoomClient(party.address, party.cookies, party.csrf)
    await client.join(case_id)
    return client


async def proposals(client: RoomClient) -> dict[str, str]:
    ready = await client.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    return dict(ready["data"]["packages"][0]["choice"])


async def assert_nothing_private(received: Received, page: Page) -> None:
    everything = await received.all_text()
    api = await received.api_text()
    shown = await page.locator("body").inner_text() + await page.content()
    assert "/api/centre/cases/" in api and '"head_seq"' in api  # the case and the room were seen
    for secret in SECRET_NUMBERS:
        assert secret not in everything, secret
        assert secret not in shown, secret
    for marker in PRIVATE_MARKERS:
        assert marker not in api, marker


async def log_in(page: Page, address: str, email: str, labels: tuple[str, str, str]) -> None:
    """Logs a staff member in; staff land on the centre's dashboard, not on "My cases"."""
    email_label, password_label, button = labels
    await page.goto(f"http://{address}/#/login")
    await page.get_by_label(email_label).fill(email)
    await page.get_by_label(password_label, exact=True).fill(PASSWORD)
    await page.get_by_role("button", name=button).click()
    await page.wait_for_url("**/#/mediator")


async def cookies_of(email: str, address: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return dict(http.cookies)


def row(page: Page, case_id: str) -> Locator:
    return page.locator(f'#centre-cases tr[data-case="{case_id}"]')


@pytest.mark.slow
async def test_mediator_follows_a_case_live_talks_pauses_and_extends(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await case_with_secrets(address)
    claimant = await in_room(parties.claimant, parties.case_id)
    respondent = await in_room(parties.respondent, parties.case_id)
    choice = await proposals(claimant)
    said = await respondent.command("message", text="Can we talk about the date?")
    assert said["type"] == "ack", said

    page = await new_page(browser, DESKTOP, "en-US")
    problems = watch(page)
    received = Received(page)
    await log_in(page, address, centre.mediator_email, ("E-mail", "Password", "Log in"))
    await page.get_by_role("heading", name="Mediator dashboard").wait_for()
    mine = row(page, parties.case_id)
    await expect(mine).to_contain_text(CASE["subject"])
    await expect(mine).to_contain_text("Negotiating")
    await expect(mine).to_contain_text("30 days left")
    await page.get_by_text("Live").wait_for()
    await shots(page, "1-dashboard")

    # A party's offer: the row changes in place, without a reload.
    await page.evaluate("window.__noReload = true")
    sent = time.perf_counter()
    offered = await claimant.command("offer", package=choice)
    assert offered["type"] == "ack", offered
    await expect(mine).to_contain_text("offer", timeout=3000)
    latency = time.perf_counter() - sent
    print(f"\noffer on the mediator's dashboard after {1000 * latency:.0f} ms")
    assert latency < 2
    assert await page.evaluate("window.__noReload === true")
    await shots(page, "2-dashboard-after-offer")

    # The case as its mediator sees it: offers and messages, never private interests.
    await mine.get_by_role("link").click()
    await page.get_by_role("heading", name="Case ").wait_for()
    record = page.locator("ol.events")
    await expect(record).to_contain_text("Can we talk about the date?")
    # The offer's terms, the tenge written as everywhere (static/app/format.js).
    await expect(record).to_contain_text(re.compile(r"No\. 1 — Amount to pay: [\d,]+\s₸"))
    await shots(page, "3-case")

    message = page.get_by_role("form", name="Send message")
    await message.get_by_label("Message").fill("Let us look at the dates together.")
    await message.get_by_role("button", name="Send message").click()
    heard = await respondent.wait_frame(
        lambda f: f.get("event") == "message" and f["actor"]["role"] == "mediator"
    )
    assert heard["data"]["text"] == "Let us look at the dates together."
    assert heard["actor"]["name"] == "Dana Serikova"
    await expect(record).to_contain_text("Let us look at the dates together.")

    summary = page.locator("#case-summary")
    pause = page.get_by_role("form", name="Pause")
    await pause.get_by_label("Reason").fill("The respondent consults a lawyer")
    await pause.get_by_role("button", name="Pause").click()
    await expect(summary).to_contain_text("Paused")
    await claimant.wait_frame(lambda f: f.get("event") == "paused")
    await expect(record).to_contain_text("The respondent consults a lawyer")
    await shots(page, "4-case-paused")
    await page.get_by_role("button", name="Resume").click()
    await expect(summary).to_contain_text("Negotiating")
    await claimant.wait_frame(lambda f: f.get("event") == "resumed")

    extend = page.get_by_role("form", name="Extend deadline")
    await extend.get_by_label("Days").fill("10")
    await extend.get_by_label("Reason").fill("Both parties asked for time")
    await extend.get_by_role("button", name="Extend deadline").click()
    await expect(summary).to_contain_text("40 days left")
    await expect(record).to_contain_text("Both parties asked for time")
    await shots(page, "5-case-extended")

    # Back on the dashboard, the row shows the new deadline.
    await page.get_by_role("link", name="Back to the dashboard").click()
    await expect(row(page, parties.case_id)).to_contain_text("40 days left")

    await assert_nothing_private(received, page)
    # The dashboard knows from sees_analytics that a mediator has no analytics: it never asks
    # for them, so nothing is refused (but the anonymous session check before logging in).
    refused = [path for path in received.refused if path != "api/auth/session"]
    assert refused == []
    assert problems == []
    for client in (claimant, respondent):
        await client.disconnect()
    await page.context.close()


async def parties_between(address: str, claimant: str, respondent: str, subject: str) -> Parties:
    """Like ``parties.open_case``, with the parties' e-mails and the subject given."""
    first = await RoomClient.signup(address, claimant)
    second = await RoomClient.signup(address, respondent)
    created = await first.http("POST", "/api/cases", json={**CASE, "subject": subject})
    assert created.status_code == 201, created.text
    url = created.json()["invitation"]["url"]
    token = url.split("#token=", 1)[1]
    accepted = await second.http(
        "POST", "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )  # fmt: skip
    assert accepted.status_code == 200, accepted.text
    return Parties(created.json()["case"]["id"], first, second, url)


async def phone_scan(page: Page, axe: Axe, shots: Shots, name: str) -> None:
    await axe(page, name)
    await shots(page, name)
    await fits_the_phone(page, name)


@pytest.mark.slow
async def test_centre_pages_in_kazakh_and_russian_with_analytics_and_csv(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, clock: FakeClock,
    shots: Shots, axe: Axe, watch: Watch,
) -> None:  # fmt: skip
    centre = await centre_with_mediator(app, make_client, deadline_days=3)  # due soon at once
    await make_account(app, "aliya@centre.kz", "clerk", name="Aliya Nurlanova")
    made = await centre.admin.post(
        f"/api/centres/{centre.id}/admins", json={"email": "aliya@centre.kz"}
    )
    assert made.status_code == 204, made.text

    # Three cases, all first assigned to Dana: one negotiating (with private interests and an
    # offer), one agreed and rated, one that Erlan takes over and closes as not settled.
    live = await case_with_secrets(address)
    agreed = await parties_between(address, "saule@example.kz", "marat@example.kz", "Unpaid rent")
    failed = await parties_between(address, "gulnar@example.kz", "timur@example.kz", "Broken phone")
    claimant = await in_room(live.claimant, live.case_id)
    offered = await proposals(claimant)  # the first proposal, whatever the order puts first
    await claimant.command("offer", package=offered)
    await claimant.disconnect()
    # The record writes the offered amount as every amount is written: "310 000 ₸".
    offered_amount = f"{int(offered['amount']):,}".replace(",", "\u00a0")
    offerer = await in_room(agreed.claimant, agreed.case_id)
    accepter = await in_room(agreed.respondent, agreed.case_id)
    assert (await offerer.command("offer", package=AGREED))["type"] == "ack"
    assert (await accepter.command("accept", version=1))["type"] == "ack"
    for party, scores in ((agreed.claimant, (5, 4, 5, 4)), (agreed.respondent, (4, 4, 3, 5))):
        rated = await party.http(
            "POST", f"/api/cases/{agreed.case_id}/feedback",
            json=dict(zip(("service", "procedure", "fairness", "ease"), scores, strict=True)),
        )  # fmt: skip
        assert rated.status_code == 201, rated.text
    for client in (offerer, accepter):
        await client.disconnect()
    erlan = await add_mediator(
        app, centre.admin, centre.id, "erlan@centre.kz", name="Erlan Bekov",
        languages=["kk", "ru", "en"],
    )  # fmt: skip
    moved = await centre.admin.post(
        f"/api/centre/cases/{failed.case_id}/reassign",
        json={"mediator_id": erlan["id"], "reason": "Dana is on leave"},
    )
    assert moved.status_code == 200, moved.text
    erlan_client = await login(make_client(), "erlan@centre.kz")
    closed = await erlan_client.post(
        f"/api/centre/cases/{failed.case_id}/close",
        json={"outcome": "failed", "reason": "The respondent does not answer"},
    )
    assert closed.status_code == 200, closed.text

    # Dana on a phone, in Kazakh then Russian: dashboard and the negotiating case.
    page = await logged_in_page(
        browser, address, await cookies_of("dana@centre.kz", address), "kk-KZ"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    received = Received(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Медиатор тақтасы").wait_for()
    await expect(row(page, live.case_id)).to_contain_text("3 күн қалды")
    await expect(row(page, live.case_id)).to_contain_text("мерзімі жақын")
    await expect(row(page, agreed.case_id)).to_contain_text("Келісімге келді")
    assert await row(page, failed.case_id).count() == 0  # Erlan's now
    await phone_scan(page, axe, shots, "kk-1-dashboard")
    await row(page, live.case_id).get_by_role("link").click()
    await page.get_by_role("heading", name="ісі").wait_for()
    await expect(page.locator("ol.events")).to_contain_text(offered_amount)
    await phone_scan(page, axe, shots, "kk-2-case")
    await page.select_option("#lang", "ru")
    await page.get_by_role("heading", name="Дело").wait_for()
    await expect(page.locator("#case-summary")).to_contain_text("Идут переговоры")
    await phone_scan(page, axe, shots, "ru-2-case")
    await page.get_by_role("link", name="Назад к панели").click()
    await page.get_by_role("heading", name="Панель медиатора").wait_for()
    await phone_scan(page, axe, shots, "ru-1-dashboard")
    await page.goto(f"http://{address}/#/mediator/cases/{agreed.case_id}")
    await page.get_by_role("form", name="Удостоверить медиацию").wait_for()
    assert await page.get_by_role("form", name="Приостановить").count() == 0
    await phone_scan(page, axe, shots, "ru-3-agreed-case")
    await assert_nothing_private(received, page)
    assert not [p for p in received.refused if "analytics" in p]
    assert problems == []
    await page.context.close()

    # Aliya, the centre's administrator: every case, analytics with charts, the CSV.
    page = await logged_in_page(
        browser, address, await cookies_of("aliya@centre.kz", address), "ru-RU"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Аналитика").wait_for()
    await expect(row(page, failed.case_id)).to_contain_text("Erlan Bekov")
    charts = page.locator("svg.chart[role=img]")
    assert await charts.count() == 6  # by mechanism, category, mediator, month, parties, ratings
    assert await charts.first.get_attribute("aria-label") == "Урегулирование по способам"
    # All three cases were package negotiations: one settled, one failed, one negotiating.
    by_mechanism = page.locator("section[aria-labelledby=by-mechanism] table")
    await expect(by_mechanism).to_contain_text("Переговоры пакетами")
    await expect(page.locator(".figures")).to_contain_text("50%")
    await phone_scan(page, axe, shots, "ru-4-analytics")
    await page.select_option("#lang", "kk")
    await page.get_by_role("heading", name="Талдау").wait_for()
    await phone_scan(page, axe, shots, "kk-4-analytics")
    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="CSV жүктеп алу").click()
    download = await download_info.value
    assert download.suggested_filename == "centre-analytics.csv"
    saved = Path(await download.path())
    rows = list(csv.reader(io.StringIO(await asyncio.to_thread(saved.read_text, "utf-8"))))
    assert rows[0] == [
        "dimension", "key", "cases", "concluded", "settled", "settlement_rate",
        "median_days_to_settlement", "value",
    ]  # fmt: skip
    assert rows[1][:6] == ["overall", "all", "3", "2", "1", "0.5"]
    assert ["mediator", "Erlan Bekov", "1", "1", "0", "0.0", "", ""] in rows
    assert ["feedback", "responses", "", "", "", "", "", "2"] in rows  # the agreed case's two
    await page.set_viewport_size(DESKTOP)
    await shots(page, "kk-5-analytics-desktop")

    # Two hours without a move: the negotiating case is stalled, and leads the list.
    clock.advance(hours=2)
    await page.reload()
    first = page.locator("#centre-cases tbody tr").first
    await expect(first).to_have_attribute("data-case", live.case_id)
    await expect(first).to_contain_text("белсенділік жоқ")
    await expect(page.locator(".summary")).to_contain_text("Қазір назар қажет: 1")
    await shots(page, "kk-6-dashboard-stalled-desktop")

    # An administrator looks at a case read-only, with the reassignment and its reason.
    await page.set_viewport_size(PHONE)
    await row(page, failed.case_id).get_by_role("link").click()
    await page.get_by_role("heading", name="Тағайындаулар").wait_for()
    await expect(page.locator("#case-summary")).to_contain_text("Dana is on leave")
    await expect(page.locator("#case-actions")).to_contain_text("тек оның медиаторы")
    assert await page.get_by_role("form").count() == 0
    await expect(page.locator("ol.events")).to_contain_text("The respondent does not answer")
    await phone_scan(page, axe, shots, "kk-7-admin-case")
    assert problems == []
    await page.context.close()


@pytest.mark.slow
async def test_administrator_reassigns_a_case_by_keyboard_with_a_reason(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, shots: Shots, axe: Axe,
    watch: Watch,
) -> None:  # fmt: skip
    """Aliya, the centre's administrator, gives Dana's case to Erlan on a phone, in Kazakh."""
    centre = await centre_with_mediator(app, make_client)
    await make_account(app, "aliya@centre.kz", "clerk", name="Aliya Nurlanova")
    made = await centre.admin.post(
        f"/api/centres/{centre.id}/admins", json={"email": "aliya@centre.kz"}
    )
    assert made.status_code == 204, made.text
    parties = await parties_between(address, "saule@example.kz", "marat@example.kz", "Unpaid rent")
    erlan = await add_mediator(
        app, centre.admin, centre.id, "erlan@centre.kz", name="Erlan Bekov",
        languages=["kk", "ru", "en"],
    )  # fmt: skip

    page = await logged_in_page(
        browser, address, await cookies_of("aliya@centre.kz", address), "kk-KZ"
    )
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    form = page.get_by_role("form", name="Істі басқа медиаторға беру")
    select = form.get_by_label("Жаңа медиатор")
    reason = form.get_by_label("Ауыстыру себебі")
    await expect(select).to_be_visible()
    current = select.locator("option", has_text="Dana Serikova")
    await expect(current).to_contain_text("қазіргі медиатор")
    await expect(current).to_be_disabled()
    await expect(select.locator("option", has_text="Erlan Bekov")).to_contain_text(
        "істер: 10 ішінен 0"
    )
    await phone_scan(page, axe, shots, "kk-8-reassign-form")

    # By keyboard: the mediator by its first letters, a blank reason refused at its field.
    await select.focus()
    await page.keyboard.type("Erl")
    await expect(select).to_have_value(erlan["id"])
    await page.keyboard.press("Tab")
    await expect(reason).to_be_focused()
    await page.keyboard.type("   ")
    await page.keyboard.press("Tab")
    await expect(form.get_by_role("button", name="Басқа медиаторға беру")).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(form.locator("#f-reassign-reason-error")).to_have_text(
        "Іс неліктен басқа медиаторға берілетінін жазыңыз."
    )
    await expect(reason).to_have_attribute("aria-invalid", "true")
    await expect(reason).to_be_focused()
    await phone_scan(page, axe, shots, "kk-9-reassign-error")
    await page.keyboard.press("Control+A")
    await page.keyboard.type("Dana is on leave")
    await page.keyboard.press("Enter")

    summary = page.locator("#case-summary")
    await expect(summary.locator(".assignments li").last).to_contain_text(
        "Erlan Bekov: Dana is on leave"
    )
    await expect(summary).to_contain_text("Медиатор: Erlan Bekov")
    await expect(page.locator("ol.events")).to_contain_text("Erlan Bekov")  # what the parties see
    await expect(page.locator("#assignments-title")).to_be_focused()
    await expect(select.locator("option", has_text="Erlan Bekov")).to_be_disabled()
    await expect(select.locator("option", has_text="Dana Serikova")).to_be_enabled()
    await expect(select).to_have_value("")
    await phone_scan(page, axe, shots, "kk-10-reassigned")
    view = (await centre.admin.get(f"/api/centre/cases/{parties.case_id}")).json()
    last = view["assignments"][-1]
    assert (last["mediator_id"], last["reason"]) == (erlan["id"], "Dana is on leave")
    assert last["previous_mediator_id"] == view["assignments"][0]["mediator_id"]
    assert problems == []
    await page.context.close()

    # Erlan's dashboard now lists the case.
    page = await logged_in_page(
        browser, address, await cookies_of("erlan@centre.kz", address), "kk-KZ"
    )
    page.set_default_timeout(10000)
    await page.goto(f"http://{address}/#/mediator")
    await expect(row(page, parties.case_id)).to_contain_text("Unpaid rent")
    await page.context.close()


def test_centre_strings_exist_in_every_language() -> None:
    """The centre's pages have every string in kk, ru and en, and use no string that is missing."""
    folder = Path(__file__).resolve().parents[2] / "static" / "app"
    keys = {
        lang: set(re.findall(r'^\s*"(centre\.[a-z0-9_.]+)":', text, re.M))
        for lang in ("en", "kk", "ru")
        for text in [(folder / "locales" / "centre" / f"{lang}.js").read_text(encoding="utf-8")]
    }
    assert keys["en"] and keys["kk"] == keys["en"] == keys["ru"]
    code = "".join(
        p.read_text(encoding="utf-8") for p in (folder / "pages" / "mediator").glob("*.js")
    )
    used = set(re.findall(r'\bt\("(centre\.[a-z0-9_.]+)"', code))
    assert used and used <= keys["en"], used - keys["en"]
    prefixes = set(re.findall(r"\bt\(`(centre\.[a-z_]+\.)\$\{", code))
    assert all(any(k.startswith(prefix) for k in keys["en"]) for prefix in prefixes), prefixes
