"""Court API v1 for referrals (#15): a court's client lists the cases referred to it, fetches
each referral package, and acknowledges it with its own case number; the case's parties and
centre see that number.

The same rule as settlements (``odr.court.routes``): a referral exists for a court's client only
when it is addressed to the client's court; anything else is the 404 of no such referral. Every
access, including refused ones, goes to the audit trail.
"""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import and_, or_, select
from starlette.responses import Response

from odr.centre.access import staff_case
from odr.court import referral_pdf
from odr.court.referral_notices import tell_acknowledged
from odr.court.referral_schemas import (
    CaseReferralOut,
    CourtReferralOut,
    CourtReferralPage,
    CourtReferralSummary,
    CourtsOut,
    ReferralAcknowledgementIn,
    ReferralAcknowledgementOut,
    ReferralCourt,
)
from odr.court.routes import PREFIX, SINCE, Cursor, audited
from odr.court.routes import _cursor as encode_cursor
from odr.errors import ApiError, Conflict, NotFound
from odr.persistence.models import Case, CaseParty, Court
from odr.persistence.referrals_models import ReferralAcknowledgement, ReferralPackage
from odr.persistence.upsert import insert_unless_present
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.downloads import pdf_attachment
from odr.web.params import PathParam, QueryParam

api = Api()
DEFAULT_PAGE, MAX_PAGE = 50, 200
NO_REFERRAL = "there is no such referral for this court"

REFERRAL_ID = PathParam(
    "referral_id",
    boundary.HEX_ID,
    "referral_not_found",
    NO_REFERRAL,
    "The referral's id, as listed (32 characters 0-9 a-f).",
)
LIMIT = QueryParam(
    "limit",
    f"Referrals per page, 1 to {MAX_PAGE}.",
    kind="integer",
    default=DEFAULT_PAGE,
    minimum=1,
    maximum=MAX_PAGE,
)


async def _visible(ctx: Context, referral_id: str) -> ReferralPackage:
    package = await ctx.db.scalar(
        select(ReferralPackage).where(
            ReferralPackage.referral_id == referral_id,
            ReferralPackage.court_id == ctx.court_client.court_id,
        )
    )
    if package is None:
        await audited(ctx, "court.referral_refused", referral_id)
        raise NotFound(NO_REFERRAL, code="referral_not_found")
    return package


async def _acknowledgement(ctx: Context, referral_id: str) -> ReferralAcknowledgement | None:
    return await ctx.db.scalar(
        select(ReferralAcknowledgement).where(ReferralAcknowledgement.referral_id == referral_id)
    )


@api.endpoint(
    "GET",
    f"{PREFIX}/referrals",
    summary="Cases referred to this court after mediation without agreement, oldest first",
    tag="court",
    response=CourtReferralPage,
    auth="court",
    errors=(401, 422),
    params=(SINCE, LIMIT),
)
async def list_referrals(ctx: Context) -> CourtReferralPage:
    limit: int = ctx.query["limit"]
    since: Cursor | None = ctx.query["since"]
    query = (
        select(ReferralPackage, Case.reference, ReferralAcknowledgement.court_case_number)
        .join(Case, Case.id == ReferralPackage.case_id)
        .outerjoin(
            ReferralAcknowledgement,
            ReferralAcknowledgement.referral_id == ReferralPackage.referral_id,
        )
        .where(ReferralPackage.court_id == ctx.court_client.court_id)
        .order_by(ReferralPackage.created_at, ReferralPackage.referral_id)
        .limit(limit)
    )
    if since is not None:
        query = query.where(
            or_(
                ReferralPackage.created_at > since.signed_at,
                and_(
                    ReferralPackage.created_at == since.signed_at,
                    ReferralPackage.referral_id > since.settlement_id,
                ),
            )
        )
    rows = (await ctx.db.execute(query)).all()
    items = [_summary(p, reference, number) for p, reference, number in rows]
    last = rows[-1][0] if len(rows) == limit else None
    next_cursor = encode_cursor(last.created_at, last.referral_id) if last else None
    await audited(
        ctx, "court.list_referrals", None, count=len(items), since=since.text if since else None
    )
    return CourtReferralPage(referrals=items, next_cursor=next_cursor)


def _summary(p: ReferralPackage, reference: str, number: str | None) -> CourtReferralSummary:
    return CourtReferralSummary(
        id=p.referral_id,
        case_reference=reference,
        referred_at=p.created_at,
        package_sha256=p.package_sha256,
        court_case_number=number,
        links={
            "json": f"{PREFIX}/referrals/{p.referral_id}",
            "pdf": f"{PREFIX}/referrals/{p.referral_id}/pdf",
        },
    )


@api.endpoint(
    "GET",
    f"{PREFIX}/referrals/{{referral_id}}",
    summary="The referral package (parties, claim, mediation's course, what the parties shared) "
    "with its SHA-256",
    tag="court",
    auth="court",
    response=CourtReferralOut,
    media_type="application/json",
    errors=(401, 404),
    params=(REFERRAL_ID,),
)
async def get_referral(ctx: Context) -> Response:
    package = await _visible(ctx, ctx.path_params["referral_id"])
    acknowledged = await _acknowledgement(ctx, package.referral_id)
    await audited(ctx, "court.fetch_referral", package.referral_id)
    # The package goes out exactly as stored and hashed (not re-serialised through a model).
    body = {
        "id": package.referral_id,
        "package": package.package,
        "package_sha256": package.package_sha256,
        "court_case_number": acknowledged.court_case_number if acknowledged else None,
        "acknowledged_at": acknowledged.acknowledged_at.isoformat() if acknowledged else None,
    }
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")


