"""A mediator's mechanism switch among three parties (#17), in real Chromium and in Russian: the
party's panel says that all must agree, names who agreed and whom it waits for (never "the other
party"), names the third party as an item's holder, and the room's story says everyone agreed."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Watch, centre_with_mediator
from tests.builders.parties import seat_party
from tests.conftest import MakeClient
from tests.odr.centre_setup import login

ITEMS = [
    {"name": "Квартира", "value": "30000000", "held_by": "claimant"},
    {"name": "Машина", "note": "Toyota", "held_by": "party3"},
]


async def test_three_parties_read_who_agreed_and_whom_the_switch_waits_for(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    third = await seat_party(
        app, make_client(), parties.case_id, "party3", email="erlan@example.kz"
    )
    mediator = await login(make_client(), centre.mediator_email)
    answer = f"/api/cases/{parties.case_id}/mechanism-switch"
    page = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}")
    panel = page.locator("#mechanism-switch")
    await expect(page.locator("ol.steps a").nth(0)).to_be_visible()

    proposed = await mediator.post(
        f"/api/centre/cases/{parties.case_id}/mechanism",
        json={"mechanism": "division", "items": ITEMS},
    )
    assert proposed.status_code == 200, proposed.text
    await expect(panel).to_contain_text("только если согласятся все стороны")
    await expect(panel).not_to_contain_text("вы оба")
    await expect(panel.locator("ul.items li").nth(0)).to_contain_text("сейчас у вас")
    await expect(panel.locator("ul.items li").nth(1)).to_contain_text("сейчас у: erlan")
    await expect(panel).to_contain_text("Пока никто не ответил.")

    # I agree first: the question names both parties it still waits for.
    await panel.get_by_role("button", name="Я согласен(на)").click()
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("ждём ответа: ruslan и erlan")
    await dialog.get_by_role("button", name="Да, согласен(на)").click()
    await expect(panel).to_contain_text("Вы согласились. Ждём ответа: ruslan и erlan.")
    await axe(page, "switch among three, waiting for two (ru)")

    # The respondent agrees elsewhere: named, live; the panel waits for the third party only.
    await parties.respondent.http("POST", answer, json={"consent": True})
    await expect(panel).to_contain_text("Вы согласились. ruslan согласен(на). Ждём ответа: erlan.")
    await expect(page.locator("#status")).to_have_text("ruslan согласен(на).")

    # The third party's consent, the last awaited, switches the case: everyone agreed.
    done = await third.client.post(answer, json={"consent": True})
    assert done.status_code == 200, done.text
    await expect(panel).to_have_count(0)
    await expect(page.locator("#status")).to_have_text("erlan согласен(на).")  # named, too
    await expect(page.locator(".mechanism strong")).to_have_text("Справедливый раздел имущества")

    # The room's story says it the same way.
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/room")
    story = page.locator("main")
    await expect(story).to_contain_text("Способ сменится, только если согласятся все стороны.")
    await expect(story).to_contain_text("Все согласились: дальше дело ведётся способом")
    await expect(story).not_to_contain_text("вы оба")
    assert problems == []
