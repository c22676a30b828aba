"""Who performs an agreed action, chosen on the settlement page (issue #13).

The agreed option "When: In a month" is an action; the draft no longer gives it to the
respondent. In Russian and in Kazakh the page says that its doer is still missing, the
obligations editor offers the claimant, the respondent or both parties together for the action
(only the two parties for the payment), and once "both" is saved the card names both parties
and nothing is missing any more.
"""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import CLAIMANT_DETAILS, RESPONDENT_DETAILS, SETTLEMENT_TERMS
from tests.builders.browser import Axe, Watch

CLAIMANT = CLAIMANT_DETAILS["full_name"]
RESPONDENT = RESPONDENT_DETAILS["full_name"]


# The page's words in each language the test reads it in.
WORDS = {
    "ru": {
        "locale": "ru-RU",
        "missing": "Кто исполняет обязательство 2 (шаг 2)",
        "open": "ещё не выбрано",
        "change": "Изменить место, язык, обязательства или сроки",
        "open_hint": "Пока не выбрано: выберите, кто исполняет.",
        "both": "Обе стороны вместе",
        "both_hint": "Стороны исполняют это вместе",
        "save": "Сохранить условия",
        "saved": "Условия сохранены.",
        "card": f"Обе стороны вместе: {CLAIMANT} (вы) и {RESPONDENT}",
        "beneficiary": "В чью пользу",
    },
    "kk": {
        "locale": "kk-KZ",
        "missing": "2-міндеттемені кім орындайтыны (2-қадам)",
        "open": "әлі таңдалмаған",
        "change": "Орнын, тілін, міндеттемелерін немесе мерзімдерін өзгерту",
        "open_hint": "Әлі таңдалмаған: кім орындайтынын таңдаңыз.",
        "both": "Екі тарап бірлесіп",
        "both_hint": "Тараптар мұны бірлесіп орындайды",
        "save": "Шарттарды сақтау",
        "saved": "Шарттар сақталды.",
        "card": f"Екі тарап бірлесіп: {CLAIMANT} (сіз) және {RESPONDENT}",
        "beneficiary": "Кімнің пайдасына",
    },
}


@pytest.mark.parametrize("language", ["ru", "kk"])
async def test_the_parties_choose_that_both_perform_the_agreed_action(
    browser: Browser, address: str, axe: Axe, watch: Watch, language: str
) -> None:
    words = WORDS[language]
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

    page = await logged_in_page(browser, address, parties.claimant.cookies, words["locale"])
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    await expect(page.locator("ul.missing")).to_contain_text(words["missing"])
    action_card = page.locator("li.obligation").nth(1)  # in step 2 while missing, then in the text
    await expect(action_card).to_contain_text(words["open"])

    await page.get_by_role("button", name=words["change"]).click()
    payment, action = page.locator("#ob-0"), page.locator("#ob-1")
    await expect(action.get_by_role("radio")).to_have_count(3)
    await expect(payment.get_by_role("radio")).to_have_count(2)  # a payment: one party pays
    await expect(action).to_contain_text(words["open_hint"])
    await axe(page, f"who performs the action ({language})")
    await fits_the_phone(page, f"who performs ({language})")
    await action.get_by_role("radio", name=words["both"]).check()
    await expect(action).to_contain_text(words["both_hint"])
    await page.get_by_role("button", name=words["save"]).click()
    await page.get_by_text(words["saved"]).wait_for()

    await expect(action_card).to_contain_text(words["card"])
    await expect(action_card).not_to_contain_text(words["beneficiary"])
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
