"""The private caucus in real Chromium: the claimant (Russian) asks the mediator for a private
conversation, the mediator (English) is told live, opens it, and they write to each other live;
the respondent's page (Kazakh) shows only its own empty panel, and nothing its browser receives
holds a word of the caucus."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Received, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import staff_login

FROM_PARTY = "Могу уступить по сроку, но не по сумме"
FROM_MEDIATOR = "Thank you, I will not tell the other side"


async def test_a_party_and_the_mediator_talk_privately_and_the_other_party_sees_nothing(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    watch: Watch,
    axe: Axe,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await staff_login(address, centre.mediator_email)

    other = await logged_in_page(browser, address, parties.respondent.cookies, "kk-KZ")
    seen_by_other = Received(other)
    problems = watch(other)
    await other.goto(f"http://{address}/#/cases/{parties.case_id}")
    await other.get_by_role("heading", name="Медиатормен жеке әңгіме").wait_for()

    party = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    problems_party = watch(party)
    await party.goto(f"http://{address}/#/cases/{parties.case_id}")
    await party.get_by_role("heading", name="Личный разговор с медиатором").wait_for()

    staff = await logged_in_page(browser, address, mediator.cookies, "en-US")
    problems_staff = watch(staff)
    await staff.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    await staff.get_by_role("heading", name="Private conversations with the parties").wait_for()
    claimants = staff.locator("#caucus-claimant")
    await expect(claimants).to_contain_text("No conversation has been opened.")

    # The claimant asks; the mediator's page says so without a reload.
    await party.get_by_role("button", name="Попросить медиатора о личном разговоре").click()
    await expect(party.locator("#caucus")).to_contain_text("Вы попросили медиатора")
    await expect(claimants).to_contain_text("This party has asked for a private conversation")
    await expect(staff.locator("#caucus-respondent")).to_contain_text("No conversation")
    await claimants.get_by_role("button", name="Open the conversation").click()

    # Open: both write, and each sees the other's message live.
    await expect(party.locator("#caucus")).to_contain_text("Личный разговор с медиатором открыт.")
    await party.get_by_label("Ваше сообщение").fill(FROM_PARTY)
    await party.get_by_role("button", name="Отправить").click()
    await expect(claimants).to_contain_text(FROM_PARTY)
    await claimants.get_by_role("textbox").fill(FROM_MEDIATOR)
    await claimants.get_by_role("button", name="Send").click()
    await expect(party.locator("#caucus-messages")).to_contain_text(FROM_MEDIATOR)
    await axe(party, "caucus, party (ru)")
    await axe(staff, "caucus, mediator (en)")

    # The respondent's page never changed, and nothing its browser got holds a word of it.
    await expect(other.locator("#caucus")).not_to_contain_text(FROM_PARTY)
    await other.reload()
    await other.get_by_role("heading", name="Медиатормен жеке әңгіме").wait_for()
    await expect(other.get_by_role("button", name="Медиатордан жеке әңгіме сұрау")).to_be_visible()
    everything = await seen_by_other.api_text()  # every API answer and socket frame
    assert "/api/cases/" in everything and '"state":"none"' in everything
    for word in (FROM_PARTY, FROM_MEDIATOR, '"requested"', "caucus_message"):
        assert word not in everything
    assert problems == problems_party == problems_staff == []
