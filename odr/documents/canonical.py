"""Canonical JSON: one byte sequence per value, so a hash or signature names the content.

Rules (RFC 8785-like, restricted so no number formatting is ever needed):

- objects: keys are strings, sorted by their UTF-16 code units, no duplicates;
- no insignificant whitespace: separators are ``,`` and ``:``;
- strings: UTF-8, escaping only ``"``, ``\\`` and control characters (``\\n``, ``\\t``, ``\\r``,
  ``\\b``, ``\\f``, other controls as lower-case ``\\u00xx``); no lone surrogates;
- numbers: integers only, within ±(2**53 - 1) (exact in every JSON parser); floats are refused,
  because money and rates travel as decimal strings;
- ``true``, ``false``, ``null`` as usual.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from pydantic import BaseModel

MAX_SAFE_INTEGER = 2**53 - 1


class CanonicalJsonError(ValueError):
    """The value cannot be represented canonically (a float, a big integer, a bad key…)."""


def canonical_json(value: BaseModel | Any) -> bytes:
    """Canonical UTF-8 JSON of a model (dumped by alias, in JSON mode) or a plain value."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json", by_alias=True)
    try:
        text = json.dumps(_canonical(value), ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalJsonError(f"string is not valid Unicode: {exc.reason}") from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value: Any) -> Any:
    """A copy with object keys in canonical order; refuses what has no canonical form."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalJsonError(f"integer {value} is too large for exact JSON")
        return value
    if isinstance(value, float):
        raise CanonicalJsonError(f"float {value!r} is not allowed: use a decimal string")
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise CanonicalJsonError(f"object key {key!r} is not a string")
        ordered = sorted(value, key=lambda k: k.encode("utf-16-be", "surrogatepass"))
        return {key: _canonical(value[key]) for key in ordered}
    raise CanonicalJsonError(f"{type(value).__name__} has no JSON form")
