"""Schemathesis over every operation in ``/openapi.json``, against the real service on PostgreSQL,
then hand-made junk and concurrent repeats for every operation.

What holds, for every request sent:

- no response is a 5xx (``not_a_server_error``);
- every 4xx/5xx has the one error shape ``{"error": {"status", "code", "message", "fields"?}}``
  with ``status`` equal to the HTTP status (``error_shape``, ours);
- every status code, content type, header and 2xx body is one the document promises
  (``status_code_conformance``, ``content_type_conformance``, ``response_headers_conformance``,
  ``response_schema_conformance``).

Not schemathesis' ``positive_data_acceptance`` and ``negative_data_rejection``: the first wants
every schema-valid body accepted, but JSON Schema cannot say "an IIN with a valid check digit",
"a password not easy to guess" or "the version you last read", so rules like these answer 4xx on
schema-valid data by design; the second counts a request generated without the session cookie as
accepted once we add the cookie the operation needs.

Requests are sent as a party of real cases (session cookie and ``X-CSRF-Token``), as the court the
signed settlement is addressed to (bearer token), as the centre's mediator or administrator, or as
nobody, according to what the operation is for; most ids in paths are replaced by those of real
objects (a case in each state, the settlement, its verification code, the centre), so requests get
past the 404 to the code behind it. Each operation has sessions of its own, opened before the run:
one operation (logout) ends the session it is sent with, and the fuzzed login would soon throttle
new logins from this address.

Why a real uvicorn server rather than schemathesis' ASGI transport: requests cross uvicorn's HTTP
parser as in production, so junk in a path or header arrives as it would when deployed; and the
app, its engine and pools keep one event loop of their own (``api_fuzz_world.LiveServer``). The run
is deterministic: Hypothesis is derandomized, operations run in the document's order, one request
at a time, without shrinking or an example database (the concurrency probe is the exception, on
purpose).

Failures do not stop the run: each is counted by check and the first example per (check,
operation, kind) is kept with the request to reproduce it; the test fails at the end with all of
them and prints its figures either way (``-s`` shows them):

    .venv/bin/python -m pytest tests/odr/test_api_fuzz.py -q -s -p no:cacheprovider
"""

from __future__ import annotations

import asyncio
import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import hypothesis
import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.applications import Starlette

