"""``GET /api/me/export``: the logged-in person's own data, as one JSON document (``export.py``).

A GET that changes nothing; ``Cache-Control: no-store`` comes from the middleware for every
``/api/`` answer, so no shared cache or browser history keeps a copy.
"""

from __future__ import annotations

import logging

from odr.privacy.export import export_user
from odr.privacy.export_document import UserExport
from odr.web.api import Api, Context

api = Api()
log = logging.getLogger("odr.privacy")


@api.endpoint(
    "GET",
    "/api/me/export",
    summary="Everything Kelisim holds about me (account, my cases, my private interests, "
    "notices), as JSON",
    tag="auth",
    response=UserExport,
    errors=(401,),
)
async def export_me(ctx: Context) -> UserExport:
    export = await export_user(ctx.db, ctx.user, ctx.services.clock())
    log.info("personal data exported", extra={"user_id": ctx.user.id, "by": "self"})
    return export
