"""How a person wants to be told: by e-mail, SMS or both, and hours when nothing is sent.

``enqueue_notice`` asks ``channels_for`` which channels a user notice goes by (a choice of SMS
without a phone number falls back to e-mail: a notice is never lost to a setting) and
``after_quiet`` when it may leave: a notice queued in someone's quiet hours waits in the outbox
(``next_attempt_at``) until they end. Quiet hours are in Kazakhstan's time (one zone, UTC+5,
since 2024), the parties' own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import NoticePreference, UserPhone

KAZAKHSTAN = timezone(timedelta(hours=5))
CHOICES = ("email", "sms", "both")


@dataclass(frozen=True)
class Preference:
    channel: str = "email"
    quiet_from: int | None = None
    quiet_to: int | None = None
    phone: str | None = None


async def preference_of(db: AsyncSession, user_id: str) -> Preference:
    row = await db.get(NoticePreference, user_id)
    phone = await db.scalar(select(UserPhone.phone).where(UserPhone.user_id == user_id))
    if row is None:
        return Preference(phone=phone)
    return Preference(row.channel, row.quiet_from, row.quiet_to, phone)


def channels_for(preference: Preference) -> list[str]:
    """The channels a notice goes by; e-mail when SMS was chosen but no number is known."""
    if preference.channel == "both" and preference.phone:
        return ["email", "sms"]
    if preference.channel == "sms" and preference.phone:
        return ["sms"]
    return ["email"]


def after_quiet(preference: Preference, now: datetime) -> datetime | None:
    """When a notice queued at ``now`` may leave: None (at once) outside quiet hours, else the
    hour they end (pure)."""
    start, end = preference.quiet_from, preference.quiet_to
    if start is None or end is None or start == end:
        return None
    local = now.astimezone(KAZAKHSTAN)
    hour = local.hour
    quiet = start <= hour < end if start < end else (hour >= start or hour < end)
    if not quiet:
        return None
    ends = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if ends <= local:
        ends += timedelta(days=1)
    return ends.astimezone(UTC)


async def save_preference(
    db: AsyncSession,
    user_id: str,
    channel: str,
    phone: str | None,
    quiet: tuple[int, int] | None,
) -> None:
    """Store the choice (caller commits); ``phone`` replaces the known number when given."""
    row = await db.get(NoticePreference, user_id)
    if row is None:
        row = NoticePreference(user_id=user_id, channel=channel)
        db.add(row)
    row.channel = channel
    row.quiet_from, row.quiet_to = quiet if quiet is not None else (None, None)
    if phone is not None:
        known = await db.get(UserPhone, user_id)
        if known is None:
            db.add(UserPhone(user_id=user_id, phone=phone))
        else:
            known.phone = phone
