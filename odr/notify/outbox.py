"""The notice outbox: written in the caller's transaction, sent by a worker, retried, sent once.

Sending: the worker *leases* due rows in one short transaction (``FOR UPDATE SKIP LOCKED`` on
PostgreSQL, so two instances never lease the same row; SQLite has a single writer), sends outside
any transaction, then marks each row sent. A failure (SMTP down) releases the lease and schedules
the next attempt with doubling back-off; after ``ODR_OUTBOX_MAX_ATTEMPTS`` the row is ``failed``.
A process killed between sending and marking leaves a lease that expires, so that one notice
may go out again: at-least-once in that window, never twice otherwise. A worker that is stopped
(SIGTERM, ``stop``) finishes the notice it is sending and releases at once the leases of those
it has not started, so another instance sends them on its next round, not ``LEASE`` later.
Each e-mail's ``Message-ID`` is derived from the row (its id and fingerprint), so a receiving
server can drop such a repeat.

A restored database forgets what was sent after its backup; the data directory's sent-notices
ledger (``sent_ledger.py``) does not. Each notice is written there once sent, before its row is
marked, and a leased notice found there is marked sent without sending it again.

Secret parameters (a reset link) are sealed in the row (``sealed_params``) and opened only to
send; once the notice is sent or given up they are erased. One that no longer opens (the secret
key changed) or whose secret expired is failed at once, never sent with a broken link.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol
from urllib.parse import urlsplit

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.notify.sealed_params import Unreadable, seal, unseal
from odr.notify.sent_ledger import SentLedger, fingerprint
from odr.notify.templates import TEMPLATES, render
from odr.notify.transports import (
    Mailer,
    SendFailed,
    SmsGateway,
    make_mailer,
    make_sms_gateway,
)
from odr.persistence.models import OutboxNotice, User, UserPhone
from odr.services import Core, utc_now

log = logging.getLogger("odr.notify")
LEASE = timedelta(minutes=2)
CHANNELS = ("email", "sms")
SEALED = "_sealed"
"""The key in ``outbox.params`` that holds the sealed secret parameters, until sent or given up."""


class _Notice(Protocol):
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


def public_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters without the sealed ones: what a row keeps once its notice is done."""
    return {k: v for k, v in params.items() if k != SEALED}


def readable_params(
    secret_key: str, notice: _Notice, now: datetime | None = None
) -> dict[str, Any]:
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
        context = _context(channel, kind, recipient)
        stored[SEALED] = seal(secret_key, secret_params, until=secret_until, context=context)
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


async def mark_sent_from_ledger(
    sessions: async_sessionmaker[AsyncSession], ledger: SentLedger, now: datetime
) -> int:
    """Mark as sent every pending notice the ledger says went out; returns how many.

    For ``odr restore``: the restored outbox then says what really happened at once, and the
    sealed secrets of those notices are erased. The worker checks the ledger anyway.
    """
    marked = 0
    async with sessions() as db, db.begin():
        pending = await db.scalars(select(OutboxNotice).where(OutboxNotice.status == "pending"))
        for row in pending:
            if ledger.contains(_fingerprint_of(row)):
                row.status, row.sent_at, row.lease_until = "sent", now, None
                row.params = public_params(row.params)
                marked += 1
    return marked


@dataclass(frozen=True)
class _Leased:
    id: int
    channel: str
    kind: str
    language: str
    recipient: str
    params: dict[str, Any]
    attempts: int
    created_at: datetime
    lease_until: datetime
    """This worker's lease: a release only undoes a lease that is still this one."""

    @property
    def fingerprint(self) -> str:
        return _fingerprint_of(self)


def _fingerprint_of(notice: _Leased | OutboxNotice) -> str:
    return fingerprint(
        notice.id,
        notice.channel,
        notice.kind,
        notice.recipient,
        notice.created_at,
        public_params(notice.params),
    )


