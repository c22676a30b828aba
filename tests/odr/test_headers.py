"""Every answer carries its request id and the security headers, private answers are never
cached, and HSTS is sent behind https: whatever produced the answer (a handler, an error, the
router, the body limit, the static files or a bug)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from odr.app import create_app
from odr.court.clients import add_court, issue_client
from odr.settings import load_settings
from odr.settlement.verification import WELL_KNOWN_KEYS
from tests.builders.app import services_of
from tests.builders.settlement import signed_case
from tests.conftest import Client, FakeClock, MakeClient, assert_error

HSTS = "max-age=63072000; includeSubDomains"


def add_failing_route(app: Starlette) -> None:
    """A test-only route whose handler has a bug (inserted before the static files' mount)."""

    async def broken(request: Request) -> Response:
        raise RuntimeError("a bug")

    app.router.routes.insert(0, Route("/api/test/broken", broken, methods=["GET"]))


def assert_secured(response: httpx.Response, request_id: str) -> None:
    headers = response.headers
    assert headers["x-request-id"] == request_id, (response.request.url, response.status_code)
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    policy = headers["content-security-policy"]
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy


async def chunks(total: int) -> AsyncIterator[bytes]:
    """A body sent without a Content-Length, so only counting what arrives can refuse it."""
    for _ in range(total // 1024 + 1):
        yield b"x" * 1024


ANSWERS: dict[str, Callable[[Client, int], Any]] = {
    "200": lambda c, _: c.get("/healthz"),
    "static file": lambda c, _: c.get("/app/main.js"),
    "401": lambda c, _: c.get("/api/cases"),
    "404": lambda c, _: c.get("/api/nothing-here"),
    "404 static": lambda c, _: c.get("/nothing-here.js"),
    "405": lambda c, _: c.delete("/healthz"),
    "413 declared": lambda c, limit: c.post("/api/auth/login", content=b"x" * (limit + 1)),
    "413 streamed": lambda c, limit: c.post("/api/auth/login", content=chunks(limit + 1024)),
    "500": lambda c, _: c.get("/api/test/broken"),
}
STATUS = {"static file": 200, "404 static": 404, "413 declared": 413, "413 streamed": 413}


@pytest.mark.parametrize("answer", sorted(ANSWERS))
async def test_every_kind_of_answer_carries_the_request_id_and_security_headers(
    app: Starlette, client: Client, answer: str
) -> None:
    add_failing_route(app)
    limit = services_of(app).settings.max_body_bytes
    client.headers["x-request-id"] = f"req-{answer.replace(' ', '-')}"
    response = await ANSWERS[answer](client, limit)
    assert response.status_code == (STATUS[answer] if answer in STATUS else int(answer))
    assert_secured(response, f"req-{answer.replace(' ', '-')}")
    assert "strict-transport-security" not in response.headers  # served over plain http
    if response.status_code >= 400 and not answer.endswith("static"):
        assert_error(response, response.status_code)


@pytest.fixture
async def https_app(env: dict[str, str]) -> AsyncIterator[Starlette]:
    settings = load_settings({**env, "ODR_PUBLIC_BASE_URL": "https://kelisim.example"})
    assert settings.secure_cookies
    application = create_app(settings, clock=FakeClock())
    async with application.router.lifespan_context(application):
        yield application


async def test_behind_https_every_answer_asks_for_https_from_now_on(https_app: Starlette) -> None:
    add_failing_route(https_app)
    async with Client(
        transport=httpx.ASGITransport(app=https_app), base_url="https://kelisim.example"
    ) as client:
        for path in ("/healthz", "/app/main.js", "/api/nothing-here", "/api/test/broken"):
            response = await client.get(path)
            assert response.headers["strict-transport-security"] == HSTS, path
        signed_up = await client.signup("a@example.kz")
        assert signed_up["csrf_token"]


async def test_private_answers_are_never_stored_and_public_files_are_revalidated(
    app: Starlette, make_client: MakeClient
) -> None:
    services = services_of(app)
    async with services.sessions() as db:
        await add_court(db, "ASTANA-1", "Суд №1 г. Астаны", services.clock())
        court_token = (await issue_client(db, "ASTANA-1", "import", services.clock())).token
        await db.commit()
    claimant, case_id, signed = await signed_case(app, make_client, court_code="ASTANA-1")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token}"

    private = [
        await claimant.get("/api/auth/session"),
        await claimant.get("/api/cases"),
        await claimant.get(f"/api/cases/{case_id}"),
        await claimant.get(f"/api/cases/{case_id}/interests"),
        await claimant.get(f"/api/cases/{case_id}/proposals"),
        await claimant.get(f"/api/cases/{case_id}/settlement"),
        await claimant.get(f"/api/cases/{case_id}/settlement/pdf"),
        await claimant.get("/api/centre/dashboard"),  # refused: not staff, still private
        await court.get("/api/court/v1/settlements"),
        await court.get(f"/api/court/v1/settlements/{signed['id']}"),
        await court.get(f"/api/court/v1/settlements/{signed['id']}/pdf"),
        await make_client().post(
            "/api/auth/login", json={"email": "nobody@example.kz", "password": "x" * 12}
        ),
    ]
    newcomer = make_client()
    signup = await newcomer.post(
        "/api/auth/signup",
        json={"email": "new@example.kz", "password": "correct horse battery", "display_name": "N"},
    )
    private += [signup, await newcomer.post("/api/auth/logout")]
    assert "set-cookie" in signup.headers and "set-cookie" in private[-1].headers
    assert private[6].headers["content-type"] == "application/pdf"
    assert private[10].headers["content-type"] == "application/pdf"
    for response in private:
        assert response.headers["cache-control"] == "no-store", response.request.url

    script = await claimant.get("/app/main.js")
    assert script.headers["cache-control"] == "no-cache"
    assert "set-cookie" not in script.headers
    # Public answers: what a handler chose stays; an /api/ answer that chose nothing is no-store.
    keys = await make_client().get(WELL_KNOWN_KEYS)
    assert keys.headers["cache-control"] == "public, max-age=3600"
    verified = await make_client().get(f"/api/verify/{signed['verification_code']}")
    assert verified.status_code == 200 and verified.headers["cache-control"] == "no-store"


class Filler(dict[str, str]):
    """Path parameters by name; any other (a route added later) gets an id nobody has: the
    answer is a 404, which must not be stored either."""

    def __missing__(self, name: str) -> str:
        return "0" * 32


async def test_every_authenticated_endpoint_answers_with_no_store(
    app: Starlette, client: Client
) -> None:
    await client.signup("a@example.kz")
    params = Filler(
        case_id="c" * 16,
        centre_id="c" * 16,
        settlement_id="s" * 16,
        file_id="f" * 32,
        document_id="d" * 32,
        referral_id="0" * 32,
    )
    for endpoint in services_of(app).api.endpoints:
        if endpoint.method != "GET" or not endpoint.auth:
            continue
        response = await client.get(endpoint.path.format_map(params))
        assert response.headers["cache-control"] == "no-store", endpoint.path
