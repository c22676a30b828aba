"""Joint sessions in real Chromium (#15): the mediator (English) proposes a time in Astana time
with a video link, the claimant (Russian) marks it, the mediator confirms it, and the claimant's
case page offers the invite to add to a calendar, which downloads as iCalendar; the party's
room shows the session in the case log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import staff_login


async def test_mediator_proposes_party_chooses_mediator_confirms_party_adds_to_calendar(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, watch: Watch
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await staff_login(address, centre.mediator_email)
    day = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d")

    staff = await logged_in_page(browser, address, mediator.cookies, "en-US")
    watch(staff)
    await staff.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    await staff.get_by_role("heading", name="Propose a joint session").wait_for()
    await staff.get_by_label("Date").fill(day)
    await staff.get_by_label("Time (Astana)").fill("15:00")
    await staff.get_by_label("Video link (https://…)").fill("https://meet.example.kz/room-7")
    await staff.get_by_role("button", name="Propose these times").click()
    sessions = staff.locator("#case-sessions")
    await expect(sessions).to_contain_text("Nobody has chosen it yet")
    shown = f"{day[8:10]}.{day[5:7]}.{day[:4]} 15:00"  # Astana time, as typed
    await expect(sessions).to_contain_text(shown)
    await expect(staff.locator(".ev-joint_session")).to_contain_text("proposed 1 time(s)")

    party = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    watch(party)
    await party.goto(f"http://{address}/#/cases/{parties.case_id}")
    await party.get_by_role("heading", name="Совместная встреча").wait_for()
    await party.get_by_label(f"{shown}, 60 мин").check()
    await party.get_by_role("button", name="Сохранить удобное мне время").click()
    await expect(party.get_by_label(f"{shown}, 60 мин")).to_be_checked()

    await staff.reload()
    await expect(staff.locator("#case-sessions")).to_contain_text("Chosen by:")
    await staff.get_by_role("button", name="Confirm this time").click()
    await expect(staff.locator("#session-when")).to_contain_text(shown)

    await party.reload()
    await expect(party.locator("#session-when")).to_contain_text(f"назначена: {shown}")
    link = party.get_by_role("link", name="Добавить в календарь (.ics)")
    href = await link.get_attribute("href")
    assert href == f"/api/cases/{parties.case_id}/session.ics"
    download = await party.request.get(f"http://{address}{href}")
    assert download.status == 200
    text = await download.text()
    assert "BEGIN:VCALENDAR" in text and "METHOD:REQUEST" in text
    start = datetime.fromisoformat(f"{day}T10:00:00+00:00")  # 15:00 in Astana is 10:00 UTC
    assert f"DTSTART:{start.strftime('%Y%m%dT%H%M%SZ')}" in text

    # The case log in the party's room tells the same story, in the party's words.
    await party.goto(f"http://{address}/#/cases/{parties.case_id}/room")
    told = party.get_by_text(f"Совместная встреча назначена: {shown}, 60 мин.")
    await expect(told).to_be_visible()
