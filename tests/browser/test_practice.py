"""Practice with a robot in real Chromium (#13): a newcomer on a 360 px phone in Kazakh rehearses a
family dispute from the landing page, and a claimant rehearses its own case in Russian. Each page
says it is a rehearsal, speaks only the reader's language, fits the phone, passes axe, logs no
console error, and nothing reaches the other party (no event in the case's room)."""

from __future__ import annotations

from playwright.async_api import Browser, Page, expect
from starlette.applications import Starlette

from tests.browser.conftest import fits_the_phone
from tests.builders.browser import PHONE, Axe, Shots, Watch, new_page
from tests.builders.interests import CLAIMANT, submit
from tests.builders.language import foreign_words
from tests.builders.room import joined_case, logged
from tests.odr.room_client import RoomClient


async def main_text(page: Page) -> str:
    return await page.locator("main").inner_text()


async def test_a_newcomer_rehearses_a_family_dispute_on_a_phone_in_kazakh(
    browser: Browser, address: str, axe: Axe, watch: Watch, shots: Shots
) -> None:
    page = await new_page(browser, PHONE, "kk-KZ")
    problems = watch(page)
    await page.goto(f"http://{address}/")
    await page.get_by_role("link", name="Роботпен жаттығу").click()
    await expect(page.locator("h1")).to_have_text("Роботпен жаттығу")
    await expect(page.locator("#practice-note")).to_contain_text("ешкімге жіберілмейді")
    await page.get_by_label("Дау не туралы?").select_option("family")
    await expect(page.get_by_label("Балалар менімен тұрады")).to_be_checked()
    await axe(page, "practice start kk")
    await page.get_by_role("button", name="Жаттығуды бастау").click()

    # The robot opens; the party answers with an offer of its own.
    robot = page.locator("dl.package")
    await expect(robot).to_contain_text("Айына алимент")
    await expect(page.locator(".practice-reply")).to_contain_text("Робот өзі ең қатты қалайтын")
    await expect(page.locator(".practice-round")).to_have_text("8 кезеңнің 1-кезеңі")
    await fits_the_phone(page, "practice opening")
    await axe(page, "practice opening kk")
    schedule = page.get_by_label("Балалардың екінші ата-анамен өткізетін уақыты")
    await schedule.select_option(label="Аптасына бір күн")
    await page.get_by_label("Айына алимент").select_option(index=12)
    await page.get_by_role("button", name="Ұсынысымды жіберу").click()
    await expect(page.locator(".practice-round")).to_have_text("8 кезеңнің 2-кезеңі")
    await expect(page.locator(".practice-reply li").first).not_to_be_empty()
    # The offer stays as the party made it, and a reload goes on where it was.
    await expect(schedule).to_have_value("one_day_a_week")
    await page.reload()
    await expect(page.locator(".practice-round")).to_have_text("8 кезеңнің 2-кезеңі")
    text = await main_text(page)
    assert foreign_words(text, "kk") == [], text
    await shots(page, "practice-round-kk")

    await page.get_by_role("button", name="Аяқтап, сабақты көру").click()
    await expect(page.locator("#practice-outcome h2")).to_have_text("Бұл жолы келісім болмады.")
    await expect(page.get_by_role("heading", name="Ымыра қандай болуы мүмкін еді")).to_be_visible()
    await expect(page.locator(".practice-tips")).to_contain_text("Робот үшін ең маңыздысы")
    await expect(page.locator(".gain-label")).to_contain_text("%")
    text = await main_text(page)
    assert foreign_words(text, "kk") == [], text
    await fits_the_phone(page, "practice debrief")
    await axe(page, "practice debrief kk")
    await shots(page, "practice-debrief-kk")
    await page.get_by_role("button", name="Тағы жаттығу").click()
    await expect(page.get_by_role("button", name="Жаттығуды бастау")).to_be_visible()
    assert problems == []


async def test_a_claimant_rehearses_its_own_case_and_the_other_side_learns_nothing(
    browser: Browser, address: str, app: Starlette, axe: Axe, watch: Watch
) -> None:
    claimant, _respondent, case_id = await joined_case(address)
    assert (await submit(claimant, case_id, CLAIMANT)).status_code == 200
    before = await logged(app, case_id)
    page = await new_page(browser, PHONE, "ru-RU")
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in claimant.cookies.items()]
    )
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/{case_id}")
    await page.get_by_role("link", name="Потренироваться с роботом").click()
    await expect(page.locator("#practice-note")).to_contain_text("никому не отправляется")
    await page.get_by_role("button", name="Начать тренировку").click()
    await expect(page.locator("main")).to_contain_text("Используются ваши собственные ответы")
    robot = page.locator("dl.package")
    await expect(robot).to_contain_text("Сумма")
    await expect(robot).to_contain_text("Срок")
    await expect(page.get_by_label("Срок")).to_contain_text("через месяц")
    await fits_the_phone(page, "case practice")
    await axe(page, "case practice ru")
    await page.get_by_role("button", name="Принять предложение робота").click()
    await expect(page.locator("#practice-outcome h2")).to_have_text("Вы договорились:")
    text = await main_text(page)
    assert foreign_words(text, "ru") == [], text
    await page.get_by_role("link", name="Вернуться к делу").click()
    await page.wait_for_url(f"**/#/cases/{case_id}")
    assert await logged(app, case_id) == before
    assert problems == []


async def test_a_stranger_is_told_in_kazakh_that_the_case_is_not_theirs(
    browser: Browser, address: str
) -> None:
    _claimant, _respondent, case_id = await joined_case(address)
    stranger = await RoomClient.signup(address, "stranger@example.kz")
    page = await new_page(browser, PHONE, "kk-KZ")
    await page.context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in stranger.cookies.items()]
    )
    await page.goto(f"http://{address}/#/cases/{case_id}/practice")
    await expect(page.locator("main")).to_contain_text(
        "Іс табылмады немесе сіз бұл істің тарапы емессіз."
    )
    await expect(page.get_by_role("button", name="Жаттығуды бастау")).to_have_count(0)
