"""Base classes and field types shared by every request and response model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from odr.web import boundary

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def _refuse(problem: boundary.Problem | None) -> None:
    if problem is not None:
        raise PydanticCustomError(problem.code, problem.message)


@dataclass(frozen=True)
class Line:
    """A one-line text from outside, at most ``max_length`` characters (its column's size):
    ``Annotated[str, Line(300)]``. No control character, tab or line break
    (``odr.web.boundary``); the JSON Schema says so with ``maxLength`` and ``pattern``."""

    max_length: int
    min_length: int = 1
    free_text = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        if schema["type"] != "str":
            raise TypeError(f"{type(self).__name__} is for str fields, not {source}")
        limited = core_schema.str_schema(
            **{k: v for k, v in schema.items() if k not in ("type", "max_length", "min_length")},
            max_length=self.max_length,
            min_length=self.min_length,
        )
        return core_schema.no_info_after_validator_function(self._check, limited)

    def _check(self, value: str) -> str:
        _refuse(boundary.text_problem(value, free_text=self.free_text))
        return value

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = (
            boundary.FREE_TEXT_PATTERN if self.free_text else boundary.LINE_PATTERN
        )
        return json_schema


@dataclass(frozen=True)
class Prose(Line):
    """Free text (a reason, a comment, a description): like ``Line``, but tab and line breaks
    are allowed."""

    free_text = True


@dataclass(frozen=True)
class IdOf:
    """An id from outside in the exact shape the service makes it (``boundary.HEX_ID``, …):
    ``Annotated[str, IdOf(boundary.HEX_ID)]``. Never trimmed or case-folded."""

    format: boundary.IdFormat

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def _check(self, value: str) -> str:
        _refuse(self.format.problem(value))
        return value

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.update(pattern=f"^{self.format.pattern}$", maxLength=self.format.max_length)
        return json_schema


def _email(value: str) -> str:
    _refuse(boundary.text_problem(value))
    value = value.strip().lower()
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("is not an e-mail address like name@example.kz")
    return value


Email = Annotated[
    str,
    AfterValidator(_email),
    Field(json_schema_extra={"maxLength": 254, "pattern": _EMAIL.pattern}),
]
"""``users.email`` and ``invitations.email`` are 254 characters."""
Name = Annotated[str, Line(200)]
"""A person's name: ``users.display_name``, ``cases.respondent_name`` are 200 characters."""
HexId = Annotated[str, IdOf(boundary.HEX_ID)]


class RequestModel(BaseModel):
    """Request bodies: unknown fields are refused (a typo should not be silently ignored)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ResponseModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ErrorField(ResponseModel):
    field: str
    message: str
    code: str | None = Field(
        default=None,
        description="Stable code of the rule (pydantic's error type, e.g. `missing`, "
        "`greater_than`, or ours, e.g. `iin_invalid`, `instalments_sum`), for translation.",
    )
    params: dict[str, int | float | str] | None = Field(
        default=None,
        description="The limits of the rule, for wording it without `message`: e.g. "
        "`min_length`, `max_length` (characters or items), `ge`, `gt`, `le`, `lt`.",
    )


class ErrorDetail(ResponseModel):
    status: int
    code: str = Field(description="Stable machine-readable code, e.g. `case_not_found`.")
    message: str = Field(description="What went wrong, for a person.")
    fields: list[ErrorField] | None = None


class ErrorBody(ResponseModel):
    """The one shape of every error the HTTP API returns."""

    error: ErrorDetail
