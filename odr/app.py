"""The application factory: ``create_app(settings)`` builds everything the service needs.

No module-level state: the engine and the password-hashing pool are created here and released in
the lifespan, so tests can build as many independent apps as they like.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.exc import IntegrityError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, WebSocketRoute

from odr.auth.passwords import PasswordHasherPool
from odr.auth.routes import api as auth_api
from odr.auth.session_end import SessionWatch
from odr.auth.sessions import authenticate
from odr.cases.documents_routes import DOCUMENTS_PATH_PATTERN
from odr.cases.documents_routes import api as documents_api
from odr.cases.item_photo_routes import PHOTO_PATH_PATTERN
from odr.cases.item_photo_routes import api as item_photos_api
from odr.cases.routes import api as cases_api
from odr.caucus.live import caucus_routes
from odr.caucus.routes import api as caucus_api
from odr.centre.deadlines import DeadlineScheduler
from odr.centre.live import centre_routes
from odr.centre.party_routes import api as centre_party_api
from odr.centre.report_routes import api as centre_reports_api
from odr.centre.routes import api as centre_api
from odr.centre.sessions_routes import api as sessions_api
from odr.court.clients import authenticate_court
from odr.court.referral_routes import api as referrals_api
from odr.court.routes import api as court_api
from odr.court.writ_routes import api as court_writs_api
from odr.enforcement.writ_routes import api as writs_api
from odr.errors import ApiError, Conflict
from odr.fulfilment.routes import api as fulfilment_api
from odr.metrics.broker import lag_observer, reconnect_counter
from odr.metrics.http import RequestMetrics
from odr.metrics.instruments import Metrics
from odr.metrics.pools import PoolSampler
from odr.metrics.scrape import metrics_routes
from odr.negotiating.bidding_routes import api as bidding_api
from odr.negotiating.division_routes import api as division_api
from odr.negotiating.division_service import DivisionService
from odr.negotiating.improvement import ImprovementService
from odr.negotiating.improvement_routes import api as improvement_api
from odr.negotiating.proposals import ProposalService
from odr.negotiating.routes import api as negotiating_api
from odr.notify import OutboxWorker
from odr.notify.inbox_routes import api as notifications_api
from odr.notify.room_letters import RoomLetters
from odr.notify.sms_routes import api as sms_api
from odr.notify.sms_routes import short_link_routes
from odr.persistence.engine import make_engine, make_sessionmaker
from odr.persistence.migrate import upgrade_to_head
from odr.persistence.upsert import is_duplicate_key
from odr.practice.routes import api as practice_api
from odr.privacy.routes import api as privacy_api
from odr.room.endpoint import ROOM_PATH, room_routes, room_socket_app, sockets_first
from odr.room.presence_book import PresenceBook
from odr.room.room import Room
from odr.room.withdrawal_routes import api as withdrawal_api
from odr.services import Clock, Core, Services, utc_now
from odr.settings import Settings
from odr.settlement.routes import api as settlement_api
from odr.settlement.verification import VerificationGate, well_known_routes
from odr.settlement.verification import api as verification_api
from odr.shutdown import Shutdown
from odr.signing.routes import api as signing_api
from odr.uploads.routes import api as files_api
from odr.web.api import Api
from odr.web.middleware import (
    BodyLimitMiddleware,
    LargerBody,
    RequestContextMiddleware,
    content_security_policy,
    internal_error_answer,
)
from odr.web.ratelimit import RateLimiters
from odr.web.static import browser_routes
from odr.web.system import system_routes
from realtime.broker import make_broker
from realtime.hub import Hub

log = logging.getLogger("odr.app")
GC_THRESHOLDS = (50_000, 20, 10)
"""The collector's thresholds once serving (see ``lifespan``)."""
_STARTUP_FROZEN: list[bool] = []
"""Not empty once an app of this process has frozen its start-up objects."""