class OutboxWorker:
    """Sends due notices; ``flush()`` once, or ``start()`` a loop every scheduler interval."""

    def __init__(
        self,
        services: Core,
        mailer: Mailer | None = None,
        sms: SmsGateway | None = None,
    ) -> None:
        self.services = services
        self.mailer = mailer or make_mailer(services.settings)
        self.sms = sms or make_sms_gateway(services.settings)
        self.ledger = SentLedger.in_directory(services.settings.data_dir)
        self.wake = asyncio.Event()
        self.stopping = False
        self._task: asyncio.Task[None] | None = None

    async def flush(self, limit: int = 100) -> int:
        """Send what is due now; returns how many were sent.

        Once ``stopping`` is set, the notice being sent is finished and the rest are released;
        if the round is cancelled mid-send, that one notice keeps its lease (it may have gone).
        """
        leased = await self._lease(limit)
        sent = started = 0
        try:
            for notice in leased:
                if self.stopping:
                    break
                started += 1
                if await self._sent_before(notice):
                    continue
                try:
                    await self._send(notice, self._open(notice))
                except (Unreadable, SecretExpired) as exc:  # no retry can make these sendable
                    await self._abandon(notice, exc)
                except SendFailed as exc:
                    await self._failed(notice, str(exc))
                except Exception as exc:  # a bug in one notice must not stop the others
                    log.exception("notice failed", extra={"notice_id": notice.id})
                    await self._failed(notice, f"internal error: {type(exc).__name__}")
                else:
                    await self._remember(notice)
                    await self._sent(notice)
                    sent += 1
        finally:
            if leased[started:]:
                await self._release(leased[started:])
        return sent

    async def _release(self, notices: list[_Leased]) -> None:
        """Give back leases this worker will not use, as if never leased (the attempt undone)."""
        async with self.services.sessions() as db, db.begin():
            for notice in notices:
                await db.execute(
                    update(OutboxNotice)
                    .where(
                        OutboxNotice.id == notice.id,
                        OutboxNotice.status == "pending",
                        OutboxNotice.lease_until == notice.lease_until,
                    )
                    .values(lease_until=None, attempts=OutboxNotice.attempts - 1)
                    .execution_options(synchronize_session=False)
                )
        log.info("released leased notices", extra={"count": len(notices)})

    async def _sent_before(self, notice: _Leased) -> bool:
        """Whether the ledger says it went out already (before a restore); if so, mark it sent."""
        try:
            known = await asyncio.to_thread(self.ledger.contains, notice.fingerprint)
        except OSError:
            # The ledger only guards against a restore; without it we still send (and say so).
            log.exception("cannot read the sent-notices ledger", extra={"notice_id": notice.id})
            return False
        if known:
            log.info(
                "notice not sent again: the sent-notices ledger has it (database restored?)",
                extra={"notice_id": notice.id, "kind": notice.kind},
            )
            await self._sent(notice)
        return known

    async def _remember(self, notice: _Leased) -> None:
        try:
            await asyncio.to_thread(
                self.ledger.record, notice.fingerprint, notice.id, self.services.clock()
            )
        except OSError:  # sent all the same: the row is marked; only a restore could repeat it
            log.exception("cannot write the sent-notices ledger", extra={"notice_id": notice.id})

    async def _lease(self, limit: int) -> list[_Leased]:
        now = self.services.clock()
        due = (
            OutboxNotice.status == "pending",
            or_(OutboxNotice.next_attempt_at.is_(None), OutboxNotice.next_attempt_at <= now),
            or_(OutboxNotice.lease_until.is_(None), OutboxNotice.lease_until < now),
        )
        async with self.services.sessions() as db, db.begin():
            query = select(OutboxNotice).where(*due).order_by(OutboxNotice.id).limit(limit)
            if not self.services.settings.is_sqlite:
                query = query.with_for_update(skip_locked=True)
            candidates = [
                _Leased(
                    r.id,
                    r.channel,
                    r.kind,
                    r.language,
                    r.recipient,
                    r.params,
                    r.attempts + 1,
                    r.created_at,
                    now + LEASE,
                )
                for r in await db.scalars(query)
            ]
            leased = []
            for notice in candidates:
                # Conditional, row by row: a row another worker leased meanwhile is skipped.
                claimed = await db.execute(
                    update(OutboxNotice)
                    .where(OutboxNotice.id == notice.id, *due)
                    .values(lease_until=notice.lease_until, attempts=OutboxNotice.attempts + 1)
                    .execution_options(synchronize_session=False)
                )
                if claimed.rowcount == 1:  # type: ignore[attr-defined]
                    leased.append(notice)
        return leased

    def _open(self, notice: _Leased) -> dict[str, Any]:
        return readable_params(self.services.settings.secret_key, notice, self.services.clock())

    async def _send(self, notice: _Leased, params: dict[str, Any]) -> None:
        subject, body = render(notice.kind, notice.language, params)
        if notice.channel == "sms":
            await self.sms.send(notice.recipient, f"{subject}. {body}")
            return
        message = EmailMessage()
        message["From"] = self.services.settings.smtp_from
        message["To"] = notice.recipient
        message["Subject"] = subject
        # The same id on every attempt, so a mail server can drop a repeat; with the fingerprint,
        # so a new notice that reuses the row id of one sent before a restore is not a "repeat".
        host = urlsplit(self.services.settings.public_base_url).hostname or "kelisim"
        message["Message-ID"] = f"<kelisim-notice-{notice.id}.{notice.fingerprint[:16]}@{host}>"
        message.set_content(body)
        message["Content-Language"] = notice.language  # after set_content, which resets Content-*
        await self.mailer.send(message)

    async def _sent(self, notice: _Leased) -> None:
        async with self.services.sessions() as db, db.begin():
            await db.execute(
                update(OutboxNotice)
                .where(OutboxNotice.id == notice.id)
                .values(
                    status="sent",
                    sent_at=self.services.clock(),
                    lease_until=None,
                    params=public_params(notice.params),  # its secrets are no longer needed
                )
            )

    async def _abandon(self, notice: _Leased, why: Unreadable | SecretExpired) -> None:
        """Fail a notice for good without sending it: its secret cannot be used."""
        if isinstance(why, SecretExpired):
            error = "not sent: its secret parameters expired before it could be sent"
        else:
            error = (
                "not sent: its secret parameters do not open with this secret key "
                "(ODR_SECRET_KEY changed since it was queued?)"
            )
        # Only the fixed text above: neither the box nor the key reaches the log.
        log.warning(
            "notice given up, %s",
            error,
            extra={"notice_id": notice.id, "kind": notice.kind, "attempts": notice.attempts},
        )
        async with self.services.sessions() as db, db.begin():
            await db.execute(
                update(OutboxNotice)
                .where(OutboxNotice.id == notice.id)
                .values(
                    status="failed",
                    lease_until=None,
                    last_error=error,
                    params=public_params(notice.params),
                )
            )

    async def _failed(self, notice: _Leased, error: str) -> None:
        settings = self.services.settings
        now = self.services.clock()
        give_up = notice.attempts >= settings.outbox_max_attempts
        delay = timedelta(seconds=settings.outbox_retry_s * 2 ** (notice.attempts - 1))
        log.warning(
            "notice not sent; %s",
            "giving up" if give_up else "will retry",
            extra={"notice_id": notice.id, "attempts": notice.attempts, "error": error},
        )
        values: dict[str, Any] = {
            "status": "failed" if give_up else "pending",
            "next_attempt_at": now + delay,
            "lease_until": None,
            "last_error": error[:1000],
        }
        if give_up:  # nobody will send it, so nobody needs its secrets
            values["params"] = public_params(notice.params)
        async with self.services.sessions() as db, db.begin():
            await db.execute(
                update(OutboxNotice).where(OutboxNotice.id == notice.id).values(**values)
            )

    # -- background loop -------------------------------------------------------------------

    def start(self) -> None:
        self.stopping = False
        self._task = asyncio.create_task(self._run())

    async def stop(self, within: float = 5.0) -> None:
        """End the loop: the notice being sent is finished (for up to ``within`` seconds, then
        cut off), the leases of the rest are released at once."""
        if self._task is None:
            return
        self.stopping = True
        self.wake.set()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(within):
                await asyncio.shield(self._task)
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None

    async def _run(self) -> None:
        interval = self.services.settings.scheduler_interval_s
        while not self.stopping:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(interval):
                    await self.wake.wait()
            self.wake.clear()
            if self.stopping:
                return
            try:
                await self.flush()
            except Exception:
                log.exception("outbox round failed; trying again next round")
