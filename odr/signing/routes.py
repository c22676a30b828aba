"""EDS signing: of a settlement by a party (which methods a case allows, what NCALayer must
sign, the signature itself: ``odr.signing.settlement_flow``) and of the mediation's attestation
by its mediator (``odr.signing.attestation_flow``). Each handler translates HTTP only."""

from __future__ import annotations

from odr.centre.registry_routes import CENTRE_ID
from odr.settlement import service, view
from odr.settlement.schemas import SettlementOut
from odr.signing import attestation_flow, settlement_flow
from odr.signing.schemas import (
    AttestationPreparedOut,
    AttestedOut,
    AttestEdsIn,
    AttestPrepareIn,
    EdsPreparedOut,
    EdsSignerOut,
    EdsSignIn,
    SignatureRulesIn,
    SignatureRulesOut,
    SigningMethodsOut,
)
from odr.web.api import Api, Context

api = Api()
BASE = "/api/cases/{case_id}/settlement"


@api.endpoint(
    "GET",
    f"{BASE}/signing-methods",
    summary="How I may sign this settlement: EDS through NCALayer, and whether the password "
    "(a simple electronic signature) is allowed",
    tag="settlement",
    response=SigningMethodsOut,
    errors=(401, 403, 404, 409),
)
async def get_methods(ctx: Context) -> SigningMethodsOut:
    case, _ = await service.settlement_for(
        ctx.db, ctx.user, ctx.path_params["case_id"], ctx.services.clock()
    )
    methods = await settlement_flow.methods_for(ctx.db, ctx.services.settings, case.id)
    return SigningMethodsOut(
        eds=methods.eds, simple=methods.simple, ncalayer_url=ctx.services.settings.ncalayer_url
    )


@api.endpoint(
    "POST",
    f"{BASE}/eds/prepare",
    summary="What NCALayer must sign for me now (the record's SHA-256) and a short-lived token",
    tag="settlement",
    response=EdsPreparedOut,
    errors=(401, 403, 404, 409),
)
async def post_prepare(ctx: Context) -> EdsPreparedOut:
    prepared = await settlement_flow.prepare(
        ctx.db, ctx.services, ctx.user, ctx.path_params["case_id"]
    )
    return EdsPreparedOut(
        token=prepared.token,
        digest=prepared.digest,
        record_sha256=prepared.record_sha256,
        expires_at=prepared.expires_at,
    )


@api.endpoint(
    "POST",
    f"{BASE}/eds/sign",
    summary="Sign with the CMS NCALayer made: checked (version, chain, key usage, validity, "
    "revocation, my IIN/BIN) and stored; the last signature seals the document",
    tag="settlement",
    body=EdsSignIn,
    response=SettlementOut,
    status=201,
    errors=(401, 403, 404, 409, 422),
)
async def post_sign(ctx: Context, body: EdsSignIn) -> SettlementOut:
    case, settlement, _ = await settlement_flow.sign(
        ctx.db, ctx.services, ctx.user, ctx.path_params["case_id"], body.token, body.cms
    )
    return await view.settlement_out(ctx.db, case, settlement)


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/attest/eds/prepare",
    summary="What NCALayer must sign for the mediator to attest the mediation with EDS",
    tag="mediation",
    body=AttestPrepareIn,
    response=AttestationPreparedOut,
    errors=(401, 403, 404, 409, 422),
)
async def post_attest_prepare(ctx: Context, body: AttestPrepareIn) -> AttestationPreparedOut:
    prepared = await attestation_flow.prepare(
        ctx.db, ctx.services, ctx.user, ctx.path_params["case_id"], body.mediation_contract_date
    )
    return AttestationPreparedOut(
        token=prepared.token, digest=prepared.digest, expires_at=prepared.expires_at
    )


@api.endpoint(
    "POST",
    "/api/centre/cases/{case_id}/attest/eds",
    summary="Attest the mediation with the mediator's EDS (NCALayer's CMS over the statement)",
    tag="mediation",
    body=AttestEdsIn,
    response=AttestedOut,
    errors=(401, 403, 404, 409, 422),
)
async def post_attest_eds(ctx: Context, body: AttestEdsIn) -> AttestedOut:
    evidence = await attestation_flow.sign(
        ctx.db,
        ctx.services,
        ctx.user,
        ctx.path_params["case_id"],
        body.mediation_contract_date,
        body.token,
        body.cms,
    )
    signer = evidence["signer"]
    return AttestedOut(
        attested=True,
        signer=EdsSignerOut(
            common_name=signer["common_name"],
            iin=signer["iin"],
            issuer=signer["issuer"],
            serial_number=signer["serial_number"],
        ),
        revocation_method=evidence["revocation"]["method"],
        revocation_status=evidence["revocation"]["status"],
    )


@api.endpoint(
    "PUT",
    "/api/centres/{centre_id}/signature-rules",
    summary="Whether the centre's parties may sign with their password as a simple electronic "
    "signature (its administrators)",
    tag="centres",
    body=SignatureRulesIn,
    response=SignatureRulesOut,
    errors=(401, 404, 422),
    params=(CENTRE_ID,),
)
async def put_signature_rules(ctx: Context, body: SignatureRulesIn) -> SignatureRulesOut:
    centre = await settlement_flow.set_simple_signature(
        ctx.db, ctx.user, ctx.path_params["centre_id"], body.simple_signature
    )
    eds = settlement_flow.trust_anchors(ctx.services.settings).configured
    permitted = centre.simple_signature
    return SignatureRulesOut(
        simple_signature=permitted, eds=eds, simple=(not eds) if permitted is None else permitted
    )
