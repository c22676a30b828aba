"""Public verification: anyone holding a settlement PDF, or its verification code, can check it.

No login: a judge, a bailiff or a bank checks a document by uploading it (or typing the code
printed on it). The answer says valid or not, who signed and when, and why not. The platform's
public key is published at ``/.well-known/kelisim-signing-keys.json`` so a document can also be
checked offline (``odr verify FILE.pdf``) without trusting this server.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from odr.errors import BadRequest, NotFound, UnsupportedMediaType
from odr.persistence.models import Case, Settlement
from odr.settlement.keys import platform_key
from odr.settlement.schemas import VerificationOut
from odr.web.api import Api, Context

if TYPE_CHECKING:
    from odr.documents.verify import Verification

api = Api()
WELL_KNOWN_KEYS = "/.well-known/kelisim-signing-keys.json"
PDF_TYPES = ("application/pdf", "application/octet-stream")


def _trusted(ctx: Context) -> dict[str, Any]:
    key = platform_key(ctx.services.settings)
    return {key.key_id: key.public_key}


def _out(result: Verification, reference: str | None) -> VerificationOut:
    envelope = result.settlement
    signed_at: datetime | None = None
    if envelope is not None:
        signed_at = envelope.platform_signature.signed_at
    return VerificationOut(
        valid=result.valid,
        reasons=[{"code": r.code, "message": r.message} for r in result.reasons],
        verification_code=result.verification_code,
        signers=[
            {
                "role": s.role,
                "full_name": s.full_name,
                "signed_at": s.signed_at.isoformat(),
                "method": s.method,
            }
            for s in result.signers
        ],
        pdf_sha256=result.pdf_sha256,
        record_sha256=envelope.record_sha256 if envelope is not None else None,
        case_reference=reference,
        signed_at=signed_at,
    )


async def _reference(ctx: Context, code: str | None) -> str | None:
    if code is None:
        return None
    return await ctx.db.scalar(
        select(Case.reference)
        .join(Settlement, Settlement.case_id == Case.id)
        .where(Settlement.verification_code == code)
    )


@api.endpoint(
    "POST",
    "/api/verify",
    summary="Verify a settlement PDF (send the file as the body, Content-Type application/pdf)",
    tag="verification",
    response=VerificationOut,
    auth=False,
    errors=(400, 413, 415),
)
async def verify_upload(ctx: Context) -> VerificationOut:
    content_type = ctx.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in PDF_TYPES:
        raise UnsupportedMediaType(
            "send the PDF file itself as the request body with Content-Type: application/pdf"
        )
    from odr.documents.verify import verify_pdf

    data = await ctx.request.body()
    if not data:
        raise BadRequest("the request body is empty; send the PDF file", code="empty_body")
    result = await asyncio.to_thread(verify_pdf, data, _trusted(ctx))
    return _out(result, await _reference(ctx, result.verification_code))


@api.endpoint(
    "GET",
    "/api/verify/{code}",
    summary="Verify the settlement a verification code names (the code is printed on it)",
    tag="verification",
    response=VerificationOut,
    auth=False,
    errors=(404,),
)
async def verify_code(ctx: Context) -> VerificationOut:
    from odr.documents.verify import verify_pdf

    code = ctx.path_params["code"].strip().upper()
    settlement = await ctx.db.scalar(select(Settlement).where(Settlement.verification_code == code))
    if settlement is None or settlement.pdf is None:
        raise NotFound(
            "no signed settlement has this verification code; check it letter by letter",
            code="unknown_verification_code",
        )
    result = await asyncio.to_thread(verify_pdf, settlement.pdf, _trusted(ctx))
    return _out(result, await _reference(ctx, code))


async def signing_keys(request: Request) -> Response:
    """The platform's public keys as a JWK set (OKP / Ed25519)."""
    key = platform_key(request.app.state.services.settings)
    return JSONResponse(
        {"keys": [key.public_jwk()]},
        headers={"Cache-Control": "public, max-age=3600"},
    )


def well_known_routes() -> list[Route]:
    return [Route(WELL_KNOWN_KEYS, signing_keys, methods=["GET"])]
