"""The browser app's files: compressed, and revalidated rather than cached blindly.

There is no build step, so file names carry no content hash: a browser must ask again before
reusing a file (``Cache-Control: no-cache``), which costs a 304 when nothing changed. Text
files (JS, CSS, the locale catalogues) shrink to a fifth with gzip, which matters on a phone's
mobile connection. Only static files are compressed: API responses mix secrets (CSRF tokens)
with text a user typed, the pattern BREACH-style attacks exploit.

The folder is ``static/`` in a checkout and a copy inside the package in a wheel;
``odr.resources.folder`` finds either, and fails loudly when neither exists rather than letting
the service start without its UI.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Scope

from odr.resources import folder

REVALIDATE = "no-cache"


class _RevalidatedFiles(StaticFiles):
    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = REVALIDATE
        return response


def static_files(directory: Path) -> ASGIApp:
    """The ASGI app serving ``directory`` (``index.html`` for ``/``), gzipped when asked for."""
    return GZipMiddleware(_RevalidatedFiles(directory=directory, html=True), minimum_size=1024)


def browser_routes() -> list[BaseRoute]:
    """The browser app: its shell for links people open (``/join#token=…``,
    ``/reset#token=…``) and its files."""
    directory = folder("static")
    shell = directory / "index.html"

    async def browser_app(request: Request) -> Response:
        return FileResponse(shell)

    return [
        Route("/join", browser_app, methods=["GET"]),
        Route("/reset", browser_app, methods=["GET"]),  # password-reset links (odr/auth)
        Mount("/", static_files(directory), name="static"),
    ]
