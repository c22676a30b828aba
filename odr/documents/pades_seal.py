"""The platform's PAdES seal: the last signature on a settlement PDF (ETSI EN 319 142).

``seal_pades`` appends one incremental update with the signature field ``kelisim-platform-seal``
signed by the platform's seal certificate (``platform_certificate.PlatformSeal``):

- always PAdES-B-B (``/SubFilter /ETSI.CAdES.detached``, the signing certificate as a signed
  attribute, SHA-256);
- with ``tsa_url``, PAdES-B-T: an RFC 3161 timestamp from that authority on the signature, then
  a DSS with the validation data and a document timestamp (the B-LTA form), so the seal can be
  checked after the certificates expire;
- validation data (the chain, and OCSP/CRL answers where the certificates name a responder that
  answers) embedded in the DSS when pyHanko can gather them ("LTV when available").

Earlier party signatures stay valid: a new signature and a DSS are changes a signed PDF allows.
The PDF/A-3 identification is untouched (pyHanko leaves the XMP metadata and the output intent
alone; ``docs/settlement.md`` says what was checked).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from odr.documents.platform_certificate import PlatformSeal
from odr.documents.sync import run_sync

SEAL_FIELD = "kelisim-platform-seal"
TIMESTAMP_FIELD = "kelisim-document-timestamp"
SEAL_REASON = "Kelisim platform seal: the settlement as the parties signed it"
PLACEHOLDER_BYTES = 32 * 1024


class SealingFailed(RuntimeError):
    """The seal could not be made (the certificate, the time-stamping authority); says why.

    ``validation``: it failed while validating a chain for the embedded validation data.
    """

    def __init__(self, message: str, *, validation: bool = False) -> None:
        super().__init__(message)
        self.validation = validation


def seal_pades(
    pdf: bytes,
    seal: PlatformSeal,
    *,
    tsa_url: str | None = None,
    trust_roots: Sequence[bytes] = (),
    location: str | None = None,
) -> bytes:
    """``pdf`` with the platform's PAdES seal appended (and a document timestamp with a TSA).

    ``trust_roots`` (DER) are the anchors besides the seal's own root that the validation data
    is gathered for, e.g. the time-stamping authority's root. When pyHanko cannot validate a
    chain to gather it (an unknown TSA root, a responder that refuses), the seal is made without
    the embedded validation data rather than not at all: B-T (or B-B) instead of LTV.
    """
    try:
        return run_sync(_seal(pdf, seal, tsa_url, trust_roots, location, ltv=True))
    except SealingFailed as failed:
        if not failed.validation:
            raise
    return run_sync(_seal(pdf, seal, tsa_url, trust_roots, location, ltv=False))


async def _seal(
    pdf: bytes,
    seal: PlatformSeal,
    tsa_url: str | None,
    trust_roots: Sequence[bytes],
    location: str | None,
    *,
    ltv: bool,
) -> bytes:
    from asn1crypto import keys, x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import HTTPTimeStamper
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    from odr.documents.pades import align_producer

    certificates = [x509.Certificate.load(der) for der in seal.chain]
    store = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    store.register_multiple(certificates[1:])
    signer = signers.SimpleSigner(
        signing_cert=certificates[0],
        signing_key=keys.PrivateKeyInfo.load(der_key(seal.key_pem)),
        cert_registry=store,
    )
    context = ValidationContext(
        trust_roots=[certificates[-1], *(x509.Certificate.load(der) for der in trust_roots)],
        other_certs=certificates[1:-1],
        allow_fetching=True,
        revocation_mode="soft-fail",
    )
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=SEAL_REASON,
        location=location,
        name="Kelisim",
        embed_validation_info=ltv,
        validation_context=context if ltv else None,
        signer_key_usage={"digital_signature", "non_repudiation"},
        use_pades_lta=ltv and tsa_url is not None,
        timestamp_field_name=TIMESTAMP_FIELD if tsa_url is not None else None,
    )
    timestamper = HTTPTimeStamper(tsa_url, timeout=10) if tsa_url is not None else None
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper)
    output = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        align_producer(writer)
        await pdf_signer.async_sign_pdf(writer, output=output, bytes_reserved=PLACEHOLDER_BYTES)
    except Exception as exc:  # the TSA down, an expired or unusable certificate
        validation = isinstance(exc, PathBuildingError | PathValidationError) or (
            "certificate" in str(exc).lower()
        )
        message = f"the platform seal failed: {type(exc).__name__}: {exc}"
        raise SealingFailed(message, validation=validation) from exc
    finally:
        await context.aclose()  # type: ignore[no-untyped-call]  # its OCSP/CRL HTTP session
    return output.getvalue()


def with_validation_data(pdf: bytes, fields: Sequence[str], trust_roots: Sequence[bytes]) -> bytes:
    """``pdf`` with the validation data of the signatures in ``fields`` added to its DSS (LTV
    for the parties' EDS: their chains to ``trust_roots`` and, where the certificates name a
    responder that answers, OCSP or CRL), one update per signature. A signature whose chain
    cannot be validated now is left as it is: the data is embedded "when available"."""
    if not fields or not trust_roots:
        return pdf
    return run_sync(_with_validation_data(pdf, list(fields), list(trust_roots)))


async def _with_validation_data(pdf: bytes, fields: list[str], roots: list[bytes]) -> bytes:
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import async_add_validation_info
    from pyhanko_certvalidator import ValidationContext

    anchors = [x509.Certificate.load(der) for der in roots]
    for name in fields:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        found = [s for s in reader.embedded_regular_signatures if s.field_name == name]
        if not found:
            continue
        context = ValidationContext(
            trust_roots=anchors, allow_fetching=True, revocation_mode="soft-fail"
        )
        try:
            output = await async_add_validation_info(found[0], context, output=io.BytesIO())
        except Exception:  # no path to a trusted root now: no validation data, the rest stands
            continue
        finally:
            await context.aclose()  # type: ignore[no-untyped-call]
        pdf = output.getvalue()
    return pdf


def der_key(pem: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(pem, password=None)
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
