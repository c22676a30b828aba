"""Start and stop a real ``odr serve`` process for benchmarks (shared by the bench scripts)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import _checkout  # noqa: F401  (puts the checkout on sys.path for tests.builders)

from tests.builders.processes import free_port, wait_ready


@contextmanager
def running_service(**env: str) -> Iterator[str]:
    """Yield the base URL of a fresh service on a temporary SQLite database."""
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        environment = {**os.environ, "ODR_DATA_DIR": data_dir, "ODR_LOG_LEVEL": "WARNING", **env}
        process = subprocess.Popen(
            [sys.executable, "-m", "odr", "serve", "--port", str(port)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, process, within=60, every=0.1)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
