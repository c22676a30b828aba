"""Court API v1: a court's client lists, fetches and acknowledges settlements addressed to it.

Only signed settlements addressed to the client's own court exist for it: anything else,
including another court's settlement, is a 404 identical to "no such settlement". Every access,
including refused ones, goes to the audit trail, except a settlement id in a shape the service
never makes: the registry answers that 404 before the handler (it names nothing, and an
attacker's 5,000 characters do not belong in the audit trail; the access log has the request).
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime
from typing import Annotated, Any, NamedTuple

from pydantic import Field
from sqlalchemy import and_, or_, select
from starlette.responses import Response

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.cases.status import CaseStatus
from odr.documents.envelope import SignedSettlement
from odr.errors import Conflict, NotFound
from odr.persistence.models import Case, CourtImport, Settlement
from odr.persistence.upsert import insert_unless_present
from odr.settlement.notices import after_filing
from odr.settlement.schemas import VerificationOut
from odr.settlement.verification import verify_stored
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.downloads import pdf_attachment
from odr.web.params import PathParam, QueryParam
from odr.web.schema import Line, RequestModel, ResponseModel

api = Api()
PREFIX = "/api/court/v1"
DEFAULT_PAGE, MAX_PAGE = 50, 200
VISIBLE = ("signed", "filed")


class CourtSettlementParty(ResponseModel):
    role: str = Field(description="claimant, respondent, party3 … party10, in that order.")
    name: str = Field(description="A person's full name or an organisation's name, as signed.")


class CourtSettlementSummary(ResponseModel):
    id: str
    case_reference: str
    parties: list[CourtSettlementParty] = Field(
        description="Every party of the signed record (2 to 10), as the record names them."
    )
    verification_code: str
    signed_at: datetime
    record_sha256: str
    pdf_sha256: str
    court_case_number: str | None = Field(description="Set once this court acknowledged it.")
    links: dict[str, str]


class CourtSettlementPage(ResponseModel):
    settlements: list[CourtSettlementSummary]
    next_cursor: str | None = Field(
        description="Pass as ?since= to get what was signed after this page; null when done."
    )


class AcknowledgementIn(RequestModel):
    court_case_number: Annotated[str, Line(100)] = Field(examples=["7594-26-00-2/1234"])


class AcknowledgementOut(ResponseModel):
    settlement_id: str
    court_case_number: str
    acknowledged_at: datetime


class Cursor(NamedTuple):
    """Where a page ended: the last settlement's signing time (UTC) and id."""

    signed_at: datetime
    settlement_id: str
    text: str


