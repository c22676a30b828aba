"""The signed settlement as a tracker in a real browser (#18), on a phone, in Russian.

The respondent opens the settlement page, sees the three instalments (date, amount, who owes
whom, "waiting"), says "I paid" with the payment's reference and a photo of the receipt; the
claimant, on the same page, sees it and answers "Received"; the respondent's page, left open,
updates itself to "confirmed". Both pages fit a 360 px phone and pass the accessibility scan.
The case's mediator reads every step in the case's record, and the schedule on the case's page.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from playwright.async_api import Browser, expect
from starlette.applications import Starlette

from odr.fulfilment.ledger import today_of
from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.browser.parties import agree, open_case
from tests.browser.settlement_setup import ready_to_sign, set_terms, sign
from tests.builders.browser import Axe, Watch, centre_with_mediator
from tests.builders.enforcement import SESSIONS_LAST, followed_settlement, paid_late, with_court
from tests.builders.fulfilment import DEFAULT_TERMS, instalment_obligation
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import staff_login


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """Logins that outlast the weeks the clock moves through."""
    return {**env, **SESSIONS_LAST}


def receipt_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 60), (250, 250, 240)).save(out, format="JPEG")
    return out.getvalue()


async def test_the_debtor_marks_paid_and_the_creditor_confirms(
    browser: Browser, address: str, app: Starlette, make_client: MakeClient, axe: Axe, watch: Watch
) -> None:
    centre = await centre_with_mediator(app, make_client)
    parties = await open_case(address)
    await agree(parties)
    url = await ready_to_sign(parties, parties.claimant, "Алматы")
    first = today_of(datetime.now(UTC)) + timedelta(days=20)
    await set_terms(
        parties.claimant,
        url,
        obligations=[instalment_obligation(first)],
        default_terms=DEFAULT_TERMS,
    )
    for party in (parties.claimant, parties.respondent):
        await sign(party, url)

    debtor = await logged_in_page(browser, address, parties.respondent.cookies, "ru-RU")
    debtor.set_default_timeout(10000)
    problems = watch(debtor)
    await debtor.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    tracker = debtor.locator("section.tracker")
    await expect(tracker.locator("h2")).to_have_text("Платежи и действия")
    dues = tracker.locator("li.due")
    await expect(dues).to_have_count(3)
    await expect(dues.first).to_contain_text("100\u00a0000\u00a0₸")
    await expect(dues.first).to_contain_text("Платёж 1 из 3")
    await expect(dues.first).to_contain_text("Вы → Айгерім Серікқызы Нұрланова")
    await expect(dues.first.locator(".due-state")).to_have_text("Ожидается")
    assert "null" not in await tracker.inner_text()
    await fits_the_phone(debtor, "the tracker, before paying")
    await axe(debtor, "tracker-debtor")

    await dues.first.get_by_role("button", name="Я оплатил(а)").click()
    await dues.first.get_by_label("Номер платежа (необязательно)").fill("KASPI-7731")
    await dues.first.get_by_label("Фото квитанции (необязательно)").set_input_files(
        {"name": "чек.jpg", "mimeType": "image/jpeg", "buffer": receipt_photo()}
    )
    await fits_the_phone(debtor, "the tracker's 'I paid' form")
    await dues.first.get_by_role("button", name="Отправить", exact=True).click()
    await expect(dues.first.locator(".due-state")).to_have_text(
        "Отмечено как исполненное, ждёт подтверждения"
    )
    await expect(dues.first.locator(".due-steps")).to_contain_text("номер платежа KASPI-7731")
    await expect(dues.first.get_by_role("link", name="Квитанция")).to_be_visible()

    creditor = await logged_in_page(browser, address, parties.claimant.cookies, "ru-RU")
    creditor.set_default_timeout(10000)
    problems += watch(creditor)
    await creditor.goto(f"http://{address}/#/cases/{parties.case_id}/settlement")
    owed = creditor.locator("section.tracker li.due").first
    await expect(owed).to_contain_text("Руслан Ахметов → Вы")
    await expect(owed.get_by_role("button", name="Не получено")).to_be_visible()
    await axe(creditor, "tracker-creditor")
    await owed.get_by_role("button", name="Получено", exact=True).click()
    await expect(owed.locator(".due-state")).to_have_text("Подтверждено")
    await expect(owed.locator(".due-steps")).to_contain_text("Вы: получено")
    await fits_the_phone(creditor, "the tracker, confirmed")

    # The debtor's page, left open, follows on its own.
    await expect(dues.first.locator(".due-state")).to_have_text("Подтверждено", timeout=20000)
    await expect(dues.nth(1).locator(".due-state")).to_have_text("Ожидается")

    # The second: paid without a reference; "not received" must say why.
    await dues.nth(1).get_by_role("button", name="Я оплатил(а)").click()
    await dues.nth(1).get_by_role("button", name="Отправить", exact=True).click()
    await expect(dues.nth(1).locator(".due-state")).to_have_text(
        "Отмечено как исполненное, ждёт подтверждения"
    )
    second = creditor.locator("section.tracker li.due").nth(1)
    await expect(second.get_by_role("button", name="Не получено")).to_be_visible(timeout=20000)
    await second.get_by_role("button", name="Не получено").click()
    await second.get_by_role("button", name="Отправить", exact=True).click()
    await expect(second.locator(".error").first).to_have_text("Укажите, почему не получено.")
    await second.get_by_label("Что не так?").fill("Деньги не поступили на счёт")
    await second.get_by_role("button", name="Отправить", exact=True).click()
    await expect(second.locator(".due-state")).to_have_text("Оспорено")
    await expect(second.locator(".due-steps")).to_contain_text(
        "причина: Деньги не поступили на счёт"
    )
    await expect(dues.nth(1).get_by_role("button", name="Я оплатил(а)")).to_be_visible(
        timeout=20000
    )

    # The mediator reads both steps in the case's record.
    staff = await staff_login(address, centre.mediator_email)
    mediator = await logged_in_page(browser, address, staff.cookies, "ru-RU")
    mediator.set_default_timeout(10000)
    problems += watch(mediator)
    await mediator.goto(f"http://{address}/#/mediator/cases/{parties.case_id}")
    record = mediator.locator("ol.events")
    await expect(record).to_contain_text("сообщено об оплате")
    await expect(record).to_contain_text("пункт 1.1 графика соглашения — KASPI-7731")
    await expect(record).to_contain_text("оплата получена")
    await expect(record).to_contain_text("исполнение оспорено")
    # And the schedule, to read: no step is the mediator's to take.
    followed = mediator.locator("section.tracker li.due")
    await expect(followed).to_have_count(3)
    await expect(followed.first.locator(".due-state")).to_have_text("Подтверждено")
    await expect(followed.nth(1).locator(".due-state")).to_have_text("Оспорено")
    await expect(mediator.locator("section.tracker button")).to_have_count(0)
    await axe(mediator, "tracker-mediator")
    assert problems == []


async def test_a_penalty_alone_and_the_steps_in_the_parties_room(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    # Instalments due on days 10, 40, 70, 0.1 % a day (tests/builders/enforcement.py): the first
    # paid 2 days late and confirmed, the second paid early and disputed.
    case = await followed_settlement(app, make_client, clock)
    case.at(12)
    await case.step("1.1", "paid", reference="KASPI-0012")
    await case.step("1.1", "received")
    case.at(38)
    await case.step("1.2", "paid")
    await case.step("1.2", "disputed", reason="Денег на счёте нет")
    case.at(39)

    page = await logged_in_page(browser, address, dict(case.respondent.cookies), "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case.case_id}/settlement")
    # Paid, but 2 days late: 10 000 000 tiyn × 0.1 % × 2 = 20 000 tiyn (200 ₸) owed, alone.
    owed = page.locator("section.tracker .sums-due")
    await expect(owed).to_contain_text("Неустойка: к оплате 200\u00a0₸, оплачено 0\u00a0₸")
    await expect(owed).to_contain_text("Итого: 200\u00a0₸")
    await expect(owed).not_to_contain_text("Просроченные платежи")
    await expect(owed).not_to_contain_text("Остаток")

    # The room's story words every step, in the reader's language.
    await page.goto(f"http://{address}/#/cases/{case.case_id}/room")
    story = page.locator("ol.timeline")
    await expect(story.locator(".ev-performance_paid").first).to_contain_text(
        "Вы: сообщено об оплате — пункт 1.1 графика соглашения — KASPI-0012"
    )
    await expect(story.locator(".ev-performance_received").first).to_contain_text(
        "оплата получена — пункт 1.1 графика соглашения"
    )
    await expect(story.locator(".ev-performance_disputed")).to_contain_text(
        "исполнение оспорено — пункт 1.2 графика соглашения — Денег на счёте нет"
    )
    await expect(story).not_to_contain_text("В деле произошло событие.")
    await fits_the_phone(page, "the room's story of the schedule's steps")
    await axe(page, "room-performance")

    kazakh = await logged_in_page(browser, address, dict(case.claimant.cookies), "kk-KZ")
    kazakh.set_default_timeout(10000)
    problems += watch(kazakh)
    await kazakh.goto(f"http://{address}/#/cases/{case.case_id}/room")
    mine = kazakh.locator("ol.timeline .ev-performance_received")
    await expect(mine).to_contain_text("Сіз: төлем алынды — келісім кестесінің 1.1-тармағы")
    assert problems == []


async def test_the_writ_application_and_the_courts_answer_in_the_room_and_the_record(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    # Instalment 1 paid 2 days late; on day 51 instalment 2 is in default: 201 300 ₸ due in all
    # (tests/odr/test_enforcement.py). The claimant applies to the court; the court registers it.
    token = await with_court(app)
    case = await paid_late(app, make_client, clock, court_code="ASTANA-1")
    case.at(51)
    made = await case.claimant.post(
        f"/api/cases/{case.case_id}/settlement/writ-application", json={"language": "ru"}
    )
    assert made.status_code == 201, made.text
    court = make_client()
    court.headers["authorization"] = f"Bearer {token}"
    acknowledged = await court.put(
        f"/api/court/v1/writ-applications/{made.json()['id']}/acknowledgement",
        json={"court_case_number": "2-1234/27"},
    )
    assert acknowledged.status_code == 200, acknowledged.text

    page = await logged_in_page(browser, address, dict(case.respondent.cookies), "ru-RU")
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case.case_id}/room")
    story = page.locator("ol.timeline")
    await expect(story.locator(".ev-writ_application_made")).to_contain_text(
        "подано заявление в суд о выдаче исполнительного листа — Суд №1 г. Астаны, всего 201"
    )
    await expect(story.locator(".ev-writ_application_made")).not_to_contain_text("Вы:")
    await expect(story.locator(".ev-writ_application_acknowledged")).to_contain_text(
        "Суд зарегистрировал заявление об исполнительном листе — номер дела в суде 2-1234/27"
    )
    await expect(story).not_to_contain_text("В деле произошло событие.")
    await fits_the_phone(page, "the room's story of the writ application")

    kazakh = await logged_in_page(browser, address, dict(case.claimant.cookies), "kk-KZ")
    kazakh.set_default_timeout(10000)
    problems += watch(kazakh)
    await kazakh.goto(f"http://{address}/#/cases/{case.case_id}/room")
    await expect(kazakh.locator("ol.timeline .ev-writ_application_made")).to_contain_text(
        "Сіз: атқару парағын беру туралы сотқа өтініш берілді — Суд №1 г. Астаны, барлығы 201"
    )

    mediator = await logged_in_page(browser, address, dict(case.mediator.cookies), "ru-RU")
    mediator.set_default_timeout(10000)
    problems += watch(mediator)
    await mediator.goto(f"http://{address}/#/mediator/cases/{case.case_id}")
    record = mediator.locator("ol.events")
    await expect(record).to_contain_text("подано заявление в суд о выдаче исполнительного листа")
    await expect(record).to_contain_text("Суд №1 г. Астаны, всего 201")
    await expect(record).to_contain_text("номер дела в суде 2-1234/27")
    await axe(mediator, "record-writ")
    assert problems == []


async def test_the_penalty_is_paid_received_and_waived_on_the_tracker(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    # Instalment 1 paid 2 days late: a penalty of 200 ₸ (tests/builders/enforcement.py).
    case = await paid_late(app, make_client, clock)
    case.at(13)

    debtor = await logged_in_page(browser, address, dict(case.respondent.cookies), "ru-RU")
    debtor.set_default_timeout(10000)
    problems = watch(debtor)
    await debtor.goto(f"http://{address}/#/cases/{case.case_id}/settlement")
    penalty = debtor.locator("section.tracker .penalty")
    await expect(penalty).to_contain_text("Неустойка: к оплате 200\u00a0₸, оплачено 0\u00a0₸")
    await penalty.get_by_role("button", name="Я оплатил(а) неустойку").click()
    amount = debtor.get_by_label("Сумма, ₸")
    await amount.fill("250")
    await debtor.get_by_role("button", name="Отправить", exact=True).click()
    await expect(debtor.locator(".penalty-form .error").first).to_contain_text(
        "Это больше неустойки"
    )
    await amount.fill("150")
    await debtor.get_by_label("Номер платежа (необязательно)").fill("KASPI-P1")
    await debtor.get_by_role("button", name="Отправить", exact=True).click()
    await expect(penalty.locator(".due-waiting")).to_contain_text("Сообщено об оплате: 150\u00a0₸")
    await expect(penalty.get_by_role("button")).to_have_count(0)
    await fits_the_phone(debtor, "the penalty reported paid")
    await axe(debtor, "tracker-penalty-debtor")

    creditor = await logged_in_page(browser, address, dict(case.claimant.cookies), "ru-RU")
    creditor.set_default_timeout(10000)
    problems += watch(creditor)
    await creditor.goto(f"http://{address}/#/cases/{case.case_id}/settlement")
    theirs = creditor.locator("section.tracker .penalty")
    await theirs.get_by_role("button", name="Неустойка получена").click()
    await expect(theirs.locator(".penalty-line")).to_contain_text(
        "Неустойка: к оплате 50\u00a0₸, оплачено 150\u00a0₸"
    )
    await theirs.get_by_role("button", name="Простить неустойку").click()
    await creditor.get_by_label("Сумма, ₸").fill("50")
    await creditor.get_by_role("button", name="Отправить", exact=True).click()
    await expect(theirs.locator(".penalty-line")).to_contain_text(
        "Неустойка: к оплате 0\u00a0₸, оплачено 150\u00a0₸ · прощено 50\u00a0₸"
    )
    await expect(theirs.get_by_role("button")).to_have_count(0)
    await expect(theirs.locator(".due-steps")).to_contain_text("получено 150\u00a0₸ неустойки")
    await fits_the_phone(creditor, "the penalty settled")
    await axe(creditor, "tracker-penalty-creditor")

    # The debtor's page, left open, follows; the room's story words each step.
    await expect(penalty.locator(".penalty-line")).to_contain_text(
        "к оплате 0\u00a0₸", timeout=20000
    )
    await debtor.goto(f"http://{address}/#/cases/{case.case_id}/room")
    story = debtor.locator("ol.timeline")
    await expect(story.locator(".ev-penalty_paid")).to_contain_text(
        "Вы: сообщено об оплате неустойки — неустойка по обязательству 1 — 150"
    )
    await expect(story.locator(".ev-penalty_waived")).to_contain_text("неустойка прощена")
    await expect(story).not_to_contain_text("В деле произошло событие.")

    # The mediator's record words them too.
    mediator = await logged_in_page(browser, address, dict(case.mediator.cookies), "ru-RU")
    mediator.set_default_timeout(10000)
    problems += watch(mediator)
    await mediator.goto(f"http://{address}/#/mediator/cases/{case.case_id}")
    record = mediator.locator("ol.events")
    await expect(record).to_contain_text("сообщено об оплате неустойки")
    await expect(record).to_contain_text("неустойка по обязательству 1 — 150\u00a0₸ — KASPI-P1")
    await expect(record).to_contain_text("оплата неустойки получена")
    assert problems == []
