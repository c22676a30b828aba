"""Is a new password good enough? zxcvbn's estimate, plus "not your own e-mail or name".

A list of a dozen common passwords let most of the real top lists through; zxcvbn estimates how
many guesses a password takes from dictionaries (common passwords, names, words), keyboard
patterns, dates, repeats and l33t substitutions. We refuse a score below 3 ("safely
unguessable: moderate protection from an offline attack", about 10^8 guesses and up). The
person's e-mail and name are passed as extra dictionary words, and a password that simply
contains either is refused outright: they are the first guesses of anyone who knows whom they
attack.

The estimate is pure Python (a few ms, up to ~90 ms for 128 characters), so it runs off the
event loop. Length bounds are the request models' job (``schemas.NewPassword``).
"""

from __future__ import annotations

import asyncio
import re

from zxcvbn import zxcvbn

from odr.errors import ValidationFailed

MIN_SCORE = 3
MAX_LENGTH = 128
_MIN_PERSONAL = 3  # shorter pieces of a name ("Li") are too common to refuse on sight


def personal_words(email: str, name: str) -> list[str]:
    """The pieces of an e-mail's local part and a name that a password must not contain."""
    local = email.split("@", 1)[0].lower()
    pieces = {local, *re.split(r"[\W_]+", local), *re.split(r"[\W_]+", name.lower())}
    return sorted(p for p in pieces if len(p) >= _MIN_PERSONAL)


def weakness(password: str, *, email: str, name: str) -> str | None:
    """Why ``password`` is too weak, in plain words; None when it is good enough."""
    lowered = password.lower()
    words = personal_words(email, name)
    if any(word in lowered for word in words):
        return "it contains your e-mail address or your name; choose one that does not"
    result = zxcvbn(password, user_inputs=words, max_length=MAX_LENGTH)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    reason = feedback["warning"] or "it is too easy to guess"
    advice = " ".join(feedback["suggestions"]) or "Use a few uncommon words together."
    return f"{reason.rstrip('.')}. {advice}"


async def require_strong(password: str, *, email: str, name: str, field: str) -> None:
    """Raise 422 ``password_weak`` (at ``field``) when ``password`` is too weak."""
    why = await asyncio.to_thread(weakness, password, email=email, name=name)
    if why is None:
        return
    message = f"this password is too weak: {why}"
    raise ValidationFailed(
        message,
        code="password_weak",
        fields=[{"field": field, "message": message, "code": "password_weak"}],
    )
