"""Test modules are leaves: nothing imports a ``test_*.py`` module.

What tests share lives in ``tests/builders/`` (data and helpers; ``bench/`` uses it too) or in a
``conftest.py`` (fixtures). Otherwise deleting or renaming one test module breaks others, a
module's tests can be collected twice under two names, and helpers hide among tests where nobody
looks for them. Every folder of tests is a package, so a module has one dotted name (for pytest
and mypy alike) and no test can import a neighbour by a bare name off ``sys.path``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODE = ("tests", "bench", "odr", "negotiation", "realtime")


def python_files() -> list[Path]:
    files = [path for folder in CODE for path in (ROOT / folder).rglob("*.py")]
    return sorted([*files, *ROOT.glob("*.py")])


def package_of(path: Path) -> list[str]:
    return list(path.relative_to(ROOT).parent.parts)


def imported_modules(source: str, package: list[str]) -> set[str]:
    """Every module ``source`` may import, as dotted names (``from a import b``: ``a`` and
    ``a.b``, since ``b`` may be a module); relative imports resolved against ``package``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            names.add(module)
            names.update(f"{module}.{alias.name}".strip(".") for alias in node.names)
    return names


def imported_test_modules(source: str, package: list[str]) -> set[str]:
    """The test modules among ``imported_modules``, each cut after its ``test_*`` part."""
    found: set[str] = set()
    if "test_" not in source:  # no need to parse it (most of odr/)
        return found
    for name in imported_modules(source, package):
        parts = name.split(".")
        for end, part in enumerate(parts, 1):
            if part.startswith("test_"):
                found.add(".".join(parts[:end]))
                break
    return found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.odr.test_cli import free_port", ["tests.odr.test_cli"]),
        ("import tests.odr.test_cli", ["tests.odr.test_cli"]),
        ("from tests.odr import test_cli", ["tests.odr.test_cli"]),
        ("from .test_cli import odr", ["tests.odr.test_cli"]),
        ("from . import test_cli", ["tests.odr.test_cli"]),
        ("from ..browser.test_pages import CASE", ["tests.browser.test_pages"]),
        ("from test_case_format import CONTRACT_EXAMPLE", ["test_case_format"]),
        ("def f():\n    from tests.odr.test_room import view", ["tests.odr.test_room"]),
        ("from tests.builders.processes import free_port", []),
        ("from tests.conftest import Client\nimport pytest", []),
        ("from .room_client import RoomClient", []),
    ],
)
def test_the_check_sees_every_form_of_import(source: str, found: list[str]) -> None:
    assert imported_test_modules(source, ["tests", "odr"]) == set(found)


def test_no_module_imports_a_test_module() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in python_files()
        for name in sorted(
            imported_test_modules(path.read_text(encoding="utf-8"), package_of(path))
        )
    ]
    assert not offences, "move what they share to tests/builders/:\n" + "\n".join(offences)


def test_every_folder_of_tests_is_a_package() -> None:
    folders = {path.parent for path in (ROOT / "tests").rglob("*.py")}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists())
    assert not missing, f"add an __init__.py to {missing}"