def _language(value: str) -> str:
    if value not in referral_pdf.LANGUAGES:
        raise ValueError("must be kk, ru or en")
    return value


LANGUAGE = QueryParam(
    "language",
    "The document's language: kk, ru or en; absent: the language the case was conducted in.",
    max_length=2,
    parse=_language,
)


@api.endpoint(
    "GET",
    f"{PREFIX}/referrals/{{referral_id}}/pdf",
    summary="The referral package as a PDF to read, in kk, ru or en, with the package's canonical "
    "JSON attached (referral.json)",
    tag="court",
    auth="court",
    media_type="application/pdf",
    errors=(401, 404, 422),
    params=(REFERRAL_ID, LANGUAGE),
)
async def get_referral_pdf(ctx: Context) -> Response:
    package = await _visible(ctx, ctx.path_params["referral_id"])
    if not package.package:  # emptied by the retention purge: nothing left to draw
        raise NotFound(NO_REFERRAL, code="referral_not_found")
    language = ctx.query["language"] or package.package["claim"]["language"]
    if language not in referral_pdf.LANGUAGES:  # a case in another language: Russian
        language = "ru"
    await audited(ctx, "court.fetch_referral_pdf", package.referral_id, language=language)
    pdf = await asyncio.to_thread(
        referral_pdf.render_pdf, package.package, package.package_sha256, language
    )
    name = f"referral-{package.package['case_reference']}-{language}.pdf"
    return pdf_attachment(pdf, name)


@api.endpoint(
    "PUT",
    f"{PREFIX}/referrals/{{referral_id}}/acknowledgement",
    summary="Record that the court registered the referred case under its own case number "
    "(idempotent)",
    tag="court",
    body=ReferralAcknowledgementIn,
    response=ReferralAcknowledgementOut,
    auth="court",
    errors=(401, 404, 409, 422),
    params=(REFERRAL_ID,),
)
async def acknowledge_referral(
    ctx: Context, body: ReferralAcknowledgementIn
) -> ReferralAcknowledgementOut:
    package = await _visible(ctx, ctx.path_params["referral_id"])
    client, now = ctx.court_client, ctx.services.clock()
    # One conditional insert on the unique referral id decides between two at once: the
    # second waits for the first to commit, then inserts nothing (no duplicate-key error).
    filed = await insert_unless_present(
        ctx.db,
        ReferralAcknowledgement,
        {
            "referral_id": package.referral_id,
            "court_id": client.court_id,
            "court_case_number": body.court_case_number,
            "client_id": client.id,
            "acknowledged_at": now,
        },
        unique=("referral_id",),
    )
    if filed:  # in the same transaction: the parties and the mediator are told exactly once
        number = body.court_case_number
        await tell_acknowledged(ctx.db, package.case_id, client.court, number, now)
    await ctx.db.commit()
    existing = await _acknowledgement(ctx, package.referral_id)
    assert existing is not None  # inserted now, or committed before
    if existing.court_case_number != body.court_case_number:
        await audited(ctx, "court.acknowledge_referral_refused", package.referral_id)
        raise Conflict(
            f"already acknowledged under court case number {existing.court_case_number}",
            code="already_acknowledged",
        )
    if filed:
        await audited(
            ctx,
            "court.acknowledge_referral",
            package.referral_id,
            court_case_number=body.court_case_number,
        )
    return ReferralAcknowledgementOut(
        referral_id=package.referral_id,
        court_case_number=existing.court_case_number,
        acknowledged_at=existing.acknowledged_at,
    )


class NoReferral(ApiError):
    status, code = 404, "no_referral"


@api.endpoint(
    "GET",
    "/api/cases/{case_id}/referral",
    summary="The case's referral to court: when, to which court, and the court's case number "
    "once it acknowledged (the case's parties and centre staff)",
    tag="mediation",
    response=CaseReferralOut,
    errors=(401, 404),
)
async def case_referral(ctx: Context) -> CaseReferralOut:
    case_id = ctx.path_params["case_id"]
    party = await ctx.db.scalar(
        select(CaseParty.id).where(CaseParty.case_id == case_id, CaseParty.user_id == ctx.user.id)
    )
    if party is None:
        await staff_case(ctx.db, ctx.user, case_id)  # 404 case_not_found unless staff of it
    row = (
        await ctx.db.execute(
            select(ReferralPackage, Court, ReferralAcknowledgement)
            .outerjoin(Court, Court.id == ReferralPackage.court_id)
            .outerjoin(
                ReferralAcknowledgement,
                ReferralAcknowledgement.referral_id == ReferralPackage.referral_id,
            )
            .where(ReferralPackage.case_id == case_id)
        )
    ).first()
    if row is None:
        raise NoReferral("the case has not been referred to court")
    package, court, acknowledged = row
    return CaseReferralOut(
        referred_at=package.created_at,
        court=ReferralCourt(code=court.code, name=court.name) if court else None,
        court_case_number=acknowledged.court_case_number if acknowledged else None,
        acknowledged_at=acknowledged.acknowledged_at if acknowledged else None,
    )


@api.endpoint(
    "GET",
    "/api/courts",
    summary="The courts connected to Kelisim (code and name), to refer a case to one of them",
    tag="mediation",
    response=CourtsOut,
    errors=(401,),
)
async def list_courts(ctx: Context) -> CourtsOut:
    courts = await ctx.db.scalars(select(Court).order_by(Court.name, Court.code))
    return CourtsOut(courts=[ReferralCourt(code=c.code, name=c.name) for c in courts])
