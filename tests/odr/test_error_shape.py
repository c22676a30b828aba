"""No input from outside gets a 500: every endpoint, fed garbage, answers 4xx in the one shape."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from tests.conftest import assert_error


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
]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
async def test_every_endpoint_answers_garbage_with_a_4xx(make_client: Any, app: Any) -> None:
    client = make_client()
    await client.signup("fuzz@example.kz")
    rng = random.Random(20261122)
    bodies = FIXED_BODIES + [json.dumps(random_json(rng)).encode() for _ in range(60)]
    for endpoint in app.state.api.endpoints:
        path = endpoint.path.replace("{case_id}", "f" * 32)
        for body in bodies if endpoint.method != "GET" else [b""]:
            response = await client.request(
                endpoint.method, path, content=body, headers={"content-type": "application/json"}
            )
            assert response.status_code < 500, (endpoint.path, body[:80], response.text)
            if response.status_code >= 400:
                assert_error(response, response.status_code)
