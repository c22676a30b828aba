"""The one check every text and id from outside passes before the service uses it.

Everything a client controls arrives as a Python ``str``: JSON bodies, path and query parameters,
WebSocket frames, command-line arguments. Some strings are valid Python but cannot be stored or
shown: PostgreSQL refuses NUL in ``text`` and ``varchar`` (a 500 if it reaches a query), a lone
surrogate cannot even be encoded as UTF-8, other control characters are invalid in the XML and
PDF the settlement becomes and invisible to the person reading it. And a string longer than its
column overflows ``varchar(n)`` on PostgreSQL while SQLite stores it silently.

So this module says, once, what a string from outside may hold; ``odr.web.schema`` turns it into
pydantic types, ``odr.web.params`` applies it to path and query parameters,
``odr.web.validation`` to every string of every JSON body, ``odr.room.frames`` to room frames and
``odr.cli`` to command-line arguments. It is pure: no I/O, no pydantic, no HTTP.

- **Free text** (a reason, a comment, a message) may hold tab and line breaks (``\\t``, ``\\n``,
  ``\\r``), and no other control character.
- **A line** (a name, a subject, an e-mail, a code) holds no control character at all.
- Nowhere: NUL and the other C0 controls, DEL and the C1 controls (U+0080–U+009F, usually text
  decoded with the wrong code page), lone surrogates (U+D800–U+DFFF), and the non-characters
  U+FFFE and U+FFFF (not allowed in XML).
- **Ids** have the exact shape the service makes them in (``new_id``: 32 lowercase hex; the
  verification code: ``XXXXX-XXXXX`` in Crockford base32), so a value of another shape cannot name
  anything and is refused before any query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One regular expression per rule, so the JSON Schema ``pattern`` of a type and its check agree.
_NEVER = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufffe\\uffff"
_BREAKS = "\\t\\n\\r"
FREE_TEXT_PATTERN = f"^[^{_NEVER}]*$"
LINE_PATTERN = f"^[^{_NEVER}{_BREAKS}]*$"
_BAD_IN_FREE_TEXT = re.compile(f"[{_NEVER}]")
_BAD_IN_LINE = re.compile(f"[{_NEVER}{_BREAKS}]")


@dataclass(frozen=True)
class Problem:
    """Why a value is refused: a stable ``code`` (clients translate it) and words for people."""

    code: str
    message: str


def text_problem(value: str, *, free_text: bool = False) -> Problem | None:
    """The first character ``value`` may not hold, or None. Never echoes the character itself
    (it may be unprintable, or not encodable in the answer)."""
    found = (_BAD_IN_FREE_TEXT if free_text else _BAD_IN_LINE).search(value)
    if found is None:
        return None
    char, position = found.group(), found.start() + 1
    point = f"U+{ord(char):04X}"
    if 0xD800 <= ord(char) <= 0xDFFF:
        return Problem(
            "lone_surrogate",
            f"holds half of a UTF-16 surrogate pair ({point}) at character {position}; "
            "send well-formed Unicode text",
        )
    if char in "\t\n\r":
        return Problem(
            "line_break",
            f"must be one line: it holds a tab or line break ({point}) at character {position}",
        )
    return Problem(
        "control_character",
        f"holds an invisible control character ({point}) at character {position}; "
        "remove it (only text you can see, with spaces, is accepted)",
    )


def length_problem(value: str, *, min_length: int = 0, max_length: int) -> Problem | None:
    """Lengths in characters, as PostgreSQL's ``varchar(n)`` counts them."""
    if len(value) > max_length:
        return Problem("string_too_long", f"must be at most {max_length} characters")
    if len(value) < min_length:
        return Problem("string_too_short", f"must be at least {min_length} characters")
    return None


def printable(value: str, limit: int = 80) -> str:
    """``value`` safe to put in an error message or a field path: what may not be stored is
    written as ``\\uXXXX``, and it is cut at ``limit`` characters."""
    shown = _BAD_IN_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", value[:limit])
    return shown + ("…" if len(value) > limit else "")


@dataclass(frozen=True)
class IdFormat:
    """The shape of an id the service makes; ``pattern`` is matched whole, ASCII only;
    ``example`` is a well-formed value (shown in refusals, used by the tests)."""

    name: str
    pattern: str
    max_length: int
    example: str

    def problem(self, value: str) -> Problem | None:
        if len(value) <= self.max_length and re.fullmatch(self.pattern, value, re.ASCII):
            return None
        return Problem("id_invalid", f"is not {self.name} (like {self.example})")


HEX_ID = IdFormat("an id", "[0-9a-f]{32}", 32, "3f2a9c0e5b7d41e8a6c2f0b9d4e1a7c3")
"""``odr.persistence.models.new_id``: cases, settlements, centres, mediators, courts."""

VERIFICATION_CODE = IdFormat(
    "a verification code", "[0-9A-Za-z]{5}-[0-9A-Za-z]{5}", 11, "7K3QX-M2P9A"
)
"""``odr.documents.envelope.verification_code``; typed by people, so either case is accepted."""

COURT_CODE = IdFormat("a court code", "[A-Za-z0-9][A-Za-z0-9._-]{0,39}", 40, "ASTANA-SMEC")
"""``odr create-court --code``: letters, digits, '.', '_', '-' (``courts.code`` is 40)."""

INVITATION_TOKEN = IdFormat(
    "an invitation token",
    "[A-Za-z0-9_-]{10,200}",
    200,
    "O2KNcfWxM6z2UK02zxsqg-MxQWHXHbLB5KWtFpiI6b4",
)
"""``odr.auth.tokens.new_token``: URL-safe base64."""

IDEMPOTENCY_KEY = IdFormat(
    "an idempotency key", "[A-Za-z0-9._:-]{1,64}", 64, "0b7e6f2c-5d1a-4c8e-9f3b-2a6d8e1c4b7f"
)
"""A room command's ``key`` (``case_events.idempotency_key`` is 64)."""


def first_bad_string(document: object) -> tuple[tuple[str | int, ...], Problem] | None:
    """Where in a parsed JSON document a string (a value or a key) holds what no text may, and
    why; None when every string is storable. Iterative: a deeply nested document cannot exhaust
    the stack here. Tab and line breaks pass: whether a field is one line is the field's rule."""
    stack: list[tuple[tuple[str | int, ...], object]] = [((), document)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            problem = text_problem(node, free_text=True)
            if problem is not None:
                return path, problem
        elif isinstance(node, dict):
            for key, value in reversed(list(node.items())):
                problem = text_problem(key, free_text=True)
                if problem is not None:
                    return (*path, printable(key)), Problem(
                        problem.code, "a key " + problem.message
                    )
                stack.append(((*path, key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), item) for i, item in reversed(list(enumerate(node))))
    return None
