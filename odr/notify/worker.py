"""The outbox worker: sends due notices through the transports, retries, sends each once.

Each round leases due rows (``leases.py``), and for each: a notice the sent-notices ledger
already has is marked sent without sending (``resend_guard.py``: the database was restored);
else its parameters are opened and it is sent outside any transaction, written in the ledger,
and marked sent. A failure (SMTP down) schedules the next attempt with doubling back-off; after
``ODR_OUTBOX_MAX_ATTEMPTS`` the row is ``failed``. A notice whose secret parameters no longer
open (the secret key changed) or expired is failed at once, never sent with a broken link.

A worker that is stopped (SIGTERM, ``stop``) finishes the notice it is sending and releases at
once the leases of those it has not started, so another instance sends them on its next round,
not ``LEASE`` later. Each e-mail's ``Message-ID`` is derived from the row (its id and
fingerprint), so a receiving server can drop a repeat; so is each SMS's ``id``. An SMS is asked
first whether it is still due (``sms_policy.py``: read in time, the number's limit) and is short
(``sms.py``: the subject and a short link, ``short_links.py``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlsplit

from odr.notify import leases, sms_policy
from odr.notify.email_policy import NOTICE_POLICY
from odr.notify.leases import Leased
from odr.notify.notice_params import SecretExpired, readable_params
from odr.notify.outbox import PATH
from odr.notify.resend_guard import in_ledger, remember
from odr.notify.sealed_params import Unreadable
from odr.notify.sent_ledger import SentLedger
from odr.notify.short_links import short_url
from odr.notify.sms import message_id, sms_text
from odr.notify.sms_policy import APP
from odr.notify.templates import render
from odr.notify.transports import (
    CALENDAR,
    Mailer,
    SendFailed,
    SmsGateway,
    attach_calendar,
    make_mailer,
    make_sms_gateway,
)
from odr.services import Core

log = logging.getLogger("odr.notify")


def backoff(attempts: int, retry_s: float) -> timedelta:
    """The wait after a failed attempt: ``retry_s``, doubled after each further failure."""
    return timedelta(seconds=retry_s * 2 ** (attempts - 1))


ROUND = 20
"""Notices the background loop leases at a time: about a second's worth at ``SPACING_S``."""
SPACING_S = 0.05
"""The background loop's pause between two notices. The worker shares its process's event loop
with the rooms: sent back to back, a round of a hundred notices held that loop up to 45 ms between
two awaits and doubled its CPU for a second, and most of a run's hundred slowest offers were in
that second (bench/realtime.py --workers 2, the set-up's invitations going out; py-spy). Spaced,
one process sends at most 20 notices a second (72,000 an hour), each a few milliseconds of CPU."""


