"""The OpenAPI document is generated from the code and covers every API route."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from tests.conftest import Client

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


async def test_openapi_document_covers_every_api_route(client: Client, app: Starlette) -> None:
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


async def test_every_reference_resolves_and_errors_share_one_schema(client: Client) -> None:
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


async def test_parameters_are_declared_with_their_formats(client: Client, app: Starlette) -> None:
    document = (await client.get("/openapi.json")).json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            params = {p["name"]: p for p in operation.get("parameters", [])}
            for name in re.findall(r"{(\w+)}", path):
                schema = params[name]["schema"]
                assert params[name]["in"] == "path" and params[name]["required"], (path, name)
                assert schema["pattern"].startswith("^") and schema["maxLength"] <= 64, (path, name)
                assert "404" in operation["responses"], (path, method)
            for param in params.values():
                assert param["description"], (path, method, param["name"])
                if param["in"] == "query":
                    assert "422" in operation["responses"], (path, method)
    court_list = document["paths"]["/api/court/v1/settlements"]["get"]
    assert {p["name"] for p in court_list["parameters"]} == {"since", "limit"}
    limit = next(p for p in court_list["parameters"] if p["name"] == "limit")
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
    for path in ("/api/centre/analytics", "/api/centre/analytics.csv"):
        [centre] = document["paths"][path]["get"]["parameters"]
        assert (centre["name"], centre["in"], centre["required"]) == ("centre_id", "query", False)


async def test_court_json_is_described_as_json_with_its_schema(client: Client) -> None:
    document = (await client.get("/openapi.json")).json()
    operation = document["paths"]["/api/court/v1/settlements/{settlement_id}"]["get"]
    content = operation["responses"]["200"]["content"]
    assert content == {
        "application/json": {"schema": {"$ref": "#/components/schemas/SignedSettlement"}}
    }
