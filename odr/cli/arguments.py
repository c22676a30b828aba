"""What every ``odr`` command shares about failing: ``CliError`` and the checks of text arguments.

Every failure a person can cause (bad flag, bad setting, bad file) ends with one line on stderr
saying what to fix and exit status 2; never a traceback. Text given as an argument (e-mails,
names, codes) passes the same boundary check as the HTTP API (``odr.web.boundary``): no control
characters, no bytes that are not UTF-8 (Python hands those over as lone surrogates), at most
what its column holds, codes in their format.
"""

from __future__ import annotations

from odr.web import boundary

EXIT_USAGE = 2


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def text_argument(flag: str, value: str, max_length: int) -> str:
    """``value`` without surrounding spaces, or ``CliError`` saying what is wrong with it."""
    value = value.strip()
    problem = boundary.text_problem(value) or boundary.length_problem(
        value, min_length=1, max_length=max_length
    )
    if problem is not None:
        raise CliError(f"{flag} {problem.message}")
    return value


def code_argument(flag: str, value: str, id_format: boundary.IdFormat) -> str:
    value = value.strip()
    problem = boundary.text_problem(value) or id_format.problem(value)
    if problem is not None:
        raise CliError(f"{flag} {problem.message}")
    return value
