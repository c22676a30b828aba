"""Structured JSON logs with the request id of the request being served.

Logs never hold a secret, at any level: not a password, session or device cookie, CSRF or bearer
token, SQL parameter, private interest or room message. Our own call sites pass only ids and
outcomes; what libraries log is filtered on the one handler every logger goes through:

- ``RedactingFilter`` scrubs ``extra`` fields whose names suggest a secret, the values of
  secret headers in the WebSocket handshake lines websockets logs at DEBUG (uvicorn hands it the
  ``uvicorn.error`` logger), the payload of every data frame websockets logs at DEBUG (it keeps
  the opcode and the size), and the query string of uvicorn's WebSocket lines;
- ``JsonFormatter`` scrubs the values a database puts into an error's text (PostgreSQL's
  ``DETAIL`` lines — "Key (email)=(…)", "Failing row contains (…)" —, the input it could not
  parse, asyncpg's rejected argument, SQLAlchemy's ``[parameters: …]``) from the message and the
  traceback, so the traceback of a bug can be logged whole. The engine hides parameters in the
  first place (``hide_parameters``); this catches what drivers and the server add on their own.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

from websockets.frames import DATA_OPCODES, Frame

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

REDACTED = "[redacted]"
_SECRET_WORDS = ("password", "token", "cookie", "secret", "authorization", "interest", "csrf")
_STANDARD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

SECRET_HEADERS = frozenset(
    {"cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrf-token"}
)
# websockets logs each handshake header as one line: "< Cookie: …" (received), "> …" (sent).
_HEADER_LINES = frozenset({"< %s: %s", "> %s: %s"})
# uvicorn's '127.0.0.1:5000 - "WebSocket /ws?…" [accepted]' and its 403 / status variants.
_WEBSOCKET_LINE = '%s - "WebSocket %s"'

# What databases write into an error's text. Each keeps what says what went wrong (the
# constraint, the type, the argument's position) and drops the value.
_VALUES_IN_ERRORS = (
    # PostgreSQL: "Key (email)=(a@example.kz) already exists.", "Failing row contains (…)."
    (re.compile(r"^(\s*DETAIL:\s*).*$", re.MULTILINE), r"\1" + REDACTED),
    # PostgreSQL: 'invalid input syntax for type integer: "…"', 'invalid input value for enum …'
    (re.compile(r"(invalid input (?:syntax|value) for [^:\n]*): [^\n]*"), r"\1: " + REDACTED),
    # asyncpg: "invalid input for query argument $2: 'the value…' (reason)"
    (re.compile(r"(invalid input for query argument \$\d+[^:\n]*): [^\n]*"), r"\1: " + REDACTED),
    # SQLAlchemy, should an engine ever be built without hide_parameters
    (re.compile(r"\[parameters: [^\n]*\]"), "[parameters: " + REDACTED + "]"),
)


def scrub(text: str) -> str:
    """``text`` without the values a database or driver quotes in its error messages."""
    for pattern, replacement in _VALUES_IN_ERRORS:
        text = pattern.sub(replacement, text)
    return text


def _frame_summary(frame: Frame) -> str:
    """A data frame as "TEXT [redacted, 52 bytes]": that it came and how big, never what it said."""
    return f"{frame.opcode.name} [redacted, {len(frame.data)} bytes]"


class RedactingFilter(logging.Filter):
    """Rewrites a record so that nothing secret reaches the formatter; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name in list(vars(record)):
            if name not in _STANDARD_ATTRS and any(w in name.lower() for w in _SECRET_WORDS):
                setattr(record, name, REDACTED)
        if isinstance(record.args, tuple) and record.args:
            record.args = self._args(record.msg, record.args)
        return True

    @staticmethod
    def _args(msg: object, args: tuple[Any, ...]) -> tuple[Any, ...]:
        if msg in _HEADER_LINES and len(args) == 2 and str(args[0]).lower() in SECRET_HEADERS:
            return (args[0], REDACTED)
        if isinstance(msg, str) and msg.startswith(_WEBSOCKET_LINE) and len(args) >= 2:
            return (args[0], str(args[1]).split("?", 1)[0], *args[2:])
        return tuple(
            _frame_summary(a) if isinstance(a, Frame) and a.opcode in DATA_OPCODES else a
            for a in args
        )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for name, value in vars(record).items():
            if name not in _STANDARD_ATTRS and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)

    def formatException(self, ei: Any) -> str:
        return scrub(super().formatException(ei))


# Database drivers log statements with their parameters (session hashes, CSRF tokens) at DEBUG,
# httpcore logs response headers (cookies) at DEBUG: these stay at WARNING even when we debug.
QUIET_LOGGERS = (
    "aiosqlite",
    "asyncpg",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
    "httpx",
    "httpcore",
)


def configure_logging(level: str = "INFO", stream: TextIO | None = None) -> logging.Handler:
    """Send every logger (ours, uvicorn's, websockets', SQLAlchemy's) through one JSON handler
    with the redacting filter: a record from any library passes it before it is written.

    Returns the handler so a caller (a test) can remove it again.
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "websockets"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # ours logs paths without query strings
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    return handler
