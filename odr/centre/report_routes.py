"""HTTP endpoints of the centre's reports: the JSON the dashboard draws, one report as CSV, all
of them as an XLSX workbook. Who may read them: ``odr.centre.report_queries``; what they count:
``odr.centre.reports``; the files: ``odr.centre.report_files``.

A period is two Astana dates, both included (default: the 30 days to today); a date that is
not a day, or a period that ends before it starts, is a 422 naming the parameter.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from starlette.responses import Response

from odr.centre.report_files import TABLES, csv_file, tables, xlsx_file
from odr.centre.report_queries import reports_for
from odr.centre.report_schemas import Reports
from odr.centre.report_words import LANGUAGES
from odr.centre.reports import ASTANA
from odr.errors import ValidationFailed
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import QueryParam

api = Api()
DEFAULT_DAYS = 30
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(raw: str) -> date:
    message = "must be a day written YYYY-MM-DD, like 2026-12-01"
    if not _DAY.fullmatch(raw):
        raise ValueError(message)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        raise ValueError(message) from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST} and {LATEST}")
    return day


def _language(raw: str) -> str:
    if raw not in LANGUAGES:
        raise ValueError("is one of kk, ru, en")
    return raw


CENTRE = QueryParam(
    "centre_id",
    "Only this centre (one you administer); absent: every centre you administer.",
    format=boundary.HEX_ID,
)
FROM = QueryParam(
    "from",
    "The period's first day (Astana time), YYYY-MM-DD; absent: 29 days before `to`.",
    max_length=10,
    parse=_day,
    refusal_code="bad_date",
)
TO = QueryParam(
    "to",
    "The period's last day (Astana time), YYYY-MM-DD, included; absent: today.",
    max_length=10,
    parse=_day,
    refusal_code="bad_date",
)
LANGUAGE = QueryParam(
    "lang",
    "The headers' language (kk, ru, en); absent: your account's.",
    max_length=2,
    parse=_language,
    refusal_code="language_invalid",
)
REPORT = QueryParam(
    "report",
    "Which report: " + ", ".join(TABLES) + "; absent: caseload.",
    default="caseload",
    max_length=10,
    format=boundary.IdFormat("a report", "|".join(TABLES), 10, "caseload"),
    refusal_code="report_unknown",
)
PERIOD = (CENTRE, FROM, TO)


async def _reports(ctx: Context) -> Reports:
    now: datetime = ctx.services.clock()
    end: date = ctx.query["to"] or now.astimezone(ASTANA).date()
    start: date = ctx.query["from"] or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        message = "the period ends before it starts: `from` must be on or before `to`"
        raise ValidationFailed(
            message,
            code="bad_period",
            fields=[{"field": "to", "message": message, "code": "bad_period"}],
        )
    return await reports_for(ctx.db, ctx.user, ctx.query["centre_id"], start, end, now)


def _language_of(ctx: Context) -> str:
    chosen = ctx.query["lang"] or ctx.user.language
    return str(chosen) if chosen in LANGUAGES else "ru"


def _filename(reports: Reports, name: str, extension: str) -> str:
    period = reports.period
    return f'attachment; filename="centre-{name}-{period.start}-{period.end}.{extension}"'


@api.endpoint(
    "GET",
    "/api/centre/reports",
    summary="Caseload and ageing by mediator, outcomes by category and mechanism, feedback",
    tag="mediation",
    response=Reports,
    errors=(401, 403, 404, 422),
    params=PERIOD,
)
async def centre_reports(ctx: Context) -> Reports:
    return await _reports(ctx)


@api.endpoint(
    "GET",
    "/api/centre/reports.csv",
    summary="One of the centre's reports as CSV, headed in the reader's language",
    tag="mediation",
    errors=(401, 403, 404, 422),
    media_type="text/csv",
    params=(*PERIOD, REPORT, LANGUAGE),
)
async def centre_report_csv(ctx: Context) -> Response:
    reports = await _reports(ctx)
    name = ctx.query["report"]
    table = tables(reports, _language_of(ctx))[name]
    return Response(
        csv_file(table),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": _filename(reports, name, "csv")},
    )


@api.endpoint(
    "GET",
    "/api/centre/reports.xlsx",
    summary="The centre's reports as an XLSX workbook, a sheet each",
    tag="mediation",
    errors=(401, 403, 404, 422),
    media_type=XLSX,
    params=(*PERIOD, LANGUAGE),
)
async def centre_reports_xlsx(ctx: Context) -> Response:
    reports = await _reports(ctx)
    return Response(
        xlsx_file(reports, _language_of(ctx)),
        media_type=XLSX,
        headers={"content-disposition": _filename(reports, "reports", "xlsx")},
    )
