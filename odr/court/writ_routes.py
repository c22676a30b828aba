"""Court API v1 for writ applications (#18): a court's client lists the applications for a writ
of execution addressed to its court, fetches each (its sums, the schedule's history, the sealed
PDF) and acknowledges it with its own case number (a ``writ_application_acknowledged`` event
of the case's log, with the creditor's notice, in one transaction).

The same rule as settlements and referrals: an application exists for a court's client only
when it is addressed to the client's court; anything else is the 404 of no such application.
Every access, including refused ones, goes to the audit trail.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from odr.court.routes import PREFIX, SINCE, AcknowledgementIn, Cursor, audited
from odr.court.routes import _cursor as encode_cursor
from odr.enforcement import writ_event_data
from odr.enforcement.writ_schemas import (
    CourtWritOut,
    CourtWritPage,
    CourtWritSummary,
    WritAcknowledgementOut,
)
from odr.errors import Conflict, NotFound
from odr.notify import enqueue_notice
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.models import Case, Settlement
from odr.room.log import NewEvent
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.downloads import pdf_attachment
from odr.web.params import PathParam, QueryParam

api = Api()
DEFAULT_PAGE, MAX_PAGE = 50, 200
NO_WRIT = "there is no such writ application for this court"
WRITS = f"{PREFIX}/writ-applications"
ACKNOWLEDGED = "writ_acknowledged"
"""The notice to the creditor once the court registered its application."""

WRIT_ID = PathParam(
    "writ_id",
    boundary.HEX_ID,
    "writ_application_not_found",
    NO_WRIT,
    "The writ application's id, as listed (32 characters 0-9 a-f).",
)
LIMIT = QueryParam(
    "limit",
    f"Writ applications per page, 1 to {MAX_PAGE}.",
    kind="integer",
    default=DEFAULT_PAGE,
    minimum=1,
    maximum=MAX_PAGE,
)


async def _visible(ctx: Context, writ_id: str) -> tuple[WritApplication, str, str]:
    row = (
        await ctx.db.execute(
            _with_names().where(
                WritApplication.id == writ_id,
                WritApplication.court_id == ctx.court_client.court_id,
            )
        )
    ).first()
    if row is None:
        await audited(ctx, "court.writ_refused", writ_id)
        raise NotFound(NO_WRIT, code="writ_application_not_found")
    return row[0], row[1], row[2] or ""


def _with_names() -> Select[WritApplication, str, str | None]:
    """Applications with their case's reference and their settlement's verification code (kept
    by the settlement past the retention period, when the application's data is gone)."""
    return (
        select(WritApplication, Case.reference, Settlement.verification_code)
        .join(Case, Case.id == WritApplication.case_id)
        .join(Settlement, Settlement.id == WritApplication.settlement_id)
    )


def _links(writ_id: str) -> dict[str, str]:
    return {"json": f"{WRITS}/{writ_id}", "pdf": f"{WRITS}/{writ_id}/pdf"}


@api.endpoint(
    "GET",
    WRITS,
    summary="Applications for a writ of execution addressed to this court, oldest first",
    tag="court",
    response=CourtWritPage,
    auth="court",
    errors=(401, 422),
    params=(SINCE, LIMIT),
)
async def list_writ_applications(ctx: Context) -> CourtWritPage:
    limit: int = ctx.query["limit"]
    since: Cursor | None = ctx.query["since"]
    query = (
        _with_names()
        .where(WritApplication.court_id == ctx.court_client.court_id)
        .order_by(WritApplication.created_at, WritApplication.id)
        .limit(limit)
    )
    if since is not None:
        query = query.where(
            or_(
                WritApplication.created_at > since.signed_at,
                and_(
                    WritApplication.created_at == since.signed_at,
                    WritApplication.id > since.settlement_id,
                ),
            )
        )
    rows = (await ctx.db.execute(query)).all()
    items = [
        CourtWritSummary(
            id=w.id,
            case_reference=reference,
            verification_code=code or "",
            created_at=w.created_at,
            pdf_sha256=w.pdf_sha256,
            court_case_number=w.court_case_number,
            links=_links(w.id),
        )
        for w, reference, code in rows
    ]
    last = rows[-1][0] if len(rows) == limit else None
    next_cursor = encode_cursor(last.created_at, last.id) if last else None
    await audited(
        ctx, "court.list_writs", None, count=len(items), since=since.text if since else None
    )
    return CourtWritPage(writ_applications=items, next_cursor=next_cursor)


@api.endpoint(
    "GET",
    f"{WRITS}/{{writ_id}}",
    summary="A writ application: the sums due, the schedule's history, and its whole data",
    tag="court",
    auth="court",
    response=CourtWritOut,
    errors=(401, 404),
    params=(WRIT_ID,),
)
async def get_writ_application(ctx: Context) -> CourtWritOut:
    writ, reference, code = await _visible(ctx, ctx.path_params["writ_id"])
    await audited(ctx, "court.fetch_writ", writ.id)
    return CourtWritOut(
        id=writ.id,
        case_reference=reference,
        verification_code=code or "",
        created_at=writ.created_at,
        pdf_sha256=writ.pdf_sha256,
        sums=writ.sums,
        schedule=writ.content.get("schedule", []),
        application=writ.content,
        court_case_number=writ.court_case_number,
        acknowledged_at=writ.acknowledged_at,
        links=_links(writ.id),
    )


@api.endpoint(
    "GET",
    f"{WRITS}/{{writ_id}}/pdf",
    summary="The writ application as sealed (PDF/A-3, its data embedded as writ-application.json)",
    tag="court",
    auth="court",
    media_type="application/pdf",
    errors=(401, 404),
    params=(WRIT_ID,),
)
async def get_writ_application_pdf(ctx: Context) -> Response:
    writ, reference, _ = await _visible(ctx, ctx.path_params["writ_id"])
    if not writ.pdf:  # emptied by the retention purge: its hash and sums stay
        raise NotFound(NO_WRIT, code="writ_application_not_found")
    await audited(ctx, "court.fetch_writ_pdf", writ.id)
    name = f"writ-application-{reference}-{writ.language}.pdf"
    return pdf_attachment(writ.pdf, name)


@api.endpoint(
    "PUT",
    f"{WRITS}/{{writ_id}}/acknowledgement",
    summary="Record that the court registered the writ application under its own case number "
    "(idempotent)",
    tag="court",
    body=AcknowledgementIn,
    response=WritAcknowledgementOut,
    auth="court",
    errors=(401, 404, 409, 422),
    params=(WRIT_ID,),
)
async def acknowledge_writ_application(
    ctx: Context, body: AcknowledgementIn
) -> WritAcknowledgementOut:
    writ, reference, _ = await _visible(ctx, ctx.path_params["writ_id"])
    number = body.court_case_number
    court_name = ctx.court_client.court.name
    await ctx.db.commit()  # decided in the room's own transaction, under the case's lock
    filed = False

    async def decide(locked: AsyncSession) -> list[NewEvent]:
        nonlocal filed
        now = ctx.services.clock()
        # One conditional update decides between two at once: only the first sets the number.
        result = await locked.execute(
            update(WritApplication)
            .where(WritApplication.id == writ.id, WritApplication.court_case_number.is_(None))
            .values(court_case_number=number, acknowledged_at=now)
            .execution_options(synchronize_session=False)
        )
        filed = getattr(result, "rowcount", 0) == 1
        if not filed:
            return []
        # In the same transaction: the creditor is told, and the case's log says it, once.
        await enqueue_notice(
            locked,
            user_id=writ.created_by,
            kind=ACKNOWLEDGED,
            params={"reference": reference, "court": court_name, "number": number},
            dedupe_key=f"{ACKNOWLEDGED}:{writ.id}",
            now=now,
            path=f"#/cases/{writ.case_id}/settlement",
        )
        data = {"id": writ.id, "court_case_number": number}
        return [NewEvent(writ_event_data.ACKNOWLEDGED, data)]

    await ctx.services.room.record(writ.case_id, decide)
    await ctx.db.refresh(writ)
    if writ.court_case_number != number:
        await audited(ctx, "court.acknowledge_writ_refused", writ.id)
        raise Conflict(
            f"already acknowledged under court case number {writ.court_case_number}",
            code="already_acknowledged",
        )
    if filed:
        await audited(ctx, "court.acknowledge_writ", writ.id, court_case_number=number)
    assert writ.acknowledged_at is not None
    return WritAcknowledgementOut(
        writ_application_id=writ.id, court_case_number=number, acknowledged_at=writ.acknowledged_at
    )
