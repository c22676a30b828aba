"""An organisation's director, on a Russian page, names himself as its signatory with his IIN
beside the BIN, and signs with the organisation's EDS through the NCALayer stand-in: a colleague's
certificate of the same organisation (right BIN, another IIN) is refused with its own words, his
own is accepted, and the public verification page names the BIN and his IIN (#14)."""

from __future__ import annotations

import base64

from playwright.async_api import Browser, expect

from tests.browser import eds_setup
from tests.browser.conftest import logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, set_terms
from tests.builders.browser import Shots, Watch
from tests.builders.ncalayer import NcaLayerStandIn
from tests.builders.pki import Authority, ncalayer_cms

# The EDS fixtures (tests/browser/eds_setup.py): the test PKI, NCALayer's stand-in, the env.
pki, nca, env = eds_setup.pki, eds_setup.nca, eds_setup.env

PACKAGE = {"amount": "150000", "deadline": "In a month"}
WAIT_MS = 30_000  # preparing a signature renders the settlement PDF
BIN = "940140000385"
SIGNATORY_IIN = "800101300125"
COLLEAGUE_IIN = "990101300112"


async def test_an_organisation_signs_through_the_signatory_its_details_name(
    browser: Browser,
    address: str,
    pki: Authority,
    nca: NcaLayerStandIn,
    shots: Shots,
    watch: Watch,
) -> None:
    parties = await open_case(address)
    await agree(parties, PACKAGE)
    url = f"/api/cases/{parties.case_id}/settlement"
    response = await parties.claimant.http("PUT", f"{url}/parties/me", json=CLAIMANT_DETAILS)
    assert response.status_code == 200, response.text

    page = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await page.get_by_label("Организация (с БИН)").check()
    await page.get_by_label("Организационно-правовая форма").fill("ТОО")
    await page.get_by_label("Название организации").fill("Мебель Плюс")
    await page.get_by_label("БИН", exact=True).fill(BIN)
    await page.get_by_label("Юридический адрес").fill("Алматы, ул. Толе би, 55")
    await page.get_by_label("Кто подписывает от её имени").fill("Руслан Ахметов")
    await page.get_by_label("Должность").fill("директор")
    await page.get_by_label("На каком основании подписывает").fill("устав")
    signatory_iin = page.get_by_label("ИИН подписанта")
    await signatory_iin.fill("800101300123")  # the last digit mistyped: the server says so here
    await page.get_by_role("button", name="Сохранить мои данные").click()
    await expect(page.locator("#f-signatory_iin-error")).to_contain_text(
        "Этот ИИН не сходится", timeout=WAIT_MS
    )
    await shots(page, "1-signatory-iin-mistyped")
    await signatory_iin.fill(SIGNATORY_IIN)
    await page.get_by_role("button", name="Сохранить мои данные").click()
    saved = page.locator(".package-row", has=page.locator("dt", has_text="ИИН подписанта"))
    await expect(saved).to_contain_text(SIGNATORY_IIN, timeout=WAIT_MS)

    await set_terms(parties.claimant, url, place="Астана")
    await page.reload()
    await page.get_by_role("heading", name="Подписать ЭЦП (NCALayer)").wait_for()
    # The text to be signed names him with his IIN, as the PDF does.
    text = page.locator(".package-row", has=page.locator("dt", has_text="ИИН подписанта"))
    await expect(text).to_have_count(2)  # step 1's summary, and the text to be signed
    nca.signer = pki.organisation(BIN, COLLEAGUE_IIN)  # the organisation's, a colleague's IIN
    await page.locator("#f-read-eds").check()
    await page.get_by_role("button", name="Подписать ЭЦП (NCALayer)").click()
    await expect(
        page.get_by_text("БИН в этом сертификате верный, но сертификат выдан")
    ).to_be_visible(timeout=WAIT_MS)
    await shots(page, "2-colleague-s-certificate-refused")
    nca.signer = pki.organisation(BIN, SIGNATORY_IIN)
    await page.locator("#f-read-eds").check()
    await page.get_by_role("button", name="Подписать ЭЦП (NCALayer)").click()
    await expect(page.get_by_text("Вы подписали этот текст").first).to_be_visible(timeout=WAIT_MS)
    signed = (await parties.respondent.http("GET", url)).json()
    assert [s["role"] for s in signed["signatures"]] == ["respondent"]

    # The claimant signs too (over HTTP); the public verification page says both numbers.
    prepared = (await parties.claimant.http("POST", f"{url}/eds/prepare")).json()
    claimant_key = pki.person(CLAIMANT_DETAILS["iin"], "НҰРЛАНОВА", "АЙГЕРІМ")
    cms = ncalayer_cms(claimant_key, base64.b64decode(prepared["digest"]))
    sealed = await parties.claimant.http(
        "POST", f"{url}/eds/sign",
        json={"token": prepared["token"], "cms": base64.b64encode(cms).decode()},
    )  # fmt: skip
    assert sealed.status_code == 201, sealed.text
    await page.goto(f"http://{address}/#/verify/{sealed.json()['verification_code']}")
    said = f"БИН {BIN}, ИИН подписанта {SIGNATORY_IIN}"
    await expect(page.locator(".pdf-signatures")).to_contain_text(said, timeout=WAIT_MS)
    await shots(page, "3-verified")
    assert [p for p in problems if "WebSocket" not in p and "422" not in p] == []
