"""An NCALayer signature validated end to end: the CMS (``cms``), the key and the holder
(``certificate``), and what needs the outside world: the path to the configured trust anchors,
validity at the moment of signing, and revocation by OCSP or CRL (pyhanko-certvalidator, which
fetches both from the certificate's own AIA and CRL distribution points).

Revocation is a policy: ``require`` refuses a signature whose revocation cannot be checked;
``prefer`` checks where reachable and accepts with "unknown" otherwise; ``off`` never asks. The
result and its time are returned for the signature's record either way.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv

from odr.signing import certificate, cms
from odr.signing.reasons import EdsRefused, Reason

log = logging.getLogger(__name__)


class RevocationPolicy(StrEnum):
    REQUIRE = "require"
    PREFER = "prefer"
    OFF = "off"


@dataclass(frozen=True)
class TrustAnchors:
    """НУЦ РК's roots (self-signed) and intermediates, read from PEM files at start-up."""

    roots: tuple[x509.Certificate, ...] = ()
    intermediates: tuple[x509.Certificate, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.roots)

    @classmethod
    def from_pem(cls, data: bytes) -> TrustAnchors:
        roots: list[x509.Certificate] = []
        intermediates: list[x509.Certificate] = []
        for _, _, der in pem.unarmor(data, multiple=True):
            cert = x509.Certificate.load(der)
            (roots if cert.self_signed in ("maybe", "yes") else intermediates).append(cert)
        return cls(tuple(roots), tuple(intermediates))

    @classmethod
    def from_files(cls, paths: tuple[Path, ...]) -> TrustAnchors:
        return cls.from_pem(b"".join(p.read_bytes() + b"\n" for p in paths))


@dataclass(frozen=True)
class Revocation:
    """How revocation was checked (``ocsp``, ``crl`` or ``none``), the answer and when."""

    method: str
    status: str  # "good", or "unknown" when nothing answered (prefer) or checking is off
    checked_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"method": self.method, "status": self.status, "checked_at": self.checked_at}


@dataclass(frozen=True)
class Verified:
    """An accepted signature: who signed, with what certificate, and the revocation answer."""

    holder: certificate.Holder
    certificate_der: bytes
    cms_der: bytes
    signing_time: datetime | None
    revocation: Revocation


async def validate(
    cms_der: bytes,
    expected_digest: bytes,
    expected: certificate.Expected,
    anchors: TrustAnchors,
    policy: RevocationPolicy,
    now: datetime,
) -> Verified:
    """Accept the signature or raise ``EdsRefused`` with the first reason it fails on."""
    signed = cms.parse(cms_der)
    try:
        cms.check_digest(signed, expected_digest)
        cms.check_signature(signed)
        certificate.check_key_usage(signed.signer)
        revocation = await _check_path(signed, anchors, policy, now)
        holder = certificate.holder_of(signed.signer)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # asn1crypto parses lazily: a certificate that is not what it claims fails only here.
        log.info("eds certificate unreadable: %s", type(exc).__name__)
        raise EdsRefused(Reason.CERTIFICATE_INVALID, type(exc).__name__) from None
    certificate.check_identity(holder, expected)
    return Verified(holder, signed.signer.dump(), cms_der, signed.signing_time, revocation)


async def _check_path(
    signed: cms.SignedCms, anchors: TrustAnchors, policy: RevocationPolicy, now: datetime
) -> Revocation:
    if not anchors.configured:
        raise EdsRefused(Reason.UNKNOWN_ISSUER, "no trust anchors configured")
    context = ValidationContext(
        trust_roots=list(anchors.roots),
        other_certs=[*anchors.intermediates, *signed.others],
        moment=now,
        allow_fetching=policy is not RevocationPolicy.OFF,
        revocation_mode="hard-fail" if policy is RevocationPolicy.REQUIRE else "soft-fail",
    )
    validator = CertificateValidator(signed.signer, validation_context=context)
    try:
        await validator.async_validate_path()
    except cv.PathBuildingError as exc:
        raise EdsRefused(Reason.UNKNOWN_ISSUER, str(exc)) from None
    except cv.RevokedError as exc:
        raise EdsRefused(Reason.REVOKED, str(exc)) from None
    except cv.ExpiredError as exc:
        raise EdsRefused(Reason.EXPIRED, str(exc)) from None
    except cv.NotYetValidError as exc:
        raise EdsRefused(Reason.NOT_YET_VALID, str(exc)) from None
    except cv.InsufficientRevinfoError as exc:
        raise EdsRefused(Reason.REVOCATION_UNKNOWN, str(exc)) from None
    except (cv.PathValidationError, cv.ValidationError) as exc:
        raise EdsRefused(Reason.CERTIFICATE_INVALID, str(exc)) from None
    finally:
        await context.aclose()  # type: ignore[no-untyped-call]  # the HTTP sessions OCSP and CRL were fetched on
    if policy is RevocationPolicy.OFF:
        return Revocation("none", "unknown", now)
    if context.ocsps:
        return Revocation("ocsp", "good", now)
    if context.crls:
        return Revocation("crl", "good", now)
    return Revocation("none", "unknown", now)
