"""Request and response bodies of the auth endpoints.

Passwords are taken exactly as typed: request models strip whitespace from strings, but a space
at either end of a password is part of it (a trimmed password would also be accepted with
other surrounding spaces, and a pasted one would silently differ from what was stored). How
strong a new password must be is checked by ``strength.require_strong``, which knows the
person's e-mail and name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints

from odr.web.schema import Email, Language, Name, RequestModel, ResponseModel

if TYPE_CHECKING:
    from odr.persistence.models import AuthSession, User

_AS_TYPED = StringConstraints(strip_whitespace=False)

NewPassword = Annotated[
    str,
    _AS_TYPED,
    Field(
        min_length=8,
        max_length=128,
        description="8 to 128 characters, taken as typed (spaces count). Refused with "
        "`password_weak` when easy to guess or containing the e-mail or name.",
    ),
]
Password = Annotated[
    str, _AS_TYPED, Field(min_length=1, max_length=1024, description="Exactly as typed.")
]


class SignupIn(RequestModel):
    email: Email
    password: NewPassword
    display_name: Name
    language: Language = "kk"


class LoginIn(RequestModel):
    email: Email
    password: Password


class PasswordChangeIn(RequestModel):
    current_password: Password
    new_password: NewPassword


class PasswordResetIn(RequestModel):
    email: Email


class PasswordResetConfirmIn(RequestModel):
    token: str = Field(min_length=1, max_length=200, description="From the link's fragment.")
    new_password: NewPassword


class ResetRequestedOut(ResponseModel):
    status: str = Field(description='Always "requested", whether or not the account exists.')
    message: str
    expires_in_minutes: int = Field(
        description="For how long an e-mailed link works (`ODR_PASSWORD_RESET_TTL_S` in whole "
        "minutes), so the page can say it; the same whether or not the account exists."
    )


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


class SessionState(ResponseModel):
    """Who is logged in: nobody is an answer too (both fields null), not an error."""

    user: UserOut | None
    csrf_token: str | None = Field(
        description="Send back in the X-CSRF-Token header on every state-changing request."
    )


def session_out(user: User, session: AuthSession) -> SessionOut:
    return SessionOut(user=UserOut.model_validate(user), csrf_token=session.csrf_token)
