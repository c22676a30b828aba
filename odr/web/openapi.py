"""OpenAPI 3.1 generated from the endpoint registry and the pydantic models it names."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from odr import __version__
from odr.web.api import Endpoint
from odr.web.schema import ErrorBody

_REF = "#/components/schemas/{model}"
_STATUS_TEXT = {
    200: "OK",
    201: "Created",
    204: "No content",
    400: "Malformed request",
    401: "Not logged in",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    410: "Gone",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid fields",
    429: "Too many attempts",
    503: "Not ready",
}


def openapi_document(endpoints: list[Endpoint]) -> dict[str, Any]:
    models: set[type[BaseModel]] = {ErrorBody}
    for e in endpoints:
        models.update(m for m in (e.body, e.response) if m is not None)
    ordered = sorted(models, key=lambda m: m.__name__)
    keyed: list[tuple[type[BaseModel], Literal["validation", "serialization"]]] = [
        (m, "validation" if _is_body(m, endpoints) else "serialization") for m in ordered
    ]
    refs, defs = models_json_schema(keyed, ref_template=_REF)
    paths: dict[str, dict[str, Any]] = {}
    for e in endpoints:
        paths.setdefault(e.path, {})[e.method.lower()] = _operation(e, refs)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Kelisim API",
            "version": __version__,
            "description": "Online dispute resolution. Errors always have the ErrorBody shape. "
            "State-changing requests with a session cookie need the X-CSRF-Token header.",
        },
        "paths": paths,
        "components": {
            "schemas": defs.get("$defs", {}),
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": "kelisim_session"},
                "court": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A court client's API token (odr create-court-client).",
                },
            },
        },
    }


def _is_body(model: type[BaseModel], endpoints: list[Endpoint]) -> bool:
    return any(e.body is model for e in endpoints)


def _operation(e: Endpoint, refs: dict[Any, Any]) -> dict[str, Any]:
    def ref(model: type[BaseModel]) -> dict[str, Any]:
        mode = "validation" if e.body is model else "serialization"
        schema: dict[str, Any] = refs[(model, mode)]
        return schema

    operation: dict[str, Any] = {
        "operationId": e.operation_id,
        "summary": e.summary,
        "tags": [e.tag],
        "responses": {},
    }
    parameters = [p.openapi() for p in e.path_params] + [p.openapi() for p in e.query_params]
    if parameters:
        operation["parameters"] = parameters
    if e.body is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": ref(e.body)}},
        }
    if e.scheme is not None:
        operation["security"] = [{e.scheme: []}]
    ok: dict[str, Any] = {"description": _STATUS_TEXT.get(e.status, "OK")}
    if e.response is not None:
        ok["content"] = {e.media_type or "application/json": {"schema": ref(e.response)}}
    elif e.media_type is not None:
        ok["content"] = {e.media_type: {"schema": {"type": "string", "format": "binary"}}}
    has_content = e.response is not None or e.media_type is not None
    operation["responses"][str(e.status if has_content or e.status != 200 else 204)] = ok
    error_codes = (
        set(e.errors)
        | ({400, 413, 415, 422} if e.body is not None else set())
        | ({404} if e.path_params else set())
        | ({422} if e.query_params else set())
    )
    for status in sorted(error_codes):
        operation["responses"][str(status)] = {
            "description": _STATUS_TEXT.get(status, "Error"),
            "content": {"application/json": {"schema": refs[(ErrorBody, "serialization")]}},
        }
    return operation
