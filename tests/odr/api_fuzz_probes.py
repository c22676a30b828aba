"""Hand-made junk the generator is unlikely to produce, and the same request sent many times at
once, for every operation in the OpenAPI document.

Each probe is a plain request (method, path, query, headers, body) aimed at real objects where the
operation has ids. They are sent over real HTTP to the live server; the test checks each answer
with the same rules as the fuzzer: below 500, and every error in the one shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from tests.builders.interests import CLAIMANT as INTERESTS
from tests.builders.settlement import CLAIMANT_DETAILS
from tests.odr.api_fuzz_world import World

NUL = "\x00"
OVERLONG_ID = "f" * 5000
"""Far past any id, still well under uvicorn's limit for a request line."""
OVERLONG_TEXT = "ә" * 200_000
"""400 kB of Kazakh text: under the 1 MiB body limit, far over every field's limit."""

PATH_JUNK = {
    "nul": quote(NUL, safe=""),
    "overlong": OVERLONG_ID,
    "bad_utf8": "%ff%fe",  # percent-encoded bytes that are not UTF-8
    "dot_segments": "..%2f..%2fetc%2fpasswd",
    "kazakh": quote("әғқ", safe=""),
    "spaces": "%20%20",
    "sql": quote("' OR 1=1 --", safe=""),
}
QUERY_JUNK = [
    "since=%00&limit=%00&centre_id=%00",
    "since=%ff%fe&limit=-1&centre_id=%ff",
    f"since={OVERLONG_ID}&limit=99999999999999999999999&centre_id={OVERLONG_ID}",
    "limit=1e999&limit=2&since=&since=x",
    "%00=%00&%ff=%ff",
]
HEADER_JUNK = {
    "overlong cookie": {"cookie": "kelisim_session=" + "a" * 6000},
    "junk csrf": {"x-csrf-token": "\u00e9" * 300},
    "junk bearer": {"authorization": "Bearer \u00ff" + "x" * 3000},
    "junk accept-language": {"accept-language": ", ".join(["*;q=x"] * 200)},
}
RAW_BODIES = {
    "nul_byte": b"\x00",
    "bad_utf8": b'{"a": "\xff\xfe"}',
    "lone_surrogate": b'{"a": "\\ud800"}',
    "bom": b'\xef\xbb\xbf{"a": 1}',
    "deep_array": b"[" * 100_000 + b"]" * 100_000,
    "deep_object": b'{"a":' * 20_000 + b"1" + b"}" * 20_000,
    "huge_number": b'{"a": 1e999999}',
    "huge_integer": b'{"a": ' + b"9" * 5000 + b"}",
    "duplicate_keys": b'{"a": 1, "a": "x"}',
    "over_limit": b'{"a": "' + b"x" * (1 << 20) + b'"}',
}


@dataclass(frozen=True)
class Probe:
    """One request: ``role`` says whose credentials go with it (see ``role_for``)."""

    kind: str
    method: str
    path: str
    role: str
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    """Sent as latin-1 bytes: HTTP allows those octets, and clients refuse them as text."""
    body: bytes | None = None


@dataclass(frozen=True)
class Operation:
    method: str
    template: str
    path_params: list[str]
    body_properties: list[str] | None  # None: the operation takes no JSON body
    role: str


def operations(document: dict[str, Any], role_of: Any) -> Iterator[Operation]:
    """The document's operations, with what a probe needs to know of each."""
    schemas = document["components"]["schemas"]
    for template, methods in document["paths"].items():
        for method, operation in methods.items():
            params = [p["name"] for p in operation.get("parameters", []) if p["in"] == "path"]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            properties = None
            if body is not None:
                schema = body["schema"]
                if "$ref" in schema:
                    schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
                properties = sorted(schema.get("properties", {}))
            security = [name for s in operation.get("security", []) for name in s]
            yield Operation(
                method.upper(), template, params, properties, role_of(template, security)
            )


