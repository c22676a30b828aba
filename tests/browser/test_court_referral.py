"""A referral to court in real Chromium on a phone (#15): the mediator (Russian) refers a failed
case to a court chosen in the form; the court acknowledges over its API; the claimant (Kazakh)
reads on the case page when the case was referred, to which court and the court's case number."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from odr.court.clients import add_court, issue_client
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import open_case
from tests.builders.app import services_of
from tests.builders.browser import Axe, Shots, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import staff_login


async def test_the_mediator_refers_to_a_court_and_the_parties_read_its_case_number(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    services = services_of(app)
    async with services.sessions() as db:
        await add_court(db, "ASTANA-1", "Суд №1 г. Астаны", services.clock())
        token = (await issue_client(db, "ASTANA-1", "import", services.clock())).token
        await db.commit()
    await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await staff_login(address, "dana@centre.kz")
    closed = await mediator.http(
        "POST",
        f"/api/centre/cases/{parties.case_id}/close",
        json={"outcome": "failed", "reason": "no agreement"},
    )
    assert closed.status_code == 200, closed.text

    page = await logged_in_page(browser, address, mediator.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    await page.get_by_text("Завершить медиацию").click()
    form = page.get_by_role("form", name="Направить в суд")
    await form.get_by_label("Причина").fill("Стороны не договорились")
    court = form.get_by_label("Суд", exact=True)
    await expect(court.locator("option")).to_have_count(3)  # choose, the court, none
    await court.select_option(label="Суд №1 г. Астаны")
    await form.get_by_role("button", name="Направить в суд").click()
    note = page.locator("#referral")
    await expect(note).to_contain_text("Дело направлено в суд")
    await expect(note).to_contain_text("Суд: Суд №1 г. Астаны.")
    await expect(note).to_contain_text("Суд ещё не зарегистрировал дело")
    await shots(page, "1-ru-mediator-referred")

    court_api = make_client()
    court_api.headers["authorization"] = f"Bearer {token}"
    (item,) = (await court_api.get("/api/court/v1/referrals")).json()["referrals"]
    acknowledged = await court_api.put(
        f"{item['links']['json']}/acknowledgement", json={"court_case_number": "2-1234/26"}
    )
    assert acknowledged.status_code == 200, acknowledged.text
    await page.reload()
    await expect(page.locator("#referral")).to_contain_text("Номер дела в суде: 2-1234/26.")

    claimant = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    claimant.set_default_timeout(10000)
    claimant_problems = watch(claimant)
    await claimant.goto(f"http://{address}/#/cases/{parties.case_id}")
    note = claimant.locator("#referral")
    await expect(note).to_contain_text("Іс сотқа жіберілді")
    await expect(note).to_contain_text("Соттағы іс нөмірі: 2-1234/26.")
    await axe(claimant, "referred case (kk)")
    await fits_the_phone(claimant, "referred case (kk)")
    await shots(claimant, "2-kk-party-referred")
    assert problems == [] and claimant_problems == []
