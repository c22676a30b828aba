"""A mediator attests an agreed case with EDS from the case page, through a stand-in for
NCALayer (tests/builders/ncalayer.py) that signs with the test PKI's keys (#14).

The service has НУЦ РК trust anchors configured, so the page offers "attest with EDS" first and
the plain attestation beside it. On the way, in Russian, it says NCALayer not running and a
server refusal (the authentication key chosen), then the case shows as attested; axe finds
nothing serious and the console stays clean but for what the test provokes on purpose.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import httpx
from playwright.async_api import Browser, Page, expect
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import Mediation
from tests.browser import eds_setup
from tests.browser.conftest import logged_in_page
from tests.browser.parties import agree, open_case
from tests.builders.app import services_of
from tests.builders.browser import Axe, Shots, Watch, centre_with_mediator
from tests.builders.ncalayer import NcaLayerStandIn
from tests.builders.pki import Authority
from tests.conftest import MakeClient
from tests.odr.centre_setup import PASSWORD

# The EDS fixtures (tests/browser/eds_setup.py): the test PKI, NCALayer's stand-in, the env.
pki, nca, env = eds_setup.pki, eds_setup.nca, eds_setup.env

MEDIATOR_IIN = "850312400123"
WAIT_MS = 30_000
EDS_FORM = "Удостоверить ЭЦП (NCALayer)"


async def cookies_of(email: str, address: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return dict(http.cookies)


async def attest(page: Page, contract_date: str) -> None:
    form = page.get_by_role("form", name=EDS_FORM)
    await form.get_by_label("Дата договора о медиации").fill(contract_date)
    await form.get_by_role("button", name=EDS_FORM).click()


def expected_noise(problems: list[str]) -> list[str]:
    """What the browser logs for what the test provokes: the stand-in refusing the connection
    while "stopped" (503), and the server's 422 for the authentication key."""
    return [
        p for p in problems if "WebSocket connection" not in p and "422" not in p and "503" not in p
    ]


async def test_a_mediator_attests_a_case_with_eds_through_ncalayer(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    pki: Authority,
    nca: NcaLayerStandIn,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    await agree(parties)
    contract_date = (datetime.now(UTC) - timedelta(days=20)).date().isoformat()

    cookies = await cookies_of(centre.mediator_email, address)
    page = await logged_in_page(browser, address, cookies, "ru-RU")
    problems = watch(page)
    await page.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    eds = page.get_by_role("form", name=EDS_FORM)
    await eds.wait_for()
    # EDS first; the plain attestation stays beside it as the alternative.
    plain = page.locator("#case-actions form.action-attest-eds + form.action-attest")
    await expect(plain).to_have_attribute("aria-label", "Удостоверить медиацию")
    await expect(plain).to_be_visible()
    await expect(eds).to_contain_text("ключ для подписи (RSA_…)")
    await axe(page, "ru-1-attest-eds-offered")
    await shots(page, "ru-1-attest-eds-offered")

    nca.down = True
    await attest(page, contract_date)
    await expect(eds.get_by_text("NCALayer не запущен. Запустите NCALayer")).to_be_visible(
        timeout=WAIT_MS
    )

    nca.down = False
    nca.signer = pki.person(MEDIATOR_IIN, "СЕРИКОВА", "ДАНА", usage="auth", key_slot=6)
    await attest(page, contract_date)
    await expect(eds.get_by_text("Вы выбрали ключ аутентификации (AUTH_…).")).to_be_visible(
        timeout=WAIT_MS
    )
    await axe(page, "ru-2-attest-eds-refused")
    await shots(page, "ru-2-attest-eds-refused")
    assert nca.requests[-1]["args"]["locale"] == "ru"

    signer = pki.person(MEDIATOR_IIN, "СЕРИКОВА", "ДАНА", key_slot=6)
    nca.signer = signer
    await attest(page, contract_date)
    await expect(page.locator("#case-summary")).to_contain_text(
        "Медиация удостоверена", timeout=WAIT_MS
    )
    await expect(page.get_by_role("form", name=EDS_FORM)).to_have_count(0)
    await expect(page.get_by_role("form", name="Удостоверить медиацию")).to_have_count(0)
    await axe(page, "ru-3-attested-with-eds")
    await shots(page, "ru-3-attested-with-eds")

    # The server kept it as an EDS attestation of that contract date, with the mediator's
    # certificate.
    async with services_of(app).sessions() as db:
        evidence = await db.scalar(select(Mediation.attestation_evidence))
    assert evidence is not None
    assert base64.b64decode(evidence["certificate"]) == signer.der
    async with httpx.AsyncClient(base_url=f"http://{address}", cookies=cookies) as http:
        view = (await http.get(f"/api/centre/cases/{parties.case_id}")).json()
    assert view["attested_at"] is not None
    assert view["mediation_contract_date"] == contract_date
    assert view["eds"] is True and view["ncalayer_url"] == nca.url
    assert expected_noise(problems) == []
