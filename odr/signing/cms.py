"""A detached CMS SignedData as NCALayer returns it, read and its signature checked: pure.

NCALayer (``basics.sign``, format "cms", ``encapsulate: false``) answers a SignedData with one
SignerInfo whose signed attributes carry ``messageDigest``: the digest of what was signed. With
``digested: true`` that is exactly the digest the server handed out, so comparing the two says
the signature is over this version of the settlement and nothing else. The signature itself is
over the DER of the signed attributes (RFC 5652 §5.4), checked here with the certificate's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# asn1crypto.tsp registers signing-certificate-v2 among CMS attribute names on import, and
# asn1crypto caches the name table on first use: imported first, the PAdES seal (pyHanko) can
# always name it, whatever this process named before.
from asn1crypto import cms, tsp, x509  # noqa: F401
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import load_der_x509_certificate

from odr.signing.reasons import EdsRefused, Reason

MAX_CMS_BYTES = 64 * 1024
_DIGESTS: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


@dataclass(frozen=True)
class SignedCms:
    """What the server needs of one CMS signature."""

    signer: x509.Certificate
    others: tuple[x509.Certificate, ...]
    message_digest: bytes
    digest_algorithm: str
    signing_time: datetime | None
    signed_attrs_der: bytes
    signature: bytes
    signature_algorithm: str
    der: bytes


def parse(der: bytes) -> SignedCms:
    """Read a CMS ContentInfo(SignedData); anything else is ``eds_cms_malformed``."""
    if not der or len(der) > MAX_CMS_BYTES:
        raise EdsRefused(Reason.CMS_MALFORMED, "empty or too large")
    try:
        info = cms.ContentInfo.load(der, strict=True)
        if info["content_type"].native != "signed_data":
            raise EdsRefused(Reason.CMS_MALFORMED, "not SignedData")
        signed = info["content"]
        infos = signed["signer_infos"]
        if len(infos) != 1:
            raise EdsRefused(Reason.CMS_MALFORMED, f"{len(infos)} signers")
        signer_info = infos[0]
        listed = signed["certificates"] or []
        certificates = [c.chosen for c in listed if isinstance(c.chosen, x509.Certificate)]
        signer = _signer_certificate(signer_info["sid"], certificates)
        attrs = signer_info["signed_attrs"]
        if not attrs:
            raise EdsRefused(Reason.CMS_MALFORMED, "no signed attributes")
        values = {a["type"].native: a["values"] for a in attrs}
        if "message_digest" not in values:
            raise EdsRefused(Reason.CMS_MALFORMED, "no messageDigest")
        signing_time = values["signing_time"][0].native if "signing_time" in values else None
        # The signature covers the attributes as a SET (tag 0x31), not the [0] IMPLICIT tag.
        attrs_der = b"\x31" + attrs.dump(force=True)[1:]
        return SignedCms(
            signer=signer,
            others=tuple(c for c in certificates if c is not signer),
            message_digest=bytes(values["message_digest"][0].native),
            digest_algorithm=signer_info["digest_algorithm"]["algorithm"].native,
            signing_time=signing_time,
            signed_attrs_der=attrs_der,
            signature=bytes(signer_info["signature"].native),
            signature_algorithm=signer_info["signature_algorithm"].signature_algo,
            der=der,
        )
    except EdsRefused:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise EdsRefused(Reason.CMS_MALFORMED, type(exc).__name__) from None


def _signer_certificate(
    sid: cms.SignerIdentifier, certificates: list[x509.Certificate]
) -> x509.Certificate:
    for certificate in certificates:
        if sid.name == "issuer_and_serial_number":
            wanted = sid.chosen
            if (
                certificate.issuer == wanted["issuer"]
                and certificate.serial_number == wanted["serial_number"].native
            ):
                return certificate
        elif certificate.key_identifier == sid.chosen.native:
            return certificate
    raise EdsRefused(Reason.CMS_MALFORMED, "the signer's certificate is not in the CMS")


def check_digest(signed: SignedCms, expected: bytes) -> None:
    """The signature is over ``expected`` (the digest handed out for this version) or refused."""
    if signed.message_digest != expected:
        raise EdsRefused(Reason.OLDER_VERSION, "messageDigest differs")


def check_signature(signed: SignedCms) -> None:
    """The signed attributes verify under the signer certificate's key (RSA or EC)."""
    digest = _DIGESTS.get(signed.digest_algorithm)
    algorithm = str(signed.signer.public_key.algorithm)
    if algorithm not in ("rsa", "rsassa_pss", "ec"):
        # GOST 34.10 keys (НУЦ РК's other family; an OID here) have no well-kept Python verifier.
        raise EdsRefused(Reason.UNSUPPORTED_ALGORITHM, algorithm)
    if digest is None:
        raise EdsRefused(Reason.UNSUPPORTED_ALGORITHM, signed.digest_algorithm)
    try:
        key = load_der_x509_certificate(signed.signer.dump()).public_key()
    except ValueError:
        raise EdsRefused(Reason.CERTIFICATE_INVALID, "unreadable certificate") from None
    try:
        if isinstance(key, rsa.RSAPublicKey) and signed.signature_algorithm == "rsassa_pkcs1v15":
            key.verify(signed.signature, signed.signed_attrs_der, padding.PKCS1v15(), digest())
        elif isinstance(key, rsa.RSAPublicKey) and signed.signature_algorithm == "rsassa_pss":
            pss = padding.PSS(mgf=padding.MGF1(digest()), salt_length=padding.PSS.AUTO)
            key.verify(signed.signature, signed.signed_attrs_der, pss, digest())
        elif isinstance(key, ec.EllipticCurvePublicKey) and signed.signature_algorithm == "ecdsa":
            key.verify(signed.signature, signed.signed_attrs_der, ec.ECDSA(digest()))
        else:
            raise EdsRefused(Reason.UNSUPPORTED_ALGORITHM, signed.signature_algorithm)
    except InvalidSignature:
        raise EdsRefused(Reason.SIGNATURE_INVALID) from None
