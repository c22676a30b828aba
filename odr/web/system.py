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
from odr.web.openapi import openapi_document


async def healthz(request: Request) -> JSONResponse:
    """The process is up and its event loop answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request, engine: AsyncEngine) -> JSONResponse:
    """The database answers within 2 seconds: safe to send traffic here."""
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
    document = openapi_document(services.api.endpoints)

    async def openapi(request: Request) -> JSONResponse:
        return JSONResponse(document)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", partial(readyz, engine=services.engine), methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
    ]
