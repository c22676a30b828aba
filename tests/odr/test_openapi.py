"""The OpenAPI document is generated from the code and covers every API route."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.routing import Route

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def refs_in(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in refs_in(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs_in(value)]
    return []


async def test_openapi_document_covers_every_api_route(client: Any, app: Any) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.1")
    api_routes = {
        (method, route.path)
        for route in app.routes
        if isinstance(route, Route) and route.path.startswith("/api/")
        for method in (route.methods or set()) - {"HEAD"}
    }
    documented = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
    }
    assert api_routes and api_routes <= documented


async def test_every_reference_resolves_and_errors_share_one_schema(client: Any) -> None:
    document = (await client.get("/openapi.json")).json()
    for ref in refs_in(document):
        assert resolve(document, ref) is not None, ref
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (path, method)
            if "requestBody" in operation:
                assert "422" in operation["responses"], (path, method)
