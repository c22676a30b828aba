"""The settlement page on what the end-to-end story does not meet: a payment in instalments.

The agreed package says "300 000 KZT in 3 months"; the draft splits it into three monthly parts.
The claimant, in Kazakh, moves one date (saved), then puts the parts out of order (refused, in
her language, next to the dates).
"""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import logged_in_page
from tests.browser.parties import Parties, agree
from tests.odr.room_client import RoomClient

MONTHS_CASE = {
    "category": "civil",
    "subject": "Жөндеу үшін қарыз",
    "language": "ru",
    "issues": [
        {"name": "amount", "label": "Сумма",
         "range": {"min": 0, "max": 400000, "step": 10000, "unit": "KZT"}},
        {"name": "months", "label": "Рассрочка",
         "range": {"min": 1, "max": 6, "step": 1, "unit": "месяцев"}},
    ],
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}  # fmt: skip


async def test_instalment_dates_are_edited_and_checked(
    browser: Any, address: str, axe: Any, shots: Any, watch: Any
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=MONTHS_CASE)).json()
    case_id = created["case"]["id"]
    token = created["invitation"]["url"].split("#token=", 1)[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    await agree(Parties(case_id, claimant, respondent, ""), {"amount": "300000", "months": "3"})
    url = f"/api/cases/{case_id}/settlement"
    drafted = (await claimant.http("GET", url)).json()["terms"]["obligations"][0]["instalments"]
    assert [part["amount"] for part in drafted] == ["100000"] * 3

    page = await logged_in_page(browser, address, claimant.cookies, locale="kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case_id}/settlement")
    await page.get_by_label("ЖСН").fill("061211600012")
    await page.get_by_label("Мекенжай", exact=True).fill("Астана, Абай даңғылы, 10")
    await page.get_by_role("button", name="Деректерімді сақтау").click()
    await page.get_by_text("2-қадам: келісім жасалатын жерді жазып").wait_for()
    assert (
        await page.get_by_label("2-бөлік (100 000 ₸): осы күнге дейін").input_value()
        == (drafted[1]["due_date"])
    )
    await page.get_by_label("Келісім жасалатын жер").fill("Астана")
    await page.get_by_label("2-бөлік (100 000 ₸): осы күнге дейін").fill(
        drafted[1]["due_date"][:8] + "15"
    )
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    await page.get_by_text("3 бөлікпен:").wait_for()
    saved = (await claimant.http("GET", url)).json()["terms"]["obligations"][0]
    assert saved["instalments"][1]["due_date"] == drafted[1]["due_date"][:8] + "15"
    assert saved["due_date"] == drafted[2]["due_date"], "the last part's date is the obligation's"
    await shots(page, "instalments-saved")

    # The third part before the second: the server refuses, the page says why under the dates.
    await page.get_by_role("button", name="Орнын, тілін немесе мерзімдерін өзгерту").click()
    await page.get_by_label("3-бөлік (100 000 ₸): осы күнге дейін").fill(drafted[0]["due_date"])
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    error = page.locator("#f-ob-0-error")
    await error.filter(has_text="Әр бөліктің мерзімі алдыңғысынан кейін болуы керек").wait_for()
    third = page.get_by_label("3-бөлік (100 000 ₸): осы күнге дейін")
    assert await third.get_attribute("aria-invalid") == "true"
    await axe(page, "settlement (kk, instalments refused)")
    await shots(page, "instalments-refused")
    assert (await claimant.http("GET", url)).json()["terms"]["obligations"][0] == saved
    assert [p for p in problems if "422" not in p] == []
    await page.context.close()