def _cursor(signed_at: datetime, settlement_id: str) -> str:
    raw = json.dumps([signed_at.isoformat(), settlement_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


CURSOR = boundary.IdFormat(
    "a cursor (a page's next_cursor)",
    "[A-Za-z0-9_-]{0,200}",
    200,
    _cursor(datetime(2026, 1, 1, tzinfo=UTC), "3f2a9c0e5b7d41e8a6c2f0b9d4e1a7c3"),
)
_NOT_A_CURSOR = "must be a cursor returned by this API (next_cursor)"


def parse_cursor(value: str) -> Cursor | None:
    """``value`` as ``_cursor`` wrote it; empty means from the start. Anything else, even valid
    base64 of other JSON (deeply nested, a time without its zone, another id), is refused with
    ``ValueError``: the query below compares it with stored UTC times and ids."""
    if not value:
        return None
    try:
        decoded = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        raise ValueError(_NOT_A_CURSOR) from None
    if not (
        isinstance(decoded, list)
        and len(decoded) == 2
        and all(isinstance(part, str) for part in decoded)
        and boundary.HEX_ID.problem(decoded[1]) is None
    ):
        raise ValueError(_NOT_A_CURSOR)
    try:
        at = datetime.fromisoformat(decoded[0])
    except ValueError:
        raise ValueError(_NOT_A_CURSOR) from None
    if at.utcoffset() is None:
        raise ValueError(_NOT_A_CURSOR)
    return Cursor(at, decoded[1], value)


SINCE = QueryParam(
    "since",
    "Continue after this cursor (a page's `next_cursor`); empty or absent: from the oldest.",
    min_length=0,
    max_length=CURSOR.max_length,
    format=CURSOR,
    parse=parse_cursor,
    refusal_code="bad_cursor",
)
LIMIT = QueryParam(
    "limit",
    f"Settlements per page, 1 to {MAX_PAGE}.",
    kind="integer",
    default=DEFAULT_PAGE,
    minimum=1,
    maximum=MAX_PAGE,
)
SETTLEMENT_ID = PathParam(
    "settlement_id",
    boundary.HEX_ID,
    "settlement_not_found",
    "there is no such settlement for this court",
    "The settlement's id, as listed (32 characters 0-9 a-f).",
)


async def audited(ctx: Context, action: str, target: str | None, **details: Any) -> None:
    """Every court client's access goes into the audit trail, as the client and its court; the
    referral routes (``referral_routes.py``) record theirs the same way."""
    client = ctx.court_client
    await audit(
        ctx.services.sessions,
        AuditEvent(
            "court_client", client.id, action, target, {"court_id": client.court_id, **details}
        ),
        ctx.services.clock(),
    )


async def _visible(ctx: Context, settlement_id: str) -> Settlement:
    client = ctx.court_client
    settlement = await ctx.db.scalar(
        select(Settlement).where(
            Settlement.id == settlement_id,
            Settlement.court_id == client.court_id,
            Settlement.status.in_(VISIBLE),
        )
    )
    if settlement is None:
        await audited(ctx, "court.fetch_refused", settlement_id)
        raise NotFound("there is no such settlement for this court", code="settlement_not_found")
    return settlement


@api.endpoint(
    "GET",
    f"{PREFIX}/settlements",
    summary="Signed settlements addressed to this court, oldest first, after a cursor",
    tag="court",
    response=CourtSettlementPage,
    auth="court",
    errors=(401, 422),
    params=(SINCE, LIMIT),
)
async def list_settlements(ctx: Context) -> CourtSettlementPage:
    client = ctx.court_client
    limit: int = ctx.query["limit"]
    since: Cursor | None = ctx.query["since"]
    query = (
        select(Settlement, Case.reference, CourtImport.court_case_number)
        .join(Case, Case.id == Settlement.case_id)
        .outerjoin(CourtImport, CourtImport.settlement_id == Settlement.id)
        .where(Settlement.court_id == client.court_id, Settlement.status.in_(VISIBLE))
        .order_by(Settlement.signed_at, Settlement.id)
        .limit(limit)
    )
    if since is not None:
        query = query.where(
            or_(
                Settlement.signed_at > since.signed_at,
                and_(Settlement.signed_at == since.signed_at, Settlement.id > since.settlement_id),
            )
        )
    rows = (await ctx.db.execute(query)).all()
    items = [_summary(s, reference, number) for s, reference, number in rows]
    next_cursor = None
    if len(rows) == limit:
        last = rows[-1][0]
        assert last.signed_at is not None
        next_cursor = _cursor(last.signed_at, last.id)
    await audited(ctx, "court.list", None, count=len(items), since=since.text if since else None)
    return CourtSettlementPage(settlements=items, next_cursor=next_cursor)


def _summary(s: Settlement, reference: str, number: str | None) -> CourtSettlementSummary:
    assert s.signed_at and s.verification_code and s.record_sha256 and s.pdf_sha256
    assert s.envelope is not None  # a signed settlement's record
    base = f"{PREFIX}/settlements/{s.id}"
    return CourtSettlementSummary(
        id=s.id,
        case_reference=reference,
        parties=[
            CourtSettlementParty(role=p["role"], name=p.get("full_name") or p.get("name") or "")
            for p in s.envelope["record"]["parties"]
        ],
        verification_code=s.verification_code,
        signed_at=s.signed_at,
        record_sha256=s.record_sha256,
        pdf_sha256=s.pdf_sha256,
        court_case_number=number,
        links={"json": base, "pdf": f"{base}/pdf", "xml": f"{base}/xml"},
    )


@api.endpoint(
    "GET",
    f"{PREFIX}/settlements/{{settlement_id}}",
    summary="The signed settlement as JSON: record, party signatures, platform signature",
    tag="court",
    auth="court",
    response=SignedSettlement,
    media_type="application/json",
    errors=(401, 404),
    params=(SETTLEMENT_ID,),
)
async def get_settlement_json(ctx: Context) -> Response:
    settlement = await _visible(ctx, ctx.path_params["settlement_id"])
    await audited(ctx, "court.fetch_json", settlement.id)
    body = json.dumps(settlement.envelope, ensure_ascii=False, sort_keys=True)
    return Response(body, media_type="application/json")


@api.endpoint(
    "GET",
    f"{PREFIX}/settlements/{{settlement_id}}/pdf",
    summary="The signed PDF/A-3 document (record and Akoma Ntoso XML embedded)",
    tag="court",
    auth="court",
    media_type="application/pdf",
    errors=(401, 404),
    params=(SETTLEMENT_ID,),
)
async def get_settlement_pdf(ctx: Context) -> Response:
    settlement = await _visible(ctx, ctx.path_params["settlement_id"])
    await audited(ctx, "court.fetch_pdf", settlement.id)
    assert settlement.pdf is not None
    return pdf_attachment(settlement.pdf, f"{_filename(settlement)}.pdf")


@api.endpoint(
    "GET",
    f"{PREFIX}/settlements/{{settlement_id}}/verification",
    summary="The signed PDF verified now: every signature (signer, IIN/BIN, issuer, time, valid "
    "or why not), as POST /api/verify answers",
    tag="court",
    auth="court",
    response=VerificationOut,
    errors=(401, 404, 503),
    params=(SETTLEMENT_ID,),
)
async def get_settlement_verification(ctx: Context) -> VerificationOut:
    settlement = await _visible(ctx, ctx.path_params["settlement_id"])
    await audited(ctx, "court.verify", settlement.id)
    assert settlement.pdf is not None
    return await verify_stored(ctx, settlement.pdf)


@api.endpoint(
    "GET",
    f"{PREFIX}/settlements/{{settlement_id}}/xml",
    summary="The settlement as an Akoma Ntoso 3.0 doc",
    tag="court",
    auth="court",
    media_type="application/akn+xml",
    errors=(401, 404),
    params=(SETTLEMENT_ID,),
)
async def get_settlement_xml(ctx: Context) -> Response:
    settlement = await _visible(ctx, ctx.path_params["settlement_id"])
    await audited(ctx, "court.fetch_xml", settlement.id)
    assert settlement.akn_xml is not None
    return Response(settlement.akn_xml, media_type="application/akn+xml")


def _filename(settlement: Settlement) -> str:
    return f"settlement-{settlement.verification_code}"


@api.endpoint(
    "PUT",
    f"{PREFIX}/settlements/{{settlement_id}}/acknowledgement",
    summary="Record that the court imported the settlement under its own case number (idempotent)",
    tag="court",
    body=AcknowledgementIn,
    response=AcknowledgementOut,
    auth="court",
    errors=(401, 404, 409, 422),
    params=(SETTLEMENT_ID,),
)
async def acknowledge(ctx: Context, body: AcknowledgementIn) -> AcknowledgementOut:
    settlement = await _visible(ctx, ctx.path_params["settlement_id"])
    now = ctx.services.clock()
    if not await _record_import(ctx, settlement, body.court_case_number, now):
        # Acknowledged before, or a twin of this request (a retry, a double send) won a moment
        # ago: the same answer for the same number, 409 for another one.
        existing = await ctx.db.scalar(
            select(CourtImport).where(CourtImport.settlement_id == settlement.id)
        )
        assert existing is not None  # the insert found it, committed
        await ctx.db.commit()  # end the insert's transaction (on SQLite: its write lock) first
        return await _same_acknowledgement(ctx, settlement, existing, body)
    await audited(ctx, "court.acknowledge", settlement.id, court_case_number=body.court_case_number)
    return AcknowledgementOut(
        settlement_id=settlement.id,
        court_case_number=body.court_case_number,
        acknowledged_at=now,
    )


async def _same_acknowledgement(
    ctx: Context, settlement: Settlement, existing: CourtImport, body: AcknowledgementIn
) -> AcknowledgementOut:
    if existing.court_case_number != body.court_case_number:
        await audited(ctx, "court.acknowledge_refused", settlement.id)
        raise Conflict(
            f"already acknowledged under court case number {existing.court_case_number}",
            code="already_acknowledged",
        )
    return AcknowledgementOut(
        settlement_id=settlement.id,
        court_case_number=existing.court_case_number,
        acknowledged_at=existing.acknowledged_at,
    )


async def _record_import(
    ctx: Context, settlement: Settlement, court_case_number: str, now: datetime
) -> bool:
    """File the settlement under the court's number; False when it was filed already.

    One conditional insert on the unique settlement id decides: of two acknowledgements at once,
    the second waits for the first to commit, then inserts nothing (no duplicate-key error)."""
    client = ctx.court_client
    filed = await insert_unless_present(
        ctx.db,
        CourtImport,
        {
            "settlement_id": settlement.id,
            "court_id": client.court_id,
            "court_case_number": court_case_number,
            "client_id": client.id,
            "acknowledged_at": now,
        },
        unique=("settlement_id",),
    )
    if not filed:
        return False
    settlement.status = "filed"
    settlement.updated_at = now
    case = await ctx.db.get(Case, settlement.case_id)
    assert case is not None
    case.status, case.updated_at = CaseStatus.FILED, now
    await after_filing(ctx.db, case, settlement, now)
    await ctx.db.commit()
    return True
