"""Shared fixtures: an app per test on SQLite (file copied from a migrated template) or on a
dedicated PostgreSQL database (created once per run, truncated between tests).

PostgreSQL and Redis tests are real. When ``CI`` is set, an unreachable service fails the run
instead of skipping, so CI can never pass without having exercised them.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import asyncpg
import httpx
import pytest
from starlette.applications import Starlette

from odr.app import create_app
from odr.persistence.engine import make_engine
from odr.persistence.migrate import upgrade_to_head
from odr.settings import Settings, load_settings
from tests.builders.pg_reset import empty_database

if TYPE_CHECKING:
    from tests.builders.mail import Smtp

PG_ADMIN_DSN = os.environ.get("KELISIM_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
ORIGIN = "http://127.0.0.1:8000"
FAST_ARGON2 = {"ODR_ARGON2_MEMORY_KIB": "1024", "ODR_ARGON2_TIME_COST": "1"}


def service_missing(what: str, error: Exception) -> NoReturn:
    message = f"{what} is not reachable: {error}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run these tests; start the service)")
    pytest.skip(message)


@dataclass
class FakeClock:
    """Time that tests move by hand; starts at the real now so stored rows look normal."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def _migrate(settings: Settings) -> None:
    engine = make_engine(settings)
    await upgrade_to_head(engine)
    await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    run(_migrate(load_settings({"ODR_DATA_DIR": str(folder)})))
    return folder / "kelisim.sqlite3"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database for this test run, migrated once and dropped at the end."""
    name = f"kelisim_test_{os.getpid()}_{secrets.token_hex(3)}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(PG_ADMIN_DSN, timeout=5)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    try:
        run(admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL at " + PG_ADMIN_DSN, exc)
    url = PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name
    run(_migrate(load_settings({"ODR_DATABASE_URL": url, "ODR_DATA_DIR": "/tmp/kelisim-pg"})))
    yield url
    run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> str:
    if backend == "sqlite":
        target = tmp_path / "data" / "kelisim.sqlite3"
        target.parent.mkdir()
        shutil.copy(sqlite_template, target)
        return f"sqlite+aiosqlite:///{target}"
    url: str = request.getfixturevalue("postgres_url")
    run(_truncate_all(url))
    return url


async def _truncate_all(url: str) -> None:
    """Empty the tables the previous test wrote (``tests/builders/pg_reset.py``)."""
    await empty_database(url)


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> dict[str, str]:
    """The environment a test's app is configured from; tests may add to it before ``app``."""
    return {
        "ODR_DATA_DIR": str(tmp_path / "data"),
        "ODR_DATABASE_URL": database_url,
        "ODR_PUBLIC_BASE_URL": ORIGIN,
        **FAST_ARGON2,
    }


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(env: dict[str, str]) -> Settings:
    return load_settings(env)


@pytest.fixture
async def app(settings: Settings, clock: FakeClock) -> AsyncIterator[Starlette]:
    application = create_app(settings, clock=clock)
    async with application.router.lifespan_context(application):
        yield application


class Client(httpx.AsyncClient):
    """An HTTP client with its own cookie jar that remembers and sends its CSRF token."""

    csrf: str = ""

    async def request(self, method: str, url: Any, **kwargs: Any) -> httpx.Response:
        if self.csrf and method.upper() in ("POST", "PUT", "PATCH", "DELETE"):
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("x-csrf-token", self.csrf)
            kwargs["headers"] = headers
        response = await super().request(method, url, **kwargs)
        if response.headers.get("content-type", "").startswith("application/json"):
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("csrf_token"), str):
                self.csrf = body["csrf_token"]
        return response

    async def signup(
        self, email: str, password: str = "correct horse battery", **extra: Any
    ) -> dict[str, Any]:
        response = await self.post(
            "/api/auth/signup",
            json={
                "email": email,
                "password": password,
                "display_name": email.split("@")[0],
                **extra,
            },
        )
        assert response.status_code == 201, response.text
        return dict(response.json())


MakeClient = Callable[[], Client]
"""The ``make_client`` fixture: each call is a new client of the test's app, closed at the end."""


@pytest.fixture
async def make_client(app: Starlette) -> AsyncIterator[MakeClient]:
    clients: list[Client] = []

    def make() -> Client:
        client = Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


@pytest.fixture
async def client(make_client: MakeClient) -> Client:
    return make_client()


# The fixtures below live here rather than in tests/builders/ because pytest finds a conftest's
# fixtures by name in every module beneath it; a fixture imported into a test module would shadow
# the test's parameter of that name (ruff's F811) and be registered once per importing module.
# Their imports are inside them so that tests which never ask for them do not pay for them.


@pytest.fixture
async def address(app: Starlette) -> AsyncIterator[str]:
    """``host:port`` of the test's app served by a real uvicorn on loopback, for WebSocket
    clients and browsers."""
    from tests.odr.room_client import live_server

    async with live_server(app) as where:
        yield where


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    """A real SMTP server on a free loopback port, listening; a test that checks what the outbox
    does while mail is down calls ``stop()`` (and ``start()`` to bring it back)."""
    from tests.builders.mail import Inbox, Smtp
    from tests.builders.processes import free_port

    server = Smtp(free_port(), Inbox())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_env(env: dict[str, str], smtp: Smtp) -> dict[str, str]:
    """The test's environment with e-mail through ``smtp`` and no background sender: the test
    sends the outbox with ``flush()``, so it knows when a letter goes."""
    return {
        **env,
        "ODR_SMTP_HOST": "127.0.0.1",
        "ODR_SMTP_PORT": str(smtp.port),
        "ODR_BACKGROUND_WORKERS": "0",
    }


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an error in the one shape every error has."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["code"], str) and error["code"]
    if code is not None:
        assert error["code"] == code, error
    return dict(error)


@pytest.fixture(autouse=True)
def _server_frames_fit_their_schema() -> Iterator[None]:
    """Fail a test whose WebSocket clients received a frame that is not what the protocol
    documents (tests/odr/frame_check.py); only where a test used those clients at all."""
    checker = sys.modules.get("tests.odr.frame_check")
    if checker is not None:
        checker.mismatches.clear()
    yield
    checker = sys.modules.get("tests.odr.frame_check")
    if checker is not None:
        checker.raise_mismatches()
