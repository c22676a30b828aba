"""The platform's Ed25519 signing key: created once per data directory, then reused.

Every settlement Kelisim issues is signed with this key (the envelope) and sealed with it (the
PDF), so anyone holding the public key can check a document offline. The private key lives next
to the service's other secret (``odr/settings.py``), in a file only its owner can read; losing it
means old documents still verify with the published public key, new ones get a new ``key_id``.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_FILE = "platform-signing-key.pem"


class PlatformKeyError(ValueError):
    """The key file or a public key given by a person cannot be used; the message says why."""


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 16 hex digits of SHA-256 of the raw 32-byte public key: short, stable, printable."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def verify_signature(public_key: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public_key.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def load_public_key_pem(data: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM (a private key PEM also works: its public half is used)."""
    try:
        if b"PRIVATE KEY" in data:
            private = serialization.load_pem_private_key(data, password=None)
            if isinstance(private, Ed25519PrivateKey):
                return private.public_key()
            raise PlatformKeyError("the PEM holds a private key that is not Ed25519")
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise PlatformKeyError(f"not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise PlatformKeyError("the PEM holds a public key that is not Ed25519")
    return key


def stored_public_key(directory: Path) -> Ed25519PublicKey | None:
    """The public half of the key kept in ``directory``, or ``None`` when there is none yet."""
    path = directory / KEY_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PlatformKeyError(f"cannot read {path}: {exc.strerror}") from None
    return load_public_key_pem(data)


class PlatformKey:
    """An Ed25519 private key with its ``key_id``; ``sign`` is the only use of the secret."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private = private_key
        self.public_key = private_key.public_key()
        self.key_id = key_id_of(self.public_key)

    @classmethod
    def generate(cls) -> PlatformKey:
        """A fresh key kept only in memory (tests, benchmarks)."""
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def in_directory(cls, directory: Path) -> PlatformKey:
        """The key stored in ``directory``, created there (mode 0600) on first use.

        Two processes starting at once both end up with the one key that won the exclusive
        create, never with two different keys.
        """
        path = directory / KEY_FILE
        try:
            directory.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                pem = Ed25519PrivateKey.generate().private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
                try:
                    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                except FileExistsError:
                    pass  # another process created it between our check and open
                else:
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(pem)
            data = path.read_bytes()
        except OSError as exc:
            raise PlatformKeyError(f"cannot keep the platform key in {path}: {exc}") from exc
        try:
            private = serialization.load_pem_private_key(data, password=None)
        except (ValueError, TypeError) as exc:
            raise PlatformKeyError(f"{path} is not a PEM private key ({exc})") from None
        if not isinstance(private, Ed25519PrivateKey):
            raise PlatformKeyError(f"{path} holds a key that is not Ed25519")
        return cls(private)

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)

    def public_key_pem(self) -> bytes:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def public_jwk(self) -> dict[str, Any]:
        """The public key as a JWK (RFC 8037, OKP/Ed25519) for a well-known URL."""
        raw = self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        x = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": x,
            "kid": self.key_id,
            "alg": "EdDSA",
            "use": "sig",
        }

    def __repr__(self) -> str:
        return f"PlatformKey(key_id={self.key_id!r})"
