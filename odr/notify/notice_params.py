"""A notice's parameters as its outbox row keeps them: public ones in clear, secret ones sealed.

Secret parameters (a reset link) are sealed (``sealed_params.py``) under one key of the row's
``params``, bound to the notice's channel, kind and recipient, so a box moved to another row no
longer opens. They are opened only to send; once the notice is sent or given up they are erased,
and ``public_params`` is what the row keeps.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from odr.notify.sealed_params import seal, unseal

SEALED = "_sealed"
"""The key in ``outbox.params`` that holds the sealed secret parameters, until sent or given up."""


class Notice(Protocol):
    """What opening a notice's parameters needs: a row or a leased copy of one."""

    @property
    def channel(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def recipient(self) -> str: ...
    @property
    def params(self) -> dict[str, Any]: ...


class SecretExpired(Exception):
    """The notice's secret is past its time (a reset link that no longer works)."""


def _context(channel: str, kind: str, recipient: str) -> str:
    # Binds a sealed box to its notice: moved to another recipient's row, it no longer opens.
    return json.dumps([channel, kind, recipient])


def sealed_box(
    secret_key: str,
    secret_params: Mapping[str, Any],
    *,
    channel: str,
    kind: str,
    recipient: str,
    until: datetime | None,
) -> str:
    """``secret_params`` sealed for the one notice to ``recipient``, to be stored as ``SEALED``."""
    context = _context(channel, kind, recipient)
    return seal(secret_key, secret_params, until=until, context=context)


def public_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters without the sealed ones: what a row keeps once its notice is done."""
    return {k: v for k, v in params.items() if k != SEALED}


def readable_params(secret_key: str, notice: Notice, now: datetime | None = None) -> dict[str, Any]:
    """All the parameters of ``notice``, its sealed ones opened with ``secret_key``.

    Raises ``Unreadable`` when they do not open, and ``SecretExpired`` when ``now`` is past the
    time given to ``enqueue_notice`` as ``secret_until``.
    """
    box = notice.params.get(SEALED)
    if box is None:
        return dict(notice.params)
    opened = unseal(
        secret_key, box, context=_context(notice.channel, notice.kind, notice.recipient)
    )
    if now is not None and opened.until is not None and opened.until <= now:
        raise SecretExpired
    return {**public_params(notice.params), **opened.values}
