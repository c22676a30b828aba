from __future__ import annotations

import socket
from pathlib import Path

from odr.app import create_app
from odr.settings import load_settings
from tests.conftest import Client, FakeClock, assert_error


async def test_healthz_and_readyz(client: Client) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ready"}


async def test_readyz_says_503_when_the_database_is_down(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = load_settings(
        {
            "ODR_DATA_DIR": str(tmp_path),
            "ODR_DATABASE_URL": f"postgresql://nobody@127.0.0.1:{port}/none",
            "ODR_AUTO_MIGRATE": "false",
        }
    )
    app = create_app(settings, clock=FakeClock())
    import httpx

    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000"
        ) as client,
    ):
        assert (await client.get("/healthz")).status_code == 200
        assert_error(await client.get("/readyz"), 503, "database_unreachable")


async def test_unknown_path_and_method_get_the_error_shape(client: Client) -> None:
    assert_error(await client.get("/api/nothing-here"), 404, "not_found")
    assert_error(await client.delete("/healthz"), 405, "method_not_allowed")


async def test_every_response_has_request_id_and_security_headers(client: Client) -> None:
    response = await client.get("/healthz", headers={"x-request-id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    odd = await client.get("/healthz", headers={"x-request-id": "bad id\twith spaces"})
    assert odd.headers["x-request-id"] != "bad id\twith spaces"


async def test_browser_files_are_gzipped_and_revalidated_but_api_answers_are_not_compressed(
    client: Client,
) -> None:
    gzip = {"accept-encoding": "gzip"}
    script = await client.get("/app/main.js", headers=gzip)
    assert script.status_code == 200 and "import" in script.text  # httpx decompressed it
    assert script.headers["content-encoding"] == "gzip"
    assert script.headers["cache-control"] == "no-cache"
    assert int(script.headers["content-length"]) < len(script.content)
    assert "unsafe-inline" not in script.headers["content-security-policy"]
    again = await client.get(
        "/app/main.js", headers={**gzip, "if-none-match": script.headers["etag"]}
    )
    assert again.status_code == 304
    shell = await client.get("/", headers=gzip)
    assert shell.status_code == 200 and "<main" in shell.text
    await client.signup("a@example.kz")
    api = await client.get("/api/cases", headers=gzip)
    assert api.status_code == 200 and "content-encoding" not in api.headers
