"""Photos of a division's items in real Chromium (#12): chosen in the new-case form (a file that
is not a photo refused at once, in Russian), sent once the case exists and shown as thumbnails
on the case page; the invitation shows them to the person it is for before joining; on the
division page, in Kazakh on a 360 px phone, the respondent sees them and replaces one."""

from __future__ import annotations

import re

from playwright.async_api import Browser, FilePayload, Locator, Page, ViewportSize, expect

from tests.browser.conftest import fits_the_phone, logged_in_page
from tests.builders.browser import PHONE, Axe, Shots, Watch, new_page
from tests.builders.photos import jpeg_with_location, png, webp
from tests.odr.room_client import RoomClient

DESKTOP: ViewportSize = {"width": 1280, "height": 900}


async def loaded(page: Page, images: Locator, count: int) -> None:
    """``count`` images, each one drawn (its bytes arrived and decoded)."""
    await expect(images).to_have_count(count)
    for n in range(count):
        await images.nth(n).scroll_into_view_if_needed()
        handle = await images.nth(n).element_handle()
        await page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=handle)


async def test_photos_from_the_form_to_the_invitation_and_the_division_page(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    page = await logged_in_page(browser, address, claimant.cookies, "ru-RU")
    await page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10000)
    problems = watch(page)
    await page.goto(f"http://{address}/#/cases/new")
    await page.get_by_label("Вид спора").select_option("family")
    await page.get_by_label("Одним предложением").fill("Раздел имущества после развода")
    await page.get_by_label("Полное имя").fill("Руслан Ахметов")
    await page.get_by_label("Электронная почта (отправим приглашение)").fill("ruslan@example.kz")
    await page.get_by_role("radio", name=re.compile("^Справедливый раздел")).check()
    rows = page.locator(".items-editor fieldset.item")
    await expect(rows).to_have_count(2)
    await rows.nth(0).get_by_label("Что это?").fill("Квартира на Абая, 10")
    await rows.nth(1).get_by_label("Что это?").fill("Диван")

    # A file that is not a photo (a GIF named .jpg) is refused at once, at its row.
    photo = rows.nth(0).get_by_label("Фото (необязательно)")
    fake: FilePayload = {
        "name": "kvartira.jpg",
        "mimeType": "image/jpeg",
        "buffer": b"GIF89a" + b"\0" * 64,
    }
    await photo.set_input_files(fake)
    await expect(photo).to_have_attribute("aria-invalid", "true")
    await expect(rows.nth(0).locator(".error").last).to_have_text(
        "Этот файл не подходит: выберите снимок в формате JPEG, PNG или WebP."
    )
    # A phone's photo: accepted, shown small before sending.
    shot: FilePayload = {
        "name": "kvartira.jpg",
        "mimeType": "image/jpeg",
        "buffer": jpeg_with_location(),
    }
    await photo.set_input_files(shot)
    await expect(photo).not_to_have_attribute("aria-invalid", "true")
    await expect(rows.nth(0).get_by_role("img")).to_have_attribute(
        "alt", "Выбранное фото: kvartira.jpg"
    )
    await axe(page, "new case, item photo chosen (ru)")
    await page.get_by_label("Я согласен(на) попытаться урегулировать").check()
    await page.get_by_role("button", name="Открыть дело").click()
    await page.get_by_role("heading", name="Пригласите другую сторону").wait_for()

    # The case page: the first item's thumbnail; the second item can be given one there.
    listed = page.locator(".items li")
    await loaded(page, page.locator(".items img.item-photo"), 1)
    await expect(listed.nth(0).get_by_role("img")).to_have_attribute(
        "alt", "Фото: Квартира на Абая, 10"
    )
    await (
        listed.nth(1)
        .get_by_label("Добавить фото")
        .set_input_files({"name": "divan.png", "mimeType": "image/png", "buffer": png((300, 200))})
    )
    await loaded(page, page.locator(".items img.item-photo"), 2)
    await expect(listed.nth(1).get_by_text("Заменить фото")).to_be_visible()
    await axe(page, "case, item photos (ru)")
    await shots(page, "1-ru-case-photos")
    link = await page.get_by_label("Ссылка-приглашение").input_value()
    token = link.split("#token=", 1)[1]

    # The respondent, before logging in, sees both thumbnails by the invitation.
    guest = await new_page(browser, PHONE, "ru-RU")
    guest_problems = watch(guest)
    await guest.goto(f"http://{address}/join#token={token}")
    await guest.get_by_text("Как aigerim предлагает договориться:").wait_for()
    await loaded(guest, guest.locator(".items img.item-photo"), 2)
    assert await guest.locator(".items input[type=file]").count() == 0
    await fits_the_phone(guest, "invitation with photos (ru)")
    await shots(guest, "2-ru-invitation-photos")

    # Joined, in Kazakh on a phone: the division page shows them, and it replaces one.
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    case_id = joined.json()["id"]
    mine = await logged_in_page(browser, address, respondent.cookies, "kk-KZ")
    mine.set_default_timeout(10000)
    mine_problems = watch(mine)
    await mine.goto(f"http://{address}/#/cases/{case_id}/division")
    panel = mine.locator("section.item-photos")
    await expect(panel.get_by_role("heading")).to_have_text("Заттардың фотосы")
    await loaded(mine, panel.locator("img.item-photo"), 2)
    before = await panel.locator("img.item-photo").nth(1).get_attribute("src")
    await (
        panel.locator("li")
        .nth(1)
        .get_by_label("Фотоны ауыстыру")
        .set_input_files({"name": "divan.webp", "mimeType": "image/webp", "buffer": webp()})
    )
    await expect(panel.locator("img.item-photo").nth(1)).not_to_have_attribute("src", before or "")
    await loaded(mine, panel.locator("img.item-photo"), 2)
    await axe(mine, "division, item photos (kk)")
    await fits_the_phone(mine, "division, item photos (kk)")
    await shots(mine, "3-kk-division-photos")
    shown = (await claimant.http("GET", f"/api/cases/{case_id}")).json()["items"]
    assert [i["photo"]["media_type"] for i in shown] == ["image/jpeg", "image/webp"]
    assert problems == [] and guest_problems == [] and mine_problems == []
