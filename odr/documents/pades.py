"""A party's PAdES signature made outside the server: prepare the PDF, then embed the CMS.

A Kazakh qualified signature (EDS) is made in NCALayer, on the party's own machine, so the
server never holds the key. The PDF is signed in two requests (pyHanko's "interrupted
signing"):

1. ``prepare_party_signature`` appends an incremental update to the PDF with a new signature
   field and a signature dictionary whose ``/Contents`` is a zero-filled placeholder, and
   computes the SHA-256 digest of the ``/ByteRange`` (every byte but the placeholder). The
   result, a ``PreparedSignature``, is plain data (``to_json``/``from_json``): the server keeps
   it while the browser asks NCALayer to sign.
2. NCALayer's ``kz.gov.pki.knca.basics`` ``sign`` with ``digested: true`` signs that digest and
   answers a detached CMS SignedData whose signed attribute ``messageDigest`` is the digest.
   ``embed_party_signature`` checks the CMS (detached, one signer, SHA-256, ``messageDigest``
   equal to the byte-range digest, the signature over the signed attributes valid for the
   certificate it carries) and writes it into the placeholder. Anything else is refused with a
   ``PadesRefused`` carrying a stable reason code (``REFUSALS``).

Whether the certificate is a national one, valid, unrevoked and the party's own is for the
certificate checks (``odr/signing``), not this module: here only "this CMS signs exactly this
prepared PDF". Digest-only signing needs the digest algorithm the key signs with: SHA-256 for
RSA keys. GOST 34.10-2015 keys sign Streebog (GOST 34.11-2012) digests, which pyHanko does not
compute; such signatures would have to be made over the data instead (not supported yet).
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

# asn1crypto caches its attribute name → OID table the first time one is named, and tsp adds
# signing-certificate-v2 (a PAdES signed attribute) to it on import: imported before any CMS is
# read here, or pyHanko's seal fails with "signing_certificate_v2" unknown (odr/signing/cms.py).
from asn1crypto import cms, x509
from asn1crypto import tsp as _tsp  # noqa: F401

from odr.documents.sync import run_sync

PLACEHOLDER_BYTES = 32 * 1024
"""Hex digits reserved for the CMS: 16 KiB of DER, room for a certificate chain and OCSP."""
DIGEST_ALGORITHM = "sha256"

REFUSALS = {
    "cms_unreadable": "the signature is not a DER-encoded CMS SignedData",
    "cms_not_detached": "the CMS carries the signed content itself; a detached one is needed",
    "cms_signer_count": "the CMS must hold exactly one signer",
    "digest_algorithm_unsupported": "the CMS was made with a digest other than SHA-256",
    "digest_mismatch": "the CMS signs another digest than this document's signed byte range",
    "certificate_missing": "the CMS does not carry the signer's certificate",
    "certificate_mismatch": "the CMS was made with another certificate than the one announced",
    "signature_invalid": "the CMS signature does not verify with its certificate",
    "cms_too_large": "the CMS is larger than the space reserved for it in the PDF",
    "prepared_invalid": "the prepared signature is not one this server made",
    "pdf_unreadable": "the PDF cannot be read or extended",
}


class PadesRefused(ValueError):
    """A signature cannot be prepared or embedded; ``code`` is one of ``REFUSALS``."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        base = REFUSALS[code]
        super().__init__(f"{base}: {detail}" if detail else base)


