"""Documents and evidence in real Chromium on a phone (#15): the claimant (Kazakh) uploads a PDF
for the mediator only, a program renamed .pdf is refused at once in Kazakh; the respondent
(Russian) sees no trace of it; the mediator downloads it as an attachment; the claimant shows it
to everyone and it appears on the respondent's open page, live."""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import Browser, FilePayload, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import open_case
from tests.builders.browser import Axe, Shots, Watch, centre_with_mediator
from tests.builders.evidence import exe, pdf
from tests.conftest import MakeClient
from tests.odr.centre_setup import staff_login


async def test_a_document_for_the_mediator_only_then_shown_to_everyone(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    shots: Shots,
    axe: Axe,
    watch: Watch,
) -> None:
    await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    data = pdf(pages=2)
    claimant = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    claimant.set_default_timeout(10000)
    claimant.on("dialog", lambda dialog: dialog.accept())
    problems = watch(claimant)
    await claimant.goto(f"http://{address}/#/cases/{parties.case_id}")
    panel = claimant.locator("#documents")
    await expect(panel.get_by_role("heading", name="Құжаттар мен дәлелдер")).to_be_visible()
    chooser = panel.get_by_label("Файл немесе фотосурет")
    assert await chooser.get_attribute("capture") is None  # the phone offers camera and files
    fake: FilePayload = {"name": "shart.pdf", "mimeType": "application/pdf", "buffer": exe()}
    await chooser.set_input_files(fake)
    await panel.get_by_role("button", name="Жүктеу").click()
    await expect(panel.get_by_role("alert")).to_have_text(
        "Бұл PDF, JPEG, PNG немесе WebP файлы емес. Басқа файл таңдаңыз."
    )
    real: FilePayload = {"name": "Шарт.pdf", "mimeType": "application/pdf", "buffer": data}
    await chooser.set_input_files(real)
    await panel.get_by_label("Тек медиатор").check()
    await panel.get_by_role("button", name="Жүктеу").click()
    item = panel.locator("li.document")
    await expect(item).to_have_count(1)
    await expect(item).to_contain_text("Шарт.pdf")
    await expect(item).to_contain_text("тек медиатор көреді")
    await axe(claimant, "documents (kk)")
    await fits_the_phone(claimant, "documents (kk)")
    await shots(claimant, "1-kk-claimant-mediator-only")

    respondent = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    respondent.set_default_timeout(10000)
    respondent_problems = watch(respondent)
    await respondent.goto(f"http://{address}/#/cases/{parties.case_id}")
    theirs = respondent.locator("#documents")
    await expect(theirs).to_contain_text("Документов пока нет.")
    await expect(theirs.locator("li.document")).to_have_count(0)

    mediator = await staff_login(address, "dana@centre.kz")
    page = await logged_in_page(browser, address, mediator.cookies, "ru-RU")
    page.set_default_timeout(10000)
    mediator_problems = watch(page)
    await page.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    link = page.locator("#documents").get_by_role("link", name="Шарт.pdf")
    async with page.expect_download() as downloading:
        await link.click()
    download = await downloading.value
    assert download.suggested_filename == "Шарт.pdf"
    assert await asyncio.to_thread(Path(await download.path()).read_bytes) == data

    await panel.get_by_role("button", name="Барлығына көрсету").click()
    await expect(item).to_contain_text("істің барлық қатысушылары көреді")
    # The respondent's open page follows the room: the shared document appears without a reload.
    await expect(theirs.locator("li.document")).to_contain_text("Шарт.pdf")
    await expect(theirs.get_by_text("Документов пока нет.")).to_be_hidden()
    await expect(theirs.locator("li.document")).to_contain_text("Добавил заявитель")
    await shots(respondent, "2-ru-respondent-shared")
    # The room's story says it too, in the reader's language.
    await respondent.goto(f"http://{address}/#/cases/{parties.case_id}/room")
    await expect(respondent.locator(".ev-document").last).to_contain_text(
        "Документ теперь видят все участники дела: Шарт.pdf."
    )
    assert problems == [] and respondent_problems == [] and mediator_problems == []
