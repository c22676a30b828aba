"""No input from outside gets a 500: every endpoint, fed garbage, answers 4xx in the one shape.

Everything is derived from the registry, so a new endpoint is covered without touching this file:
random JSON bodies; NUL, a lone surrogate, control characters and overlong text in every string
field its body model declares (each refused naming that field); and NUL, overlong and malformed
values in every path parameter and declared query parameter. On both backends: PostgreSQL is the
one that refuses NUL and overlong ``varchar`` values, so it is where a missed check shows.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from starlette.applications import Starlette

from odr.court.clients import add_court, issue_client
from odr.web.api import Endpoint
from tests.builders.app import services_of
from tests.conftest import Client, MakeClient, assert_error


def random_json(rng: random.Random, depth: int = 0) -> Any:
    kinds = ["null", "bool", "int", "float", "str", "list", "dict"] if depth < 3 else ["str", "int"]
    kind = rng.choice(kinds)
    if kind == "null":
        return None
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "int":
        return rng.choice([0, -1, 2**63, 10**30, rng.randint(-1000, 1000)])
    if kind == "float":
        return rng.choice([0.5, -1e308, 1e-300, rng.uniform(-1e6, 1e6)])
    if kind == "str":
        return rng.choice(["", "a", "ә ғ қ ң ө ұ ү һ і", "\u0000", "x" * 300, "KZT", "claimant"])
    if kind == "list":
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = [
        "email",
        "password",
        "token",
        "issues",
        "category",
        "subject",
        "claim",
        "options",
        "range",
        "language",
        "respondent",
        "consent_to_online_mediation",
        "name",
        "min",
    ]
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randint(0, 5))}


FIXED_BODIES = [
    b"",
    b"null",
    b"[]",
    b"{}",
    b'"text"',
    b"123",
    b"{bad",
    b"[" * 5000,
    b'{"a": NaN}',
    b"\xff\xfe\x00",
    '{"email": "ә@ә.kz"}'.encode(),
    b'{"email": 1, "password": []}',
    b'{"a": ' + b"9" * 5000 + b"}",  # past Python's 4300-digit limit: ValueError, not JSON's
]


def well_formed_path(endpoint: Endpoint, **bad: str) -> str:
    """The endpoint's path with a well-formed id in each parameter (or the ``bad`` one given)."""
    path = endpoint.path
    for param in endpoint.path_params:
        value = bad.get(param.name, param.format.example)
        path = path.replace("{" + param.name + "}", quote(value, safe=""))
    return path


@pytest.fixture
async def fuzz_client(app: Starlette, make_client: MakeClient) -> Client:
    """A party with a session that is also a court's API client, so every endpoint, party's or
    court's, gets as far as validating what it was sent."""
    client: Client = make_client()
    await client.signup("fuzz@example.kz")
    services = services_of(app)
    async with services.sessions() as db:
        await add_court(db, "ASTANA-1", "Суд №1 г. Астаны", services.clock())
        issued = await issue_client(db, "ASTANA-1", "fuzz", services.clock())
        await db.commit()
    client.headers["authorization"] = f"Bearer {issued.token}"
    return client