class OutboxWorker:
    """Sends due notices; ``flush()`` once, or ``start()`` a loop every scheduler interval that
    sends what is due, ``ROUND`` at a time and ``spacing_s`` apart, until nothing is."""

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
        self._halted = asyncio.Event()
        self.spacing_s = SPACING_S
        """The background loop's pause between notices (a test may shorten it)."""
        self._task: asyncio.Task[None] | None = None

    async def flush(self, limit: int = 100) -> int:
        """Send what is due now, up to ``limit``, back to back; returns how many were sent.

        Once ``stopping`` is set, the notice being sent is finished and the rest are released;
        if the round is cancelled mid-send, that one notice keeps its lease (it may have gone).
        """
        _, sent = await self._round(limit, spacing_s=0.0)
        return sent

    async def _round(self, limit: int, *, spacing_s: float) -> tuple[int, int]:
        """Lease up to ``limit`` due notices and send them ``spacing_s`` apart: (leased, sent)."""
        services = self.services
        leased = await leases.lease_due(
            services.sessions,
            services.clock(),
            limit,
            skip_locked=not services.settings.is_sqlite,
        )
        sent = started = 0
        try:
            for notice in leased:
                if started and spacing_s:
                    await self._pause(spacing_s)
                if self.stopping:
                    break
                started += 1
                if await in_ledger(self.ledger, notice):
                    await leases.mark_sent(services.sessions, notice, services.clock())
                    continue
                if notice.channel == "sms" and not await self._sms_due(notice):
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
                    await remember(self.ledger, notice, services.clock())
                    await leases.mark_sent(services.sessions, notice, services.clock())
                    sent += 1
        finally:
            if leased[started:]:
                await leases.release(services.sessions, leased[started:])
                log.info("released leased notices", extra={"count": len(leased[started:])})
        return len(leased), sent

    async def _pause(self, seconds: float) -> None:
        """Wait ``seconds`` between two notices, or less if the worker is being stopped."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._halted.wait()

    def _open(self, notice: Leased) -> dict[str, Any]:
        return readable_params(self.services.settings.secret_key, notice, self.services.clock())

    async def _send(self, notice: Leased, params: dict[str, Any]) -> None:
        path = params.get(PATH)
        link = f"{self.services.settings.public_base_url}/{path}" if path else None
        subject, body = render(notice.kind, notice.language, {"link": link, **params})
        if link and link not in body:  # the deep link to the page the notice is about
            body = f"{body}\n\n{link}"
        if notice.channel == "sms":
            note = params.get(APP)
            if isinstance(note, int) and path:  # a user's notice: its short link, not the deep one
                settings = self.services.settings
                link = short_url(settings.public_base_url, settings.secret_key, note)
            text = sms_text(subject, link or params.get("link"))
            await self.sms.send(
                notice.recipient, text, message_id=message_id(notice.id, notice.fingerprint)
            )
            return
        message = EmailMessage(policy=NOTICE_POLICY)
        message["From"] = self.services.settings.smtp_from
        message["To"] = notice.recipient
        message["Subject"] = subject
        # The same id on every attempt, so a mail server can drop a repeat; with the fingerprint,
        # so a new notice that reuses the row id of one sent before a restore is not a "repeat".
        host = urlsplit(self.services.settings.public_base_url).hostname or "kelisim"
        message["Message-ID"] = f"<kelisim-notice-{notice.id}.{notice.fingerprint[:16]}@{host}>"
        message.set_content(body)
        if isinstance(params.get(CALENDAR), str):  # a joint session's invite (#15)
            attach_calendar(message, params[CALENDAR])
        message["Content-Language"] = notice.language  # after set_content, which resets Content-*
        await self.mailer.send(message)

    async def _sms_due(self, notice: Leased) -> bool:
        """Whether the SMS goes now (``sms_policy.py``); else it is cancelled (read in time)
        or postponed (the number's limit), and the round moves on."""
        services = self.services
        decided = await sms_policy.verdict(
            services.sessions, notice, services.settings, services.clock()
        )
        if decided.skip is not None:
            await sms_policy.cancel(services.sessions, notice, decided.skip)
        elif decided.wait_until is not None:
            log.info("SMS waits for the number's limit", extra={"notice_id": notice.id})
            await sms_policy.postpone(services.sessions, notice, decided.wait_until)
        return decided.send

    async def _abandon(self, notice: Leased, why: Unreadable | SecretExpired) -> None:
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
        await leases.mark_failed(self.services.sessions, notice, error)

    async def _failed(self, notice: Leased, error: str) -> None:
        settings = self.services.settings
        give_up = notice.attempts >= settings.outbox_max_attempts
        log.warning(
            "notice not sent; %s",
            "giving up" if give_up else "will retry",
            extra={"notice_id": notice.id, "attempts": notice.attempts, "error": error},
        )
        at = self.services.clock() + backoff(notice.attempts, settings.outbox_retry_s)
        if give_up:
            await leases.mark_failed(self.services.sessions, notice, error, next_attempt_at=at)
        else:
            await leases.mark_retry(self.services.sessions, notice, error, at)

    # -- background loop -------------------------------------------------------------------

    def start(self) -> None:
        self.stopping = False
        self._halted.clear()
        self._task = asyncio.create_task(self._run())

    async def stop(self, within: float = 5.0) -> None:
        """End the loop: the notice being sent is finished (for up to ``within`` seconds, then
        cut off), the leases of the rest are released at once."""
        if self._task is None:
            return
        self.stopping = True
        self._halted.set()
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
                while not self.stopping:
                    leased, _ = await self._round(ROUND, spacing_s=self.spacing_s)
                    if leased < ROUND:
                        break
                    await self._pause(self.spacing_s)  # a full round: more may be due
            except Exception:
                log.exception("outbox round failed; trying again next round")
