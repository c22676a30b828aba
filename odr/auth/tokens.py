"""Random tokens and their stored hashes (sessions, invitations, device cookies)."""

from __future__ import annotations

import hashlib
import hmac
import secrets


def new_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def keyed_hash(secret_key: str, value: str) -> str:
    """HMAC-SHA256: hides e-mails and addresses in throttle rows and signs device cookies."""
    return hmac.new(secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
