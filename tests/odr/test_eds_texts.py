"""Every refusal of EDS signing is said in Kazakh, Russian and English on the page."""

from __future__ import annotations

import re
from pathlib import Path

from odr.signing.reasons import Reason

LOCALES = Path(__file__).resolve().parents[2] / "static" / "app" / "locales" / "signing"
KEY = re.compile(r'^\s*"([a-z0-9_.]+)":', re.MULTILINE)
# Refusals of the signing endpoints besides the validator's reasons.
OTHER_CODES = {
    "eds_token_invalid",
    "eds_token_expired",
    "eds_unavailable",
    "simple_signature_not_allowed",
}


def keys(language: str) -> set[str]:
    return set(KEY.findall((LOCALES / f"{language}.js").read_text(encoding="utf-8")))


def test_the_three_catalogues_say_the_same_things() -> None:
    assert keys("kk") == keys("ru") == keys("en")


def test_every_refusal_code_has_its_words() -> None:
    codes = {reason.value for reason in Reason} | OTHER_CODES
    missing = {code for code in codes if f"signing.refusal.{code}" not in keys("en")}
    assert not missing
