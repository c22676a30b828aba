"""Public verification: anyone holding a settlement PDF, or its verification code, can check it.

No login: a judge, a bailiff or a bank checks a document by uploading it (or typing the code
printed on it). The answer says valid or not, who signed and when, and why not. The platform's
public key is published at ``/.well-known/kelisim-signing-keys.json`` so a document can also be
checked offline (``odr verify FILE.pdf``) without trusting this server.

Being anonymous, these endpoints are bounded three ways (docs/settlement.md, "Limits"):

- per client address, ``ODR_PUBLIC_RATE_PER_MIN`` / ``ODR_PUBLIC_RATE_BURST`` requests to each
  endpoint (429 ``too_many_requests``, ``odr/web/ratelimit.py``), across every instance when
  ``ODR_REDIS_URL`` is set;
- at most ``ODR_VERIFY_CONCURRENCY`` verifications at once, each on a worker thread so the
  event loop stays free; one more is refused at once (503 ``verify_busy``) rather than queued,
  since a queue would hold every waiting upload in memory. Per process on purpose: it bounds
  this process's CPU and memory, which another instance's load does not touch;
- the verifier itself reads nothing a trusted seal does not cover (``odr/documents/verify.py``).
"""

from __future__ import annotations

import asyncio
import base64
import re
import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from odr.documents.pades_seal import SEAL_FIELD
from odr.documents.pdf_signatures import PROBLEMS, SignatureReport
from odr.documents.platform_certificate import PlatformSeal
from odr.errors import BadRequest, NotFound, Unavailable, UnsupportedMediaType
from odr.metrics.instruments import Metrics
from odr.persistence.models import Case, Settlement
from odr.settings import Settings
from odr.settlement.keys import platform_key, platform_seal, trust_roots
from odr.settlement.schemas import VerificationOut
from odr.web.api import Api, Context
from odr.web.ratelimit import limit_anonymous

if TYPE_CHECKING:
    from odr.documents.verify import Verification

api = Api()
WELL_KNOWN_KEYS = "/.well-known/kelisim-signing-keys.json"
WELL_KNOWN_CA = "/.well-known/kelisim-platform-ca.pem"
PDF_TYPES = ("application/pdf", "application/octet-stream")
# The form ``envelope.verification_code`` makes (Crockford base32, no I, L, O, U).
CODE_FORMAT = re.compile(r"[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}")
BUSY_RETRY_AFTER_S = 1  # a verification takes milliseconds (docs/settlement.md, "Benchmark")


class VerificationGate:
    """At most ``size`` verifications at once, each on a worker thread; never a queue.

    A slot is freed when its thread finishes, not when its request ends: a client that hangs
    up mid-verification cannot start another while the first still runs. Each verification and
    each refusal is counted in ``metrics`` (by result, and the time it took on its thread).
    """

    def __init__(self, size: int, metrics: Metrics | None = None) -> None:
        self.size = size
        self.busy = 0
        self.metrics = metrics or Metrics()
        self._running: set[asyncio.Task[Verification]] = set()

    def ensure_free(self) -> None:
        """Raise ``Unavailable`` (503 ``verify_busy``, ``Retry-After``) when every slot is taken."""
        if self.busy >= self.size:
            self.metrics.verification("refused")
            raise Unavailable(
                "the verification service is busy with other documents; "
                f"please try again in {BUSY_RETRY_AFTER_S} s",
                code="verify_busy",
                headers={"Retry-After": str(BUSY_RETRY_AFTER_S)},
            )

    async def verify(
        self, data: bytes, trusted: Mapping[str, Any], roots: Sequence[bytes] = ()
    ) -> Verification:
        self.ensure_free()
        self.busy += 1
        task = asyncio.ensure_future(asyncio.to_thread(self._verify, data, trusted, roots))
        self._running.add(task)
        task.add_done_callback(self._finished)
        # Shielded: cancelling the request leaves the thread's task to finish and free the slot.
        return await asyncio.shield(task)

    def _verify(
        self, data: bytes, trusted: Mapping[str, Any], roots: Sequence[bytes]
    ) -> Verification:
        """On the worker thread: the verification, timed and counted by its result."""
        from odr.documents import verify as verifier

        started = time.perf_counter()
        try:
            result = verifier.verify_pdf(data, trusted, roots)
        except Exception:
            self.metrics.verification("error", time.perf_counter() - started)
            raise
        outcome = "valid" if result.valid else "invalid"
        self.metrics.verification(outcome, time.perf_counter() - started)
        return result

    async def wait_idle(self) -> None:
        """Return once every verification started so far has ended (its slot is free)."""
        await asyncio.gather(*self._running, return_exceptions=True)

    def _finished(self, task: asyncio.Task[Verification]) -> None:
        self._running.discard(task)
        self.busy -= 1
        if not task.cancelled():
            task.exception()  # retrieved here, so a request that went away logs nothing


