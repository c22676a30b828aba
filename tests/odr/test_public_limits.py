"""Anonymous endpoints are bounded: a rate per client address, and verifications at once.

This app allows 2 requests per address and endpoint, then 1 a minute, and one verification
at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from odr.documents import verify as verifier
from tests.builders.app import services_of
from tests.conftest import ORIGIN, Client, assert_error

PDF = {"content-type": "application/pdf"}
NOT_A_PDF = b"%PDF-1.7\nnot really\n%%EOF\n"


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "ODR_PUBLIC_RATE_PER_MIN": "1",
        "ODR_PUBLIC_RATE_BURST": "2",
        "ODR_VERIFY_CONCURRENCY": "1",
    }


@pytest.fixture
async def from_address(app: Starlette) -> Any:
    """A client whose requests come from ``address``."""
    clients: list[Client] = []

    def make(address: str) -> Client:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        client = Client(transport=transport, base_url=ORIGIN)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


REQUESTS: dict[str, Callable[[Client], Any]] = {
    "upload": lambda c: c.post("/api/verify", content=NOT_A_PDF, headers=PDF),
    "code": lambda c: c.get("/api/verify/ABCDE-FGHJK"),
    "preview": lambda c: c.post("/api/invitations/preview", json={"token": "t" * 43}),
}


@pytest.mark.parametrize("endpoint", list(REQUESTS))
async def test_each_anonymous_endpoint_is_limited_per_address(
    from_address: Any, endpoint: str
) -> None:
    send = REQUESTS[endpoint]
    flooder, neighbour = from_address("198.51.100.7"), from_address("198.51.100.8")
    for others in REQUESTS.values():  # other endpoints' budgets are their own
        if others is not send:
            assert (await others(flooder)).status_code != 429
    for _ in range(2):
        assert (await send(flooder)).status_code != 429
    refused = await send(flooder)
    assert_error(refused, 429, "too_many_requests")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert (await send(neighbour)).status_code != 429, "another address is not affected"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_a_busy_verifier_says_so_at_once_and_frees_its_slot_when_done(
    app: Starlette, from_address: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    real_verify = verifier.verify_pdf

    def slow_verify(*args: Any, **kwargs: Any) -> Any:
        started.set()
        release.wait(10)
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(verifier, "verify_pdf", slow_verify)
    first, second = from_address("198.51.100.1"), from_address("198.51.100.2")

    hung_up = asyncio.create_task(first.post("/api/verify", content=NOT_A_PDF, headers=PDF))
    assert await asyncio.to_thread(started.wait, 10)
    hung_up.cancel()  # the client goes away; its verification still runs on its thread
    with contextlib.suppress(asyncio.CancelledError):
        await hung_up

    busy = await second.post("/api/verify", content=NOT_A_PDF, headers=PDF)
    assert_error(busy, 503, "verify_busy")
    assert busy.headers["retry-after"] == "1"
    assert_error(await second.get("/api/verify/ABCDE-FGHJK"), 404)  # no verification needed

    release.set()
    async with asyncio.timeout(10):
        await services_of(app).verification_gate.wait_idle()
    assert services_of(app).verification_gate.busy == 0
    done = await second.post("/api/verify", content=NOT_A_PDF, headers=PDF)
    assert done.status_code == 200 and done.json()["valid"] is False
