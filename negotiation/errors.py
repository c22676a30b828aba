"""Typed errors of the negotiation core.

Every error names the offending field with a dotted path (``parties[1].weights.price``) so the HTTP
layer, the CLI and the UI can point a person at exactly what to fix. The core never formats errors
for a particular transport; ``odr`` translates them at the edge.
"""

from __future__ import annotations


class NegotiationError(Exception):
    """Base of every error the negotiation core raises on purpose."""

    code = "negotiation_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class InvalidCase(NegotiationError):
    """The issues or the parties' stated interests are malformed or inconsistent."""

    code = "invalid_case"


class InvalidPreferences(NegotiationError):
    """A party's elicitation answers cannot be turned into preferences."""

    code = "invalid_preferences"


class IllegalMove(NegotiationError):
    """A protocol move that the current state of the negotiation does not allow."""

    code = "illegal_move"


class SolverFailure(NegotiationError):
    """The solver could not produce an answer (time limit before any solution, model invalid)."""

    code = "solver_failure"
