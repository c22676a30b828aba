"""Field types shared by the settlement record and its envelope, and their base model ``Strict``.

Each type refuses a value a court could read two ways: money and rates are decimal strings in
one canonical spelling (``"1500.00"``, never a float), deadlines are calendar dates (never
"promptly"), timestamps are UTC, identifiers pass their check digit.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from odr.documents.identifiers import validate_bin, validate_iin

MONEY_PATTERN = r"^(0|[1-9][0-9]{0,14})\.[0-9]{2}$"
RATE_PATTERN = r"^(0|[1-9][0-9]{0,2})(\.[0-9]{0,3}[1-9])?$"
# Words that turn a deadline or a duty into a matter of opinion (checklist item 6).
VAGUE_WORDS = re.compile(
    r"\b(reasonabl\w*|prompt(ly)?|as soon as|asap|in due course|разумн\w*|незамедлительн\w*"
    r"|в кратчайш\w*|по возможности|своевременн\w*|ақылға қонымды|дереу|мүмкіндігінше)",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _clean(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    if value != value.strip():
        raise ValueError("must not start or end with whitespace")
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _definite(value: str) -> str:
    found = VAGUE_WORDS.search(value)
    if found:
        raise PydanticCustomError(
            "vague_word",
            "'{word}' is vague: state an exact date, amount or act",
            {"word": found.group(0)},
        )
    return value


def _utc(value: datetime) -> datetime:
    """Stored in UTC so the same instant always has the same canonical spelling."""
    return value.astimezone(UTC)


def _iin(value: str) -> str:
    return validate_iin(value)


def _bin(value: str) -> str:
    return validate_bin(value)


Text = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(_clean)]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_clean)]
DefiniteText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000),
    AfterValidator(_clean),
    AfterValidator(_definite),
]
Money = Annotated[str, StringConstraints(pattern=MONEY_PATTERN)]
Rate = Annotated[str, StringConstraints(pattern=RATE_PATTERN)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Iin = Annotated[str, AfterValidator(_iin)]
Bin = Annotated[str, AfterValidator(_bin)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_utc)]
Email = Annotated[
    str, StringConstraints(pattern=r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$", max_length=254)
]


def money(value: Decimal | int | str) -> str:
    """The canonical money spelling of ``value`` (two decimals, no sign, no grouping).

    Raises ``ValueError`` for negatives, more than two decimals or anything not a number.
    """
    try:
        amount = Decimal(value)
        exact = amount.is_finite() and amount == amount.quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{value!r} is not an amount") from None
    if not exact or amount < 0:
        raise ValueError(f"{value!r} must be a non-negative amount with at most 2 decimals")
    text = f"{amount:.2f}"
    if not re.match(MONEY_PATTERN, text):
        raise ValueError(f"{value!r} is out of range")
    return text


def to_decimal(amount: str) -> Decimal:
    return Decimal(amount)


class Strict(BaseModel):
    """Strict types, unknown fields refused, immutable: a record is evidence, not a form."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)