@dataclass(frozen=True)
class PreparedSignature:
    """The PDF with its signature placeholder and what is needed to finish it.

    ``pdf[reserved_start:reserved_end]`` is ``<000…0>``, the only bytes the signature does not
    cover; ``digest`` is SHA-256 of the rest (``byte_range``), what the signer signs.
    """

    pdf: bytes
    field_name: str
    reserved_start: int
    reserved_end: int
    digest: bytes
    digest_algorithm: str = DIGEST_ALGORITHM
    signer_certificate: bytes | None = None

    @property
    def byte_range(self) -> tuple[int, int, int, int]:
        """The ``/ByteRange`` as PDF writes it: (0, start, end, length of the rest)."""
        return (0, self.reserved_start, self.reserved_end, len(self.pdf) - self.reserved_end)

    def signed_bytes(self) -> bytes:
        """The bytes the digest covers (the whole file but the placeholder)."""
        return self.pdf[: self.reserved_start] + self.pdf[self.reserved_end :]

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (binary values in base64) to keep between two requests."""
        certificate = self.signer_certificate
        return {
            "pdf": base64.b64encode(self.pdf).decode("ascii"),
            "field_name": self.field_name,
            "reserved_start": self.reserved_start,
            "reserved_end": self.reserved_end,
            "digest": self.digest.hex(),
            "digest_algorithm": self.digest_algorithm,
            "signer_certificate": (
                base64.b64encode(certificate).decode("ascii") if certificate else None
            ),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PreparedSignature:
        """Back from ``to_json``; checks that the placeholder and digest still match the PDF."""
        try:
            certificate = data.get("signer_certificate")
            prepared = cls(
                pdf=base64.b64decode(data["pdf"], validate=True),
                field_name=str(data["field_name"]),
                reserved_start=int(data["reserved_start"]),
                reserved_end=int(data["reserved_end"]),
                digest=bytes.fromhex(data["digest"]),
                digest_algorithm=str(data["digest_algorithm"]),
                signer_certificate=(
                    base64.b64decode(certificate, validate=True) if certificate else None
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PadesRefused("prepared_invalid", str(exc)) from None
        prepared.check()
        return prepared

    def check(self) -> None:
        """Raise ``PadesRefused('prepared_invalid')`` unless placeholder and digest fit the PDF."""
        if self.digest_algorithm != DIGEST_ALGORITHM:
            raise PadesRefused("prepared_invalid", f"digest {self.digest_algorithm}")
        if not 0 < self.reserved_start < self.reserved_end <= len(self.pdf):
            raise PadesRefused("prepared_invalid", "the placeholder lies outside the PDF")
        hole = self.pdf[self.reserved_start : self.reserved_end]
        if hole[:1] != b"<" or hole[-1:] != b">" or hole[1:-1].strip(b"0"):
            raise PadesRefused("prepared_invalid", "the placeholder is not empty")
        if hashlib.sha256(self.signed_bytes()).digest() != self.digest:
            raise PadesRefused("prepared_invalid", "the digest does not match the PDF")


def prepare_party_signature(
    pdf: bytes,
    field_name: str,
    signer_certificate: bytes | None = None,
    *,
    signer_name: str | None = None,
    reason: str | None = None,
    contact_info: str | None = None,
    signed_at: datetime | None = None,
) -> PreparedSignature:
    """Append a signature field ``field_name`` with an empty placeholder to ``pdf``.

    ``signer_certificate`` (DER), when known, is kept so ``embed_party_signature`` can insist
    the CMS was made with it. ``signer_name`` and ``reason`` go into the signature dictionary
    (``/Name``, ``/Reason``; ``contact_info`` as ``/ContactInfo``), which viewers show beside the
    signature. The signature is
    PAdES (``/SubFilter /ETSI.CAdES.detached``) and invisible (no widget on a page).

    With ``signed_at`` (the signature dictionary's ``/M``) the result is a pure function of the
    arguments: the same PDF, field and time give the same bytes and digest, so a server may keep
    only the CMS and the time and rebuild the signed file later (``odr.settlement.sealing``).
    Without it, ``/M`` is now.
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    certificate = _certificate(signer_certificate) if signer_certificate else None
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm=DIGEST_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
        name=signer_name,
        reason=reason,
        contact_info=contact_info,
    )
    external = signers.ExternalSigner(certificate, None, signature_value=256)
    signer = _PdfSignerAt(meta, signer=external, at=signed_at or datetime.now(UTC))
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        _pin(writer, pdf, field_name, signed_at)
        align_producer(writer)
        digest, _tbs, output = run_sync(
            signer.async_digest_doc_for_signing(writer, bytes_reserved=PLACEHOLDER_BYTES)
        )
    except Exception as exc:  # pyHanko raises many kinds on a damaged file
        raise PadesRefused("pdf_unreadable", f"{type(exc).__name__}: {exc}") from None
    assert isinstance(output, io.BytesIO)
    return PreparedSignature(
        pdf=output.getvalue(),
        field_name=field_name,
        reserved_start=digest.reserved_region_start,
        reserved_end=digest.reserved_region_end,
        digest=digest.document_digest,
        signer_certificate=signer_certificate,
    )


def align_producer(writer: Any) -> None:
    """Keep ``/Info /Producer`` equal to the XMP ``pdf:Producer``, as PDF/A requires.

    On an update pyHanko writes its own name as the XMP producer but appends it to the
    ``/Info`` one ("WeasyPrint 70.0; pyHanko 0.38.0"): the two would differ. Setting the
    ``/Info`` entry to pyHanko's name first makes pyHanko leave it as it is.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.metadata.model import VENDOR

    info = writer.trailer_view.get("/Info")
    if info is None:
        return
    info.get_object()["/Producer"] = generic.TextStringObject(VENDOR)


def _pin(writer: Any, pdf: bytes, field_name: str, at: datetime | None) -> None:
    """Make the update a function of its input: the second ``/ID`` derived from the input
    (pyHanko keeps the first, as ISO 32000 asks, and draws the second at random) and, with
    ``at``, the modification date pyHanko writes into ``/Info`` and the XMP set to ``at``
    (it writes "now"). Both through pyHanko's private attributes: it has no option for this."""
    from pyhanko.pdf_utils import generic

    first = writer._document_id[0]
    second = hashlib.sha256(b"kelisim-pades-id\n" + field_name.encode() + b"\n" + pdf).digest()
    writer._document_id = generic.ArrayObject([first, generic.ByteStringObject(second[:16])])
    if at is None:
        return
    meta = writer._meta

    def set_attribute(self: object, name: str, value: object) -> None:
        if name == "last_modified" and value == "now":
            value = at
        object.__setattr__(self, name, value)

    meta.__class__ = type("MetadataAt", (type(meta),), {"__setattr__": set_attribute})


