"""Command-line arguments pass the same boundary check as the HTTP API: one line, exit 2.

(An argument cannot hold NUL; it can hold escape sequences, line breaks, and bytes that are not
UTF-8, which Python hands over as lone surrogates.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.builders.processes import odr

NOT_UTF8 = os.fsdecode(b"\xff")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["create-user", "--role", "party", "--email", "a\x1b@x.kz", "--name", "A"],
            "--email holds an invisible",
        ),
        (
            ["create-user", "--role", "party", "--email", "a@x.kz", "--name", "A" + NOT_UTF8],
            "--name holds half",
        ),
        (
            ["create-user", "--role", "party", "--email", "a@x.kz", "--name", "x" * 201],
            "--name must be at most 200",
        ),
        (
            ["create-user", "--role", "party", "--email", "a@x.kz", "--name", "two\nlines"],
            "--name must be one line",
        ),
        (["create-court", "--code", "AST 1", "--name", "Суд"], "--code is not a court code"),
        (["create-court", "--code", "AST-1", "--name", "\x07"], "--name holds an invisible"),
        (["create-court-client", "--court", "AST-1\x1b", "--name", "x"], "--court holds"),
        (["create-court-client", "--court", "AST-1", "--name", "   "], "--name must be at least"),
    ],
)
def test_bad_text_arguments_are_one_clear_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = odr(*args, data_dir=tmp_path, stdin="correct horse battery\n")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "kelisim.sqlite3").exists(), "refused before touching the database"
