"""The platform's X.509 seal certificate: the one a PAdES seal on every settlement PDF is made with.

A PDF signature needs a certificate, not a bare key. A deployment either configures one
(``ODR_SEAL_KEY_FILE`` and ``ODR_SEAL_CERTIFICATE_FILE``: a key and its chain from a CA a court
already trusts, e.g. a НУЦ РК legal-entity certificate), or, by default, gets a self-issued one
on first run: a platform CA ("Kelisim platform CA") and a seal certificate it issues, both
ECDSA P-256, kept in one file beside the Ed25519 platform key in the data directory
(``platform-seal.pem``, mode 0600, created atomically so two processes never make two). The CA
certificate is published (``/.well-known/kelisim-platform-ca.pem``) and is a trust anchor of
the verifier; the CA key stays in the file only so a seal certificate can be issued again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

SEAL_FILE = "platform-seal.pem"
_KEY_BLOCK = re.compile(rb"-----BEGIN PRIVATE KEY-----.+?-----END PRIVATE KEY-----\s*", re.DOTALL)


class SealCertificateError(ValueError):
    """The seal's key or certificate file cannot be used; the message says which and why."""


@dataclass(frozen=True)
class PlatformSeal:
    """The seal's private key (PKCS#8 PEM) and its chain (DER, the seal certificate first)."""

    key_pem: bytes = field(repr=False)
    chain: tuple[bytes, ...] = field(repr=False)

    @property
    def certificate(self) -> bytes:
        return self.chain[0]

    @property
    def root(self) -> bytes:
        """The last certificate of the chain: the anchor a verifier must trust."""
        return self.chain[-1]

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the seal certificate (hex), how documents and verifiers name it."""
        return hashlib.sha256(self.certificate).hexdigest()

    def __repr__(self) -> str:
        return f"PlatformSeal(fingerprint={self.fingerprint[:16]!r}…)"

    def chain_pem(self) -> bytes:
        return b"".join(_pem(der) for der in self.chain)

    def root_pem(self) -> bytes:
        return _pem(self.root)

    @classmethod
    def from_files(cls, key_file: Path, chain_file: Path) -> PlatformSeal:
        """A configured seal: a PEM private key and a PEM chain (seal certificate first)."""
        try:
            key_data = key_file.read_bytes()
            chain_data = chain_file.read_bytes()
        except OSError as exc:
            raise SealCertificateError(f"cannot read {exc.filename}: {exc.strerror}") from None
        return cls._load(key_data, chain_data, f"{key_file} / {chain_file}")

    @classmethod
    def in_directory(cls, directory: Path, now: datetime | None = None) -> PlatformSeal:
        """The self-issued seal kept in ``directory``, issued there on first use."""
        path = directory / SEAL_FILE
        try:
            if not path.exists():
                directory.mkdir(parents=True, exist_ok=True)
                _create_exclusively(path, _self_issued(now or datetime.now(UTC)))
            data = path.read_bytes()
        except OSError as exc:
            raise SealCertificateError(f"cannot keep the seal in {path}: {exc}") from exc
        keys = _KEY_BLOCK.findall(data)
        if not keys:
            raise SealCertificateError(f"{path} holds no private key")
        return cls._load(keys[0], _KEY_BLOCK.sub(b"", data), str(path))

    @classmethod
    def _load(cls, key_pem: bytes, chain_pem: bytes, where: str) -> PlatformSeal:
        try:
            key = serialization.load_pem_private_key(key_pem, password=None)
            certificates = x509.load_pem_x509_certificates(chain_pem)
        except (ValueError, TypeError) as exc:
            raise SealCertificateError(f"{where}: not a PEM key and certificates ({exc})") from None
        public = key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        first = (
            certificates[0]
            .public_key()
            .public_bytes(
                serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )
        if public != first:
            raise SealCertificateError(f"{where}: the first certificate is not the key's")
        pkcs8 = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        chain = tuple(c.public_bytes(serialization.Encoding.DER) for c in certificates)
        return cls(pkcs8, chain)


def _pem(der: bytes) -> bytes:
    return x509.load_der_x509_certificate(der).public_bytes(serialization.Encoding.PEM)


def _create_exclusively(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` unless it exists: written aside, then hard-linked in place
    (atomic, and refused when another process got there first, whose file then stays)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".seal-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):  # another process won: its file stays
            os.link(temporary, path)
    finally:
        os.unlink(temporary)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Kelisim"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
        ]
    )


def _self_issued(now: datetime) -> bytes:
    """A new platform CA and seal certificate: the seal key, its certificate, the CA certificate
    and the CA key, as PEM blocks in that order."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    seal_key = ec.generate_private_key(ec.SECP256R1())
    start = now - timedelta(hours=1)
    ca_name = _name("Kelisim platform CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * 30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    seal = (
        x509.CertificateBuilder()
        .subject_name(_name("Kelisim platform seal"))
        .issuer_name(ca_name)
        .public_key(seal_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            # digitalSignature and nonRepudiation (content commitment): a seal, not a login key.
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )

    def key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
        return key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    return (
        key_pem(seal_key)
        + seal.public_bytes(serialization.Encoding.PEM)
        + ca.public_bytes(serialization.Encoding.PEM)
        + key_pem(ca_key)
    )