def _signer_at_class() -> type:
    from pyhanko.sign import signers

    class PdfSignerAt(signers.PdfSigner):
        """pyHanko's signer with the signing session's clock fixed to ``at`` (``/M``)."""

        def __init__(self, *args: Any, at: datetime, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._at = at

        def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
            session = super().init_signing_session(pdf_out, existing_fields_only)
            session.system_time = self._at
            return session

    return PdfSignerAt


def _PdfSignerAt(*args: Any, **kwargs: Any) -> Any:
    return _signer_at_class()(*args, **kwargs)


def embed_party_signature(prepared: PreparedSignature, cms_der: bytes) -> bytes:
    """The signed PDF: ``cms_der`` (detached CMS SignedData over the digest) in the placeholder.

    Raises ``PadesRefused`` with its reason code when the CMS does not sign exactly this
    prepared document (see ``REFUSALS``).
    """
    prepared.check()
    signer_info, certificate = _signer_of(cms_der)
    if prepared.signer_certificate is not None:
        announced = _certificate(prepared.signer_certificate)
        if announced.dump() != certificate.dump():
            raise PadesRefused("certificate_mismatch")
    algorithm = signer_info["digest_algorithm"]["algorithm"].native
    if algorithm != DIGEST_ALGORITHM:
        raise PadesRefused("digest_algorithm_unsupported", str(algorithm))
    message_digest = _message_digest(signer_info)
    if message_digest != prepared.digest:
        raise PadesRefused("digest_mismatch")
    _check_signature(signer_info, certificate, prepared.digest)
    if 2 * len(cms_der) > prepared.reserved_end - prepared.reserved_start - 2:
        raise PadesRefused("cms_too_large", f"{len(cms_der)} bytes")
    hexed = cms_der.hex().upper().encode("ascii")
    padded = hexed + b"0" * (prepared.reserved_end - prepared.reserved_start - 2 - len(hexed))
    return (
        prepared.pdf[: prepared.reserved_start]
        + b"<"
        + padded
        + b">"
        + prepared.pdf[prepared.reserved_end :]
    )


def _certificate(der: bytes) -> x509.Certificate:
    try:
        certificate = x509.Certificate.load(der)
        certificate.native  # noqa: B018 (forces the whole structure to parse)
    except (ValueError, TypeError) as exc:
        raise PadesRefused("certificate_mismatch", f"unreadable certificate: {exc}") from None
    return certificate


def _signer_of(cms_der: bytes) -> tuple[cms.SignerInfo, x509.Certificate]:
    """The one signer of ``cms_der`` and its certificate (from the CMS's own certificates)."""
    try:
        content = cms.ContentInfo.load(bytes(cms_der))
        if content["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = content["content"]
        encapsulated = signed["encap_content_info"]["content"]
        infos = list(signed["signer_infos"])
        certificates = [c.chosen for c in signed["certificates"] if c.name == "certificate"]
    except (ValueError, TypeError, KeyError) as exc:
        raise PadesRefused("cms_unreadable", str(exc)) from None
    if encapsulated.native is not None:
        raise PadesRefused("cms_not_detached")
    if len(infos) != 1:
        raise PadesRefused("cms_signer_count", str(len(infos)))
    info = infos[0]
    sid = info["sid"]
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return info, certificate
        elif certificate.key_identifier == sid.chosen.native:
            return info, certificate
    raise PadesRefused("certificate_missing")


def _message_digest(signer_info: cms.SignerInfo) -> bytes | None:
    attributes = signer_info["signed_attrs"]
    if not attributes:
        return None
    for attribute in attributes:
        if attribute["type"].native == "message_digest":
            values = attribute["values"]
            return bytes(values[0].native) if len(values) == 1 else None
    return None


def _check_signature(
    signer_info: cms.SignerInfo, certificate: x509.Certificate, digest: bytes
) -> None:
    from pyhanko.sign.validation.generic_cms import validate_sig_integrity

    try:
        intact, valid = validate_sig_integrity(signer_info, certificate, "data", digest)
    except Exception as exc:  # a malformed signer info, an unknown algorithm
        raise PadesRefused("signature_invalid", f"{type(exc).__name__}: {exc}") from None
    if not (intact and valid):
        raise PadesRefused("signature_invalid")
