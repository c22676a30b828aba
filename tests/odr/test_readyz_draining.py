"""An instance that is stopping says so on ``/readyz`` at once.

``odr serve`` calls ``Shutdown.begin`` on SIGTERM (``odr/serving.py``), before it waits for the
sockets to hand their clients over. From that moment a load balancer's health check must fail,
so it sends no new request to an instance that is about to go away.
"""

from __future__ import annotations

from starlette.applications import Starlette

from tests.builders.app import services_of
from tests.conftest import Client, assert_error


async def test_readyz_says_503_as_soon_as_the_instance_drains(
    app: Starlette, client: Client
) -> None:
    assert (await client.get("/readyz")).json() == {"status": "ready"}
    services_of(app).shutdown.begin(grace_s=1)
    refused = assert_error(await client.get("/readyz"), 503, "shutting_down")
    assert "stopping" in refused["message"]
    assert (await client.get("/healthz")).status_code == 200, "the process itself is still up"
    # Requests already on their way are still served while the instance drains.
    assert (await client.get("/openapi.json")).status_code == 200