from odr.settings import Settings
from tests.builders.app import services_of
from tests.odr.api_fuzz_probes import COPIES, Probe, double_submits, operations, probes
from tests.odr.api_fuzz_world import (
    ANONYMOUS,
    Identity,
    LiveServer,
    World,
    build_world,
    log_in,
    serving,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

MAX_EXAMPLES = 25
"""Generated examples per operation, valid and invalid, on top of schemathesis' coverage phase
(its systematic boundary and type-violation cases), which is most of the requests."""

CONFIG = {
    "generation": {
        "mode": "all",
        "max-examples": MAX_EXAMPLES,
        "deterministic": True,
        "no-shrink": True,
        "database": "none",
    },
    "phases": {
        "examples": {"enabled": False},  # the document has no examples
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
        "stateful": {"enabled": False},
    },
}
CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def shape_problem(status: int, content_type: str, content: bytes) -> str | None:
    """What is wrong with an error answer, or None when it has the one error shape."""
    if not content_type.startswith("application/json"):
        return f"{status} sent as {content_type!r}: {content[:200]!r}"
    try:
        body = json.loads(content)
    except ValueError:
        return f"{status} is not JSON: {content[:200]!r}"
    if not (isinstance(body, dict) and set(body) == {"error"} and isinstance(body["error"], dict)):
        return f"not {{'error': {{…}}}}: {body!r:.300}"
    error = body["error"]
    if not {"status", "code", "message"} <= set(error) <= {"status", "code", "message", "fields"}:
        return f"error has the keys {sorted(error)}"
    if error["status"] != status:
        return f"error.status is {error['status']!r} but the HTTP status is {status}"
    if not (isinstance(error["code"], str) and CODE.match(error["code"])):
        return f"error.code {error['code']!r} is not a snake_case code"
    if not (isinstance(error["message"], str) and error["message"].strip()):
        return "error.message is empty"
    fields = error.get("fields")
    if fields is not None and not (
        isinstance(fields, list)
        and all(isinstance(f, dict) and {"field", "message"} <= set(f) for f in fields)
    ):
        return f"error.fields is {fields!r:.300}"
    return None


def error_shape(ctx: Any, response: schemathesis.Response, case: schemathesis.Case[Any]) -> None:
    """Every 4xx/5xx is JSON in the one error shape and says the status it was sent with."""
    if response.status_code >= 400:
        content_type = response.headers.get("content-type", [""])[0]
        problem = shape_problem(response.status_code, content_type, response.content)
        assert problem is None, problem


CHECKS: list[Callable[..., Any]] = [
    not_a_server_error,
    error_shape,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


def role_for(path: str, security: list[str]) -> str:
    """Whose credentials an operation is sent with: the account it is meant for."""
    if "court" in security:
        return "court"
    if not security:
        return "anonymous"
    if path.startswith(("/api/centres", "/api/centre/analytics")) or path.endswith("/reassign"):
        return "admin"
    if path.startswith("/api/centre/"):
        return "mediator"
    return "claimant"


@dataclass
class Example:
    """The first request that failed a check in some way, to reproduce it."""

    request: str
    status: int
    response: str
    message: str


@dataclass
class Tally:
    """What a run sent and what it found, printed at the end for the closing note."""

    name: str
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    real: int = 0  # requests aimed at real objects
    answered: int = 0  # … which got something other than a 404
    failures: Counter[str] = field(default_factory=Counter)  # by check
    examples: dict[tuple[str, str, str], Example] = field(default_factory=dict)

    def sent(self, operation: str, status: int, real: bool) -> None:
        self.operations.add(operation)
        self.requests += 1
        self.statuses[status] += 1
        self.real += real
        self.answered += real and status != 404

    def failed(self, check: str, operation: str, kind: str, example: Example) -> None:
        self.failures[check] += 1
        self.examples.setdefault((check, operation, kind), example)

    def summary(self) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        by_check = ", ".join(f"{check} {n}" for check, n in sorted(self.failures.items()))
        return (
            f"{self.name}: {len(self.operations)} operations, {self.requests} requests "
            f"({statuses}); {self.real} aimed at real objects, {self.answered} of them answered "
            f"other than 404; failures: {sum(self.failures.values())} ({by_check or 'none'}) "
            f"in {len(self.examples)} distinct (check, operation, kind)"
        )

    def report(self) -> str:
        lines = [self.summary(), ""]
        for (check, operation, kind), example in sorted(self.examples.items()):
            lines += [
                f"--- {check} on {operation}: {kind}",
                f"    {example.request[:600]}",
                f"    -> {example.status} {example.response}",
                "    " + example.message.replace("\n", "\n    "),
                "",
            ]
        return "\n".join(lines)


@dataclass
class Fuzz:
    """The live server, the world in it, a session per operation, and the tally."""

    server: LiveServer
    world: World
    sessions: dict[str, Identity]
    tally: Tally

    def identity(self, method: str, path: str, security: list[str]) -> Identity:
        role = role_for(path, security)
        if role == "anonymous":
            return ANONYMOUS
        if role == "court":
            return Identity("court", headers=self.world.court_headers)
        return self.sessions[f"{method} {path}"]

    def aim(self, case: schemathesis.Case[Any]) -> bool:
        """Point the ids in the path (and ``centre_id`` in a query) at real objects.

        Coverage-phase cases that test an id parameter itself (empty, NUL, overlong, wrong type)
        keep their value; the other coverage cases get a real id, and so do two fuzzed cases in
        three. The choice hashes the generated values, so the same run makes the same choices.
        """
        ids = self.world.ids
        targets = [
            (where, name)
            for where, values in (("path", case.path_parameters), ("query", case.query))
            for name in values or {}
            if name in ids
        ]
        if not targets:
            return False
        digest = zlib.crc32(repr(sorted((case.path_parameters or {}).items())).encode())
        meta = case.meta
        if meta is not None:
            tested = getattr(meta.phase.data, "parameter", None)
            if tested in ids and getattr(meta.phase.data, "parameter_location", None) in (
                ParameterLocation.PATH,
                ParameterLocation.QUERY,
            ):
                return False
            if meta.phase.name == TestPhase.FUZZING and digest % 3 == 0:
                return False
        for where, name in targets:
            values = case.path_parameters if where == "path" else case.query
            assert values is not None
            values[name] = ids[name][digest % len(ids[name])]
        return True

    def send(self, case: schemathesis.Case[Any]) -> None:
        operation = case.operation
        identity = self.identity(operation.method.upper(), operation.path, _security(operation))
        real = self.aim(case)
        response = case.call(headers=identity.headers, cookies=identity.cookies, timeout=60)
        self.tally.sent(operation.label, response.status_code, real)
        for check in CHECKS:
            try:
                case.validate_response(response, checks=[check], headers=identity.headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    example = Example(
                        request=case.as_curl_command(headers=dict(response.request.headers)),
                        status=response.status_code,
                        response=response.content[:400].decode("utf-8", "replace"),
                        message=str(failure)[:1500],
                    )
                    self.tally.failed(check.__name__, operation.label, failure.title, example)


def _security(operation: Any) -> list[str]:
    requirements = operation.definition.raw.get("security", [])
    return [name for requirement in requirements for name in requirement]


async def sessions_for(app: Starlette, world: World) -> dict[str, Identity]:
    sessions = {}
    for e in services_of(app).api.endpoints:
        role = role_for(e.path, [e.scheme] if e.scheme else [])
        if role in world.emails:
            sessions[f"{e.method} {e.path}"] = await log_in(app, world.emails[role])
    return sessions


@pytest.fixture
def fuzz(settings: Settings, request: pytest.FixtureRequest) -> Iterator[Fuzz]:
    tally = Tally(request.node.name)
    with serving(settings) as server:
        world = server.run(build_world)
        yield Fuzz(server, world, server.run(lambda app: sessions_for(app, world)), tally)
    print("\n" + tally.summary())
    assert tally.requests, "nothing was sent"
    assert not tally.failures, tally.report()


@pytest.fixture
def api_schema(fuzz: Fuzz, request: pytest.FixtureRequest) -> Any:
    # schemathesis 4.32's lazy loader reads and renames ``Node._nodeid``, which pytest 9.2 no
    # longer has (it keeps ``_id``): give this one item the attribute it looks for.
    request.node._nodeid = request.node.nodeid
    config = schemathesis.Config.from_dict(CONFIG)
    return schemathesis.openapi.from_url(f"{fuzz.server.url}/openapi.json", config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
@hypothesis.settings(deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
@schema.parametrize()
def test_every_operation_keeps_its_contract(case: schemathesis.Case[Any], fuzz: Fuzz) -> None:
    """Generated requests; the checks run in ``Fuzz.send``, the verdict comes at teardown."""
    fuzz.send(case)


# -- junk the generator rarely makes, and the same request many times at once -----------------


def record(fuzz: Fuzz, template: str, probe: Probe, response: httpx.Response) -> None:
    operation = f"{probe.method} {template}"
    fuzz.tally.sent(operation, response.status_code, real=True)
    status = response.status_code
    problem = f"{status}: a server error" if status >= 500 else None
    if status >= 400:
        shape = shape_problem(status, response.headers.get("content-type", ""), response.content)
        problem = " and ".join(p for p in (problem, shape) if p) or None
    if problem is not None:
        request = response.request
        example = Example(
            request=f"{request.method} {request.url} headers={dict(request.headers)!r:.300} "
            f"body={(probe.body or b'')[:200]!r}",
            status=status,
            response=response.content[:400].decode("utf-8", "replace"),
            message=problem,
        )
        check = "not_a_server_error" if status >= 500 else "error_shape"
        fuzz.tally.failed(check, operation, probe.kind, example)


def credentials(fuzz: Fuzz, probe: Probe, template: str) -> tuple[dict[str, str], dict[str, str]]:
    security = {"court": ["court"], "anonymous": []}.get(probe.role, ["session"])
    identity = fuzz.identity(probe.method, template, security)
    headers = {**identity.headers, **probe.headers}
    return identity.cookies, headers


def latin1(headers: dict[str, str]) -> dict[bytes, bytes]:
    return {name.encode(): value.encode("latin-1") for name, value in headers.items()}


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_junk_in_every_place_of_every_operation(fuzz: Fuzz) -> None:
    """NUL, overlong, invalid UTF-8 and odd headers, in paths, queries, headers and bodies."""
    document = httpx.get(f"{fuzz.server.url}/openapi.json").json()
    with httpx.Client(base_url=fuzz.server.url, timeout=60) as client:
        settlement = fuzz.world.ids["settlement_id"][0]
        pdf = client.get(
            f"/api/court/v1/settlements/{settlement}/pdf", headers=fuzz.world.court_headers
        )
        assert pdf.status_code == 200, pdf.text
        for operation in operations(document, role_for):
            for probe in probes(operation, fuzz.world.ids, pdf.content):
                cookies, headers = credentials(fuzz, probe, operation.template)
                url = probe.path + (f"?{probe.query}" if probe.query else "")
                client.cookies.clear()
                client.cookies.update(cookies)
                response = client.request(
                    probe.method, url, headers=latin1(headers), content=probe.body
                )
                record(fuzz, operation.template, probe, response)


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_the_same_request_many_times_at_once(fuzz: Fuzz) -> None:
    """Valid state changes submitted 8 times at once: every answer below 500, in the one shape."""

    async def burst(probe: Probe, template: str, body: Any) -> list[httpx.Response]:
        cookies, headers = credentials(fuzz, probe, template)
        async with httpx.AsyncClient(base_url=fuzz.server.url, timeout=60) as client:
            client.cookies.update(cookies)
            calls = [
                client.request(probe.method, probe.path, headers=headers, json=body)
                for _ in range(COPIES)
            ]
            return list(await asyncio.gather(*calls))

    for probe, template, body in double_submits(fuzz.world):
        for response in asyncio.run(burst(probe, template, body)):
            record(fuzz, template, probe, response)
