"""Every PDF signature in a file, validated by pyHanko: who signed, when, valid or why not.

A settlement PDF carries PAdES signatures (the parties' EDS, the platform's seal) and maybe a
document timestamp. ``read_signatures`` lists each, in file order, with what a court clerk
asks: the signer's name and IIN (a Kazakh certificate's subject ``SERIALNUMBER=IIN…``; an
organisation's BIN is in ``OU=BIN…``), the issuer, the signing time (the timestamp's when there
is one, else the time the signer claims), and whether the signature is intact, cryptographically
valid, trusted (a chain to ``trust_roots``) and whether the file was changed after it in a way
a signature does not allow (pyHanko's incremental-update analysis). ``problems`` names each
failure with a stable code (``PROBLEMS``).

Revocation is checked "soft": pyHanko uses what the file embeds (LTV data) and, when
``allow_fetching``, what the OCSP and CRL addresses answer; an unreachable responder does not
make the signature invalid (it is reported by the certificate checks at signing time).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from odr.documents.sync import run_sync

PROBLEMS = {
    "signature_not_intact": "the signed bytes were changed after signing",
    "signature_invalid": "the signature value does not verify",
    "signer_not_trusted": "the certificate does not chain to a trusted authority",
    "modified_after_signing": "the file was changed after this signature in a way not allowed",
    "signature_unreadable": "the signature cannot be read",
}


@dataclass
class SignatureReport:
    """One signature of the file as a verifier reports it."""

    field_name: str
    kind: str  # "signature" or "timestamp"
    signer: str | None = None  # the certificate subject's common name
    iin: str | None = None
    bin: str | None = None
    issuer: str | None = None  # the issuer's common name (its whole name when it has none)
    certificate_sha256: str | None = None
    signed_at: datetime | None = None
    timestamped: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signed_length: int = 0
    reason: str | None = None
    name: str | None = None  # the signature dictionary's /Name (who signed, as the signer says)
    contact_info: str | None = None  # /ContactInfo
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_signatures(
    pdf: bytes, trust_roots: Iterable[bytes], *, allow_fetching: bool = False
) -> list[SignatureReport]:
    """Each signature and document timestamp of ``pdf`` (DER ``trust_roots``), in file order.

    Raises ``ValueError`` when the file is not a PDF pyHanko can read.
    """
    return run_sync(_read(pdf, list(trust_roots), allow_fetching))


async def _read(pdf: bytes, roots: list[bytes], allow_fetching: bool) -> list[SignatureReport]:
    from asn1crypto import x509
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature, async_validate_pdf_timestamp
    from pyhanko_certvalidator import ValidationContext

    anchors = [x509.Certificate.load(root) for root in roots]
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF: {exc}") from None
    reports = []
    for signature in embedded:
        context = ValidationContext(
            trust_roots=anchors, allow_fetching=allow_fetching, revocation_mode="soft-fail"
        )
        report = SignatureReport(field_name=signature.field_name, kind="signature")
        try:
            report.signed_length = _signed_length(signature.byte_range)
            report.reason = _text(signature.sig_object.get("/Reason"))
            report.name = _text(signature.sig_object.get("/Name"))
            report.contact_info = _text(signature.sig_object.get("/ContactInfo"))
            if signature.sig_object.get("/Type") == "/DocTimeStamp":
                report.kind = "timestamp"
                stamp = await async_validate_pdf_timestamp(signature, validation_context=context)
                report.signed_at = stamp.timestamp
                report.timestamped = True
                status: object = stamp
            else:
                signed = await async_validate_pdf_signature(
                    signature, signer_validation_context=context, ts_validation_context=context
                )
                report.signed_at = _signing_time(signed)
                report.timestamped = signed.timestamp_validity is not None
                status = signed
        except Exception as exc:  # hostile or damaged signature objects: a verdict, not a 500
            report.problems.append("signature_unreadable")
            report.reason = report.reason or f"{type(exc).__name__}"
            reports.append(report)
            continue
        finally:
            await context.aclose()  # type: ignore[no-untyped-call]
        _describe(report, status)
        reports.append(report)
    return reports


def _describe(report: SignatureReport, status: object) -> None:
    """Fill ``report`` from a pyHanko status (signature or timestamp)."""
    import hashlib

    from pyhanko.sign.validation.status import SignatureCoverageLevel

    certificate = getattr(status, "signing_cert", None)
    if certificate is not None:
        subject = certificate.subject.native
        report.signer = subject.get("common_name") or certificate.subject.human_friendly
        report.iin = _prefixed(subject.get("serial_number"), "IIN")
        report.bin = _prefixed(subject.get("organizational_unit_name"), "BIN")
        issuer = certificate.issuer.native
        report.issuer = issuer.get("common_name") or certificate.issuer.human_friendly
        report.certificate_sha256 = hashlib.sha256(certificate.dump()).hexdigest()
    report.intact = bool(getattr(status, "intact", False))
    report.valid = bool(getattr(status, "valid", False))
    report.trusted = bool(getattr(status, "trusted", False))
    coverage = getattr(status, "coverage", None)
    report.covers_whole_file = coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not report.intact:
        report.problems.append("signature_not_intact")
    elif not report.valid:
        report.problems.append("signature_invalid")
    if not report.trusted:
        report.problems.append("signer_not_trusted")
    docmdp_ok = getattr(status, "docmdp_ok", None)
    if coverage not in (
        SignatureCoverageLevel.ENTIRE_FILE,
        SignatureCoverageLevel.ENTIRE_REVISION,
    ) or (not report.covers_whole_file and docmdp_ok is False):
        report.problems.append("modified_after_signing")


def _signing_time(status: object) -> datetime | None:
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None:
        moment: datetime | None = getattr(timestamp, "timestamp", None)
        if moment is not None:
            return moment
    claimed: datetime | None = getattr(status, "signer_reported_dt", None)
    return claimed


def _signed_length(byte_range: object) -> int:
    """Where the revision a signature covers ends (offset + length of its second range)."""
    values = [int(v) for v in byte_range]  # type: ignore[attr-defined]
    return values[2] + values[3]


def _prefixed(value: object, prefix: str) -> str | None:
    """``"IIN061211600012"`` → ``"061211600012"``; looks through a list of values too."""
    candidates = value if isinstance(value, list) else [value]
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.upper().startswith(prefix):
            return candidate[len(prefix) :]
    return None


def _text(value: object) -> str | None:
    return str(value) if value is not None else None
