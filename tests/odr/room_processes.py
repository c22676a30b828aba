"""Real processes for the room's resilience tests: ``odr serve`` and ``redis-server``.

Processes are plain ``subprocess.Popen`` children waited on by polling (no asyncio child
watcher), and a :class:`Processes` group kills whatever is still running when a test ends, so
a failing test never leaves a server behind. Each process writes its output to a log file whose
tail is shown when it fails to start.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx
from sqlalchemy import select

from odr.persistence.engine import make_engine, make_sessionmaker
from odr.persistence.models import CaseEvent
from odr.settings import load_settings
from tests.builders.processes import ODR, free_port
from tests.conftest import FAST_ARGON2, service_missing

SECRET_KEY = "resilience-tests-shared-secret-key-0123456789"
# Bursts in these tests are deliberate; the rate limiter has its own test.
FAST_ROOM = {"ODR_WS_RATE_PER_S": "10000", "ODR_WS_RATE_BURST": "10000", "ODR_LOG_LEVEL": "WARNING"}


def free_ports(count: int) -> list[int]:
    """``count`` distinct free loopback ports."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


class _Child:
    """A child process whose output goes to ``log_path``."""

    def __init__(self, name: str, log_path: Path) -> None:
        self.name = name
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def _spawn(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        assert not self.running, f"{self.name} is already running"
        self._close_log()
        self._log = self.log_path.open("ab")
        self._log.write(f"\n--- {' '.join(argv)}\n".encode())
        self._log.flush()
        self.process = subprocess.Popen(
            argv, env=env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(
                f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}"
            )

    async def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, no goodbye to clients."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        await self._reap(10)

    async def stop(self, within: float = 20) -> None:
        """SIGTERM, then SIGKILL if it doesn't exit ``within`` seconds."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                await self._reap(within)
            except TimeoutError:
                self.process.kill()
        await self._reap(10)

    async def _reap(self, within: float) -> None:
        assert self.process is not None
        async with asyncio.timeout(within):
            while self.process.poll() is None:  # noqa: ASYNC110 (a child's exit: poll it)
                await asyncio.sleep(0.02)
        self._close_log()

    def force_stop(self) -> None:
        """Last resort at the end of a test (sync, so it also runs when the loop is unwell)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


class OdrServer(_Child):
    """``odr serve`` on ``127.0.0.1:<port>`` with the given ``ODR_*`` environment."""

    def __init__(self, name: str, env: dict[str, str], port: int, log_path: Path) -> None:
        super().__init__(name, log_path)
        self.env = env
        self.port = port

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"http://{self.address}"

    async def start(self, within: float = 60) -> None:
        """Start (or restart, on the same port and data) and wait until ``/readyz`` says so."""
        self._spawn(
            [*ODR, "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env={**os.environ, **self.env},
        )
        deadline = time.monotonic() + within
        async with httpx.AsyncClient(base_url=self.origin, timeout=2) as http:
            while True:
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                self.check_alive()
                if time.monotonic() > deadline:
                    raise AssertionError(f"{self.name} not ready in {within} s:\n{self.log_tail()}")
                await asyncio.sleep(0.05)


class RedisServer(_Child):
    """Our own throw-away ``redis-server`` (no persistence) on ``port``."""

    def __init__(self, port: int, log_path: Path) -> None:
        super().__init__(f"redis-server :{port}", log_path)
        self.port = port

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self, within: float = 20) -> None:
        self._spawn(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        )
        deadline = time.monotonic() + within
        while True:
            try:
                await redis_ping("127.0.0.1", self.port)
                return
            except OSError:
                self.check_alive()
                if time.monotonic() > deadline:
                    raise AssertionError(f"{self.name} not ready:\n{self.log_tail()}") from None
                await asyncio.sleep(0.05)


async def redis_ping(host: str, port: int, within: float = 2) -> None:
    """PING over a raw socket; raises ``OSError`` unless Redis answers PONG."""
    try:
        async with asyncio.timeout(within):
            reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(b"PING\r\n")
                await writer.drain()
                answer = await reader.readline()
            finally:
                writer.close()
                await writer.wait_closed()
    except TimeoutError as exc:
        raise OSError(f"no answer from redis at {host}:{port}") from exc
    if not answer.startswith(b"+PONG"):
        raise OSError(f"redis at {host}:{port} answered {answer!r}")


SHARED_REDIS = ("127.0.0.1", 6379)
"""The Redis every test run may use (CI starts it); tests that need their own start one."""


async def require_redis(host: str, port: int) -> None:
    """Skip (fail in CI) unless Redis answers at ``host:port``."""
    try:
        await redis_ping(host, port)
    except OSError as exc:
        service_missing(f"Redis at {host}:{port}", exc)


class Processes:
    """Starts servers for one test, under ``folder``; ``async with`` stops them all at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.children: list[_Child] = []

    def odr(self, name: str, port: int, **env: str) -> OdrServer:
        data_dir = self.folder / name
        data_dir.mkdir(parents=True, exist_ok=True)
        full_env = {"ODR_DATA_DIR": str(data_dir), **FAST_ARGON2, **FAST_ROOM, **env}
        server = OdrServer(name, full_env, port, self.folder / f"{name}.log")
        self.children.append(server)
        return server

    def redis(self, port: int) -> RedisServer:
        server = RedisServer(port, self.folder / f"redis-{port}.log")
        self.children.append(server)
        return server

    async def __aenter__(self) -> Processes:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await asyncio.gather(*(child.stop() for child in self.children))
        finally:
            for child in self.children:
                child.force_stop()


@dataclass(frozen=True)
class LoggedEvent:
    seq: int
    type: str
    data: dict[str, Any]
    actor_role: str
    actor_user_id: str | None
    key: str | None

    @property
    def view(self) -> tuple[int, str, dict[str, Any]]:
        """What ``tests.odr.test_room.view`` makes of a client's copy of this event."""
        return (self.seq, self.type, self.data)


async def read_log(env: dict[str, str], case_id: str) -> list[LoggedEvent]:
    """The case's log as stored, read straight from the database a server was configured with."""
    settings = load_settings({"ODR_SECRET_KEY": SECRET_KEY, **env})
    engine = make_engine(settings)
    try:
        async with make_sessionmaker(engine)() as db:
            rows = await db.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
            )
            return [
                LoggedEvent(r.seq, r.type, r.data, r.actor_role, r.actor_user_id, r.idempotency_key)
                for r in rows
            ]
    finally:
        await engine.dispose()
