"""HTTP endpoints of a centre's analytics: settlement rate and median days to settlement, as
JSON or CSV, for the centres the reader administers (``analytics.report_for`` decides which).
"""

from __future__ import annotations

from starlette.responses import Response

from odr.centre.analytics import analytics_csv, report_for
from odr.centre.schemas import Analytics
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import QueryParam

api = Api()
ANALYTICS_CENTRE = QueryParam(
    "centre_id",
    "Only this centre (one you administer); absent: every centre you administer.",
    format=boundary.HEX_ID,
)


@api.endpoint(
    "GET",
    "/api/centre/analytics",
    summary="Settlement rate, median days to settlement, by category, mediator and month",
    tag="mediation",
    response=Analytics,
    errors=(401, 403, 404),
    params=(ANALYTICS_CENTRE,),
)
async def centre_analytics(ctx: Context) -> Analytics:
    return await report_for(ctx.db, ctx.user, ctx.query["centre_id"], ctx.services.clock())


@api.endpoint(
    "GET",
    "/api/centre/analytics.csv",
    summary="The centre's analytics as CSV",
    tag="mediation",
    errors=(401, 403, 404),
    media_type="text/csv",
    params=(ANALYTICS_CENTRE,),
)
async def centre_analytics_csv(ctx: Context) -> Response:
    report = await report_for(ctx.db, ctx.user, ctx.query["centre_id"], ctx.services.clock())
    return Response(
        analytics_csv(report),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="centre-analytics.csv"'},
    )
