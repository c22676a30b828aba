"""``GET /metrics``: the Prometheus text format, for Prometheus only.

Not public: the answers show how busy the service is and when, which is nobody else's business.
The scraper sends ``Authorization: Bearer <ODR_METRICS_TOKEN>``; anything else (no header, a
wrong token, a party's session cookie) gets 401 ``metrics_token_invalid`` in the one error shape.
Without the setting there is no route at all, and ``/metrics`` is a 404 like any unknown path.
A token rather than a list of addresses: behind nginx every connection comes from the proxy, so
an address rule would have to trust ``X-Forwarded-For``; a token means the same directly and
through the proxy, and Prometheus sends it from a file (``authorization.credentials_file``).

Besides what the process (or, with several workers, every worker: ``multiprocess.py``) counted,
a scrape asks the database, in one statement bounded by ``DATABASE_TIMEOUT_S``, for what belongs
to the database rather than to a process: the notices waiting in the outbox and the age of the
oldest, and the deadline tasks that fell due and are not done yet. They are the same whichever
instance answers. When the database does not answer, ``kelisim_database_up`` is 0 and those
families are left out for that scrape.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import false, func, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from odr.errors import ApiError
from odr.metrics import multiprocess
from odr.metrics.pools import PoolSampler
from odr.persistence.models import DeadlineTask, OutboxNotice
from odr.services import Services

log = logging.getLogger("odr.metrics")
PATH = "/metrics"
DATABASE_TIMEOUT_S = 2.0


class MetricsTokenInvalid(ApiError):
    status, code = 401, "metrics_token_invalid"


@dataclass(frozen=True)
class Backlog:
    """What waits in the database, as one scrape read it."""

    pending_notices: int
    oldest_notice_age_s: float
    """Seconds since the oldest pending notice was queued; 0 when none waits."""
    overdue_s: float
    """Seconds since the oldest deadline task not carried out yet fell due; 0 when none."""


def _age(now: datetime, since: datetime | None) -> float:
    return max(0.0, (now - since).total_seconds()) if since is not None else 0.0


async def read_backlog(services: Services) -> Backlog:
    """One statement: both indexes (``ix_outbox_due``, ``ix_deadline_tasks_pending``) cover it."""
    now = services.clock()
    pending = OutboxNotice.status == "pending"
    overdue = (
        DeadlineTask.done_at.is_(None),
        DeadlineTask.cancelled.is_(false()),
        DeadlineTask.due_at <= now,
    )
    query = select(
        select(func.count()).select_from(OutboxNotice).where(pending).scalar_subquery(),
        select(func.min(OutboxNotice.created_at)).where(pending).scalar_subquery(),
        select(func.min(DeadlineTask.due_at)).where(*overdue).scalar_subquery(),
    )
    async with services.sessions() as db:
        count, oldest, due = (await db.execute(query)).one()
    return Backlog(int(count or 0), _age(now, oldest), _age(now, due))


class _DatabaseGauges:
    """The backlog as gauge families (a collector for one scrape), or ``None``: database down."""

    def __init__(self, backlog: Backlog | None) -> None:
        self.backlog = backlog

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily(
            "kelisim_database_up",
            "1 when this scrape's query of the database answered within "
            f"{DATABASE_TIMEOUT_S:g} s, else 0 (and the outbox and scheduler gauges are absent).",
            value=int(self.backlog is not None),
        )
        if self.backlog is None:
            return
        yield GaugeMetricFamily(
            "kelisim_outbox_pending_notices",
            "Notices (e-mail, SMS) waiting in the outbox to be sent, retries included.",
            value=self.backlog.pending_notices,
        )
        yield GaugeMetricFamily(
            "kelisim_outbox_oldest_pending_age_seconds",
            "Age of the oldest notice still waiting to be sent; 0 when none waits.",
            value=self.backlog.oldest_notice_age_s,
        )
        yield GaugeMetricFamily(
            "kelisim_scheduler_overdue_seconds",
            "How long the oldest deadline task that fell due has waited to be carried out; "
            "0 when none waits. Grows without bound when no instance runs the scheduler.",
            value=self.backlog.overdue_s,
        )


class _Joined:
    """Several collectors as one, for ``generate_latest``."""

    def __init__(self, *parts: CollectorRegistry | _DatabaseGauges) -> None:
        self.parts = parts

    def collect(self) -> Iterator[Metric]:
        for part in self.parts:
            yield from part.collect()


def _exposition(services: Services, database: _DatabaseGauges) -> bytes:
    directory = services.settings.metrics_dir
    if directory is None:
        return generate_latest(_Joined(services.metrics.registry, database))
    # Every worker's files: a worker that is gone loses its live gauges first.
    multiprocess.mark_dead_processes(directory)
    workers = CollectorRegistry(auto_describe=False)
    MultiProcessCollector(workers, path=str(directory))  # type: ignore[no-untyped-call]
    return generate_latest(_Joined(workers, database))


def _check_token(request: Request, token: str) -> None:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), token.encode()
    ):
        raise MetricsTokenInvalid(
            "send the metrics token as 'Authorization: Bearer <ODR_METRICS_TOKEN>'",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )


def metrics_routes(services: Services, sampler: PoolSampler) -> list[Route]:
    token = services.settings.metrics_token
    if token is None:
        return []  # no token, no route: /metrics is a 404 like any unknown path

    async def metrics(request: Request) -> Response:
        _check_token(request, token)
        sampler.sample()
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT_S):
                backlog: Backlog | None = await read_backlog(services)
        except Exception as exc:  # the process's own metrics are still worth answering
            log.warning("metrics: the database did not answer (%s)", type(exc).__name__)
            backlog = None
        body = await asyncio.to_thread(_exposition, services, _DatabaseGauges(backlog))
        return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})

    return [Route(PATH, metrics, methods=["GET"])]
