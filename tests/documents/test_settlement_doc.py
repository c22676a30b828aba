"""docs/settlement.md stays the implemented schema; every reason code and phrase key exists."""

from __future__ import annotations

from pathlib import Path

from odr.documents.reasons import CODES
from odr.documents.schema_doc import DOC, updated
from odr.documents.wording import WORDING

ROOT = Path(__file__).resolve().parents[2]


def test_schema_section_is_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert updated(text) == text, "run: python -m odr.documents.schema_doc"
    for code in CODES:
        assert f"| `{code}` |" in text


def test_every_language_has_every_phrase() -> None:
    keys = set(WORDING["ru"])
    for language, phrases in WORDING.items():
        assert set(phrases) == keys, language
        assert all(text.strip() for text in phrases.values()), language


def test_font_licence_ships_with_the_fonts() -> None:
    fonts = ROOT / "odr" / "documents" / "fonts"
    assert (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8").count("Bitstream") > 0
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"odr.documents" = ["templates/*.j2", "templates/*.css", "fonts/*.ttf"' in pyproject
