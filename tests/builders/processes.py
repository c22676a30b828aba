"""The ``odr`` command as a subprocess: run it once, or wait for ``odr serve`` to be ready.

No pytest here: ``bench/`` starts its services with the same code.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ODR = [sys.executable, "-m", "odr"]


def odr(
    *args: str, data_dir: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    """``odr ARGS`` to completion, with cheap argon2 so a ``create-user`` takes no time."""
    environment = {
        **os.environ,
        "ODR_DATA_DIR": str(data_dir),
        "ODR_ARGON2_MEMORY_KIB": "1024",
        **env,
    }
    return subprocess.run(
        [*ODR, *args], input=stdin, capture_output=True, text=True, env=environment, timeout=120
    )


def free_port() -> int:
    """A loopback port nobody listens on now (the OS picks it; another process may take it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(
    base: str, process: subprocess.Popen[Any], within: float = 60, every: float = 0.2
) -> None:
    """Poll ``base``/readyz until it answers 200.

    Raises ``AssertionError`` as soon as the process has exited (with its stderr when that was a
    pipe: it says why) or once ``within`` seconds have passed.
    """
    deadline = time.monotonic() + within
    while True:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return
        if process.poll() is not None:
            stderr = process.communicate()[1] if process.stderr is not None else ""
            raise AssertionError(f"the service exited with {process.returncode}: {stderr}")
        if time.monotonic() > deadline:
            raise AssertionError(f"the service at {base} was not ready within {within} s")
        time.sleep(every)
