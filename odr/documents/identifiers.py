"""Kazakhstan's 12-digit identifiers: IIN (persons) and BIN (organisations).

A settlement a court will enforce must name each party by a number the court can match to a
register, so a mistyped digit has to be caught when the record is built, not at the court's
desk. Both numbers end in the same mod-11 check digit; each also encodes a date and a kind.
"""

from __future__ import annotations

from datetime import date

FIRST_WEIGHTS = tuple(range(1, 12))
SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
IIN_CENTURIES = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
BIN_TYPES = {"4": "resident legal entity", "5": "non-resident legal entity", "6": "entrepreneur"}
BIN_UNITS = {"0": "head office", "1": "branch", "2": "representative office", "3": "peasant farm"}


class IdentifierError(ValueError):
    """The number is not a valid IIN or BIN; the message says which rule it breaks."""


def check_digit(first_eleven: str) -> int | None:
    """The check digit for eleven digits, or ``None`` when no digit can be valid.

    Weights 1..11, sum mod 11; a result of 10 is retried with weights 3..11, 1, 2, and a
    second 10 means the serial number was never issued.
    """
    digits = [int(c) for c in first_eleven]
    for weights in (FIRST_WEIGHTS, SECOND_WEIGHTS):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def _checked_digits(value: object, label: str) -> str:
    if not isinstance(value, str):
        raise IdentifierError(f"{label} must be a string of 12 digits")
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise IdentifierError(f"{label} {value!r} must be exactly 12 digits")
    expected = check_digit(value[:11])
    if expected is None:
        raise IdentifierError(f"{label} {value} cannot exist: its check digit is undefined")
    if expected != int(value[11]):
        raise IdentifierError(
            f"{label} {value} has check digit {value[11]}, expected {expected} (mistyped?)"
        )
    return value


def validate_iin(value: object) -> str:
    """Return the IIN unchanged, or raise ``IdentifierError`` naming the broken rule.

    Digits 1-6 are the birth date (YYMMDD), digit 7 the century and sex (1-6), digit 12 the
    check digit.
    """
    iin = _checked_digits(value, "IIN")
    century = IIN_CENTURIES.get(iin[6])
    if century is None:
        raise IdentifierError(f"IIN {iin}: digit 7 must be 1-6 (century and sex), not {iin[6]}")
    try:
        date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise IdentifierError(f"IIN {iin}: {iin[:6]} is not a birth date (YYMMDD)") from None
    return iin


def validate_bin(value: object) -> str:
    """Return the BIN unchanged, or raise ``IdentifierError`` naming the broken rule.

    Digits 1-4 are the registration year and month (YYMM), digit 5 the type (4, 5, 6),
    digit 6 the unit (0-3), digit 12 the check digit.
    """
    bin_ = _checked_digits(value, "BIN")
    if not 1 <= int(bin_[2:4]) <= 12:
        raise IdentifierError(f"BIN {bin_}: digits 3-4 must be a month (01-12), not {bin_[2:4]}")
    if bin_[4] not in BIN_TYPES:
        raise IdentifierError(f"BIN {bin_}: digit 5 must be 4, 5 or 6 (type), not {bin_[4]}")
    if bin_[5] not in BIN_UNITS:
        raise IdentifierError(f"BIN {bin_}: digit 6 must be 0-3 (unit), not {bin_[5]}")
    return bin_


def invalid_reason(value: object, kind: str) -> str | None:
    """``None`` when ``value`` is a valid IIN (``kind="iin"``) or BIN (``"bin"``), else why."""
    try:
        (validate_iin if kind == "iin" else validate_bin)(value)
    except IdentifierError as exc:
        return str(exc)
    return None
