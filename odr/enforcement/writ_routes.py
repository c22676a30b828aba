"""The creditor's writ application endpoints (#18): make one, list one's own, download the PDF.

HTTP only: the rules and the transaction are ``writ_service``'s. Another party's application is
the same 404 as one that does not exist: it is the creditor's filing, which the court serves.
"""

from __future__ import annotations

from starlette.responses import Response

from odr.enforcement import writ_service
from odr.enforcement.writ_schemas import (
    WritApplicationIn,
    WritApplicationOut,
    WritApplicationsOut,
    WritCourt,
)
from odr.persistence.enforcement_models import WritApplication
from odr.persistence.models import Court
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.downloads import pdf_attachment
from odr.web.params import PathParam

api = Api()
BASE = "/api/cases/{case_id}/settlement"
APPLICATION_ID = PathParam(
    "application_id",
    boundary.HEX_ID,
    "writ_application_not_found",
    writ_service.NO_APPLICATION,
    "The writ application's id (32 characters 0-9 a-f).",
)


async def _out(ctx: Context, application: WritApplication) -> WritApplicationOut:
    court = await ctx.db.get_one(Court, application.court_id)
    return WritApplicationOut(
        id=application.id,
        case_id=application.case_id,
        created_at=application.created_at,
        language=application.language,
        creditor=application.creditor,
        obligations=list(application.obligations),
        court=WritCourt(code=court.code, name=court.name),
        sums=application.sums,
        pdf_sha256=application.pdf_sha256,
        court_case_number=application.court_case_number,
        acknowledged_at=application.acknowledged_at,
        links={
            "pdf": f"/api/cases/{application.case_id}/settlement/writ-applications/"
            f"{application.id}/pdf"
        },
    )


@api.endpoint(
    "POST",
    f"{BASE}/writ-application",
    summary="Apply to the court for a writ of execution on the settlement (a creditor of an "
    "obligation in default): the application as a sealed PDF/A, stored once",
    tag="settlement",
    body=WritApplicationIn,
    response=WritApplicationOut,
    status=201,
    errors=(401, 404, 409, 422),
)
async def post_writ_application(ctx: Context, body: WritApplicationIn) -> WritApplicationOut:
    application = await writ_service.apply_for_writ(
        ctx.db,
        ctx.services,
        ctx.user,
        ctx.path_params["case_id"],
        body.language,
        body.obligations,
        body.court_code,
    )
    return await _out(ctx, application)


@api.endpoint(
    "GET",
    f"{BASE}/writ-applications",
    summary="The writ applications I made in this case, oldest first",
    tag="settlement",
    response=WritApplicationsOut,
    errors=(401, 404),
)
async def list_writ_applications(ctx: Context) -> WritApplicationsOut:
    rows = await writ_service.own_applications(ctx.db, ctx.user, ctx.path_params["case_id"])
    return WritApplicationsOut(applications=[await _out(ctx, row) for row in rows])


@api.endpoint(
    "GET",
    f"{BASE}/writ-applications/{{application_id}}/pdf",
    summary="Download a writ application I made (PDF/A-3, sealed; its data embedded)",
    tag="settlement",
    media_type="application/pdf",
    errors=(401, 404),
    params=(APPLICATION_ID,),
)
async def get_writ_application_pdf(ctx: Context) -> Response:
    case, application = await writ_service.own_application(
        ctx.db, ctx.user, ctx.path_params["case_id"], ctx.path_params["application_id"]
    )
    name = f"writ-application-{case.reference}-{application.language}.pdf"
    return pdf_attachment(application.pdf, name)
