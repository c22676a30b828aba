"""The party's mechanism switch panel follows the room live (#12), in real Chromium: while a party
reads its case page, the mediator's proposal appears without a reload, the other party's consent
shows, a decline takes the panel away, and the switch redraws the case by its new mechanism."""

from __future__ import annotations

from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from tests.browser.conftest import logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Watch, centre_with_mediator
from tests.conftest import MakeClient
from tests.odr.centre_setup import login

ITEMS = [
    {"name": "Квартира", "value": "30000000", "held_by": "claimant"},
    {"name": "Машина", "note": "Toyota"},
]


async def test_the_switch_panel_comes_and_goes_without_a_reload(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await login(make_client(), centre.mediator_email)
    switch = f"/api/centre/cases/{parties.case_id}/mechanism"
    answer = f"/api/cases/{parties.case_id}/mechanism-switch"
    page = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}")
    await expect(page.locator("ol.steps a").nth(0)).to_have_attribute(
        "href", f"#/cases/{parties.case_id}/interests"
    )
    panel = page.locator("#mechanism-switch")
    assert await panel.count() == 0
    await page.evaluate("window.notReloaded = true")  # gone if the page were loaded again

    # The mediator proposes: the panel appears, and the page says so.
    proposed = await mediator.post(switch, json={"mechanism": "bidding"})
    assert proposed.status_code == 200, proposed.text
    await expect(panel).to_contain_text("«Закрытые торги»")
    await expect(page.locator("#status")).to_have_text(
        "Медиатор предложил другой способ урегулирования: «Закрытые торги»."
    )
    # The other party declines: the panel goes away.
    await parties.respondent.http("POST", answer, json={"consent": False})
    await expect(panel).to_have_count(0)

    # A new proposal; the other party agrees first: the panel says so, live.
    await mediator.post(switch, json={"mechanism": "division", "items": ITEMS})
    await expect(panel).to_contain_text("«Справедливый раздел имущества»")
    await parties.respondent.http("POST", answer, json={"consent": True})
    await expect(panel).to_contain_text("ruslan согласен(на).")
    await axe(page, "switch proposal, live (ru)")

    # I agree too: the case goes on by division, without the panel.
    await panel.get_by_role("button", name="Я согласен(на)").click()
    await page.get_by_role("dialog").get_by_role("button", name="Да, согласен(на)").click()
    await expect(panel).to_have_count(0)
    await expect(page.locator(".mechanism strong")).to_have_text("Справедливый раздел имущества")
    await expect(page.locator("ol.steps a").nth(0)).to_have_attribute(
        "href", f"#/cases/{parties.case_id}/division"
    )
    assert await page.evaluate("window.notReloaded") is True
    assert problems == []


async def test_a_switch_decided_elsewhere_redraws_the_case_page(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, watch: Watch
) -> None:
    """Both consents given over HTTP (another device): the page shows the new mechanism."""
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    mediator = await login(make_client(), centre.mediator_email)
    page = await logged_in_page(browser, address, parties.respondent.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}")
    await expect(page.locator("ol.steps a").nth(0)).to_have_attribute(
        "href", f"#/cases/{parties.case_id}/interests"
    )
    await mediator.post(
        f"/api/centre/cases/{parties.case_id}/mechanism", json={"mechanism": "bidding"}
    )
    panel = page.locator("#mechanism-switch")
    await expect(panel).to_have_count(1)
    for party in (parties.claimant, parties.respondent):
        await party.http(
            "POST", f"/api/cases/{parties.case_id}/mechanism-switch", json={"consent": True}
        )
    await expect(panel).to_have_count(0)
    await expect(page.locator("ol.steps a").nth(0)).to_have_attribute(
        "href", f"#/cases/{parties.case_id}/bidding"
    )
    assert problems == []
