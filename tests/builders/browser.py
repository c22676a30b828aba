"""For the tests in real Chromium: a page of one size and language, what a page receives (for
privacy checks), a centre with a mediator, and the types of ``tests/browser/conftest.py``'s
fixtures (``shots``, ``axe``, ``watch``)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playwright.async_api import Browser, Page, Response, ViewportSize, WebSocket
from starlette.applications import Starlette

from tests.odr import frame_check
from tests.odr.centre_setup import add_mediator, new_centre, staff_client

if TYPE_CHECKING:
    from tests.conftest import Client, MakeClient

PHONE: ViewportSize = {"width": 360, "height": 740}
"""The phone every page must fit (nothing scrolls sideways: ``fits_the_phone``)."""

Shots = Callable[[Page, str], Awaitable[None]]
"""``await shots(page, "name")``: a full-page screenshot kept in test-artifacts/."""
Axe = Callable[[Page, str], Awaitable[None]]
"""``await axe(page, "name")``: fails on a serious or critical WCAG 2.2 AA violation."""
Watch = Callable[[Page], list[str]]
"""``watch(page)``: the list the page's console errors and CSP violations are collected in."""


async def new_page(browser: Browser, viewport: ViewportSize, locale: str) -> Page:
    context = await browser.new_context(viewport=viewport, locale=locale)
    page = await context.new_page()
    page.set_default_timeout(10000)
    return page


@dataclass
class Centre:
    id: str
    admin: Client  # the platform administrator's HTTP client (ASGI)
    mediator_email: str


async def centre_with_mediator(
    app: Starlette, make_client: MakeClient, deadline_days: int = 30
) -> Centre:
    """A centre in three languages with one mediator, Dana, who takes its cases."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin", name="Platform admin")
    centre = await new_centre(
        admin, "Almaty conciliation centre", languages=["kk", "ru", "en"],
        deadline_days=deadline_days,
    )  # fmt: skip
    await add_mediator(
        app, admin, centre["id"], "dana@centre.kz", name="Dana Serikova",
        languages=["kk", "ru", "en"],
    )  # fmt: skip
    return Centre(centre["id"], admin, "dana@centre.kz")


class Received:
    """Every HTTP body and WebSocket frame a page receives, for the privacy check."""

    def __init__(self, page: Page) -> None:
        self.bodies: list[asyncio.Task[str]] = []
        self.frames: list[str] = []
        self.refused: list[str] = []  # paths answered 4xx/5xx
        page.on("response", self._response)
        page.on("websocket", self._socket)

    def _response(self, response: Response) -> None:
        self.bodies.append(asyncio.ensure_future(self._text(response)))
        if response.status >= 400:
            self.refused.append(response.url.split("/", 3)[3])

    @staticmethod
    async def _text(response: Response) -> str:
        try:
            return f"{response.url}\n{await response.text()}"
        except Exception:  # a redirect or an aborted request has no body
            return ""

    def _socket(self, socket: WebSocket) -> None:
        check = frame_check.centre_frame if "/ws/centre" in socket.url else frame_check.room_frame
        if "/ws/caucus" in socket.url:
            check = frame_check.caucus_frame

        def received(payload: str | bytes) -> None:
            self.frames.append(str(payload))
            with contextlib.suppress(frame_check.FrameMismatch):  # remembered: the test fails
                check(payload)

        socket.on("framereceived", received)

    async def api_text(self) -> str:
        bodies = await asyncio.gather(*self.bodies)
        api = [b for b in bodies if "/api/" in b.split("\n", 1)[0]]
        return "\n".join([*api, *self.frames])

    async def all_text(self) -> str:
        return "\n".join([*await asyncio.gather(*self.bodies), *self.frames])
