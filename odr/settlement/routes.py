"""Settlement API for the parties: review and complete the terms, sign, download the document.

Each handler translates HTTP and calls one function of ``odr.settlement.service`` (which holds
the transaction) and answers with ``odr.settlement.view``'s reading of the result.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from odr.auth.reauth import confirm_password
from odr.errors import Forbidden
from odr.settlement import service, view
from odr.settlement.schemas import PartyDetailsIn, SettlementOut, SettlementTermsIn, SignIn
from odr.signing.settlement_flow import require_simple_allowed
from odr.web.api import Api, Context
from odr.web.downloads import pdf_attachment

api = Api()
BASE = "/api/cases/{case_id}/settlement"


@api.endpoint(
    "GET",
    BASE,
    summary="The settlement drafted from the agreement: terms, what is missing, the record to "
    "sign, signatures",
    tag="settlement",
    response=SettlementOut,
    errors=(401, 403, 404, 409, 422),
)
async def get_settlement(ctx: Context) -> SettlementOut:
    case, settlement = await service.settlement_for(
        ctx.db, ctx.user, ctx.path_params["case_id"], ctx.services.clock()
    )
    return await view.settlement_out(ctx.db, case, settlement)


@api.endpoint(
    "PUT",
    f"{BASE}/terms",
    summary="Edit the shared terms (obligations, dates, costs, court); voids earlier signatures",
    tag="settlement",
    body=SettlementTermsIn,
    response=SettlementOut,
    errors=(401, 403, 404, 409, 422),
)
async def put_terms(ctx: Context, body: SettlementTermsIn) -> SettlementOut:
    terms: dict[str, Any] = body.model_dump(mode="json", exclude={"version"})
    case, settlement = await service.change_terms(
        ctx.db, ctx.services, ctx.user, ctx.path_params["case_id"], body.version, terms
    )
    return await view.settlement_out(ctx.db, case, settlement)


@api.endpoint(
    "PUT",
    f"{BASE}/parties/me",
    summary="Give my identity as the settlement must name me (IIN or BIN checked); voids "
    "earlier signatures",
    tag="settlement",
    body=PartyDetailsIn,
    response=SettlementOut,
    errors=(401, 403, 404, 409, 422),
)
async def put_my_details(ctx: Context, body: PartyDetailsIn) -> SettlementOut:
    details: dict[str, Any] = body.model_dump(mode="json", exclude_none=True)
    case, settlement = await service.change_my_details(
        ctx.db, ctx.services, ctx.user, ctx.path_params["case_id"], details
    )
    return await view.settlement_out(ctx.db, case, settlement)


@api.endpoint(
    "POST",
    f"{BASE}/signatures",
    summary="Sign the record I reviewed, re-entering my password; the last signature seals the "
    "document",
    tag="settlement",
    body=SignIn,
    response=SettlementOut,
    status=201,
    errors=(401, 403, 404, 409, 422, 429),
)
async def post_signature(ctx: Context, body: SignIn) -> SettlementOut:
    async def password_confirmed() -> None:
        # A simple electronic signature only where the case's centre permits it (#14).
        await require_simple_allowed(ctx.db, ctx.services.settings, ctx.path_params["case_id"])
        # Throttled like a login (429 reauth_throttled): a stolen session cannot guess it.
        refused = Forbidden(
            "the password is not right; the settlement was not signed", code="password_incorrect"
        )
        await confirm_password(ctx, body.password, refused=refused)

    case, settlement = await service.sign_settlement(
        ctx.db,
        ctx.services,
        ctx.user,
        ctx.path_params["case_id"],
        body.record_sha256,
        password_confirmed,
    )
    return await view.settlement_out(ctx.db, case, settlement)


@api.endpoint(
    "GET",
    f"{BASE}/pdf",
    summary="Download the signed settlement (PDF/A-3 with the record and Akoma Ntoso embedded)",
    tag="settlement",
    media_type="application/pdf",
    errors=(401, 403, 404, 409),
)
async def get_pdf(ctx: Context) -> Response:
    name, pdf = await view.signed_pdf(ctx.db, ctx.user, ctx.path_params["case_id"])
    return pdf_attachment(pdf, name)
