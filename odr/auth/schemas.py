"""Request and response bodies of the auth endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from odr.web.schema import Email, Language, Name, RequestModel, ResponseModel

_COMMON_PASSWORDS = frozenset(
    {
        "password",
        "password1",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty123",
        "11111111",
        "qwertyui",
        "iloveyou",
        "00000000",
        "abc12345",
        "passw0rd",
    }
)


def _new_password(value: str) -> str:
    if value.lower() in _COMMON_PASSWORDS:
        raise ValueError("is one of the most common passwords; choose another")
    return value


NewPassword = Annotated[
    str,
    Field(min_length=8, max_length=128, description="At least 8 characters."),
    AfterValidator(_new_password),
]


class SignupIn(RequestModel):
    email: Email
    password: NewPassword
    display_name: Name
    language: Language = "kk"


class LoginIn(RequestModel):
    email: Email
    password: str = Field(min_length=1, max_length=1024)


class UserOut(ResponseModel):
    id: str
    email: str
    display_name: str
    role: str
    language: str


class SessionOut(ResponseModel):
    user: UserOut
    csrf_token: str = Field(
        description="Send back in the X-CSRF-Token header on every state-changing request."
    )
