"""The creditor's writ application in a real browser (#18), on a phone, in Russian.

Instalment 2 of the settlement (``tests/builders/enforcement.py``) is 11 days late on day 51: in
default. The creditor's settlement page shows, under the tracker, the application to the court
for a writ of execution; the creditor drafts it in one step and finds it listed, sent to the
court, with its PDF to download. The debtor's page shows no such thing. Both pass the
accessibility scan and fit a 360 px phone.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Watch
from tests.builders.enforcement import SESSIONS_LAST, paid_late, with_court
from tests.conftest import FakeClock, MakeClient


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {**env, **SESSIONS_LAST}


async def test_the_creditor_drafts_the_writ_application_in_one_step(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    await with_court(app)
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    case.at(51)

    debtor = await logged_in_page(browser, address, dict(case.respondent.cookies), "ru-RU")
    debtor.set_default_timeout(10000)
    problems = watch(debtor)
    await debtor.goto(f"http://{address}/#/cases/{case.case_id}/settlement")
    await expect(debtor.locator("section.tracker li.due")).to_have_count(3)
    await expect(debtor.locator("section.writ")).to_be_hidden()

    page = await logged_in_page(browser, address, dict(case.claimant.cookies), "ru-RU")
    page.set_default_timeout(10000)
    problems += watch(page)
    await page.goto(f"http://{address}/#/cases/{case.case_id}/settlement")
    writ = page.locator("section.writ")
    await expect(writ.locator("h3")).to_have_text("Заявление в суд об исполнительном листе")
    await expect(writ.get_by_label("Язык заявления")).to_have_value("ru")
    await expect(writ.locator("li.writ-application")).to_have_count(0)
    await fits_the_phone(page, "the writ application's form")
    await axe(page, "writ-form")
    await writ.get_by_role("button", name="Составить заявление").click()
    made = writ.locator("li.writ-application")
    await expect(made).to_have_count(1)
    await expect(made).to_contain_text("Суд №1 г. Астаны")
    await expect(made).to_contain_text("Направлено в суд")
    await expect(made.get_by_role("link", name="Скачать PDF")).to_be_visible()
    await fits_the_phone(page, "the writ application made")
    await axe(page, "writ-made")
    assert problems == []