def _gate(ctx: Context) -> VerificationGate:
    """This app's gate (built with the app, so every app, and every test, has its own)."""
    return ctx.services.verification_gate


async def _limit(ctx: Context, name: str, what: str) -> None:
    services = ctx.services
    await limit_anonymous(
        services.rate_limiters, services.settings, name, ctx.client_address, what=what
    )


def _trusted(ctx: Context) -> dict[str, Any]:
    key = platform_key(ctx.services.settings)
    return {key.key_id: key.public_key}


def _roots(ctx: Context) -> tuple[bytes, ...]:
    """The certificates a PDF signature may chain to: the platform CA, the НУЦ РК roots."""
    return trust_roots(ctx.services.settings)


def _signature_out(report: SignatureReport, seal: SignatureReport | None) -> dict[str, Any]:
    """One PDF signature as the API reports it; ``method`` says what a party's signature is:
    ``password-reauthentication`` when the platform's seal certificate made it (a simple
    electronic signature), else ``eds-pades``; ``seal`` and ``timestamp`` for the platform's."""
    if report.kind == "timestamp":
        method = "timestamp"
    elif report.field_name == SEAL_FIELD:
        method = "seal"
    elif seal is not None and report.certificate_sha256 == seal.certificate_sha256:
        method = "password-reauthentication"
    else:
        method = "eds-pades"
    return {
        "field": report.field_name,
        "kind": report.kind,
        "method": method,
        "signer": report.signer,
        "name": report.name,
        "iin": report.iin,
        "bin": report.bin,
        "identifier": report.contact_info if report.iin is None else report.iin,
        "issuer": report.issuer,
        "signed_at": report.signed_at.isoformat() if report.signed_at else None,
        "timestamped": report.timestamped,
        "valid": report.ok,
        "problems": [
            {"code": code, "message": PROBLEMS.get(code, code)} for code in report.problems
        ],
    }


def _out(result: Verification, reference: str | None) -> VerificationOut:
    envelope = result.settlement
    signed_at: datetime | None = None
    seal = [r for r in result.signatures if r.field_name == SEAL_FIELD]
    if seal:
        signed_at = seal[0].signed_at  # a document signed as a PDF: when the platform sealed it
    elif envelope is not None:
        signed_at = envelope.platform_signature.signed_at
    return VerificationOut(
        valid=result.valid,
        reasons=[{"code": r.code, "message": r.message} for r in result.reasons],
        verification_code=result.verification_code,
        signers=[
            {
                "role": s.role,
                "full_name": s.full_name,
                "identifier": s.identifier,
                "signed_at": s.signed_at.isoformat(),
                "method": s.method,
                "issuer": s.issuer,
                "signatory_iin": s.signatory_iin,
            }
            for s in result.signers
        ],
        signatures=[_signature_out(r, seal[0] if seal else None) for r in result.signatures],
        pdf_sha256=result.pdf_sha256,
        record_sha256=envelope.record_sha256 if envelope is not None else None,
        case_reference=reference,
        signed_at=signed_at,
        document=result.document,
    )


async def _reference(ctx: Context, code: str | None) -> str | None:
    if code is None:
        return None
    return await ctx.db.scalar(
        select(Case.reference)
        .join(Settlement, Settlement.case_id == Case.id)
        .where(Settlement.verification_code == code)
    )


async def verify_stored(ctx: Context, pdf: bytes) -> VerificationOut:
    """A stored settlement PDF verified now, as the public endpoints answer (the court API)."""
    result = await _gate(ctx).verify(pdf, _trusted(ctx), _roots(ctx))
    return _out(result, await _reference(ctx, result.verification_code))


@api.endpoint(
    "POST",
    "/api/verify",
    summary="Verify a settlement PDF (send the file as the body, Content-Type application/pdf)",
    tag="verification",
    response=VerificationOut,
    auth=False,
    errors=(400, 413, 415, 429, 503),
)
async def verify_upload(ctx: Context) -> VerificationOut:
    await _limit(ctx, "verify_upload", "uploads to verify")
    content_type = ctx.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type not in PDF_TYPES:
        raise UnsupportedMediaType(
            "send the PDF file itself as the request body with Content-Type: application/pdf"
        )
    gate = _gate(ctx)
    gate.ensure_free()  # before reading the body: a busy server should not hold one more
    data = await ctx.request.body()
    if not data:
        raise BadRequest("the request body is empty; send the PDF file", code="empty_body")
    result = await gate.verify(data, _trusted(ctx), _roots(ctx))
    return _out(result, await _reference(ctx, result.verification_code))


