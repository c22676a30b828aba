"""``odr serve``: the app under uvicorn, in one process or in several, stopped without a blip.

**Several processes** (``--workers N``): this process binds the port once and spawns N workers,
each with its own app (engine, hub, broker connection, background workers) accepting on the
shared socket; the kernel spreads connections over them. A worker is an instance in all but its
address, so the guarantees across instances hold across workers by the same means: a room whose
sockets are in two workers hears its events through Redis, and PostgreSQL's row locks (``FOR
UPDATE``, ``SKIP LOCKED``) keep the deadline scheduler and the outbox from acting twice. Hence
``workers_problem``: N > 1 needs ``ODR_REDIS_URL`` and PostgreSQL. A broker of our own between
the processes would be a second fan-out to build and test beside Redis, and SQLite allows one
writer at a time, so more processes would only queue on its lock (the room's one-lock-per-process
for SQLite would no longer keep its writers apart). A worker that dies is replaced; one that
cannot start stops them all.

**Stopping** (SIGTERM, or Ctrl+C): ``GracefulServer.shutdown`` stops listening (a proxy's new
connections go to the other instance; ``/readyz`` answers 503 from here on), asks every room and
dashboard socket to hand its client over (``odr/shutdown.py``: the command in hand finishes,
then close code 1012) and waits for that; then uvicorn's own shutdown lets HTTP requests in
flight finish, and the lifespan stops the outbox (releasing its leases) and the scheduler. All
of it within ``ODR_SHUTDOWN_GRACE_S``; the parent of workers kills any still running a few
seconds after that.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from odr.metrics.multiprocess import metrics_directory
from odr.settings import Settings
from odr.shutdown import Shutdown
from odr.ws_protocol import LeanWebSocketProtocol

log = logging.getLogger("odr.serving")
MAX_WORKERS = 64
KILL_AFTER_GRACE_S = 5.0
"""How long past the grace period the parent waits before it kills a worker still running."""


def workers_problem(settings: Settings, workers: int) -> str | None:
    """Why ``workers`` processes cannot serve with ``settings``, or None when they can."""
    if not 1 <= workers <= MAX_WORKERS:
        return f"--workers must be between 1 and {MAX_WORKERS}, not {workers}"
    if workers == 1:
        return None
    if settings.redis_url is None:
        return (
            "--workers above 1 needs ODR_REDIS_URL: a room's sockets may be in different "
            "worker processes, which hear each other's events only through Redis"
        )
    if settings.is_sqlite:
        return (
            "--workers above 1 needs PostgreSQL (ODR_DATABASE_URL=postgresql://…): SQLite has "
            "one writer at a time, so more processes would only wait for each other"
        )
    return None


def uvicorn_config(settings: Settings, app: Any) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        # The same trusted proxies and rule as odr/web/client_address.py, so uvicorn's own lines
        # and request URLs name the client and its scheme; always explicit, or uvicorn would
        # fall back to FORWARDED_ALLOW_IPS from the environment (or 127.0.0.1).
        proxy_headers=bool(settings.trusted_proxies),
        forwarded_allow_ips=[str(network) for network in settings.trusted_proxies],
        ws=LeanWebSocketProtocol,  # uvicorn's, holding less per idle socket (odr/ws_protocol.py)
        ws_per_message_deflate=False,  # compression off: small frames, and no CRIME-style leaks
        ws_max_size=1 << 20,  # hard cap; frames over ODR_WS_MAX_FRAME_BYTES get an error frame
        ws_ping_interval=20,
        ws_ping_timeout=20,
    )


class GracefulServer(uvicorn.Server):
    """uvicorn's server, whose shutdown first hands every socket's client over (see above)."""

    def __init__(self, config: uvicorn.Config, drain: Shutdown, grace_s: float) -> None:
        super().__init__(config)
        self.drain = drain
        self.grace_s = grace_s

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.drain.begin(self.grace_s)
        for server in self.servers:  # no new connections: they go to another instance
            server.close()
        for sock in sockets or []:
            sock.close()
        count, started = self.drain.open_sockets, time.monotonic()
        handed_over = await self.drain.drained()
        log.info(
            "stopping: sockets handed over" if handed_over else "stopping: grace period over",
            extra={"sockets": count, "duration_ms": round(1000 * (time.monotonic() - started))},
        )
        # What is left of the grace period bounds uvicorn's wait for HTTP requests in flight.
        self.config.timeout_graceful_shutdown = max(1, round(self.drain.remaining()))
        await super().shutdown(sockets)


def run_worker(settings: Settings, sockets: list[socket.socket] | None = None) -> None:
    """Serve until stopped: the whole ``odr serve`` with one worker, else each worker process."""
    from odr.app import create_app
    from odr.logs import configure_logging

    configure_logging(settings.log_level)  # again in a spawned worker: it starts from nothing
    drain = Shutdown()
    config = uvicorn_config(settings, create_app(settings, shutdown=drain))
    server = GracefulServer(config, drain, settings.shutdown_grace_s)
    server.run(sockets=sockets)
    if not server.started:
        sys.exit(STARTUP_FAILURE)


def serve(settings: Settings, workers: int = 1) -> int:
    """Run ``odr serve``; returns its exit status."""
    # Before any worker starts: where they share their metrics (odr/metrics/multiprocess.py).
    with metrics_directory(settings, workers) as settings_with_metrics:
        return _serve(settings_with_metrics, workers)


def _serve(settings: Settings, workers: int) -> int:
    if workers == 1:
        run_worker(settings)
        return 0
    listening = uvicorn_config(settings, None).bind_socket()
    return Supervisor(settings, workers, listening).run()


class Supervisor:
    """The parent of ``workers`` processes: starts them, replaces one that dies, stops them."""

    def __init__(self, settings: Settings, workers: int, listening: socket.socket) -> None:
        self.settings = settings
        self.workers = workers
        self.listening = listening
        self.context = multiprocessing.get_context("spawn")  # no inherited loop, threads, pools
        self.stop = threading.Event()

    def _start(self) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(
            target=run_worker, args=(self.settings, [self.listening]), name="odr-worker"
        )
        process.start()
        return process

    def run(self) -> int:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: self.stop.set())
        processes = [self._start() for _ in range(self.workers)]
        log.info("workers started", extra={"workers": self.workers, "pid": os.getpid()})
        failed = False
        while not self.stop.wait(0.5):
            for index, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode == STARTUP_FAILURE:
                    log.error("a worker could not start; stopping the others")
                    failed = True
                    self.stop.set()
                    break
                log.warning("a worker exited; starting another", extra={"pid": process.pid})
                processes[index] = self._start()
        for process in processes:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.settings.shutdown_grace_s + KILL_AFTER_GRACE_S
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                log.error("a worker outlived the grace period; killed", extra={"pid": process.pid})
                process.kill()
                process.join()
        self.listening.close()
        return 1 if failed else 0
