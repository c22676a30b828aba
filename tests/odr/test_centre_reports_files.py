"""The report files from a report built on plain rows (no database): each language's headers,
typed cells, text that never runs as a formula, the unassigned line named, and withheld
averages said in words."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import openpyxl

from odr.centre.report_files import csv_file, tables, xlsx_file
from odr.centre.reports import CaseRow, FeedbackRow, build_reports

NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


def row(case_id: str, status: str, mediator: str | None) -> CaseRow:
    opened = NOW - timedelta(days=10)
    agreed = NOW - timedelta(days=2) if status == "agreed" else None
    return CaseRow(
        case_id, "family", "division", status, mediator, opened, opened,
        NOW + timedelta(days=5), None, agreed, None, NOW,
    )  # fmt: skip


REPORTS = build_reports(
    [row("a", "open", "m1"), row("b", "agreed", "m1"), row("c", "open", None)],
    [FeedbackRow(5, 4, 3, 2, '=HYPERLINK("x")', NOW - timedelta(hours=2))],
    {"m1": "@Dana"},
    date(2026, 12, 1),
    date(2026, 12, 7),
    NOW,
)


def test_each_language_heads_its_columns_and_names_its_groups() -> None:
    heads = {lang: tables(REPORTS, lang)["outcomes"].headers[2] for lang in ("kk", "ru", "en")}
    assert heads == {"kk": "Аяқталған", "ru": "Завершено", "en": "Concluded"}
    outcomes = tables(REPORTS, "kk")["outcomes"].rows
    assert [r[:3] for r in outcomes] == [
        ["Барлығы", "Барлығы", 1],
        ["Санат", "Отбасылық", 1],
        ["Тәсіл", "Әділ бөлу", 1],
    ]
    caseload = tables(REPORTS, "ru")["caseload"].rows
    assert caseload == [["@Dana", 1, 0, 1, 0, 0, 0, 1], ["Без медиатора", 1, 0, 1, 0, 0, 0, 0]]


def test_csv_keeps_typed_text_from_running_as_a_formula() -> None:
    rows = list(csv.reader(io.StringIO(csv_file(tables(REPORTS, "en")["caseload"]))))
    assert rows[0][0] == "Mediator" and rows[1][0] == "'@Dana" and rows[1][1] == "1"
    feedback = list(csv.reader(io.StringIO(csv_file(tables(REPORTS, "en")["feedback"]))))
    assert feedback[1] == ["Service", "", "1"]  # one rating: its average withheld
    assert feedback[-1][0] == "Too few responses: averages and comments are withheld"


def test_the_workbook_has_typed_cells_a_bold_frozen_header_and_sized_columns() -> None:
    book = openpyxl.load_workbook(io.BytesIO(xlsx_file(REPORTS, "en")))
    assert book.sheetnames == ["Period", "Caseload", "Outcomes", "Feedback", "Comments"]
    period = book["Period"]
    assert (
        period["B2"].value == datetime(2026, 12, 1) and period["B2"].number_format == "yyyy-mm-dd"
    )
    assert period["B4"].value == datetime(2026, 12, 7, 11, 0)  # generated, in Astana time
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and all(c.font.bold for c in sheet[1]), sheet.title
    load = book["Caseload"]
    assert load["A2"].value == "@Dana" and load["A2"].data_type == "s"
    assert load["B2"].value == 1 and load["B2"].data_type == "n"
    assert load.column_dimensions["H"].width >= len("Closed in the period")
    outcomes = book["Outcomes"]
    assert outcomes["H2"].value == 1.0 and outcomes["H2"].number_format == "0.0%"
    assert outcomes["L2"].value == 8  # median days: started 10 days ago, agreed 2 days ago
    assert book["Comments"].max_row == 1  # the one comment is withheld with its average