@api.endpoint(
    "GET",
    "/api/verify/{code}",
    summary="Verify the settlement a verification code names (the code is printed on it)",
    tag="verification",
    response=VerificationOut,
    auth=False,
    errors=(404, 429, 503),
)
async def verify_code(ctx: Context) -> VerificationOut:
    await _limit(ctx, "verify_code", "verification code look-ups")
    code = ctx.path_params["code"].strip().upper()
    # Checked before the database sees it: anything else (a NUL byte, a megabyte of text) can
    # name no settlement, and PostgreSQL refuses NUL in text outright.
    if not CODE_FORMAT.fullmatch(code):
        raise NotFound(
            "this is not a verification code; it looks like XXXXX-XXXXX (letters and digits), "
            "as printed on the document",
            code="unknown_verification_code",
        )
    settlement = await ctx.db.scalar(select(Settlement).where(Settlement.verification_code == code))
    if settlement is not None and settlement.pdf is None and settlement.pdf_sha256 is not None:
        # Past its retention period (odr/privacy): the PDF and every name in it are gone, the
        # hashes stay. This server sealed a file with this hash; the holder compares its own
        # file's SHA-256, or uploads it (POST /api/verify checks the seal itself).
        return VerificationOut(
            valid=True,
            reasons=[],
            verification_code=code,
            signers=[],
            pdf_sha256=settlement.pdf_sha256,
            record_sha256=settlement.record_sha256,
            case_reference=await _reference(ctx, code),
            signed_at=settlement.signed_at,
            signatures=[],
        )
    if settlement is None or settlement.pdf is None:
        raise NotFound(
            "no signed settlement has this verification code; check it letter by letter",
            code="unknown_verification_code",
        )
    result = await _gate(ctx).verify(settlement.pdf, _trusted(ctx), _roots(ctx))
    return _out(result, await _reference(ctx, code))


async def signing_keys(request: Request, settings: Settings) -> Response:
    """The platform's public keys as a JWK set: the Ed25519 key (OKP) that signs the envelope,
    and the seal certificate's chain (``x5c``, up to the platform CA) that seals the PDF."""
    key = platform_key(settings)
    seal = platform_seal(settings)
    return JSONResponse(
        {"keys": [key.public_jwk(), seal_jwk(seal)]},
        headers={"Cache-Control": "public, max-age=3600"},
    )


async def platform_ca(request: Request, settings: Settings) -> Response:
    """The root of the platform seal's chain (PEM): the anchor to trust for its PAdES seal."""
    return Response(
        platform_seal(settings).root_pem(),
        media_type="application/x-pem-file",
        headers={"Cache-Control": "public, max-age=3600"},
    )


def seal_jwk(seal: PlatformSeal) -> dict[str, Any]:
    """The seal certificate as a JWK (RFC 7517 ``x5c``: the chain, the seal's own first)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    public = x509.load_der_x509_certificate(seal.certificate).public_key()
    jwk: dict[str, Any] = {"kid": seal.fingerprint[:16], "use": "sig"}
    if isinstance(public, ec.EllipticCurvePublicKey):
        size = (public.curve.key_size + 7) // 8
        point = public.public_numbers()
        curves = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}
        jwk.update(
            kty="EC",
            crv=curves.get(public.curve.name, public.curve.name),
            x=_b64url(point.x.to_bytes(size, "big")),
            y=_b64url(point.y.to_bytes(size, "big")),
        )
    elif isinstance(public, rsa.RSAPublicKey):
        numbers = public.public_numbers()
        jwk.update(
            kty="RSA",
            n=_b64url(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
            e=_b64url(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")),
        )
    jwk["x5c"] = [base64.b64encode(der).decode("ascii") for der in seal.chain]
    jwk["x5t#S256"] = _b64url(bytes.fromhex(seal.fingerprint))
    return jwk


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def well_known_routes(settings: Settings) -> list[Route]:
    return [
        Route(WELL_KNOWN_KEYS, partial(signing_keys, settings=settings), methods=["GET"]),
        Route(WELL_KNOWN_CA, partial(platform_ca, settings=settings), methods=["GET"]),
    ]
