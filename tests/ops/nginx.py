"""nginx for tests, as a child process (``daemon off``) on a prefix of its own.

The configuration is the shipped ``deploy/nginx/kelisim.conf`` rendered by
``tests/builders/nginx.py`` (shared with ``bench/realtime.py --via-nginx``).
"""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.builders import nginx
from tests.odr.room_processes import _Child


class NginxServer(_Child):
    """nginx on a prefix of its own, in the foreground, stopped by SIGTERM (fast shutdown)."""

    def __init__(self, prefix: Path, site_config: str, https_port: int) -> None:
        super().__init__("nginx", prefix / "nginx.log")
        self.prefix = prefix
        self.https_port = https_port
        self.config = nginx.prepare_prefix(prefix, site_config)

    def argv(self, *extra: str) -> list[str]:
        return nginx.argv(self.prefix, *extra)

    def check_config(self) -> None:
        """``nginx -t``: the rendered configuration is valid, or the test says why."""
        done = subprocess.run(self.argv("-t"), capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr

    async def start(self, within: float = 20) -> None:
        self.check_config()
        self._spawn(self.argv())
        deadline = time.monotonic() + within
        while True:
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", self.https_port)
                writer.close()
                await writer.wait_closed()
                return
            except OSError:
                self.check_alive()
                if time.monotonic() > deadline:
                    raise AssertionError(f"nginx not listening:\n{self.log_tail()}") from None
                await asyncio.sleep(0.05)

    def access_log(self) -> str:
        path = self.prefix / "logs" / "kelisim.access.log"
        return path.read_text() if path.exists() else ""

    async def logged(self, text: str, within: float = 5) -> str:
        """The access log's line holding ``text`` (nginx writes it after answering)."""
        return await wait_for_line(self.access_log, text, within)


async def wait_for_line(read: Callable[[], str], text: str, within: float = 5) -> str:
    """The first line of ``read()`` that holds ``text``, waiting for a log to be written."""
    deadline = time.monotonic() + within
    while True:
        for line in read().splitlines():
            if text in line:
                return line
        if time.monotonic() > deadline:
            raise AssertionError(f"no log line with {text!r}")
        await asyncio.sleep(0.02)
