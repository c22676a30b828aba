"""IIN/BIN check digits: the published vectors and properties over generated numbers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odr.documents.identifiers import (
    IdentifierError,
    check_digit,
    invalid_reason,
    validate_bin,
    validate_iin,
)


def test_published_vectors() -> None:
    assert validate_iin("061211600012") == "061211600012"
    assert check_digit("06121160001") == 2  # only the second weights give a digit
    assert validate_bin("940140000385") == "940140000385"


@pytest.mark.parametrize("last", range(10))
def test_numbers_whose_check_digit_is_undefined_are_invalid(last: int) -> None:
    number = f"85010230012{last}"
    with pytest.raises(IdentifierError, match="cannot exist"):
        validate_iin(number)
    assert invalid_reason(number, "bin") is not None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("90071240045", "exactly 12 digits"),
        ("9007124004５1", "exactly 12 digits"),  # a full-width digit is not a digit here
        ("900712400452", "expected 1"),
    ],
)
def test_iin_errors_name_the_rule(value: str, message: str) -> None:
    with pytest.raises(IdentifierError, match=message):
        validate_iin(value)


def test_iin_date_and_century_digits() -> None:
    with pytest.raises(IdentifierError, match="not a birth date"):
        validate_iin(_with_check("90131240045"))
    with pytest.raises(IdentifierError, match="digit 7 must be 1-6"):
        validate_iin(_with_check("90071270045"))


def test_bin_type_and_unit_digits() -> None:
    base = "9401400003"  # valid BIN 940140000385 without its last two digits
    assert invalid_reason(base + "85", "bin") is None
    with pytest.raises(IdentifierError, match="digit 5"):
        validate_bin(_with_check("94013000038"))
    with pytest.raises(IdentifierError, match="digit 6"):
        validate_bin(_with_check("94014700038"))
    with pytest.raises(IdentifierError, match="must be a string"):
        validate_bin(940140000385)


def _with_check(eleven: str) -> str:
    digit = check_digit(eleven)
    assert digit is not None, eleven
    return eleven + str(digit)


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    female=st.booleans(),
    serial=st.integers(0, 9999),
)
def test_every_iin_with_its_check_digit_is_valid_and_no_other_digit_is(
    born: date, female: bool, serial: int
) -> None:
    century = {19: 3, 20: 5}[born.year // 100] + int(female)
    eleven = f"{born:%y%m%d}{century}{serial:04d}"
    digit = check_digit(eleven)
    if digit is None:
        assert all(invalid_reason(f"{eleven}{d}", "iin") for d in range(10))
        return
    assert validate_iin(f"{eleven}{digit}")
    for other in set(range(10)) - {digit}:
        assert invalid_reason(f"{eleven}{other}", "iin") is not None


@given(st.text(max_size=14))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for kind in ("iin", "bin"):
        reason = invalid_reason(text, kind)
        assert reason is None or isinstance(reason, str)
