"""Docs that fail when they drift: settings, README quickstart, links between docs."""

from __future__ import annotations

import re
from pathlib import Path

from odr.settings import documented_settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_and_nothing_else() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(ODR_[A-Z0-9_]+)` \|", text, flags=re.MULTILINE))
    assert listed == set(documented_settings())


def test_readme_quickstart_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2, commands
    assert "odr serve --demo" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci


def test_relative_links_in_docs_resolve() -> None:
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"


def test_protocol_doc_documents_every_frame_and_is_current() -> None:
    from odr.room.frames import CLIENT_FRAMES, EVENT_DATA, EVENT_TYPES, SERVER_FRAMES
    from odr.room.protocol_doc import frame_type, updated

    text = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    assert updated(text) == text, "run: python -m odr.room.protocol_doc"
    for model in (*CLIENT_FRAMES, *SERVER_FRAMES):
        assert f"#### `{frame_type(model)}`" in text
    table = text.split("## Event types", 1)[1].split("##", 1)[0]
    assert set(EVENT_DATA) == set(EVENT_TYPES), "every event type needs its data schema"
    for name in EVENT_TYPES:
        assert f"`{name}`" in table, f"event {name} is not explained"
        assert f"#### `{name}` data" in text, f"event {name}'s data has no schema"
