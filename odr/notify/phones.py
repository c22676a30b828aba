"""Phone numbers for SMS notices: parsed, checked and stored in E.164 (``+77012345678``).

People type Kazakh numbers many ways (``8 701 234 56 78``, ``+7 (701) 234-56-78``); ``phonenumbers``
(Google's libphonenumber) reads them with Kazakhstan as the default region, so a gateway always
gets one spelling and a typo is refused when typed, not when the SMS fails days later.
"""

from __future__ import annotations

from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

DEFAULT_REGION = "KZ"


def normalise_phone(value: str) -> str:
    """``value`` in E.164; ``PydanticCustomError('phone_invalid')`` when it is no phone number."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise PydanticCustomError("phone_invalid", "is not a phone number like +7 701 234 56 78")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


Phone = Annotated[
    str,
    Field(max_length=32, examples=["+7 701 234 56 78"]),
    AfterValidator(normalise_phone),
]
"""A phone number as typed (at most 32 characters), stored in E.164 (at most 16)."""
