"""The centre's reports on the dashboard, in real Chromium: the centre's administrator, in Kazakh
on a phone, sees the caseload chart with its table, downloads the XLSX headed in Kazakh, and is
told in Kazakh when the period ends before it starts. axe, no console error, nothing scrolls
sideways."""

from __future__ import annotations

import io

import httpx
import openpyxl
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import Axe, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import PASSWORD, make_account, open_case


async def test_the_administrator_reads_and_downloads_the_reports_in_kazakh(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, axe: Axe, watch: Watch
) -> None:
    centre = await centre_with_mediator(app, make_client)
    await make_account(app, "aliya@centre.kz", "clerk", name="Aliya", language="kk")
    made = await centre.admin.post(
        f"/api/centres/{centre.id}/admins", json={"email": "aliya@centre.kz"}
    )
    assert made.status_code == 204, made.text
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    await open_case(claimant)  # Dana's, open, a few seconds old
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        logged = await http.post(
            "/api/auth/login", json={"email": "aliya@centre.kz", "password": PASSWORD}
        )
        assert logged.status_code == 200, logged.text
        cookies = dict(http.cookies)

    page = await logged_in_page(browser, address, cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator")
    await page.get_by_role("heading", name="Есептер").wait_for()
    caseload = page.locator("#report-caseload").locator("xpath=..")
    table = caseload.get_by_role("table")
    await expect(table.get_by_role("row", name="Dana Serikova")).to_contain_text("1")
    await expect(caseload.locator("svg[role=img]")).to_have_count(1)
    await axe(page, "reports-kk")
    await fits_the_phone(page, "reports-kk")

    async with page.expect_download() as download_info:
        await page.get_by_role("link", name="Барлық есептер (XLSX)").click()
    download = await download_info.value
    path = await download.path()
    book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    assert book.sheetnames == ["Кезең", "Жүктеме", "Нәтижелер", "Пікірлер", "Түсініктемелер"]
    rows = list(book["Жүктеме"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Медиатор", "Ашық істер")
    assert rows[1][:3] == ("Dana Serikova", 1, 1)

    await page.get_by_label("Басы").fill("2026-12-07")
    await page.get_by_label("Соңы").fill("2026-12-01")
    await page.get_by_role("button", name="Көрсету").click()
    await expect(page.get_by_role("alert").filter(has_text="Кезең")).to_contain_text(
        "Кезең басталмай тұрып аяқталады."
    )
    assert [p for p in problems if "422" not in p] == []
