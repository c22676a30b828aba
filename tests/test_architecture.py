"""Dependencies point one way: negotiation/ ← realtime/ ← odr/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {"negotiation": {"odr", "realtime"}, "realtime": {"odr"}}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_what_it_may(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no modules"
    for path in files:
        bad = imported_packages(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_negotiation_core_is_synchronous_and_io_free() -> None:
    banned = {"asyncio", "sqlalchemy", "starlette", "socket", "random", "time"}
    for path in sorted((ROOT / "negotiation").rglob("*.py")):
        bad = imported_packages(path) & banned
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
        assert "async def" not in path.read_text(encoding="utf-8"), path


def test_only_settings_reads_the_environment() -> None:
    for path in sorted((ROOT / "odr").rglob("*.py")):
        if path.name != "settings.py":
            assert "os.environ" not in path.read_text(encoding="utf-8"), path
