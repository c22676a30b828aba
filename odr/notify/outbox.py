"""The notice outbox: a notice is queued in the caller's transaction, so it exists exactly when
what it announces was committed.

``enqueue_notice`` only writes the row; ``worker.py`` sends it (leases in ``leases.py``, retries
with back-off, sent once). Secret parameters (a reset link) are sealed in the row
(``notice_params.py``) and erased once the notice is sent or given up.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.notify.notice_params import SEALED, sealed_box
from odr.notify.templates import TEMPLATES
from odr.persistence.models import OutboxNotice, User, UserPhone
from odr.services import utc_now

CHANNELS = ("email", "sms")


async def enqueue_notice(
    db: AsyncSession,
    *,
    user_id: str,
    kind: str,
    params: dict[str, Any],
    channel: str = "email",
    dedupe_key: str | None = None,
    now: datetime | None = None,
    secret_params: Mapping[str, Any] | None = None,
    secret_key: str | None = None,
    secret_until: datetime | None = None,
) -> None:
    """Queue a notice to a user in their language, in the caller's transaction (caller commits).

    ``params`` fill the kind's template (``odr/notify/templates.py``) and must be JSON values.
    With ``dedupe_key`` a second notice for the same key is not queued. An SMS to someone without
    a phone number is skipped.

    ``secret_params`` fill the template too but are stored sealed with ``secret_key`` (the
    deployment's ``settings.secret_key``) and erased once the notice is sent or given up; after
    ``secret_until`` the notice is not sent at all. Anything that grants access (a link with a
    token) goes there, never in ``params``.
    """
    if secret_params and secret_key is None:
        raise ValueError("secret_params are sealed with the secret_key; pass settings.secret_key")
    if secret_params and (set(secret_params) & set(params) or SEALED in params):
        raise ValueError(f"a parameter is both public and secret, or named {SEALED!r}")
    if kind not in TEMPLATES:
        raise ValueError(f"unknown notice kind {kind!r}; add it to odr/notify/templates.py")
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {CHANNELS}")
    if dedupe_key is not None:
        key = f"{channel}:{dedupe_key}"
        if await db.scalar(select(OutboxNotice.id).where(OutboxNotice.dedupe_key == key)):
            return
    else:
        key = None
    user = await db.get(User, user_id)
    if user is None:
        raise ValueError(f"no user {user_id}")
    if channel == "sms":
        recipient = await db.scalar(select(UserPhone.phone).where(UserPhone.user_id == user_id))
        if recipient is None:
            return
    else:
        recipient = user.email
    stored = dict(params)
    if secret_params and secret_key is not None:
        stored[SEALED] = sealed_box(
            secret_key,
            secret_params,
            channel=channel,
            kind=kind,
            recipient=recipient,
            until=secret_until,
        )
    db.add(
        OutboxNotice(
            user_id=user_id,
            channel=channel,
            kind=kind,
            language=user.language,
            recipient=recipient,
            params=stored,
            dedupe_key=key,
            status="pending",
            attempts=0,
            next_attempt_at=None,
            created_at=now or utc_now(),
        )
    )
