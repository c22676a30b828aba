"""Turn a request body into a validated pydantic model, or a readable 4xx."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from odr.errors import BadRequest, UnsupportedMediaType, ValidationFailed
from odr.web import boundary

ModelT = TypeVar("ModelT", bound=BaseModel)

_FRIENDLY = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
}


async def parse_body(request: Request, model: type[ModelT]) -> ModelT:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in ("", "application/json"):
        raise UnsupportedMediaType(
            f"send the body as application/json (got {media_type!r})",
        )
    raw = await request.body()
    if not raw.strip():
        raise BadRequest("this request needs a JSON object as its body", code="empty_body")
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise BadRequest("the body is not UTF-8 text", code="invalid_json") from None
    except RecursionError:
        raise BadRequest("the body is nested too deeply", code="invalid_json") from None
    except json.JSONDecodeError as exc:
        raise BadRequest(
            f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            code="invalid_json",
        ) from None
    except ValueError:  # an integer past Python's 4300-digit limit for reading text as int
        raise BadRequest(
            "the body holds a number with too many digits", code="invalid_json"
        ) from None
    refuse_bad_text(document)
    try:
        return model.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        raise validation_failed(exc) from None


def refuse_bad_text(document: object) -> None:
    """Any string of the body, in any field (free-form ones too) or key, that no text may hold
    (NUL, a lone surrogate, …: ``odr.web.boundary``) is refused here, naming where it is. Pydantic
    would call a lone surrogate "invalid JSON" without saying which field holds it."""
    found = boundary.first_bad_string(document)
    if found is not None:
        loc, problem = found
        where = field_path(loc) or "body"
        raise ValidationFailed(
            f"the request has invalid fields: {where}: {problem.message}",
            fields=[{"field": where, "message": problem.message, "code": problem.code}],
        )


def validation_failed(exc: ValidationError) -> ValidationFailed:
    fields: list[dict[str, Any]] = []
    for err in exc.errors(include_url=False):
        field: dict[str, Any] = {
            "field": field_path(err["loc"]),
            "message": _message(err),
            "code": err["type"],
        }
        params = rule_params(err.get("ctx"))
        if params:
            field["params"] = params
        fields.append(field)
    summary = "; ".join(f"{f['field'] or 'body'}: {f['message']}" for f in fields[:3])
    return ValidationFailed(f"the request has invalid fields: {summary}", fields=fields)


def rule_params(ctx: dict[str, Any] | None) -> dict[str, int | float | str]:
    """The limits of the rule a value broke (``min_length``, ``max_length``, ``ge``, ``le``…), from
    pydantic's context: a client words the refusal itself, in the reader's language ("at least 8
    characters"), and never needs the English ``message``. Only numbers and short texts are kept
    (a validator's exception object is not a limit); a decimal limit is given as its text."""
    params: dict[str, int | float | str] = {}
    for name, value in (ctx or {}).items():
        if name in ("error", "actual_length") or isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            params[name] = value
        elif isinstance(value, Decimal):
            params[name] = str(value)
        elif isinstance(value, str) and len(value) <= 100:
            params[name] = value
    return params


def _message(err: Any) -> str:
    """Pydantic's text, without the "Value error, " it puts before our own validators' words."""
    friendly = _FRIENDLY.get(err["type"])
    return friendly or str(err["msg"]).removeprefix("Value error, ")


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("issues", 0, "name")`` → ``issues[0].name``; pydantic's union tags are left out."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.startswith(("function-", "tagged-union")) or "[" in part:
            continue
        else:
            path += f".{part}" if path else part
    return path
