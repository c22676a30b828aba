"""The boundary rules on their own: which text and ids from outside are refused, and why."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from odr.court.routes import _cursor, parse_cursor
from odr.errors import NotFound, ValidationFailed
from odr.persistence.models import new_id
from odr.web import boundary
from odr.web.params import CASE_ID, QueryParam, parse_query, path_params_for

NEVER = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", NEVER)
def test_no_text_holds_nul_controls_or_lone_surrogates(char: str) -> None:
    for free_text in (False, True):
        problem = boundary.text_problem(f"ok{char}ok", free_text=free_text)
        assert problem is not None and problem.code in ("control_character", "lone_surrogate")
        assert "character 3" in problem.message
        problem.message.encode()  # the message never carries the character itself


def test_tab_and_line_breaks_only_in_free_text() -> None:
    for char in "\t\n\r":
        assert boundary.text_problem(f"a{char}b", free_text=True) is None
        problem = boundary.text_problem(f"a{char}b")
        assert problem is not None and problem.code == "line_break"
    for fine in ("Айгерім Сәрсенова", "ә ғ қ ң ө ұ ү һ і", "O'Brien — 7594-26-00-2/17", "🙂", ""):
        assert boundary.text_problem(fine) is None


def test_patterns_in_the_json_schema_agree_with_the_check() -> None:
    for pattern, free_text in ((boundary.LINE_PATTERN, False), (boundary.FREE_TEXT_PATTERN, True)):
        for sample in [*NEVER, "\t", "\n", "\r", "x", "ә"]:
            matches = re.fullmatch(pattern, sample) is not None
            assert matches == (boundary.text_problem(sample, free_text=free_text) is None), sample


def test_ids_are_checked_by_the_shape_they_are_made_in() -> None:
    assert boundary.HEX_ID.problem(new_id()) is None
    for bad in ("", "a\x00b", "F" * 32, "f" * 31, "f" * 33, "f" * 5000, " " + "f" * 31, "ﬀ" * 16):
        problem = boundary.HEX_ID.problem(bad)
        assert problem is not None and problem.code == "id_invalid", bad
    assert boundary.VERIFICATION_CODE.problem("7K3QX-M2P9A") is None
    assert boundary.VERIFICATION_CODE.problem("7k3qx-m2p9a") is None  # typed by people
    assert boundary.VERIFICATION_CODE.problem("a\x00b") is not None
    assert boundary.IDEMPOTENCY_KEY.problem("  k1  ") is not None


def test_first_bad_string_finds_keys_and_values_at_any_depth() -> None:
    assert boundary.first_bad_string({"a": ["x", {"b": "fine\nlines"}], "n": 1}) is None
    found = boundary.first_bad_string({"a": ["x", {"b": "y\x00"}]})
    assert found is not None and found[0] == ("a", 1, "b")
    found = boundary.first_bad_string({"answers": {"k\ud800": 1}})
    assert found is not None and found[0] == ("answers", "k\\ud800")
    deep: object = "\x00"
    for _ in range(5_000):  # deeper than the recursion limit: the walk is iterative
        deep = [deep]
    found = boundary.first_bad_string(deep)
    assert found is not None and len(found[0]) == 5_000


def test_an_undeclared_path_parameter_is_an_error_at_import() -> None:
    assert path_params_for("/api/cases/{case_id}", ()) == (CASE_ID,)
    with pytest.raises(TypeError, match="widget_id"):
        path_params_for("/api/widgets/{widget_id}", ())


def test_malformed_path_id_is_the_routes_own_404() -> None:
    with pytest.raises(NotFound) as refused:
        CASE_ID.check("a\x00b")
    assert refused.value.code == "case_not_found"


LIMIT = QueryParam("limit", "page size", kind="integer", default=50, minimum=1, maximum=200)
NAME = QueryParam("name", "a name", max_length=10)


@pytest.mark.parametrize(
    ("items", "field", "code"),
    [
        ([("limit", "0")], "limit", "greater_than_equal"),
        ([("limit", "201")], "limit", "less_than_equal"),
        ([("limit", "²")], "limit", "int_parsing"),  # str.isdigit() says yes, int() says no
        ([("limit", " 5")], "limit", "int_parsing"),
        ([("limit", "5"), ("limit", "6")], "limit", "repeated"),
        ([("name", "a\x00b")], "name", "control_character"),
        ([("name", "x" * 11)], "name", "string_too_long"),
        ([("nmae", "x")], "nmae", "extra_forbidden"),
        ([("n\x00", "x")], "n\\u0000", "extra_forbidden"),
    ],
)
def test_query_parameters_are_parsed_strictly(
    items: list[tuple[str, str]], field: str, code: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_query((LIMIT, NAME), items)
    fields = refused.value.fields
    assert fields is not None
    assert fields == [{"field": field, "message": fields[0]["message"], "code": code}]


def test_query_defaults_and_values() -> None:
    assert parse_query((LIMIT, NAME), []) == {"limit": 50, "name": None}
    assert parse_query((LIMIT, NAME), [("limit", "7"), ("name", "Ә")]) == {"limit": 7, "name": "Ә"}


def _b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%",
        base64.urlsafe_b64encode(b"[" * 100_000).decode(),  # RecursionError in json.loads
        _b64([[[[[[[["x"]]]]]]]]),
        _b64(["2026-01-01T10:00:00", "f" * 32]),  # a time without its zone
        _b64(["2026-01-01T10:00:00+00:00", "x\x00"]),
        _b64(["not a time", "f" * 32]),
        _b64({"a": 1}),
        _b64(["2026-01-01T10:00:00+00:00"]),
    ],
)
def test_the_court_cursor_refuses_what_it_did_not_write(cursor: str) -> None:
    with pytest.raises(ValueError, match="next_cursor"):
        parse_cursor(cursor)


def test_the_court_cursor_reads_what_it_wrote() -> None:
    from datetime import UTC, datetime

    at, settlement_id = datetime(2026, 5, 1, 12, 30, tzinfo=UTC), new_id()
    cursor = parse_cursor(_cursor(at, settlement_id))
    assert cursor is not None and (cursor.signed_at, cursor.settlement_id) == (at, settlement_id)
    assert parse_cursor("") is None


def test_every_id_format_example_is_well_formed() -> None:
    from odr.court.routes import CURSOR

    formats = [v for v in vars(boundary).values() if isinstance(v, boundary.IdFormat)]
    for id_format in [*formats, CURSOR]:
        assert id_format.problem(id_format.example) is None, id_format


def test_no_handler_reads_the_query_string_itself() -> None:
    """Query parameters are declared (``odr.web.params.QueryParam``) so they are checked and
    documented; a handler reading ``request.query_params`` would be neither."""
    root = Path(__file__).resolve().parents[2] / "odr"
    readers = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "query_params" in path.read_text(encoding="utf-8")
        and path.relative_to(root).parts[0] != "web"
    ]
    assert readers == []
