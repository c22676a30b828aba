"""The notice outbox: a notice is queued in the caller's transaction, so it exists exactly when
what it announces was committed.

``enqueue_notice`` only writes the row; ``worker.py`` sends it (leases in ``leases.py``, retries
with back-off, sent once). Secret parameters (a reset link) are sealed in the row
(``notice_params.py``) and erased once the notice is sent or given up.

A notice goes to a user (``enqueue_notice``: their address, phone and language, and a copy in
their in-app list, ``inbox.py``) or to a bare address (``enqueue_to_address``: someone without an
account yet, the invited respondent). ``cancel_notices`` withdraws queued notices nobody should
get any more (an invitation replaced by a newer link): they are ``cancelled``, their secrets erased.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.notify.inbox import record_in_app
from odr.notify.notice_params import SEALED, public_params, sealed_box
from odr.notify.preferences import after_quiet, channels_for, preference_of
from odr.notify.sms_policy import APP, IF_UNREAD
from odr.notify.templates import TEMPLATES
from odr.persistence.models import NoticePreference, OutboxNotice, User, UserPhone
from odr.services import utc_now

CHANNELS = ("email", "sms")
PATH = "path"
"""The public parameter naming the app's page a notice links to (``#/cases/{id}/…``): the worker
adds the deep link (``ODR_PUBLIC_BASE_URL`` + path) to the text, the in-app list links to it."""


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
    path: str | None = None,
) -> None:
    """Queue a notice to a user in their language, in the caller's transaction (caller commits).

    ``params`` fill the kind's template (``odr/notify/templates.py``) and must be JSON values.
    With ``dedupe_key`` a second notice for the same key is not queued. An SMS to someone without
    a phone number is skipped. ``path`` (``#/cases/{id}/room``) is the page the notice links to.
    A notice without secrets (``channel`` e-mail, the default) goes by the channels the person
    chose, after their quiet hours (``preferences.py``), and is listed in their in-app list.
    Someone who gave a phone (``PUT /api/notify/phone``) without choosing channels is told by
    e-mail and by SMS; an SMS beside an e-mail goes only if the notice is still unread
    ``ODR_SMS_AFTER_UNREAD_H`` later (``sms_policy.py``), and links to the in-app copy.

    ``secret_params`` fill the template too but are stored sealed with ``secret_key`` (the
    deployment's ``settings.secret_key``) and erased once the notice is sent or given up; after
    ``secret_until`` the notice is not sent at all. Anything that grants access (a link with a
    token) goes there, never in ``params``.
    """
    _check(kind, channel, params, secret_params, secret_key)
    user = await db.get(User, user_id)
    if user is None:
        raise ValueError(f"no user {user_id}")
    now = now or utc_now()
    due = None
    routes: list[tuple[str, str | None]]
    sms_params: dict[str, Any] = {}
    if channel == "sms":
        phone = await db.scalar(select(UserPhone.phone).where(UserPhone.user_id == user_id))
        routes = [] if phone is None else [("sms", phone)]
    elif secret_params:  # a reset link goes to the mailbox, at once, and is never listed
        routes = [("email", user.email)]
    else:  # by the person's choice of channels and quiet hours (preferences.py)
        preference = await preference_of(db, user_id)
        channels = channels_for(preference)
        if preference.phone and await db.get(NoticePreference, user_id) is None:
            channels = ["email", "sms"]  # a phone given, no channel chosen: SMS if unread
        routes = [(c, preference.phone if c == "sms" else user.email) for c in channels]
        due = after_quiet(preference, now)
        listed = await record_in_app(
            db, user_id, kind, params, path=path, dedupe_key=dedupe_key, now=now
        )
        if listed is not None and "sms" in channels:
            await db.flush()  # the in-app copy's id: the SMS's short link and read mark
            sms_params = {APP: listed.id, **({IF_UNREAD: True} if "email" in channels else {})}
    for route, recipient in routes:
        if recipient is None or (dedupe_key is not None and await _queued(db, route, dedupe_key)):
            continue
        _add(
            db,
            user_id=user_id,
            recipient=recipient,
            language=user.language,
            channel=route,
            kind=kind,
            params={
                **params,
                **({} if path is None else {PATH: path}),
                **(sms_params if route == "sms" else {}),
            },
            dedupe_key=dedupe_key,
            now=now,
            secret=(secret_params, secret_key, secret_until),
            due=due,
        )


async def enqueue_to_address(
    db: AsyncSession,
    *,
    address: str,
    channel: str,
    language: str,
    kind: str,
    params: dict[str, Any],
    dedupe_key: str | None = None,
    now: datetime | None = None,
    secret_params: Mapping[str, Any] | None = None,
    secret_key: str | None = None,
    secret_until: datetime | None = None,
) -> None:
    """Queue a notice to an e-mail ``address`` or phone number (E.164) of someone who has no
    account yet, in ``language``: otherwise as ``enqueue_notice`` (no in-app copy: no user)."""
    _check(kind, channel, params, secret_params, secret_key)
    if dedupe_key is not None and await _queued(db, channel, dedupe_key):
        return
    _add(
        db,
        user_id=None,
        recipient=address,
        language=language,
        channel=channel,
        kind=kind,
        params=params,
        dedupe_key=dedupe_key,
        now=now,
        secret=(secret_params, secret_key, secret_until),
    )


async def cancel_notices(db: AsyncSession, dedupe_keys: list[str]) -> int:
    """Withdraw the still-queued notices of these keys (on every channel): they will not go out,
    and their sealed secrets are erased. A notice being sent right now (leased) cannot be
    stopped; returns how many were withdrawn."""
    keys = [f"{channel}:{key}" for key in dedupe_keys for channel in CHANNELS]
    if not keys:
        return 0
    rows = list(
        await db.scalars(
            select(OutboxNotice).where(
                OutboxNotice.dedupe_key.in_(keys),
                OutboxNotice.status == "pending",
                OutboxNotice.lease_until.is_(None),
            )
        )
    )
    for row in rows:
        await db.execute(
            update(OutboxNotice)
            .where(OutboxNotice.id == row.id, OutboxNotice.status == "pending")
            .where(OutboxNotice.lease_until.is_(None))
            .values(status="cancelled", params=public_params(row.params))
            .execution_options(synchronize_session=False)
        )
    return len(rows)


Secret = tuple[Mapping[str, Any] | None, str | None, datetime | None]


def _check(
    kind: str,
    channel: str,
    params: dict[str, Any],
    secret_params: Mapping[str, Any] | None,
    secret_key: str | None,
) -> None:
    if secret_params and secret_key is None:
        raise ValueError("secret_params are sealed with the secret_key; pass settings.secret_key")
    if secret_params and (set(secret_params) & set(params) or SEALED in params):
        raise ValueError(f"a parameter is both public and secret, or named {SEALED!r}")
    if kind not in TEMPLATES:
        raise ValueError(f"unknown notice kind {kind!r}; add it to odr/notify/templates.py")
    if channel not in CHANNELS:
        raise ValueError(f"channel must be one of {CHANNELS}")


async def _queued(db: AsyncSession, channel: str, dedupe_key: str) -> bool:
    key = f"{channel}:{dedupe_key}"
    return (
        await db.scalar(select(OutboxNotice.id).where(OutboxNotice.dedupe_key == key)) is not None
    )


def _add(
    db: AsyncSession,
    *,
    user_id: str | None,
    recipient: str,
    language: str,
    channel: str,
    kind: str,
    params: dict[str, Any],
    dedupe_key: str | None,
    now: datetime | None,
    secret: Secret,
    due: datetime | None = None,
) -> None:
    secret_params, secret_key, secret_until = secret
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
            language=language,
            recipient=recipient,
            params=stored,
            dedupe_key=None if dedupe_key is None else f"{channel}:{dedupe_key}",
            status="pending",
            attempts=0,
            next_attempt_at=due,  # None: at once; else when the recipient's quiet hours end
            created_at=now or utc_now(),
        )
    )
