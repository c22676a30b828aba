"""Both parties sign their settlement with EDS in the browser, through a stand-in for NCALayer
(tests/builders/ncalayer.py) that signs with the test PKI's keys; the sealed PDF verifies.

On the way, the page says each thing that can go wrong in the reader's language: NCALayer not
running ("start NCALayer"), the person closing NCALayer's dialog, and a server refusal (a key
of another person: the IIN differs), in English for the claimant and Russian for the respondent.
The password is not offered: EDS is configured and the case has no centre that allows it.
"""

from __future__ import annotations

import httpx
from playwright.async_api import Browser, Page, expect

from tests.browser import eds_setup
from tests.browser.conftest import logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, RESPONDENT_DETAILS, ready_to_sign
from tests.builders.browser import Shots, Watch
from tests.builders.ncalayer import NcaLayerStandIn
from tests.builders.pki import Authority

# The EDS fixtures (tests/browser/eds_setup.py): the test PKI, NCALayer's stand-in, the env.
pki, nca, env = eds_setup.pki, eds_setup.nca, eds_setup.env

PACKAGE = {"amount": "150000", "deadline": "In a month"}
# Preparing a signature renders the settlement PDF (a second or more on a busy machine).
WAIT_MS = 30_000


async def press_sign(page: Page, button: str) -> None:
    await page.locator("#f-read-eds").check()
    await page.get_by_role("button", name=button).click()


def expected_noise(problems: list[str]) -> list[str]:
    """What the browser logs for what this test provokes on purpose: the stand-in refusing the
    connection while "stopped", and the server's 422 for the wrong key."""
    return [
        p for p in problems if "WebSocket connection" not in p and "422" not in p and "503" not in p
    ]


async def test_both_parties_sign_with_eds_through_ncalayer_and_the_pdf_verifies(
    browser: Browser,
    address: str,
    pki: Authority,
    nca: NcaLayerStandIn,
    shots: Shots,
    watch: Watch,
) -> None:
    parties = await open_case(address)
    await agree(parties, PACKAGE)
    url = await ready_to_sign(parties, parties.claimant, "Астана")
    page_url = f"http://{address}/#/cases/{parties.case_id}/settlement"

    claimant = await logged_in_page(browser, address, parties.claimant.cookies)
    claimant_problems = watch(claimant)
    await claimant.goto(page_url)
    await claimant.get_by_role("heading", name="Sign with EDS (NCALayer)").wait_for()
    assert await claimant.get_by_label("Password").count() == 0  # no simple signature here

    nca.down = True
    await press_sign(claimant, "Sign with EDS (NCALayer)")
    await expect(claimant.get_by_text("NCALayer is not running. Start NCALayer")).to_be_visible(
        timeout=WAIT_MS
    )
    await shots(claimant, "1-ncalayer-not-running")

    nca.down, nca.cancel = False, True
    await press_sign(claimant, "Sign with EDS (NCALayer)")
    await expect(claimant.get_by_text("You closed NCALayer without signing.")).to_be_visible(
        timeout=WAIT_MS
    )

    nca.cancel = False
    nca.signer = pki.person(CLAIMANT_DETAILS["iin"], "НҰРЛАНОВА", "АЙГЕРІМ")
    await press_sign(claimant, "Sign with EDS (NCALayer)")
    await expect(claimant.get_by_text("You signed this text on")).to_be_visible(timeout=WAIT_MS)
    await shots(claimant, "2-claimant-signed")
    request = nca.requests[-1]
    assert request["module"] == "kz.gov.pki.knca.basics" and request["method"] == "sign"
    assert request["args"]["format"] == "cms"
    assert request["args"]["signingParams"] == {
        "decode": True,
        "encapsulate": False,
        "digested": True,
    }
    assert request["args"]["signerParams"]["extKeyUsageOids"] == ["1.3.6.1.5.5.7.3.4"]
    assert request["args"]["locale"] == "en"

    respondent = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    respondent_problems = watch(respondent)
    await respondent.goto(page_url)
    await respondent.get_by_role("heading", name="Подписать ЭЦП (NCALayer)").wait_for()
    # The claimant's signature is said as what it is: an EDS, not the password.
    await expect(respondent.get_by_text("текст подписан")).to_contain_text("(ЭЦП)")
    # The key NCALayer offers is the claimant's: the server refuses it, in Russian.
    await press_sign(respondent, "Подписать ЭЦП (NCALayer)")
    await expect(
        respondent.get_by_text("ИИН в этом сертификате не совпадает с ИИН в соглашении.")
    ).to_be_visible(timeout=WAIT_MS)
    await shots(respondent, "3-respondent-wrong-key")
    nca.signer = pki.person(RESPONDENT_DETAILS["iin"], "АХМЕТОВ", "РУСЛАН", key_slot=5)
    await press_sign(respondent, "Подписать ЭЦП (NCALayer)")
    await expect(respondent.get_by_text("Обе стороны подписали.").first).to_be_visible(
        timeout=WAIT_MS
    )
    await shots(respondent, "4-all-signed")

    pdf = await parties.respondent.http("GET", f"{url}/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    async with httpx.AsyncClient(base_url=f"http://{address}") as anyone:
        checked = await anyone.post(
            "/api/verify", content=pdf.content, headers={"content-type": "application/pdf"}
        )
    assert checked.status_code == 200 and checked.json()["valid"] is True, checked.text
    assert expected_noise(claimant_problems) == []
    assert expected_noise(respondent_problems) == []
