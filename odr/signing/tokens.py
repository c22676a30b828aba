"""The short-lived token that ties an NCALayer signature to the request that asked for it: pure.

``prepare`` hands out the digest to sign with a token naming the case, the party's account and
role, the digest and an expiry, MAC'd with the service's secret key; ``sign`` accepts a CMS only
with a token this service made for that same person and case, before it expires. Stateless, so
any instance answers either request and nothing is stored until a signature is accepted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime

_CONTEXT = b"kelisim eds prepare token v1\x00"


class TokenRefused(ValueError):
    """``code``: ``eds_token_invalid`` (not ours, or for someone else) or ``eds_token_expired``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Grant:
    case_id: str
    user_id: str
    role: str
    digest_hex: str
    expires: int  # POSIX seconds
    prepared_at: str  # ISO time the PDF revision was prepared at: it is rebuilt from it


def _mac(secret: str, payload: bytes) -> bytes:
    return hmac.new(secret.encode(), _CONTEXT + payload, hashlib.sha256).digest()


def issue(secret: str, grant: Grant) -> str:
    payload = json.dumps(grant.__dict__, sort_keys=True, separators=(",", ":")).encode()
    token = payload + _mac(secret, payload)
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def read(secret: str, token: str, case_id: str, user_id: str, now: datetime) -> Grant:
    """The grant in ``token`` if it is ours, for this case and person, and not expired."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload, mac = raw[:-32], raw[-32:]
        if len(raw) <= 32 or not hmac.compare_digest(mac, _mac(secret, payload)):
            raise TokenRefused("eds_token_invalid")
        grant = Grant(**json.loads(payload))
    except (ValueError, TypeError) as exc:
        if isinstance(exc, TokenRefused):
            raise
        raise TokenRefused("eds_token_invalid") from None
    if grant.case_id != case_id or grant.user_id != user_id:
        raise TokenRefused("eds_token_invalid")
    if now.timestamp() > grant.expires:
        raise TokenRefused("eds_token_expired")
    return grant
