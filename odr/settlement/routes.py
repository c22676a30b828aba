"""Settlement API for the parties: review and complete the terms, sign, download the document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from starlette.responses import Response

from odr.audit import AuditEvent
from odr.audit import record as audit
from odr.auth.reauth import confirm_password
from odr.cases.service import case_for, role_of
from odr.documents import record_sha256
from odr.errors import Conflict, Forbidden, NotFound, ValidationFailed
from odr.persistence.models import Case, Court, CourtImport, Settlement
from odr.settlement import notices, record_builder, service
from odr.settlement.keys import platform_key
from odr.settlement.schemas import (
    PartyDetailsIn,
    SettlementOut,
    SettlementTermsIn,
    SignatureOut,
    SignIn,
)
from odr.web.api import Api, Context

api = Api()
BASE = "/api/cases/{case_id}/settlement"


async def _case_and_settlement(ctx: Context) -> tuple[Case, Settlement]:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    settlement = await service.open_settlement(ctx.db, case, ctx.services.clock())
    return case, settlement


async def _out(ctx: Context, case: Case, settlement: Settlement) -> SettlementOut:
    record = None
    problems: list[dict[str, str]] = []
    if settlement.envelope is not None:
        record = settlement.envelope["record"]
        record_hash: str | None = settlement.record_sha256
    else:
        try:
            built = await record_builder.build_record(ctx.db, case, settlement)
        except ValidationFailed as exc:
            built, problems = None, exc.fields or [{"field": "record", "message": exc.message}]
        record_hash = record_sha256(built) if built is not None else None
        record = built.model_dump(mode="json", by_alias=True) if built is not None else None
    signatures = await service.signatures_for(ctx.db, settlement, record_hash)
    names = {
        role: (details or {}).get("full_name")
        for role, details in settlement.terms["parties"].items()
    }
    court = await ctx.db.get(Court, settlement.court_id) if settlement.court_id else None
    filed = None
    if settlement.status == "filed":
        imported = await ctx.db.scalar(
            select(CourtImport).where(CourtImport.settlement_id == settlement.id)
        )
        if imported is not None:
            filed = {
                "court_case_number": imported.court_case_number,
                "acknowledged_at": imported.acknowledged_at.isoformat(),
            }
    terms = {k: v for k, v in settlement.terms.items() if k != "parties"}
    return SettlementOut(
        id=settlement.id,
        status=settlement.status,  # type: ignore[arg-type]
        version=settlement.version,
        terms=terms,
        parties=dict(settlement.terms["parties"]),
        missing=record_builder.missing_items(settlement),
        problems=problems,
        record=record,
        record_sha256=record_hash,
        signatures=[
            SignatureOut(
                role=s.role,
                full_name=names.get(s.role) or s.role,
                signed_at=s.signed_at,
                method=s.method,
            )
            for s in signatures
        ],
        verification_code=settlement.verification_code,
        pdf_sha256=settlement.pdf_sha256,
        court={"code": court.code, "name": court.name} if court else None,
        filed=filed,
    )


@api.endpoint(
    "GET",
    BASE,
    summary="The settlement drafted from the agreement: terms, what is missing, the record to "
    "sign, signatures",
    tag="settlement",
    response=SettlementOut,
    errors=(401, 404, 409, 422),
)
async def get_settlement(ctx: Context) -> SettlementOut:
    case, settlement = await _case_and_settlement(ctx)
    return await _out(ctx, case, settlement)


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
    case, settlement = await _case_and_settlement(ctx)
    service.role_required(role_of(case, ctx.user))
    terms: dict[str, Any] = body.model_dump(mode="json", exclude={"version"})
    for obligation in terms["obligations"]:
        for n, instalment in enumerate(obligation["instalments"], 1):
            instalment["number"] = n  # stored as drafted: numbered by order, whatever was sent
    await ctx.db.commit()  # end the read transaction: the write below starts after the lock
    async with ctx.request.app.state.room.locks.for_case(case.id):
        await ctx.db.refresh(settlement, with_for_update=True)
        await service.update_terms(
            ctx.db, settlement, body.version, terms, case.currency, ctx.services.clock()
        )
        await ctx.db.commit()
    return await _out(ctx, case, settlement)


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
    case, settlement = await _case_and_settlement(ctx)
    role = service.role_required(role_of(case, ctx.user))
    await ctx.db.commit()  # end the read transaction: the write below starts after the lock
    async with ctx.request.app.state.room.locks.for_case(case.id):
        await ctx.db.refresh(settlement, with_for_update=True)
        service.update_party(
            settlement,
            role,
            body.model_dump(mode="json", exclude_none=True),
            ctx.user.email,
            ctx.services.clock(),
        )
        await ctx.db.commit()
    return await _out(ctx, case, settlement)


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
    case, settlement = await _case_and_settlement(ctx)
    role = service.role_required(role_of(case, ctx.user))
    # Throttled like a login (429 reauth_throttled): a stolen session cannot guess the password.
    await confirm_password(
        ctx,
        body.password,
        refused=Forbidden(
            "the password is not right; the settlement was not signed", code="password_incorrect"
        ),
    )
    now = ctx.services.clock()
    await ctx.db.commit()  # end the read transaction: the write below starts after the lock
    async with ctx.request.app.state.room.locks.for_case(case.id):
        await ctx.db.refresh(settlement, with_for_update=True)
        record = await record_builder.build_record(ctx.db, case, settlement)
        if record is None:
            missing = ", ".join(record_builder.missing_items(settlement))
            raise Conflict(
                f"the settlement is not complete yet (missing: {missing})", code="incomplete"
            )
        signatures = await service.sign(
            ctx.db, case, settlement, ctx.user, role, body.record_sha256, now, record
        )
        if {s.role for s in signatures} == set(record_builder.ROLES):
            key = platform_key(ctx.services.settings)
            await service.finalise(
                case,
                settlement,
                record,
                signatures,
                key,
                verification_url(ctx),
                now,
            )
        signed_roles = {s.role for s in signatures}
        await notices.after_signature(
            ctx.db, case, settlement, signed_roles, body.record_sha256, now
        )
        await ctx.db.commit()
    await audit(
        ctx.services.sessions,
        AuditEvent(
            "user",
            ctx.user.id,
            "settlement.sign",
            settlement.id,
            {"role": role, "record_sha256": body.record_sha256, "status": settlement.status},
        ),
        now,
    )
    return await _out(ctx, case, settlement)


def verification_url(ctx: Context) -> str:
    base = ctx.services.settings.public_base_url.rstrip("/")
    return base + "/#/verify/{code}"


@api.endpoint(
    "GET",
    f"{BASE}/pdf",
    summary="Download the signed settlement (PDF/A-3 with the record and Akoma Ntoso embedded)",
    tag="settlement",
    media_type="application/pdf",
    errors=(401, 404, 409),
)
async def get_pdf(ctx: Context) -> Response:
    case = await case_for(ctx.db, ctx.user, ctx.path_params["case_id"])
    settlement = await ctx.db.scalar(select(Settlement).where(Settlement.case_id == case.id))
    if settlement is None:
        raise NotFound("this case has no settlement yet", code="settlement_not_found")
    if settlement.pdf is None:
        raise Conflict(
            "the document exists once every party has signed", code="settlement_not_signed"
        )
    name = f"settlement-{case.reference}.pdf"
    return Response(
        settlement.pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
