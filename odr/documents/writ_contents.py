"""What the verifier checks in a writ application (#18) behind the platform's seal.

A writ application (``odr.enforcement``) is sealed like a settlement (the platform's PAdES
seal) but carries no party signatures: its data is ``writ-application.json`` (canonical JSON,
schema ``WRIT_SCHEMA``), naming the settlement it enforces by verification code. ``verify.py``
reads it only after the seal vouched for the bytes, and reports the document as a
``writ_application`` with the settlement's verification code.
"""

from __future__ import annotations

import json
from typing import Any

from odr.documents.canonical import CanonicalJsonError, canonical_json
from odr.documents.reasons import Reason

WRIT_JSON_NAME = "writ-application.json"
WRIT_SCHEMA = "https://kelisim.kz/schemas/writ-application/1"


def writ_problems(raw: bytes) -> tuple[dict[str, Any] | None, list[Reason]]:
    """The embedded application's data if it has the expected form, and what is wrong with it."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None, [Reason.of("envelope_invalid", f"{WRIT_JSON_NAME} is not JSON")]
    settlement = data.get("settlement") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("schema") != WRIT_SCHEMA
        or not isinstance(settlement, dict)
        or not isinstance(settlement.get("verification_code"), str)
    ):
        return None, [Reason.of("envelope_invalid", f"{WRIT_JSON_NAME}: not a writ application")]
    try:
        canonical = canonical_json(data) == raw
    except CanonicalJsonError:
        canonical = False
    return data, [] if canonical else [Reason.of("not_canonical", WRIT_JSON_NAME)]
