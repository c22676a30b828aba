"""The room with three parties on three phones: who has accepted, whom the room is waiting for,
a dot per party, and a party leaving the negotiation (the others' acceptances then suffice)."""

from __future__ import annotations

from playwright.async_api import Browser
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Shots, Watch
from tests.builders.parties import seat_party
from tests.conftest import MakeClient

OFFER = {"amount": "300000", "deadline": "In a month"}


async def test_three_parties_see_whom_the_room_is_waiting_for(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    parties = await open_case(address)
    third = make_client()
    await seat_party(app, third, parties.case_id, "party3", email="dana@example.kz")
    room = f"http://{address}/#/cases/{parties.case_id}/room"
    claimant = await logged_in_page(browser, address, parties.claimant.cookies)
    respondent = await logged_in_page(browser, address, parties.respondent.cookies)
    dana = await logged_in_page(browser, address, dict(third.cookies), locale="ru-RU")
    troubles = [watch(page) for page in (claimant, respondent, dana)]
    for page in (claimant, respondent, dana):
        page.set_default_timeout(10000)
        await page.goto(room)
    await dana.get_by_text("Связь есть.").wait_for()
    for page in (claimant, respondent):
        await page.get_by_text("Connected.").wait_for()
    # A dot per other party, each here.
    await claimant.locator('.party-here[data-role="party3"]').wait_for()
    await claimant.locator('.party-here[data-role="respondent"]').wait_for()
    await dana.get_by_text("aigerim · в комнате").wait_for()
    await claimant.get_by_label("Write to ruslan, dana").wait_for()

    await parties.claimant.join(parties.case_id)
    assert (await parties.claimant.command("offer", package=OFFER))["type"] == "ack"
    await respondent.get_by_text("aigerim offers you (offer no. 1):").wait_for()
    await respondent.get_by_text("Accepted: aigerim.").wait_for()
    await respondent.get_by_text("Waiting for: you, dana.").wait_for()
    await respondent.get_by_role("button", name="Accept this offer").click()
    await respondent.get_by_text("If you accept, and every other party taking part does").wait_for()
    await respondent.get_by_role("button", name="Yes, I accept").click()

    await respondent.get_by_text("You accepted offer no. 1 by aigerim:").wait_for()
    await respondent.get_by_text("Waiting for: dana.").wait_for()
    await claimant.get_by_text("Accepted: you, ruslan.").wait_for()
    await claimant.get_by_text("Waiting for: dana.").wait_for()
    await dana.get_by_text("Приняли: aigerim, ruslan.").wait_for()
    await dana.get_by_text("Ждём ответа: вы.").wait_for()
    for page, name in ((claimant, "claimant"), (respondent, "respondent"), (dana, "dana")):
        await fits_the_phone(page, name)
        await shots(page, f"{name}-waiting")
    await axe(respondent, "room (three parties, waiting for one)")

    # Dana leaves: everyone remaining had accepted, so that is the agreement.
    await dana.get_by_role("button", name="Выйти из переговоров").click()
    await dana.get_by_role("button", name="Да, выйти").click()
    await dana.get_by_text("Вы вышли из переговоров.", exact=True).wait_for()
    for page in (claimant, respondent):
        # In the log: the status line may announce it too, until the agreement replaces it.
        story = page.get_by_role("list", name="What has happened so far")
        await story.get_by_text(
            "dana left the negotiation. The others go on without them."
        ).wait_for()
        await page.get_by_role("heading", name="You have an agreement!").wait_for()
        await page.get_by_text("Every party taking part accepted the same offer.").wait_for()
    await claimant.locator('.party-left[data-role="party3"]').wait_for()
    await axe(claimant, "room (three parties, one left, agreed)")
    for trouble in troubles:
        assert trouble == []
    await parties.claimant.disconnect()
