"""Docs that fail when they drift: settings, README quickstart, links between docs, the frame
schemas, and the module table of the architecture."""

from __future__ import annotations

import re
from pathlib import Path

from odr.settings import documented_settings

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_and_nothing_else() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    variable = r"ODR_[A-Z0-9_]+|PROMETHEUS_MULTIPROC_DIR"
    listed = set(re.findall(rf"^\| `({variable})` \|", text, flags=re.MULTILINE))
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


def test_readme_lists_every_page_of_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- \[docs/[^]]+\]\(docs/([^)#]+\.md)\)", readme, flags=re.MULTILINE))
    listed |= set(re.findall(r" and \[docs/[^]]+\]\(docs/([^)#]+\.md)\)", readme))
    assert listed == {page.name for page in (ROOT / "docs").glob("*.md")}


def test_protocol_doc_documents_every_frame_and_is_current() -> None:
    from odr.room.event_data import EVENT_DATA
    from odr.room.frames import CLIENT_FRAMES, EVENT_TYPES, SERVER_FRAMES
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


def module_table() -> list[tuple[set[str], set[str]]]:
    """architecture.md's ``odr/`` table: per row, the names in its first column and the names
    (in backticks) in its text."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## `odr/`, module by module", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first, concept = line[2:].split(" | ", 1)
            rows.append(
                (set(re.findall(r"`([^`]+)`", first)), set(re.findall(r"`([^`]+)`", concept)))
            )
    return rows


def test_every_module_of_odr_is_in_the_architecture_table() -> None:
    """A module is in the table by its own row (``web/params.py``) or named in its package's row
    (``upsert.py`` in the row of ``persistence/``); every row names what exists."""
    rows = module_table()
    odr = ROOT / "odr"
    missing = []
    for path in sorted(odr.rglob("*.py")):
        module = path.relative_to(odr)
        if path.name == "__init__.py" or module.parts[0] == "_bundled":
            continue
        name = module.as_posix()
        packages = ["/".join(module.parts[:n]) + "/" for n in range(1, len(module.parts))]
        if not any(
            name in first
            or any(p in first and {name.removeprefix(p), path.name} & said for p in packages)
            for first, said in rows
        ):
            missing.append(f"odr/{name}")
    assert not missing, f"docs/architecture.md's module table does not name: {missing}"
    listed = {name for first, _ in rows for name in first}
    assert all((odr / name).exists() for name in listed), "a row names a module that is gone"