def fill(template: str, values: dict[str, str]) -> str:
    path = template
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def pdf_junk(pdf: bytes) -> dict[str, bytes]:
    """Damaged copies of a real signed PDF, and things that only look like one."""
    flipped = bytearray(pdf)
    flipped[len(pdf) // 2] ^= 0xFF
    return {
        "empty": b"",
        "nul": b"\x00" * 4096,
        "header only": b"%PDF-1.7\n%\xff\xff\xff\xff\n",
        "truncated": pdf[: len(pdf) // 2],
        "flipped": bytes(flipped),
        "trailing junk": pdf + b"\x00" * 4096,
        "not a pdf": b"<html>" * 1000,
    }


def probes(operation: Operation, ids: dict[str, list[str]], pdf: bytes) -> Iterator[Probe]:
    """Junk in each place a request carries data, the rest of the request aimed at real objects."""
    method, role = operation.method, operation.role
    real = {name: ids[name][0] for name in operation.path_params}
    path = fill(operation.template, real)
    for name in operation.path_params:
        for kind, junk in PATH_JUNK.items():
            yield Probe(
                f"path {name} {kind}", method, fill(operation.template, {**real, name: junk}), role
            )
    for number, query in enumerate(QUERY_JUNK):
        yield Probe(f"query {number}", method, path, role, query=query)
    json_type = {"content-type": "application/json"}
    for kind, headers in HEADER_JUNK.items():
        yield Probe(f"header {kind}", method, path, role, headers=headers)
    if operation.body_properties is None:
        if method != "GET":  # a raw body (the PDF to verify) or none
            yield Probe(
                "unexpected body", method, path, role, headers=json_type, body=b'{"a": "\\u0000"}'
            )
            for kind, raw in pdf_junk(pdf).items():
                pdf_type = {"content-type": "application/pdf"}
                yield Probe(f"pdf {kind}", method, path, role, headers=pdf_type, body=raw)
        return
    for kind, raw in RAW_BODIES.items():
        yield Probe(f"body {kind}", method, path, role, headers=json_type, body=raw)
    properties = operation.body_properties or ["a"]
    for kind, value in (
        ("nul", NUL),
        ("nul_inside", "a\x00b"),
        ("overlong", OVERLONG_TEXT),
        ("control", "\x1b[2J\x07"),
        ("bidi", "\u202eabc"),
        ("number", 1e308),
        ("nested", {"a": [NUL] * 50}),
    ):
        body = json.dumps({p: value for p in properties}).encode()
        yield Probe(f"body every field {kind}", method, path, role, headers=json_type, body=body)
    for kind, content_type in (
        ("form", "application/x-www-form-urlencoded"),
        ("charset", "application/json; charset=utf-16"),
        ("junk", "\u00e9/\u00e9; ;;="),
    ):
        yield Probe(
            f"content-type {kind}",
            method,
            path,
            role,
            headers={"content-type": content_type},
            body=b'{"a": 1}',
        )


COPIES = 8
"""How many copies of one request are in flight at once."""


def double_submits(world: World) -> list[tuple[Probe, str, dict[str, Any] | None]]:
    """State-changing requests that are valid, aimed at real objects: (probe, template, body)."""
    running, agreed, signed, pending = world.ids["case_id"]
    settlement, centre = world.ids["settlement_id"][0], world.ids["centre_id"][0]
    token = world.notes["invitation"].split("#token=", 1)[1]
    requests: list[tuple[str, str, dict[str, str], str, dict[str, Any] | None]] = [
        ("POST", "/api/auth/signup", {}, "anonymous",
         {"email": "twice@example.kz", "password": "correct horse battery staple",
          "display_name": "Twice"}),
        ("POST", "/api/auth/logout", {}, "claimant", None),
        ("POST", "/api/cases/{case_id}/invitations", {"case_id": pending}, "claimant",
         {"email": "bolat@example.kz"}),
        ("POST", "/api/invitations/accept", {}, "claimant",
         {"token": token, "consent_to_online_mediation": True}),
        ("PUT", "/api/cases/{case_id}/interests", {"case_id": running}, "claimant",
         {"answers": INTERESTS}),
        ("PUT", "/api/cases/{case_id}/settlement/parties/me", {"case_id": agreed}, "claimant",
         CLAIMANT_DETAILS),
        ("PUT", "/api/cases/{case_id}/sharing", {"case_id": running}, "claimant",
         {"interests_with_mediator": True, "record_with_court": True}),
        ("POST", "/api/cases/{case_id}/feedback", {"case_id": signed}, "claimant",
         {"service": 5, "procedure": 4, "fairness": 5, "ease": 4}),
        ("PUT", "/api/court/v1/settlements/{settlement_id}/acknowledgement",
         {"settlement_id": settlement}, "court", {"court_case_number": "7594-26-00-2/17"}),
        ("POST", "/api/centres", {}, "admin",
         {"name": "Twice centre", "region": "Almaty", "languages": ["ru"]}),
        ("POST", "/api/centres/{centre_id}/admins", {"centre_id": centre}, "admin",
         {"email": "dana@fuzz.kelisim.kz"}),
        ("POST", "/api/centre/cases/{case_id}/pause", {"case_id": running}, "mediator",
         {"reason": "a party asked for a week"}),
        ("POST", "/api/centre/cases/{case_id}/resume", {"case_id": running}, "mediator", None),
    ]  # fmt: skip
    out = []
    for method, template, ids, role, body in requests:
        path = template
        for name, value in ids.items():
            path = path.replace("{" + name + "}", value)
        out.append((Probe("concurrent", method, path, role), template, body))
    return out
