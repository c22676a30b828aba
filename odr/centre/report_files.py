"""The centre's reports as files a centre can send on: one CSV per report, or one XLSX workbook
with a sheet per report, headed in the reader's language.

Both are written from the same ``Table``s, so a CSV and its sheet hold the same numbers. Cells
keep their types: counts are integers, shares are fractions (a percentage format in the
workbook), days are numbers, the period's days are dates. Text someone typed (a mediator's name,
a comment) never runs as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from odr.centre.report_schemas import OutcomeLine, Reports
from odr.centre.report_words import word
from odr.centre.reports import ASTANA, SCORES

Cell = str | int | float | date | datetime | None
Format = Literal["text", "count", "share", "days", "average", "date", "datetime"]
TABLES = ("caseload", "outcomes", "feedback", "comments")
"""The reports a CSV may be asked for (``report=``); the workbook holds them all, after the
period's sheet."""
FORMULA_STARTS = ("=", "+", "-", "@")
NUMBER_FORMATS = {
    "share": "0.0%",
    "days": "0.00",
    "average": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}


@dataclass(frozen=True)
class Table:
    name: str
    sheet: str
    headers: list[str]
    formats: list[Format]
    rows: list[list[Cell]]


def tables(reports: Reports, language: str) -> dict[str, Table]:
    """Every report as a table with headers in ``language`` (kk, ru or en)."""

    def w(key: str) -> str:
        return word(language, key)

    caseload_columns = [
        "open",
        "under_7",
        "from_7_to_30",
        "from_30_to_60",
        "over_60",
        "past_deadline",
        "closed_in_period",
    ]
    caseload = Table(
        "caseload",
        w("sheet.caseload"),
        [w("caseload.mediator"), *(w(f"caseload.{c}") for c in caseload_columns)],
        ["text", *(["count"] * len(caseload_columns))],  # type: ignore[list-item]
        [
            [
                line.mediator if line.mediator_id else w("caseload.unassigned"),
                *(getattr(line, c) for c in caseload_columns),
            ]
            for line in reports.caseload
        ],
    )
    outcome_rows = [
        _outcome_row(w("dimension.all"), w("dimension.all"), reports.outcomes),
        *(
            _outcome_row(w("dimension.category"), w(f"category.{line.key}"), line)
            for line in reports.outcomes_by_category
        ),
        *(
            _outcome_row(w("dimension.mechanism"), w(f"mechanism.{line.key}"), line)
            for line in reports.outcomes_by_mechanism
        ),
    ]
    outcomes = Table(
        "outcomes",
        w("sheet.outcomes"),
        [w(f"outcomes.{c}") for c in OUTCOME_COLUMNS],
        OUTCOME_FORMATS,
        outcome_rows,
    )
    feedback = reports.feedback
    scores = Table(
        "feedback",
        w("sheet.feedback"),
        [w("feedback.question"), w("feedback.average"), w("feedback.responses")],
        ["text", "average", "count"],
        [[w(f"score.{s}"), getattr(feedback, s), feedback.responses] for s in SCORES],
    )
    if feedback.suppressed:
        scores.rows.append([w("feedback.suppressed"), None, None])
    comments = Table(
        "comments",
        w("sheet.comments"),
        [w("comments.number"), w("comments.comment")],
        ["count", "text"],
        [[number, text] for number, text in enumerate(feedback.comments, 1)],
    )
    return {t.name: t for t in (caseload, outcomes, scores, comments)}


OUTCOME_COLUMNS = (
    "dimension",
    "key",
    "concluded",
    "settled",
    "not_settled",
    "referred",
    "expired",
    "settled_rate",
    "not_settled_rate",
    "referred_rate",
    "expired_rate",
    "median_days_to_outcome",
)
OUTCOME_FORMATS: list[Format] = ["text", "text", *(["count"] * 5), *(["share"] * 4), "days"]  # type: ignore[list-item]


def _outcome_row(dimension: str, key: str, line: OutcomeLine) -> list[Cell]:
    return [dimension, key, *(getattr(line, c) for c in OUTCOME_COLUMNS[2:])]


def period_table(reports: Reports, language: str) -> Table:
    generated = reports.generated_at.astimezone(ASTANA).replace(tzinfo=None, microsecond=0)
    return Table(
        "period",
        word(language, "sheet.period"),
        [word(language, "period.item"), word(language, "period.value")],
        ["text", "text"],
        [
            [word(language, "period.start"), reports.period.start],
            [word(language, "period.end"), reports.period.end],
            [word(language, "period.generated"), generated],
        ],
    )


def csv_file(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else _safe(v) if isinstance(v, str) else v for v in row])
    return out.getvalue()


def xlsx_file(reports: Reports, language: str) -> bytes:
    """A workbook: the period, then a sheet per report; each with a bold header row that stays
    in view (frozen), columns as wide as their text, and typed cells."""
    book = Workbook()
    book.remove(book.active)
    for table in (period_table(reports, language), *tables(reports, language).values()):
        _sheet(book, table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(table.sheet[:31])
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    widths = [len(h) for h in table.headers]
    for r, row in enumerate(table.rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # typed text stays text, never a formula
            else:
                cell.value = value
            kind = "datetime" if isinstance(value, datetime) else table.formats[c - 1]
            if isinstance(value, date) and kind != "datetime":
                kind = "date"
            if kind in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[kind]
            widths[c - 1] = max(widths[c - 1], min(60, len(_shown(value))))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = max(8, min(60, width + 2))


def _shown(value: Cell) -> str:
    if isinstance(value, datetime):
        return "2026-01-01 00:00"
    return "" if value is None else str(value)


def _safe(value: str) -> str:
    """No spreadsheet formulas from text people typed (CSV injection)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
