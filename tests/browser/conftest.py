"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright against a live app.

Missing Chromium skips these tests locally and fails them in CI (``.ci/run`` installs it).
Each test keeps screenshots in ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, ConsoleMessage, Page

from tests.builders.browser import PHONE, Axe, Shots, Watch
from tests.conftest import service_missing

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def backend() -> str:  # the browser tests exercise the UI, SQLite is enough
    return "sqlite"


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
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
def shots(request: pytest.FixtureRequest) -> Shots:
    folder = ARTIFACTS / request.node.name.replace("[", "-").replace("]", "")
    folder.mkdir(parents=True, exist_ok=True)

    async def shot(page: Page, name: str) -> None:
        await page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return shot


# -- accessibility: axe-core from the npm registry, installed at test time (never committed) ----

AXE_VERSION = "4.10"  # major.minor pinned; npm picks the latest patch
AXE_DIR = ARTIFACTS / "node"
AXE_FILE = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js, installed with npm into test-artifacts/node on first use."""
    if not AXE_FILE.exists():
        npm = shutil.which("npm")
        if npm is None:
            service_missing("npm (to install axe-core)", FileNotFoundError("npm"))
        try:
            subprocess.run(
                [npm, "install", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund",
                 "--no-save", f"axe-core@{AXE_VERSION}"],
                check=True, capture_output=True, timeout=180,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            service_missing(f"npm install axe-core@{AXE_VERSION}", exc)
    return AXE_FILE.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source: str) -> Axe:
    """``await axe(page, "name")``: no serious or critical WCAG 2.2 AA violation on the page.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so the
    app's strict CSP stays on while it is scanned.
    """

    async def scan(page: Page, name: str) -> None:
        if not await page.evaluate("typeof window.axe === 'object'"):
            await page.evaluate(axe_source)
        result = await page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        described = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
            for v in bad
        ]
        assert not bad, f"axe on {name}:\n" + "\n".join(described)

    return scan


# -- people: accounts made over HTTP, browsers logged in with their cookies ----------------------


@pytest.fixture
def watch() -> Watch:
    """``watch(page)`` collects console errors and CSP violations; assert the list stays empty."""

    def attach(page: Page) -> list[str]:
        problems: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            # Nothing is excused: a page asks only for what is there (the case says whether my
            # interests or points are stated), and an anonymous page's session check answers 200
            # (user null), so a 401 or 404 logged on the normal path is a defect. A test that
            # provokes a refusal on purpose filters the list itself.
            if message.type == "error":
                problems.append(message.text)

        page.on("console", on_console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        return problems

    return attach


async def logged_in_page(
    browser: Browser, address: str, cookies: dict[str, str], locale: str = "en-US"
) -> Page:
    context = await browser.new_context(viewport=PHONE, locale=locale)
    await context.add_cookies(
        [{"name": k, "value": v, "url": f"http://{address}"} for k, v in cookies.items()]
    )
    return await context.new_page()


PHONE_WIDTH = 360


async def fits_the_phone(page: Page, name: str) -> None:
    """Nothing on ``page`` scrolls sideways on a 360 px phone."""
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{name}: the page scrolls sideways ({width} px)"
