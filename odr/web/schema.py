"""Base classes and field types shared by every request and response model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

Language = Literal["kk", "ru", "en"]
LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def _email(value: str) -> str:
    value = value.strip().lower()
    if len(value) > 254 or not _EMAIL.match(value):
        raise ValueError("is not an e-mail address like name@example.kz")
    return value


Email = Annotated[str, AfterValidator(_email)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


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


class ErrorDetail(ResponseModel):
    status: int
    code: str = Field(description="Stable machine-readable code, e.g. `case_not_found`.")
    message: str = Field(description="What went wrong, for a person.")
    fields: list[ErrorField] | None = None


class ErrorBody(ResponseModel):
    """The one shape of every error the HTTP API returns."""

    error: ErrorDetail