async def test_every_endpoint_answers_garbage_with_a_4xx(
    fuzz_client: Client, app: Starlette
) -> None:
    client = fuzz_client
    rng = random.Random(20261122)
    bodies = FIXED_BODIES + [json.dumps(random_json(rng)).encode() for _ in range(60)]
    for endpoint in services_of(app).api.endpoints:
        path = well_formed_path(endpoint)
        for body in bodies if endpoint.method != "GET" else [b""]:
            response = await client.request(
                endpoint.method, path, content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code < 500, (endpoint.path, body[:80], response.text)
            if response.status_code >= 400:
                assert_error(response, response.status_code)


# -- text and ids from outside (odr.web.boundary) ---------------------------------------------

BAD_TEXT = {  # JSON text, sent as written: escapes, not the characters
    "nul": r"a\u0000b",
    "lone_surrogate": r"a\ud800b",  # a JSON escape: valid JSON, not valid Unicode
    "escape": r"a\u001b[31mb",
    "c1": r"a\u0085b",
    "noncharacter": r"a\uffffb",
}


def string_fields(
    schema: dict[str, Any], defs: dict[str, Any], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every string field a JSON Schema declares (through $ref, nullable anyOf, arrays), with
    its path and its own schema."""
    if "$ref" in schema:
        yield from string_fields(defs[schema["$ref"].rsplit("/", 1)[1]], defs, path)
        return
    options = [o for o in schema.get("anyOf", []) if o.get("type") != "null"]
    if len(options) == 1:
        yield from string_fields(options[0], defs, path)
    elif schema.get("type") == "string" and path:
        yield path, schema
    elif schema.get("type") == "array" and "items" in schema:
        yield from string_fields(schema["items"], defs, (*path, 0))
    elif schema.get("type") == "object":
        for name, sub in schema.get("properties", {}).items():
            yield from string_fields(sub, defs, (*path, name))


def body_with(path: tuple[str | int, ...], raw_value: str) -> str:
    """A JSON body holding only ``raw_value`` (already JSON text) at ``path``."""
    text = raw_value
    for part in reversed(path):
        text = f"[{text}]" if isinstance(part, int) else f"{{{json.dumps(part)}: {text}}}"
    return text


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


async def test_every_string_field_refuses_bad_text_and_overlong_text_naming_it(
    fuzz_client: Client, app: Starlette
) -> None:
    checked = 0
    for endpoint in services_of(app).api.endpoints:
        if endpoint.body is None:
            continue
        schema = endpoint.body.model_json_schema()
        defs = schema.get("$defs", {})
        for path, field in string_fields(schema, defs):
            values = dict(BAD_TEXT)
            if "enum" not in field and "const" not in field and "format" not in field:
                assert "maxLength" in field, f"{endpoint.body.__name__}.{dotted(path)} has no cap"
                values["overlong"] = "x" * (field["maxLength"] + 1)
            for kind, value in values.items():
                raw = json.dumps(value) if kind == "overlong" else f'"{value}"'
                response = await fuzz_client.request(
                    endpoint.method,
                    well_formed_path(endpoint),
                    content=body_with(path, raw).encode(),
                    headers={"content-type": "application/json"},
                )
                where = (endpoint.method, endpoint.path, dotted(path), kind)
                error = assert_error(response, 422, "validation_failed")
                assert dotted(path) in [f["field"] for f in error["fields"]], (where, error)
                checked += 1
    assert checked > 300  # every body model's every string field, several ways


BAD_PARAMS = ["a%00b", "%ED%A0%80", "%1B", "f" * 5000, "%20" + "f" * 31, "..", "%25"]


async def test_every_path_and_query_parameter_refuses_bad_values(
    fuzz_client: Client, app: Starlette
) -> None:
    checked = 0
    for endpoint in services_of(app).api.endpoints:
        for param in endpoint.path_params:
            for bad in BAD_PARAMS:
                path = well_formed_path(endpoint).replace(
                    quote(param.format.example, safe=""), bad, 1
                )
                response = await fuzz_client.request(endpoint.method, path)
                assert response.status_code < 500, (endpoint.path, bad, response.text)
                if response.status_code != 405:  # ".." can leave the route; still no 500
                    assert_error(response, response.status_code)
                checked += 1
        for query in endpoint.query_params:
            for bad in [*BAD_PARAMS, "-1", "²", "1e3", ""]:
                url = f"{well_formed_path(endpoint)}?{query.name}={bad}"
                response = await fuzz_client.request(endpoint.method, url)
                assert response.status_code < 500, (endpoint.path, bad, response.text)
                if response.status_code >= 400:
                    error = assert_error(response, response.status_code)
                    assert response.status_code != 422 or error["fields"][0]["field"] == query.name
                checked += 1
            twice = f"{well_formed_path(endpoint)}?{query.name}=1&{query.name}=2"
            assert_error(await fuzz_client.request(endpoint.method, twice), 422)
    assert checked > 100


async def test_a_broken_rule_names_its_code_and_limits_so_a_client_can_word_it(
    client: Client,
) -> None:
    """A short password and an overlong name at sign-up: each refused field carries pydantic's
    stable code and the rule's limit (``params``), so the browser says "at least 8 characters" in
    Kazakh or Russian without reading the English ``message``; an exception object never leaks."""
    response = await client.post(
        "/api/auth/signup",
        json={"email": "a@example.kz", "password": "short", "display_name": "Ә" * 201},
    )
    assert response.status_code == 422
    fields = {f["field"]: f for f in response.json()["error"]["fields"]}
    assert fields["password"]["code"] == "string_too_short"
    assert fields["password"]["params"] == {"min_length": 8}
    assert fields["display_name"]["code"] == "string_too_long"
    assert fields["display_name"]["params"] == {"max_length": 200}
    response = await client.post(
        "/api/auth/signup",
        json={"email": "a@example.kz", "password": "x" * 12, "display_name": "A", "language": "xx"},
    )
    (field,) = response.json()["error"]["fields"]
    assert field["field"] == "language"
    assert all(isinstance(v, int | float | str) for v in field.get("params", {}).values())
