"""Kelisim as a centre installs it: a wheel, in a fresh venv, run from outside the checkout.

The editable install finds ``migrations/`` and ``static/`` beside the source tree, so only a
real wheel shows whether they (and the document templates and fonts) are inside the package.
``python -m build`` makes the sdist first and then the wheel *from the sdist*, so one build
checks both: a file the sdist forgets is missing from the wheel too.

Dependencies come from pip's usual sources (its cache, the machine's wheelhouse, PyPI), pinned
by a constraints file to the versions installed in the venv running this test: the same
releases the rest of the suite checked, already in pip's cache, so the install takes about half
a minute and never resolves to something untested. ``--no-index`` with wheels made by
``pip wheel`` would avoid the network but first rebuilds every dependency (minutes, and needs
compilers for the ones without wheels), for no extra assurance.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.builders.processes import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT_S, INSTALL_TIMEOUT_S, START_TIMEOUT_S = 300, 600, 60


@dataclass(frozen=True)
class Installed:
    """A venv holding the wheel, and a working folder outside the checkout to run it in."""

    venv: Path
    work: Path

    @property
    def odr(self) -> str:
        return str(self.venv / "bin" / "odr")

    def env(self, data_dir: Path) -> dict[str, str]:
        """The caller's environment minus anything pointing at the checkout or its settings."""
        kept = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith("ODR_") and name not in {"PYTHONPATH", "VIRTUAL_ENV"}
        }
        return {**kept, "ODR_DATA_DIR": str(data_dir), "ODR_ARGON2_MEMORY_KIB": "1024"}

    def run(
        self, *args: str, data_dir: Path, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.odr, *args],
            cwd=self.work,
            env=self.env(data_dir),
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _check(argv: list[str], *, timeout: float, cwd: Path | None = None) -> str:
    """``argv``'s standard output; its whole output in the failure when it exits non-zero."""
    result = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=cwd)
    assert result.returncode == 0, (
        f"{' '.join(argv)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return str(result.stdout)


def _constraints(path: Path) -> Path:
    """Pins for every distribution in this venv except Kelisim itself (installed editable)."""
    frozen = _check(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable", "--exclude", "kelisim"],
        timeout=60,
    )
    pins = [line for line in frozen.splitlines() if "==" in line and not line.startswith("-e")]
    path.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    dist = base / "dist"
    _check(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], timeout=BUILD_TIMEOUT_S
    )
    (wheel,) = dist.glob("kelisim-*.whl")
    venv = base / "venv"
    _check([sys.executable, "-m", "venv", str(venv)], timeout=120)
    constraints = _constraints(base / "constraints.txt")
    _check(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "-c",
            str(constraints),
            str(wheel),
        ],
        timeout=INSTALL_TIMEOUT_S,
    )
    work = base / "work"
    work.mkdir()
    where = _check(
        [str(venv / "bin" / "python"), "-c", "import odr; print(odr.__file__)"],
        timeout=60,
        cwd=work,
    )
    assert Path(where.strip()).is_relative_to(venv), f"odr imported from {where}, not the wheel"
    return Installed(venv=venv, work=work)


def test_the_wheel_migrates_a_fresh_database(installed: Installed, tmp_path: Path) -> None:
    result = installed.run("migrate", data_dir=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "revision" in result.stdout


@pytest.fixture
def server(installed: Installed, tmp_path: Path) -> Iterator[str]:
    """``odr serve`` from the wheel on a free port; its base URL once /healthz answers."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [installed.odr, "serve", "--port", str(port)],
            cwd=installed.work,
            env=installed.env(tmp_path / "data"),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"odr serve exited with {process.returncode}:\n{log_path.read_text()}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"odr serve did not start:\n{log_path.read_text()}"
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_wheel_serves_the_api_and_the_browser_app(server: str) -> None:
    with httpx.Client(base_url=server, timeout=10) as http:
        assert http.get("/healthz").status_code == 200
        ready = http.get("/readyz")
        assert ready.status_code == 200, ready.text
        page = http.get("/")
        assert page.status_code == 200 and '<script type="module" src="/app/main.js">' in page.text
        module = http.get("/app/main.js")
        assert module.status_code == 200 and "javascript" in module.headers["content-type"]
        assert "import" in module.text
        openapi = http.get("/openapi.json")
        assert openapi.status_code == 200 and openapi.json()["paths"]


@pytest.mark.parametrize("mechanism", ["packages", "division"])
def test_the_wheel_runs_the_demo_to_a_verified_pdf(
    installed: Installed, tmp_path: Path, mechanism: str
) -> None:
    """The wheel alone walks a mechanism through the API and room: division needs Babel's plural
    rules and the fair-division engine, which an -e install would hide if left out."""
    out = tmp_path / "out"
    demo = installed.run(
        "demo", "--mechanism", mechanism, "--out", str(out), data_dir=tmp_path / "data",
        timeout=300,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    (pdf,) = out.glob("*.pdf")
    verified = installed.run(
        "verify",
        str(pdf),
        "--key",
        str(out / "platform-public-key.pem"),
        data_dir=tmp_path / "data",
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr
