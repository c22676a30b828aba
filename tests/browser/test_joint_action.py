"""Who performs an agreed action, chosen on the settlement page (issue #13).

The agreed option "When: In a month" is an action; the draft no longer gives it to the
respondent. In Russian the page says that its doer is still missing, the obligations editor
offers the claimant, the respondent or both parties together for the action (only the two
parties for the payment), and once "both" is saved the card names both parties and nothing is
missing any more.
"""

from __future__ import annotations

from playwright.async_api import Browser, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, RESPONDENT_DETAILS, SETTLEMENT_TERMS
from tests.builders.browser import Axe, Watch

CLAIMANT = CLAIMANT_DETAILS["full_name"]
RESPONDENT = RESPONDENT_DETAILS["full_name"]


async def test_the_parties_choose_that_both_perform_the_agreed_action(
    browser: Browser, address: str, axe: Axe, watch: Watch
) -> None:
    parties = await open_case(address)
    await agree(parties)  # 210 000 KZT, and "When: In a month": who does that?
    url = f"/api/cases/{parties.case_id}/settlement"
    for party, details in (
        (parties.claimant, CLAIMANT_DETAILS),
        (parties.respondent, RESPONDENT_DETAILS),
    ):
        assert (await party.http("PUT", f"{url}/parties/me", json=details)).status_code == 200
    current = (await parties.claimant.http("GET", url)).json()
    body = {k: current["terms"][k] for k in SETTLEMENT_TERMS}
    saved = await parties.claimant.http(
        "PUT", f"{url}/terms", json={**body, "version": current["version"], "place": "Алматы"}
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["missing"] == ["obligations.2.debtor"]

    page = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await expect(page.locator("ul.missing")).to_contain_text(
        "Кто исполняет обязательство 2 (шаг 2)"
    )
    action_card = page.locator("li.obligation").nth(1)  # in step 2 while missing, then in the text
    await expect(action_card).to_contain_text("ещё не выбрано")

    await page.get_by_role("button", name="Изменить место, язык, обязательства или сроки").click()
    payment, action = page.locator("#ob-0"), page.locator("#ob-1")
    await expect(action.get_by_role("radio")).to_have_count(3)
    await expect(payment.get_by_role("radio")).to_have_count(2)  # a payment: one party pays
    await expect(action).to_contain_text("Пока не выбрано: выберите, кто исполняет.")
    await axe(page, "who performs the action (ru)")
    await fits_the_phone(page, "who performs (ru)")
    await action.get_by_role("radio", name="Обе стороны вместе").check()
    await expect(action).to_contain_text("Стороны исполняют это вместе")
    await page.get_by_role("button", name="Сохранить условия").click()
    await page.get_by_text("Условия сохранены.").wait_for()

    await expect(action_card).to_contain_text(f"Обе стороны вместе: {CLAIMANT} (вы) и {RESPONDENT}")
    await expect(action_card).not_to_contain_text("В чью пользу")
    await expect(page.locator("ul.missing")).to_have_count(0)
    settlement = (await parties.claimant.http("GET", url)).json()
    joint = settlement["terms"]["obligations"][1]
    assert (joint["debtor"], joint["creditor"]) == ("both", None)
    assert settlement["missing"] == [] and settlement["record"] is not None
    assert problems == []


JOINT_REFUSALS = """
async () => {
  const { useLanguage } = await import("/app/i18n.js");
  const refused = "/app/pages/settlement/refused_fields.js";
  const { obligationProblem, termsInputOf } = await import(refused);
  const messages = [
    "a joint action, or one whose doer is not chosen yet, has no creditor",
    "a payment needs one party as debtor: only an action can be joint or left open",
    "one party's obligation needs the other party as creditor",
    "a joint action has no amount: nobody pays it to the other",
    "Value error, obligation 2: a joint action of both parties has no creditor",
  ];
  const out = {};
  for (const lang of ["kk", "ru", "en"]) {
    await useLanguage(lang);
    out[lang] = messages.map((m) => obligationProblem(m, { kind: "action" }));
  }
  out.at = termsInputOf("obligations[0].kind", messages[1], ["k3"], { kind: "payment" });
  return out;
}
"""


async def test_the_refusals_of_who_performs_are_said_in_the_readers_language(
    browser: Browser, address: str
) -> None:
    page = await browser.new_page()
    try:
        await page.goto(f"http://{address}/")
        said = await page.evaluate(JOINT_REFUSALS)
    finally:
        await page.close()
    assert said["ru"] == [
        "У совместного действия сторон нет кредитора.",
        "Платёж или передачу имущества исполняет одна сторона: выберите, какая.",
        "Выберите, кто исполняет.",
        "У совместного действия нет суммы: никто не платит её другой стороне.",
        "У совместного действия сторон нет кредитора.",
    ]
    assert said["kk"][0] == "Тараптар бірлесіп орындайтын әрекеттің несие берушісі болмайды."
    assert said["kk"][1].startswith("Төлемді не мүлікті беруді бір тарап орындайды")
    assert said["en"][3] == "A joint action has no amount: nobody pays it to the other."
    assert said["at"] == "ob-k3-debtor"
