"""The settlement page on what the end-to-end story does not meet.

- A payment in instalments: the agreed package says "300 000 KZT in 3 months"; the draft splits it
  into three monthly parts. The claimant, in Kazakh, moves one date (saved), puts the parts out of
  order (refused, in her language, next to the dates), makes the parts not add up to the amount
  (refused, said at the amount), then raises the amount and divides it equally (saved).
- The draft's odd obligations fixed in the browser: the option issue "When: In a month" became an
  action owed by the respondent; the claimant rewrites it and says she owes it, then removes it
  and adds another one; a wrong amount is said at the amount. She signs through a representative
  (power of attorney), who appears in the full text; each change voids the signature given, and
  both sign the last text.
- The new editors in Kazakh: no serious or critical axe violation, nothing scrolls sideways.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import Parties, agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, RESPONDENT_DETAILS, sign
from tests.browser.settlement_setup import ready_to_sign as setup_settlement
from tests.builders.browser import Axe, Shots, Watch
from tests.odr.room_client import PASSWORD, RoomClient

MONTHS_CASE = {
    "category": "civil",
    "subject": "Жөндеу үшін қарыз",
    "language": "ru",
    "issues": [
        {"name": "amount", "label": "Сумма",
         "range": {"min": 0, "max": 400000, "step": 10000, "unit": "KZT"}},
        {"name": "months", "label": "Рассрочка",
         "range": {"min": 1, "max": 6, "step": 1, "unit": "месяцев"}},
    ],
    "respondent": {"name": "Ruslan", "email": "ruslan@example.kz"},
    "consent_to_online_mediation": True,
}  # fmt: skip


async def test_instalment_dates_are_edited_and_checked(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=MONTHS_CASE)).json()
    case_id = created["case"]["id"]
    token = created["invitation"]["url"].split("#token=", 1)[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    await agree(Parties(case_id, claimant, respondent, ""), {"amount": "300000", "months": "3"})
    url = f"/api/cases/{case_id}/settlement"
    drafted = (await claimant.http("GET", url)).json()["terms"]["obligations"][0]["instalments"]
    assert [part["amount"] for part in drafted] == ["100000"] * 3

    page = await logged_in_page(browser, address, claimant.cookies, locale="kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case_id}/settlement")
    await page.get_by_label("ЖСН", exact=True).fill("061211600012")
    await page.get_by_label("Мекенжай", exact=True).fill("Астана, Абай даңғылы, 10")
    await page.get_by_role("button", name="Деректерімді сақтау").click()
    await page.get_by_text("2-қадам: келісім жасалатын жерді жазып").wait_for()
    assert (
        await page.get_by_label("2-бөлік: осы күнге дейін").input_value()
        == (drafted[1]["due_date"])
    )
    await page.get_by_label("Келісім жасалатын жер").fill("Астана")
    await page.get_by_label("2-бөлік: осы күнге дейін").fill(drafted[1]["due_date"][:8] + "15")
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    await page.get_by_text("3 бөлікпен:").wait_for()
    saved = (await claimant.http("GET", url)).json()["terms"]["obligations"][0]
    assert saved["instalments"][1]["due_date"] == drafted[1]["due_date"][:8] + "15"
    assert saved["due_date"] == drafted[2]["due_date"], "the last part's date is the obligation's"
    await shots(page, "instalments-saved")

    # The third part before the second: the server refuses, the page says why under the dates.
    await page.get_by_role("button", name=CHANGE_TERMS_KK).click()
    await page.get_by_label("3-бөлік: осы күнге дейін").fill(drafted[0]["due_date"])
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    error = page.locator("#f-ob-0-error")
    await error.filter(has_text="Әр бөліктің мерзімі алдыңғысынан кейін болуы керек").wait_for()
    third = page.get_by_label("3-бөлік: осы күнге дейін")
    assert await third.get_attribute("aria-invalid") == "true"
    await axe(page, "settlement (kk, instalments refused)")
    await shots(page, "instalments-refused")
    assert (await claimant.http("GET", url)).json()["terms"]["obligations"][0] == saved

    # The dates put right, the third part made larger: the parts no longer add up to the amount.
    # The server refuses; the page says it at the amount, with both sums, in Kazakh.
    await third.fill(drafted[2]["due_date"])
    await page.get_by_label("3-бөлік: сомасы (₸)").fill("110000")
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    amount_error = page.locator("#f-ob-0-amount-error")
    await amount_error.filter(
        has_text="Бөліктердің қосындысы — 310\u00a0000\u00a0₸, ал сома — 300\u00a0000\u00a0₸."
    ).wait_for()
    amount = page.get_by_label("Сомасы (₸)", exact=True)
    assert await amount.get_attribute("aria-invalid") == "true"
    await expect(amount).to_be_focused()
    await shots(page, "instalments-sum-refused")
    # She raises the amount and divides it equally: three parts of 120 000, saved.
    await amount.fill("360 000")
    await page.get_by_role("button", name="Соманы бөліктерге тең бөлу").click()
    assert await page.get_by_label("3-бөлік: сомасы (₸)").input_value() == "120000"
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    await page.get_by_text("Шарттар сақталды.").wait_for()
    saved = (await claimant.http("GET", url)).json()["terms"]["obligations"][0]
    assert saved["amount"] == "360000"
    assert [part["amount"] for part in saved["instalments"]] == ["120000"] * 3
    assert [p for p in problems if "422" not in p] == []
    await page.context.close()


CHANGE_TERMS_KK = "Орнын, тілін, міндеттемелерін немесе мерзімдерін өзгерту"
CLAIMANT = CLAIMANT_DETAILS["full_name"]
RESPONDENT = RESPONDENT_DETAILS["full_name"]


async def ready_to_sign(parties: Parties) -> str:
    """Both parties' details and the place (set by the respondent); the settlement's URL."""
    return await setup_settlement(parties, parties.respondent, "Алматы")


@pytest.mark.slow
async def test_parties_fix_the_obligations_and_sign_through_a_representative(
    browser: Browser, address: str, shots: Shots, watch: Watch
) -> None:
    parties = await open_case(address)
    await agree(parties)  # 210 000 KZT, and "When: In a month" as an action of the respondent
    url = await ready_to_sign(parties)
    drafted = (await parties.claimant.http("GET", url)).json()["terms"]["obligations"]
    assert [(o["kind"], o["description"], o["debtor"]) for o in drafted] == [
        ("payment", "Amount to pay", "respondent"), ("action", "When: In a month", "respondent"),
    ]  # fmt: skip
    first_hash = (await sign(parties.respondent, url))["record_sha256"]

    page = await logged_in_page(browser, address, parties.claimant.cookies, "en-US")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    record = page.locator(".record")
    await expect(record).to_contain_text("When: In a month")
    await page.get_by_role(
        "button", name="Change the place, language, obligations or dates"
    ).click()
    # Saving voids the signature given: the form says so before anything is saved.
    note = page.locator("#resign-note")
    await expect(note).to_contain_text("Both of you then read the new text and sign it again.")
    await expect(note).to_contain_text(f"{RESPONDENT} has already signed.")

    # The odd obligation: she writes what they actually agreed, and that she owes it.
    second = page.locator("#ob-1")
    await expect(second.locator("legend").first).to_have_text("Obligation 2: an action")
    await second.get_by_label("What exactly must be done").fill(
        "Hand over the spare keys of the flat"
    )  # fmt: skip
    await second.get_by_role("radio", name=f"{CLAIMANT} (claimant)").check()
    await expect(second).to_contain_text(f"For whom: {RESPONDENT}.")
    # A wrong amount is said at the amount, and nothing is sent.
    first = page.locator("#ob-0")
    await first.get_by_label("Amount (₸)").fill("0")
    await page.get_by_role("button", name="Save the terms").click()
    await page.locator("#f-ob-0-amount-error").filter(
        has_text="The amount must be more than zero."
    ).wait_for()  # fmt: skip
    await expect(first.get_by_label("Amount (₸)")).to_be_focused()
    await shots(page, "1-en-amount-refused")
    await first.get_by_label("Amount (₸)").fill("210 000")
    await page.get_by_role("button", name="Save the terms").click()
    await page.get_by_text("The terms are saved.").wait_for()
    await expect(record).to_contain_text("2. Hand over the spare keys of the flat")
    await expect(record).not_to_contain_text("When: In a month")
    card = record.locator("li.obligation").nth(1)
    await expect(card).to_contain_text(f"Who must do it{CLAIMANT} (you)")
    await expect(card).to_contain_text(f"For whom{RESPONDENT}")
    after_edit = (await parties.claimant.http("GET", url)).json()
    assert after_edit["signatures"] == [], "the edit voided the respondent's signature"
    assert after_edit["record_sha256"] != first_hash
    edited = after_edit["terms"]["obligations"]
    assert (edited[0]["amount"], edited[1]["debtor"], edited[1]["creditor"]) == (
        "210000", "claimant", "respondent",
    )  # fmt: skip
    await shots(page, "2-en-obligation-fixed")

    # Removed after all (asked first; "Go back" keeps it), and another one added.
    await page.get_by_role(
        "button", name="Change the place, language, obligations or dates"
    ).click()
    await page.get_by_role("button", name="Remove obligation 2").click()
    dialog = page.get_by_role("dialog", name="Remove obligation 2?")
    await expect(dialog).to_contain_text("“Hand over the spare keys of the flat” will no longer be")
    await shots(page, "3-en-remove-asked")
    await dialog.get_by_role("button", name="Go back").click()
    await expect(page.locator("#ob-1")).to_have_count(1)
    await page.get_by_role("button", name="Remove obligation 2").click()
    await dialog.get_by_role("button", name="Yes, remove it").click()
    await expect(page.locator("#ob-1")).to_have_count(0)
    await expect(page.get_by_role("button", name="Remove obligation 1")).to_be_hidden()
    await page.get_by_role("button", name="Add an obligation").click()
    added = page.locator("#ob-2")
    await expect(added.get_by_label("What exactly must be done")).to_be_focused()
    await page.keyboard.type("Repaint the bathroom ceiling white")
    await added.get_by_role("radio", name=f"{RESPONDENT} (respondent)").check()
    await added.get_by_label("By this date").fill(drafted[0]["due_date"])
    await page.get_by_role("button", name="Save the terms").click()
    await page.get_by_text("The terms are saved.").wait_for()
    await expect(record).to_contain_text("2. Repaint the bathroom ceiling white")
    await expect(record).not_to_contain_text("spare keys")
    terms = (await parties.claimant.http("GET", url)).json()["terms"]["obligations"]
    assert [(o["kind"], o["description"], o["debtor"], o["creditor"]) for o in terms] == [
        ("payment", "Amount to pay", "respondent", "claimant"),
        ("action", "Repaint the bathroom ceiling white", "respondent", "claimant"),
    ]  # fmt: skip
    assert terms[1]["due_date"] == drafted[0]["due_date"]

    # She signs through a representative: the power of attorney must allow settling.
    await page.get_by_role("button", name="Change my details").click()
    await page.get_by_label("Someone signs on my behalf (representative)").check()
    await page.get_by_label("Representative's full name").fill("Дәулет Серікұлы Омаров")
    await page.get_by_label("Representative's IIN").fill("750315300128")  # a digit mistyped
    await page.get_by_label("Number of the power of attorney").fill("2026-118")
    await page.get_by_label("Date of the power of attorney").fill("2026-11-02")
    await page.get_by_label("Who issued or certified it").fill("Notary A. Ivanova, Astana")
    await page.get_by_role("button", name="Save my details").click()
    tick = page.get_by_label("This power of attorney expressly allows")
    await page.locator("#f-rep_authority-error").filter(
        has_text="only if the power of attorney expressly allows it"
    ).wait_for()  # fmt: skip
    await expect(tick).to_be_focused()
    await tick.check()
    await page.get_by_role("button", name="Save my details").click()  # the server checks the IIN
    await page.locator("#f-rep_iin-error").filter(has_text="This IIN was not accepted").wait_for()
    rep_iin = page.get_by_label("Representative's IIN")
    assert await rep_iin.get_attribute("aria-invalid") == "true"
    await expect(rep_iin).to_be_focused()
    await shots(page, "4-en-representative-refused")
    await rep_iin.fill("750315300127")
    await page.get_by_role("button", name="Save my details").click()
    await page.get_by_text("Your details are saved.").wait_for()
    await expect(record).to_contain_text("RepresentativeДәулет Серікұлы Омаров (IIN 750315300127)")
    await expect(record).to_contain_text(
        "Power of attorneyNo. 2026-118 of November 2, 2026, issued by Notary A. Ivanova, Astana"
    )  # fmt: skip
    details = (await parties.claimant.http("GET", url)).json()["parties"]["claimant"]
    assert details["representative"] == {
        "full_name": "Дәулет Серікұлы Омаров",
        "iin": "750315300127",
        "power_of_attorney": {
            "number": "2026-118",
            "date": "2026-11-02",
            "issued_by": "Notary A. Ivanova, Astana",
            "settlement_authority": True,
        },
    }
    await shots(page, "5-en-representative-in-text")

    # Both sign the last text: he over HTTP, she on the page (which notices his signature).
    await sign(parties.respondent, url)
    await page.get_by_text(f"{RESPONDENT} signed this text on").wait_for()
    await page.get_by_label("I have read the whole text.").check()
    await page.get_by_label("Your Kelisim password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign the agreement").click()
    await page.get_by_role("heading", name="4. Your document is ready").wait_for()
    final = (await parties.claimant.http("GET", url)).json()
    assert final["status"] == "signed"
    assert [o["description"] for o in final["record"]["obligations"]] == [
        "Amount to pay", "Repaint the bathroom ceiling white",
    ]  # fmt: skip
    claimant = next(p for p in final["record"]["parties"] if p["role"] == "claimant")
    assert claimant["representative"]["iin"] == "750315300127"
    await shots(page, "6-en-signed")
    await fits_the_phone(page, "signed")
    # The refused representative's IIN is answered 422 by design.
    assert [p for p in problems if "422" not in p] == []
    await page.context.close()


async def test_the_obligation_and_representative_editors_in_kazakh(
    browser: Browser, address: str, axe: Axe, shots: Shots, watch: Watch
) -> None:
    parties = await open_case(address)
    await agree(parties)
    await ready_to_sign(parties)
    page = await logged_in_page(browser, address, parties.claimant.cookies, "kk-KZ")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await page.get_by_role("button", name=CHANGE_TERMS_KK).click()
    await page.get_by_role("heading", name="Кім не істеуі керек және қай күнге дейін").wait_for()
    await axe(page, "terms form with the obligations (kk)")
    await shots(page, "1-kk-obligations")
    await fits_the_phone(page, "obligations (kk)")

    # An added obligation saved empty: each missing piece is said where it is, in Kazakh.
    await page.get_by_role("button", name="Міндеттеме қосу").click()
    await expect(page.locator("#ob-2").get_by_label("Нақты не істелуі керек")).to_be_focused()
    await page.get_by_role("button", name="Шарттарды сақтау").click()
    added = page.locator("#ob-2")
    await expect(added.locator("#f-ob-2-description-error")).to_have_text(
        "Міндеттемені бірнеше сөзбен сипаттаңыз (кемінде 3 таңба)."
    )  # fmt: skip
    await expect(added.locator("#f-ob-2-debtor-error")).to_have_text("Кім орындайтынын таңдаңыз.")
    await expect(added.locator("#f-due-2-error")).to_have_text("Күнді таңдаңыз.")
    await expect(added.get_by_label("Нақты не істелуі керек")).to_be_focused()
    await axe(page, "obligations with errors (kk)")
    await shots(page, "2-kk-obligation-errors")
    await fits_the_phone(page, "obligation errors (kk)")

    # Removing asks first, in a dialog the keyboard can answer.
    await page.get_by_role("button", name="3-міндеттемені алып тастау").click()
    dialog = page.get_by_role("dialog", name="3-міндеттемені алып тастайсыз ба?")
    await expect(dialog).to_contain_text("Бұл міндеттеме енді келісімде болмайды.")
    await axe(page, "remove dialog (kk)")
    await shots(page, "3-kk-remove-dialog")
    await page.keyboard.press("Escape")
    await expect(dialog).to_have_count(0)
    await expect(page.get_by_role("button", name="3-міндеттемені алып тастау")).to_be_focused()
    await page.get_by_role("button", name="Болдырмау").click()

    # The representative, switched on and saved empty.
    await page.get_by_role("button", name="Деректерімді өзгерту").click()
    assert await page.locator("#rep-fields").count() == 0, "off by default"
    toggle = page.get_by_label("Менің атымнан басқа адам қол қояды (өкіл)")
    await toggle.focus()
    await page.keyboard.press("Space")
    await page.get_by_role("group", name="Сіздің өкіліңіз").wait_for()
    await page.get_by_role("button", name="Деректерімді сақтау").click()
    await expect(page.locator("#f-rep_full_name-error")).to_have_text("Осы жолды толтырыңыз.")
    await expect(page.locator("#f-rep_iin-error")).to_have_text("Дәл 12 цифр енгізіңіз.")
    await expect(page.locator("#f-rep_authority-error")).to_contain_text(
        "Өкіл келісімге сенімхат мұны тікелей рұқсат еткен жағдайда ғана қол қоя алады."
    )  # fmt: skip
    await expect(page.get_by_label("Өкілдің толық аты-жөні")).to_be_focused()
    await axe(page, "representative with errors (kk)")
    await shots(page, "4-kk-representative-errors")
    await fits_the_phone(page, "representative (kk)")
    assert problems == []
    await page.context.close()
