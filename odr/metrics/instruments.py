"""The service's metric families, one set per app, and the one-line calls that feed them.

Each app gets its own ``Metrics`` (no module-level registry, so every test's app starts at zero
and several apps in one process never mix). With one process, ``/metrics`` reads this
``registry``. With several (``odr serve --workers N``), prometheus-client writes every value to
the workers' shared directory instead (``multiprocess.py``) and ``/metrics`` on any worker reads
them all; the ``multiprocess_mode`` of each gauge says how the workers' values combine.

What depends on the database rather than on a process (the outbox backlog, overdue deadline
tasks) is not here: ``scrape.py`` asks the database for it when Prometheus scrapes.

Labels are few and bounded: route templates (never a path with an id in it), methods from a
fixed list, status classes, command types, outcomes. Each call site is one line and costs a
lock and a float add (a few microseconds in multi-process mode, where it is an mmap write).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# Seconds. Room commands and broker hops are milliseconds when healthy; HTTP requests include
# password hashing (~100 ms) and PDF rendering (seconds).
FAST_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Minutes matter for deadlines: the scheduler runs every ODR_SCHEDULER_INTERVAL_S (30 s).
SCHEDULER_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 900.0, 3600.0, 86400.0)

POOLS = ("sqlalchemy", "room")
VERIFICATION_RESULTS = ("valid", "invalid", "refused", "error")
COMMAND_OUTCOMES = ("committed", "replayed", "refused", "error")


class Metrics:
    """The instruments of one app; see the module docstring."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.http_duration = Histogram(
            "kelisim_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by route template, "
            "method and status class.",
            ("route", "method", "status_class"),
            buckets=HTTP_BUCKETS,
            registry=registry,
        )
        self.room_command_duration = Histogram(
            "kelisim_room_command_duration_seconds",
            "Time a room command (message, offer, accept, reject, withdraw) took from the "
            "case lock to its publication, by command and outcome.",
            ("command", "outcome"),
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        self.websockets_open = Gauge(
            "kelisim_websockets_open",
            "WebSockets open now, by route (/ws: the room, /ws/centre: the dashboard feed).",
            ("route",),
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.broker_lag = Histogram(
            "kelisim_broker_lag_seconds",
            "Time from a room event being logged to its arrival at this instance through the "
            "broker.",
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        self.broker_reconnects = Counter(
            "kelisim_broker_reconnects",
            "Times the Redis broker's pub/sub connection was made again after it was lost.",
            registry=registry,
        )
        self.scheduler_lag = Histogram(
            "kelisim_scheduler_lag_seconds",
            "How late a deadline task (reminder, expiry) was carried out after it fell due.",
            buckets=SCHEDULER_BUCKETS,
            registry=registry,
        )
        self.pool_in_use = Gauge(
            "kelisim_db_pool_connections_in_use",
            "Database connections checked out of a pool now (sqlalchemy: the engine's; room: "
            "the room commands' own asyncpg pool).",
            ("pool",),
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.pool_max = Gauge(
            "kelisim_db_pool_connections_max",
            "Connections a pool may hold at most (size plus overflow).",
            ("pool",),
            multiprocess_mode="livesum",
            registry=registry,
        )
        self.verifications = Counter(
            "kelisim_verifications",
            "Settlement verifications by result: valid, invalid, refused (every slot busy, "
            "503 verify_busy) or error (a bug).",
            ("result",),
            registry=registry,
        )
        self.verification_duration = Histogram(
            "kelisim_verification_duration_seconds",
            "Time one verification of a settlement PDF took on its thread.",
            buckets=FAST_BUCKETS,
            registry=registry,
        )
        # Every known label value from the start: a family shows zeros before the first event,
        # so a rate() or an alert has a series to work on (and a test a value to compare).
        # (The sockets' routes are added by ``http.py``, which knows the routes.)
        for result in VERIFICATION_RESULTS:
            self.verifications.labels(result)

    def room_command(self, command: str, outcome: str, seconds: float) -> None:
        self.room_command_duration.labels(command, outcome).observe(seconds)

    def verification(self, result: str, seconds: float | None = None) -> None:
        self.verifications.labels(result).inc()
        if seconds is not None:
            self.verification_duration.observe(seconds)
