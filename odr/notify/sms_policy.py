"""What the outbox checks right before an SMS goes: is it still needed, and may this number get
one more now. SMS cost money per part; e-mail and the in-app list do not.

- **Unread only.** Someone told by e-mail *and* SMS (``enqueue_notice``, ``outbox.py``) gets the
  e-mail at once and the SMS ``ODR_SMS_AFTER_UNREAD_H`` hours later, only if the notice is still
  unread then; at once if that e-mail was given up (the address refuses mail: it is missing).
  *Unread* is what the service can know: the notice's in-app copy is not marked read (the person
  has not read it in the app's list, whose count the menu shows on every page) and its short
  link (``short_links.py``) was not opened. A read notice's SMS is ``cancelled`` with the reason,
  never sent. (An e-mail's opening is not tracked: no pixels, no rewritten links.)
- **Per number.** At most ``ODR_SMS_MAX_PER_HOUR`` SMS an hour and ``ODR_SMS_MAX_PER_DAY`` a day
  to one number, counting those sent (and reported delivered or not). One more waits until the
  oldest of the window is out of it: it is delayed, not dropped, and the wait is no attempt.
  Two instances sending to one number in the same second may each let one through: the limit is
  a cost cap, not a security control.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from odr.notify.leases import Leased
from odr.notify.notice_params import public_params
from odr.notify.preferences import after_quiet, preference_of
from odr.persistence.models import Notification, OutboxNotice
from odr.settings import Settings

APP = "_app"
"""Public parameter of a user's SMS: the id of its in-app copy (its short link, its read mark)."""
IF_UNREAD = "_if_unread"
"""Public parameter: this SMS goes only if that copy is still unread when it is due."""
SENT = ("sent", "delivered", "undelivered")

Sessions = async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class Verdict:
    send: bool
    skip: str | None = None
    """Why it is not sent at all (cancelled)."""
    wait_until: datetime | None = None
    """When it may go instead (the per-number limit)."""


async def verdict(sessions: Sessions, notice: Leased, settings: Settings, now: datetime) -> Verdict:
    params = notice.params
    async with sessions() as db:
        if params.get(IF_UNREAD) and isinstance(params.get(APP), int):
            read_at = await db.scalar(
                select(Notification.read_at).where(Notification.id == params[APP])
            )
            if read_at is not None:
                return Verdict(False, skip="not sent: the notice was read before the SMS was due")
            due = notice.created_at + timedelta(hours=settings.sms_after_unread_h)
            user_id = await db.scalar(
                select(OutboxNotice.user_id).where(OutboxNotice.id == notice.id)
            )
            if due > now and not await _email_failed(db, notice, user_id):
                # Give the e-mail its hours first, then mind the quiet ones.
                quiet_end = None
                if user_id is not None:
                    quiet_end = after_quiet(await preference_of(db, user_id), due)
                return Verdict(False, wait_until=quiet_end or due)
        for window, most in (
            (timedelta(hours=1), settings.sms_max_per_hour),
            (timedelta(days=1), settings.sms_max_per_day),
        ):
            count, oldest = (
                await db.execute(
                    select(func.count(), func.min(OutboxNotice.sent_at)).where(
                        OutboxNotice.channel == "sms",
                        OutboxNotice.recipient == notice.recipient,
                        OutboxNotice.status.in_(SENT),
                        OutboxNotice.sent_at > now - window,
                    )
                )
            ).one()
            if count >= most and oldest is not None:
                return Verdict(False, wait_until=oldest + window)
    return Verdict(True)


async def _email_failed(db: AsyncSession, notice: Leased, user_id: str | None) -> bool:
    """Whether the e-mail this SMS stands beside was given up (the address refuses mail): then
    the e-mail is as good as missing, and the SMS need not wait. The two rows were queued by one
    ``enqueue_notice`` call: same user, kind and time."""
    if user_id is None:
        return False
    failed = await db.scalar(
        select(OutboxNotice.id).where(
            OutboxNotice.user_id == user_id,
            OutboxNotice.channel == "email",
            OutboxNotice.kind == notice.kind,
            OutboxNotice.created_at == notice.created_at,
            OutboxNotice.status == "failed",
        )
    )
    return failed is not None


async def cancel(sessions: Sessions, notice: Leased, reason: str) -> None:
    """Not sent, never will be: ``cancelled``, with the reason."""
    await _settle(
        sessions,
        notice,
        status="cancelled",
        lease_until=None,
        last_error=reason,
        params=public_params(notice.params),
    )


async def postpone(sessions: Sessions, notice: Leased, until: datetime) -> None:
    """Pending again, due ``until``; the lease's attempt is given back (it was not tried)."""
    await _settle(
        sessions,
        notice,
        lease_until=None,
        next_attempt_at=until,
        attempts=OutboxNotice.attempts - 1,
    )


async def _settle(sessions: Sessions, notice: Leased, **values: Any) -> None:
    async with sessions() as db, db.begin():
        await db.execute(
            update(OutboxNotice)
            .where(OutboxNotice.id == notice.id, OutboxNotice.lease_until == notice.lease_until)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
