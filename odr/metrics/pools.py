"""Database pool use, sampled by each process: the engine's pool and the room's asyncpg pool.

Pools belong to a process, so each process writes its own values (summed over the workers
still running, ``livesum``). Neither pool reports changes as they happen without a hook on every
checkout, on the hot path; reading both every ``SAMPLE_S`` seconds costs nothing there and is
fine-grained enough for an alert on sustained use (Prometheus scrapes every 15 to 60 s). The
process that answers a scrape samples once more first, so with one process the values are
exact.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

from odr.metrics import multiprocess
from odr.metrics.instruments import Metrics
from odr.room.store import CommandStore, PostgresCommands
from odr.settings import Settings

log = logging.getLogger("odr.metrics")
SAMPLE_S = 5.0


class PoolSampler:
    """Sets the pool gauges now (``sample``) and every ``SAMPLE_S`` while started."""

    def __init__(
        self, metrics: Metrics, settings: Settings, engine: AsyncEngine, store: CommandStore
    ) -> None:
        self.metrics = metrics
        self.settings = settings
        self.engine = engine
        self.store = store
        self._task: asyncio.Task[None] | None = None

    def sample(self) -> None:
        pool = self.engine.pool
        if isinstance(pool, QueuePool):
            # _max_overflow is the pool's own limit (-1: none); SQLAlchemy has no public getter.
            overflow = max(getattr(pool, "_max_overflow", 0), 0)
            self._set("sqlalchemy", pool.checkedout(), pool.size() + overflow)
        if isinstance(self.store, PostgresCommands):
            self._set("room", *self.store.pool_use())

    def _set(self, pool: str, in_use: int, most: int) -> None:
        self.metrics.pool_in_use.labels(pool).set(in_use)
        self.metrics.pool_max.labels(pool).set(most)

    def start(self) -> None:
        self.sample()
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop sampling; in a worker of several, take this process's live gauges away."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self.settings.metrics_dir is not None:
            with contextlib.suppress(OSError):
                multiprocess.mark_dead(os.getpid(), self.settings.metrics_dir)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(SAMPLE_S)
            try:
                self.sample()
            except Exception:  # a metric must never take anything else down
                log.exception("sampling the database pools failed")
