"""The public verification page lists every signature of a PAdES-signed settlement (#14): each
party's simple electronic signature and the platform's seal, with their verdict, in Kazakh;
and a file changed after signing says which signature no longer holds."""

from __future__ import annotations

import httpx
from playwright.async_api import Browser, FilePayload, ViewportSize, expect

from tests.browser.conftest import fits_the_phone
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, ready_to_sign, sign
from tests.builders.browser import Axe, Watch
from tests.odr.room_client import PASSWORD

PHONE: ViewportSize = {"width": 360, "height": 740}


async def test_the_verify_page_lists_every_signature(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    parties = await open_case(address, interests=True)
    await agree(parties)
    url = await ready_to_sign(parties, parties.claimant, "Астана")
    await sign(parties.claimant, url)
    # The last signature seals the PDF; the server's first seal also loads pyHanko: wait longer
    # than RoomClient's five seconds on a busy machine.
    respondent = parties.respondent
    async with httpx.AsyncClient(
        base_url=f"http://{address}", cookies=respondent.cookies, timeout=120
    ) as client:
        current = (await client.get(url)).json()
        signed = await client.post(
            f"{url}/signatures",
            headers={"x-csrf-token": respondent.csrf},
            json={"password": PASSWORD, "record_sha256": current["record_sha256"]},
        )
    assert signed.status_code == 201, signed.text
    code = signed.json()["verification_code"]

    context = await browser.new_context(viewport=PHONE, locale="kk-KZ")
    page = await context.new_page()
    problems = watch(page)
    await page.goto(f"http://{address}/#/verify/{code}")
    await page.get_by_role("heading", name="ЖАРАМДЫ", exact=True).wait_for()
    listed = page.locator(".pdf-signatures li")
    await listed.first.wait_for()
    lines = await listed.all_inner_texts()
    assert len(lines) == 3, lines
    assert CLAIMANT_DETAILS["full_name"] in lines[0] and CLAIMANT_DETAILS["iin"] in lines[0]
    assert "қарапайым электрондық қолтаңба (құпиясөз)" in lines[0]
    assert lines[2].startswith("Kelisim platform seal, Платформаның мөрі")
    assert all(line.endswith("— жарамды") for line in lines), lines
    await axe(page, "verify (kk, PDF signatures)")
    await fits_the_phone(page, "verify (kk, PDF signatures)")

    pdf = await parties.claimant.http("GET", f"{url}/pdf")
    assert pdf.status_code == 200
    changed = bytearray(pdf.content)
    changed[2000] ^= 0x01  # inside the document every signature covers
    await page.goto(f"http://{address}/#/verify")
    # Only the address's hash changed: until the router has drawn the page again, the file
    # field found could be the old page's, and the file would be chosen on a field then gone.
    await expect(page.get_by_role("heading", name="ЖАРАМДЫ", exact=True)).to_have_count(0)
    await page.get_by_label("PDF файлы", exact=True).set_input_files(
        files=[FilePayload(name="changed.pdf", mimeType="application/pdf", buffer=bytes(changed))]
    )
    await page.get_by_role("button", name="Файлды тексеру").click()
    await page.get_by_role("heading", name="ЖАРАМСЫЗ").wait_for()
    lines = await page.locator(".pdf-signatures li").all_inner_texts()
    assert lines and all("жарамсыз" in line for line in lines), lines
    assert any("қол қойылған бөлігі өзгертілген" in line for line in lines), lines
    await axe(page, "verify (kk, changed PDF)")
    assert problems == []
    await context.close()