def build_api() -> Api:
    api = Api()
    for feature in (
        auth_api,
        cases_api,
        negotiating_api,
        division_api,
        bidding_api,
        improvement_api,
        practice_api,
        settlement_api,
        signing_api,
        verification_api,
        court_api,
        referrals_api,
        court_writs_api,
        writs_api,
        centre_api,
        centre_party_api,
        sessions_api,
        caucus_api,
        centre_reports_api,
        privacy_api,
        notifications_api,
        sms_api,
        item_photos_api,
        documents_api,
        fulfilment_api,
        files_api,
        withdrawal_api,
    ):
        api.include(feature)
    return api


def create_app(
    settings: Settings, *, clock: Clock = utc_now, shutdown: Shutdown | None = None
) -> Starlette:
    """The app; ``shutdown`` is how ``odr serve`` tells it the instance is stopping."""
    engine = make_engine(settings)
    metrics = Metrics()
    core = Core(
        settings, engine, make_sessionmaker(engine), PasswordHasherPool(settings), clock, metrics
    )
    broker = make_broker(settings.redis_url, on_reconnect=reconnect_counter(metrics))
    presence = PresenceBook()  # who has each case's room open, heard on its channel
    lag = lag_observer(metrics, clock)

    def on_message(channel: str, message: bytes) -> None:
        lag(channel, message)
        presence.heard(channel, message)

    hub = Hub(broker, on_message=on_message)
    room = Room(core, broker, hub)
    pools = PoolSampler(metrics, settings, engine, room.store)
    services = Services(
        settings=settings,
        engine=engine,
        sessions=core.sessions,
        hasher=core.hasher,
        clock=clock,
        metrics=metrics,
        api=build_api(),
        room=room,
        proposals=(proposals_service := ProposalService(room)),
        # The improvement shares the proposals' solver pool: one bound on CP-SAT threads.
        improvements=ImprovementService(room, proposals_service.pool),
        division=DivisionService(room, proposals_service.pool),
        session_watch=SessionWatch(broker, core.sessions, clock, settings.session_recheck_s),
        scheduler=DeadlineScheduler(room),
        outbox=OutboxWorker(core),
        room_letters=RoomLetters(core, present=presence.present),
        rate_limiters=RateLimiters.for_settings(settings),  # in Redis when ODR_REDIS_URL is set
        verification_gate=VerificationGate(settings.verify_concurrency, metrics),
        shutdown=shutdown or Shutdown(),
    )
    session_watch, proposals = services.session_watch, services.proposals
    scheduler, outbox = services.scheduler, services.outbox
    room.on_committed.append(services.room_letters.note)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.auto_migrate:
            await upgrade_to_head(engine)
        await broker.start()
        await session_watch.start()
        pools.start()
        services.room_letters.start()
        if settings.background_workers:
            scheduler.start()
            outbox.start()
            try:  # agreements a stopped instance left
                await services.improvements.recover()
            except Exception:  # the database is down: serve anyway, /readyz says so
                log.warning("improvement recovery skipped; the next start looks", exc_info=True)
        # Start-up objects (modules, models, settings) never die: keep them out of every
        # collection, which shortens GC pauses on the room's hot path (bench/realtime.py).
        # Once per process: a later app's start (tests start ~1,800) would also freeze the
        # stopped apps' cyclic garbage, out of every collection's reach for good.
        if not _STARTUP_FROZEN:
            gc.freeze()
            _STARTUP_FROZEN.append(True)
        # A young collection costs about the same whatever its threshold: it traverses every
        # object made since the last one and still alive, and with thousands of sockets open
        # that is mostly one of each per socket or room (its current wait, its folded state),
        # 25-60 ms at 2,000 sockets on the 2-core machine. So the young generation is 50,000
        # objects (the default is 700), which makes them rare: at 500 offers/s one in 60-120 s
        # instead of four (10,000) or hundreds (700), and a middle collection every 20 of them.
        # The price, memory held by cyclic garbage until then, is small: the room's hot path
        # makes almost none (bench/realtime.py BENCH_GARBAGE=1: 300 objects in 20 s).
        gc.set_threshold(*GC_THRESHOLDS)
        log.info("ready", extra={"database": settings.database_url.split(":")[0]})
        try:
            yield
        finally:
            # First, and within the shutdown's deadline: each finishes what it is doing and the
            # outbox releases the notices it leased, so another instance sends them at once.
            within = services.shutdown.remaining()
            await asyncio.gather(scheduler.stop(within), outbox.stop(within))
            await services.room_letters.stop()  # writes what is pending, while it can
            await services.improvements.close()
            await services.division.close()  # before the pool it shares closes
            await proposals.close()
            await pools.stop()
            await session_watch.close()
            await hub.close()
            await broker.close()
            await services.rate_limiters.close()
            await room.close()
            services.hasher.close()
            await engine.dispose()

    routes: list[BaseRoute] = [
        *system_routes(services),
        *services.api.routes(services, {"session": authenticate, "court": authenticate_court}),
        *well_known_routes(settings),
        *short_link_routes(services),
        *room_routes(services),
        *centre_routes(services),
        *caucus_routes(services),
        *metrics_routes(services, pools),
    ]
    routes += browser_routes()  # last: its mount at "/" answers whatever nothing else did
    observer = RequestMetrics(metrics, routes)
    csp = content_security_policy(settings.ncalayer_url)
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(
                RequestContextMiddleware,
                https=settings.secure_cookies,
                observer=observer,
                csp=csp,
            ),
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                larger=(
                    LargerBody(
                        re.compile(PHOTO_PATH_PATTERN), settings.max_upload_bytes, "photo_too_large"
                    ),
                    LargerBody(
                        re.compile(DOCUMENTS_PATH_PATTERN),
                        settings.max_document_bytes,
                        "document_too_large",
                    ),
                ),
            ),
        ],
        exception_handlers={
            ApiError: api_error,
            HTTPException: http_error,
            IntegrityError: duplicate_key,
            Exception: internal_error,
        },
        lifespan=lifespan,
    )
    # A room socket skips the middleware stack and the router (odr/room/endpoint.py says why).
    room_route = next(r for r in routes if isinstance(r, WebSocketRoute) and r.path == ROOM_PATH)
    app.middleware_stack = sockets_first(
        app.build_middleware_stack(),
        RequestContextMiddleware(
            room_socket_app(room_route), https=settings.secure_cookies, observer=observer, csp=csp
        ),
    )
    # The one entry on app.state, for tests and tools; routes were given ``services`` above.
    app.state.services = services
    return app


