"""The platform's signing keys for this service: created on first use in the data directory.

Two of them: the Ed25519 key (``PlatformKey``) that signs the settlement envelope and sealed the
PDFs made before #14, and the seal certificate (``PlatformSeal``) whose PAdES signature seals
every PDF since, a configured one (``ODR_SEAL_KEY_FILE`` + ``ODR_SEAL_CERTIFICATE_FILE``) or a
self-issued platform CA and seal certificate. Every instance of a deployment must use the same
ones (share ``ODR_DATA_DIR``'s key files, or mount them), or documents signed by one instance
will not verify against the keys another publishes. Each is loaded once per process and kept.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from odr.documents.keys import PlatformKey
from odr.documents.platform_certificate import PlatformSeal
from odr.settings import Settings


@lru_cache(maxsize=8)
def _key_in(directory: Path) -> PlatformKey:
    return PlatformKey.in_directory(directory)


def platform_key(settings: Settings) -> PlatformKey:
    return _key_in(settings.data_dir)


@lru_cache(maxsize=8)
def _seal(directory: Path, key_file: Path | None, chain_file: Path | None) -> PlatformSeal:
    if key_file is not None and chain_file is not None:
        return PlatformSeal.from_files(key_file, chain_file)
    return PlatformSeal.in_directory(directory)


def platform_seal(settings: Settings) -> PlatformSeal:
    """The seal certificate: the configured one, else the self-issued one of the data dir."""
    return _seal(settings.data_dir, settings.seal_key_file, settings.seal_certificate_file)


@lru_cache(maxsize=8)
def _anchors(paths: tuple[Path, ...]) -> tuple[bytes, ...]:
    found: list[bytes] = []
    for path in paths:
        for certificate in x509.load_pem_x509_certificates(path.read_bytes()):
            found.append(certificate.public_bytes(serialization.Encoding.DER))
    return tuple(found)


def trust_roots(settings: Settings) -> tuple[bytes, ...]:
    """What a PDF signature may chain to (DER): the seal's root and the configured НУЦ РК
    certificates (``ODR_EDS_TRUST_ANCHORS``, which also holds the TSA's root)."""
    return (platform_seal(settings).root, *_anchors(settings.eds_trust_anchors))
