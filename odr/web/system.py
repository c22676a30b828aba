"""Health, readiness and the OpenAPI document."""

from __future__ import annotations

import asyncio
from functools import partial

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from odr.errors import Unavailable
from odr.services import Services
from odr.shutdown import Shutdown
from odr.web.openapi import openapi_document


async def healthz(request: Request) -> JSONResponse:
    """The process is up and its event loop answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request, engine: AsyncEngine, shutdown: Shutdown) -> JSONResponse:
    """The instance is not stopping and the database answers within 2 seconds: safe to send
    traffic here.

    Stopping comes first: from SIGTERM on (``odr/serving.py`` calls ``Shutdown.begin`` before it
    drains) the load balancer's health check fails at once, so new requests go to the other
    instances while this one hands its sockets over and finishes the requests it holds.
    """
    if shutdown.requested.is_set():
        raise Unavailable(
            "this instance is stopping; send requests to another one", code="shutting_down"
        )
    try:
        async with asyncio.timeout(2):
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to reach the database means "not ready"
        raise Unavailable(
            f"the database is not reachable ({type(exc).__name__})", code="database_unreachable"
        ) from None
    return JSONResponse({"status": "ready"})


def system_routes(services: Services) -> list[Route]:
    built: list[JSONResponse] = []

    async def openapi(request: Request) -> JSONResponse:
        # Built at the first request, not at start: pydantic takes a quarter second or more
        # over the ~130 models, on every start of the app (the test suite's 1,800 included).
        if not built:
            built.append(JSONResponse(openapi_document(services.api.endpoints)))
        return built[0]

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route(
            "/readyz",
            partial(readyz, engine=services.engine, shutdown=services.shutdown),
            methods=["GET"],
        ),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
