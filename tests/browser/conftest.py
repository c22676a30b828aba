"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live app.

Missing Chromium skips these tests locally and fails them in CI (``.ci/run`` installs it).
Each test keeps screenshots in ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.odr.room_client import live_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def backend() -> str:  # the browser tests exercise the UI, SQLite is enough
    return "sqlite"


@pytest.fixture
async def address(app: Starlette) -> AsyncIterator[str]:
    async with live_server(app) as where:
        yield where


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        await instance.close()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Any:
    folder = ARTIFACTS / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)

    async def shot(page: Any, name: str) -> None:
        await page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return shot
