"""Dependencies point one way: negotiation/ ← realtime/ ← odr/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from odr.auth.roles import Role
from odr.cases.status import CaseStatus

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
    """Only the settings' two modules touch the environment: ``settings_env.py`` reads it,
    ``settings.py`` hands the metrics folder on to the workers it starts."""
    allowed = {ROOT / "odr" / "settings.py", ROOT / "odr" / "settings_env.py"}
    for path in sorted((ROOT / "odr").rglob("*.py")):
        if path not in allowed:
            assert "os.environ" not in path.read_text(encoding="utf-8"), path


def test_only_the_app_factory_touches_app_state() -> None:
    """Handlers get ``ctx.services`` and sockets are given ``Services`` (odr/services.py): typed,
    where ``request.app.state.anything`` is ``Any``."""
    for path in sorted((ROOT / "odr").rglob("*.py")):
        if path.relative_to(ROOT) == Path("odr/app.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "state":
                assert _tail(node.value) != "app", f"{path.relative_to(ROOT)}:{node.lineno}"


# A case's status and an account's role are StrEnums (odr/cases/status.py, odr/auth/roles.py);
# the database stores their values. A bare "open" or "mediator" elsewhere is a typo waiting to
# happen and hides every place a concept is used from a search for its member.
ENUM_MODULES = {Path("odr/cases/status.py"), Path("odr/auth/roles.py")}
CONCEPT_VALUES = {
    "case status": frozenset(s.value for s in CaseStatus),
    "account role": frozenset(r.value for r in Role),
}


def _tail(node: ast.expr) -> str:
    """The last name of ``a.b.c`` (``c``), lowercased; '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id.lower()
    if isinstance(node, ast.Attribute):
        return node.attr.lower()
    return ""


def _concept(node: ast.expr) -> str | None:
    """Which concept an expression holds: ``case.status``, ``Case.status``, ``staff.case.status``
    and ``….case_status`` are a case status; ``user.role``, ``ctx.user.role``, ``User.role`` an
    account role. Other statuses and roles (a settlement's, the outbox's, a room role such as
    "claimant") are other concepts, by the name of what they belong to."""
    if isinstance(node, ast.Attribute):
        owner = _tail(node.value)
        if node.attr == "status" and owner.endswith("case"):
            return "case status"
        if node.attr == "role" and owner.endswith("user"):
            return "account role"
    if _tail(node) == "case_status":
        return "case status"
    return None


def _strings(node: ast.expr | None) -> list[str]:
    """The string literals an expression is made of (a tuple of them, either branch of an if)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return [s for element in node.elts for s in _strings(element)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _pairs(node: ast.AST) -> list[tuple[str, ast.expr | None]]:
    """(concept, the expression given to it) for each place ``node`` compares, assigns or passes
    a value of a case status or account role."""
    found: list[tuple[str, ast.expr | None]] = []
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        for operand in operands:
            concept = _concept(operand)
            if concept is not None:
                found += [(concept, other) for other in operands if other is not operand]
    elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        for target in targets:
            if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                pairs = list(zip(target.elts, node.value.elts, strict=False))
            else:
                pairs = [(target, node.value)] if node.value is not None else []
            for name, value in pairs:
                concept = _concept(name)
                if concept is not None:
                    found.append((concept, value))
    elif isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in ("in_", "not_in"):
            concept = _concept(func.value)
            if concept is not None:
                found += [(concept, arg) for arg in node.args]
        callee = _tail(func)
        for keyword in node.keywords:
            if keyword.arg == "case_status" or (keyword.arg == "status" and callee == "case"):
                found.append(("case status", keyword.value))
            if keyword.arg == "role" and callee in ("user", "create_account"):
                found.append(("account role", keyword.value))
    return found


def bare_concept_literals(source: str) -> list[str]:
    """Each string literal used as a case status or account role in ``source``, with its line."""
    bare = []
    for node in ast.walk(ast.parse(source)):
        for concept, value in _pairs(node):
            for text in _strings(value):
                if text in CONCEPT_VALUES[concept]:
                    bare.append(f"line {getattr(value, 'lineno', '?')}: {concept} {text!r}")
    return bare


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('if case.status != "open": pass', ["line 1: case status 'open'"]),
        ('x = Case.status.in_(("agreed", "signed"))', ["'agreed'", "'signed'"]),
        ('staff.case.status, m.paused_at = "paused", now', ["'paused'"]),
        ('Case(status="awaiting_respondent")', ["'awaiting_respondent'"]),
        ('Decision(events, case_status="agreed" if done else None)', ["'agreed'"]),
        ('ok = ctx.user.role in ("mediator", "admin")', ["'mediator'", "'admin'"]),
        ('select(User.id).where(User.role == "party")', ["'party'"]),
        ('create_account(db, hasher, role="clerk")', ["'clerk'"]),
        # Other concepts that share a word: not flagged.
        ('if settlement.status in ("signed", "filed"): pass', []),
        ('notice.status = "failed"', []),
        ('if role == "mediator": pass', []),
        ('events = ["paused", "referred"]', []),
        ("if case.status != CaseStatus.OPEN: pass", []),
    ],
)
def test_the_literal_check_finds_what_it_should(source: str, found: list[str]) -> None:
    bare = bare_concept_literals(source)
    assert len(bare) == len(found), bare
    for line, expected in zip(bare, found, strict=True):
        assert expected in line


def test_statuses_and_roles_are_enum_members_not_bare_strings() -> None:
    bare = []
    for path in sorted((ROOT / "odr").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if relative not in ENUM_MODULES:
            source = path.read_text(encoding="utf-8")
            bare += [f"{relative} {line}" for line in bare_concept_literals(source)]
    assert not bare, "use CaseStatus / Role members instead of:\n" + "\n".join(bare)
