"""Sealing a notice's secret parameters while it waits in the outbox (pure: no database, no clock).

A password-reset e-mail carries a single-use link. The token itself is stored only as a hash, so
the queued e-mail would be the one place a database dump yields a working link. Its secret
parameters are therefore stored sealed: AES-256-GCM under a key derived with HKDF from the
deployment's secret key (a subkey of its own, so this use cannot collide with the HMACs made
from the same secret), opened by the worker just before sending, and erased from the row after.

The box is bound to its notice (``context``: channel, kind and recipient, as associated data), so
someone who can write to the database but has no secret key cannot move a link to a row of their
own address. The optional ``until`` travels inside the box: past it, there is nothing to send.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = "v1."
_INFO = b"kelisim notice outbox: sealed parameters v1"
_NONCE_BYTES = 12


class Unreadable(Exception):
    """The box cannot be opened: another secret key, another notice, or damaged.

    Its message never contains any part of the box or of the key.
    """


@dataclass(frozen=True)
class Opened:
    values: dict[str, Any]
    until: datetime | None
    """After this instant the secret is worthless (a link that expired); None: no limit."""


def _cipher(secret_key: str) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        secret_key.encode()
    )
    return AESGCM(key)


def seal(
    secret_key: str, values: Mapping[str, Any], *, until: datetime | None, context: str
) -> str:
    """``values`` (JSON values) sealed for the notice described by ``context``; a text for JSON."""
    plain = json.dumps(
        {"values": dict(values), "until": until.isoformat() if until else None},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    nonce = os.urandom(_NONCE_BYTES)  # random per box: one key seals many notices
    sealed = _cipher(secret_key).encrypt(nonce, plain, context.encode())
    return VERSION + base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(secret_key: str, box: str, *, context: str) -> Opened:
    """Open a box made by ``seal`` with the same key and context, or raise ``Unreadable``."""
    if not isinstance(box, str) or not box.startswith(VERSION):
        raise Unreadable("not a sealed box of a known version")
    try:
        raw = base64.urlsafe_b64decode(box[len(VERSION) :].encode())
    except (binascii.Error, ValueError):
        raise Unreadable("the sealed box is damaged") from None
    if len(raw) <= _NONCE_BYTES:
        raise Unreadable("the sealed box is damaged")
    try:
        plain = _cipher(secret_key).decrypt(
            raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode()
        )
    except InvalidTag:
        # `from None`: the chained error would say nothing more and may hold bytes of the box.
        raise Unreadable(
            "the sealed box does not open with this secret key for this notice"
        ) from None
    content = json.loads(plain)
    until = content["until"]
    return Opened(
        values=dict(content["values"]), until=datetime.fromisoformat(until) if until else None
    )
