"""Path and query parameters as endpoints declare them: format, parsing, and the OpenAPI entry.

Every ``{name}`` in an endpoint's path has a declared ``PathParam`` (its id format and the 404 the
route gives for an id it does not know), and every query parameter an endpoint reads is a
``QueryParam`` (type, bounds, whether required). The registry (``odr.web.api``) checks them
before the handler runs and before any query, and ``odr.web.openapi`` lists them, so what the
document says is what the code accepts.

A path id in a shape the service never makes cannot name anything: it gets the same 404, code and
message as a well-formed id that names nothing (``docs/api.md``). A query parameter that is
malformed, out of bounds, repeated, unknown or missing gets 422 ``validation_failed`` naming it,
like a body field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from odr.errors import NotFound, ValidationFailed
from odr.web import boundary

_INTEGER = re.compile(r"-?[0-9]{1,18}", re.ASCII)


@dataclass(frozen=True)
class PathParam:
    name: str
    format: boundary.IdFormat
    not_found_code: str
    not_found_message: str
    description: str = ""

    def check(self, value: str) -> None:
        if self.format.problem(value) is not None:
            raise NotFound(self.not_found_message, code=self.not_found_code)

    def openapi(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "in": "path",
            "required": True,
            "description": self.description or f"{self.format.name} ({self.format.example})",
            "schema": {
                "type": "string",
                "pattern": f"^{self.format.pattern}$",
                "maxLength": self.format.max_length,
            },
        }


@dataclass(frozen=True)
class QueryParam:
    """A query parameter: ``kind`` "integer" (ASCII digits, within ``minimum``/``maximum``) or
    "string" (one line, ``min_length``–``max_length``, of ``format`` when given). ``parse`` turns
    the checked text into what the handler gets, raising ``ValueError`` with a message for people
    when it cannot. ``refusal_code``, when given, is the field's code for a value of the wrong
    format or one ``parse`` refuses (e.g. ``bad_cursor``)."""

    name: str
    description: str
    kind: Literal["integer", "string"] = "string"
    required: bool = False
    default: int | str | None = None
    minimum: int | None = None
    maximum: int | None = None
    min_length: int = 1
    max_length: int = 200
    format: boundary.IdFormat | None = None
    parse: Callable[[str], Any] | None = None
    refusal_code: str | None = None

    def value(self, raw: str) -> Any:
        """The parsed value, or ``boundary.Problem`` saying why ``raw`` is refused."""
        problem = self._problem(raw)
        if problem is not None:
            return problem
        value: Any = int(raw) if self.kind == "integer" else raw
        if self.parse is not None:
            try:
                value = self.parse(raw)
            except ValueError as exc:
                return boundary.Problem(self.refusal_code or "invalid", str(exc))
        return value

    def _problem(self, raw: str) -> boundary.Problem | None:
        text = boundary.text_problem(raw) or boundary.length_problem(
            raw, min_length=self.min_length, max_length=self.max_length
        )
        if text is not None:
            return text
        if self.kind == "integer":
            if not _INTEGER.fullmatch(raw):
                return boundary.Problem("int_parsing", "must be a whole number, like 50")
            number = int(raw)
            if self.minimum is not None and number < self.minimum:
                return boundary.Problem("greater_than_equal", f"must be at least {self.minimum}")
            if self.maximum is not None and number > self.maximum:
                return boundary.Problem("less_than_equal", f"must be at most {self.maximum}")
        if self.format is not None:
            problem = self.format.problem(raw)
            if problem is not None and self.refusal_code is not None:
                return boundary.Problem(self.refusal_code, problem.message)
            return problem
        return None

    def openapi(self) -> dict[str, Any]:
        schema: dict[str, Any]
        if self.kind == "integer":
            schema = {"type": "integer"}
            if self.minimum is not None:
                schema["minimum"] = self.minimum
            if self.maximum is not None:
                schema["maximum"] = self.maximum
        elif self.format is not None:
            schema = {
                "type": "string",
                "pattern": f"^{self.format.pattern}$",
                "maxLength": self.format.max_length,
            }
        else:
            schema = {
                "type": "string",
                "minLength": self.min_length,
                "maxLength": self.max_length,
                "pattern": boundary.LINE_PATTERN,
            }
        if self.default is not None:
            schema["default"] = self.default
        return {
            "name": self.name,
            "in": "query",
            "required": self.required,
            "description": self.description,
            "schema": schema,
        }


Param = PathParam | QueryParam

CASE_ID = PathParam(
    "case_id",
    boundary.HEX_ID,
    "case_not_found",
    "there is no case with this id among your cases",
    "The case's id (32 characters 0-9 a-f).",
)
VERIFICATION_CODE = PathParam(
    "code",
    boundary.VERIFICATION_CODE,
    "unknown_verification_code",
    "no signed settlement has this verification code; check it letter by letter",
    "The verification code printed on the settlement, XXXXX-XXXXX (either case).",
)
SHARED_PATH_PARAMS: dict[str, PathParam] = {p.name: p for p in (CASE_ID, VERIFICATION_CODE)}
"""Path parameters several modules use, with one meaning; others are declared by their endpoint."""


def path_params_for(path: str, declared: Iterable[Param]) -> tuple[PathParam, ...]:
    """The ``PathParam`` of every ``{name}`` in ``path``; an undeclared one is a programming
    error found when the module is imported, so no route can read an unchecked path value."""
    given = {p.name: p for p in declared if isinstance(p, PathParam)}
    names = re.findall(r"{(\w+)}", path)
    unused = set(given) - set(names)
    if unused:
        raise TypeError(f"{path} declares path parameters it does not have: {sorted(unused)}")
    missing = [n for n in names if n not in given and n not in SHARED_PATH_PARAMS]
    if missing:
        raise TypeError(f"{path}: declare the format of path parameter(s) {missing} (PathParam)")
    return tuple(given.get(n) or SHARED_PATH_PARAMS[n] for n in names)


def check_path(params: tuple[PathParam, ...], values: dict[str, str]) -> None:
    for param in params:
        param.check(values[param.name])


def parse_query(params: tuple[QueryParam, ...], items: list[tuple[str, str]]) -> dict[str, Any]:
    """The declared query parameters' values (their defaults when absent); every problem at once,
    named like body fields."""
    by_name = {p.name: p for p in params}
    seen: dict[str, list[str]] = {}
    fields: list[dict[str, str]] = []
    for name, raw in items:
        if name not in by_name:
            fields.append(
                {
                    "field": boundary.printable(name),
                    "message": "is not a known query parameter",
                    "code": "extra_forbidden",
                }
            )
        else:
            seen.setdefault(name, []).append(raw)
    values: dict[str, Any] = {}
    for param in params:
        given = seen.get(param.name, [])
        if len(given) > 1:
            fields.append({"field": param.name, "message": "give it once", "code": "repeated"})
        elif not given:
            if param.required:
                fields.append({"field": param.name, "message": "is required", "code": "missing"})
            values[param.name] = param.default
        else:
            value = param.value(given[0])
            if isinstance(value, boundary.Problem):
                fields.append({"field": param.name, "message": value.message, "code": value.code})
            values[param.name] = value
    if fields:
        summary = "; ".join(f"{f['field']}: {f['message']}" for f in fields[:3])
        raise ValidationFailed(
            f"the request has invalid query parameters: {summary}", fields=fields
        )
    return values