def services_of(app: Starlette) -> Services:
    """An app's services, typed, for a tool that drives an app it built (``odr serve --demo``'s
    seed); ``app.state`` itself is read here only."""
    services = app.state.services
    assert isinstance(services, Services)
    return services


async def api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed"}
    messages = {
        404: f"there is nothing at {request.url.path}",
        405: f"{request.method} is not allowed on {request.url.path}",
    }
    error = ApiError(
        messages.get(exc.status_code, str(exc.detail)),
        status=exc.status_code,
        code=codes.get(exc.status_code, "http_error"),
    )
    return JSONResponse(error.body(), status_code=exc.status_code, headers=exc.headers)


async def duplicate_key(request: Request, exc: Exception) -> Response:
    """The safety net for a write that loses a race on a unique key (a double submit) where no
    handler decided it first (``odr.persistence.upsert``): a 409 the person can retry, not a 500.
    Every known case is decided at its cause; reaching this names a place to fix, so it is
    logged (without the SQL or its values). Any other constraint is a bug: the 500 path."""
    assert isinstance(exc, IntegrityError)
    if not is_duplicate_key(exc):
        raise exc
    log.warning("duplicate key answered as 409 conflict", extra={"path": request.url.path})
    error = Conflict(
        "this was changed at the same moment by another request; reload and try again",
        code="conflict",
    )
    return JSONResponse(error.body(), status_code=error.status)


async def internal_error(request: Request, exc: Exception) -> Response:
    """The last resort, for a bug in our own middleware: every other bug is logged and answered
    by ``RequestContextMiddleware``, inside the request's context (its id, its headers)."""
    log.exception("unhandled error", exc_info=exc)
    return JSONResponse(internal_error_answer().body(), status_code=500)
