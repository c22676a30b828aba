"""Errors of room commands (sent to the client as error frames; nothing is stored)."""

from __future__ import annotations


class CommandRefused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
