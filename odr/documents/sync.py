"""pyHanko's signing API is async; the document functions are plain functions run on threads.

``run_sync`` runs a coroutine to its end on a fresh event loop in a thread of its own, so it
works whether or not the caller's thread already runs a loop (a request handler's worker
thread does not; a test or the CLI may).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """The coroutine's result (or its exception), computed on a loop of its own."""
    with ThreadPoolExecutor(1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(asyncio.run, coroutine).result()
