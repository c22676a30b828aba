"""What PAdES tests need and NCALayer would make: a throwaway RSA certificate, a small PDF, and
a detached CMS over a given digest (NCALayer's ``sign`` with ``digested: true``).

Built with ``cryptography`` (the certificate) and pyHanko's own CMS writer (the signature), so
the CMS has the signed attributes a real signer puts in: content type, signing time,
``messageDigest`` = the digest given.
"""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Throwaway:
    """A self-signed RSA certificate (DER) and its private key (PKCS#8 DER)."""

    certificate: bytes
    key: bytes


def throwaway_certificate(
    common_name: str = "Айгерім Нұрланова", iin: str = "061211600012"
) -> Throwaway:
    """A self-signed RSA-2048 signing certificate with a Kazakh subject (SERIALNUMBER=IIN…)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"IIN{iin}"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
    )
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    return Throwaway(
        certificate.public_bytes(serialization.Encoding.DER),
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def small_pdf() -> bytes:
    """A one-page PDF (pikepdf), enough to sign; the same bytes every call."""
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)  # the same bytes every call
    return out.getvalue()


def cms_over_digest(digest: bytes, signer: Throwaway) -> bytes:
    """A detached CMS SignedData (DER) whose ``messageDigest`` is ``digest`` (SHA-256)."""
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    simple = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer.certificate),
        signing_key=keys.PrivateKeyInfo.load(signer.key),
        cert_registry=SimpleCertificateStore(),  # type: ignore[no-untyped-call]
    )

    async def sign() -> bytes:
        content = await simple.async_sign(digest, "sha256", use_pades=True)
        der: bytes = content.dump()
        return der

    # A fresh event loop on a thread of its own: callers may be inside a running loop.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, sign()).result()
