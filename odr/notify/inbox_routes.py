"""``/api/notifications``: the caller's own notices in the app, newest first, and marking them
read (``inbox.py``). Each is rendered in the language the app asks for (the page's), else the
person's, from the same kk/ru/en texts as the e-mails, without their secrets."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from odr.errors import ValidationFailed
from odr.notify import inbox, preferences
from odr.notify.phones import Phone
from odr.notify.templates import render
from odr.web.api import Api, Context
from odr.web.params import QueryParam
from odr.web.schema import RequestModel, ResponseModel

api = Api()
LANGUAGES = ("kk", "ru", "en")


def _language(raw: str) -> str:
    if raw not in LANGUAGES:
        raise ValueError("is one of kk, ru, en")
    return raw


LANGUAGE = QueryParam(
    "language",
    "The language to render the notices in (kk, ru, en); absent: the caller's own.",
    max_length=2,
    parse=_language,
    refusal_code="language_invalid",
)


class NotificationOut(ResponseModel):
    id: int
    kind: str = Field(description="The notice's kind, as in e-mails (`respondent_joined`, …).")
    subject: str
    body: str
    path: str | None = Field(
        description="The app's page it is about, a fragment such as `#/cases/{id}/room`."
    )
    created_at: datetime
    read: bool


class NotificationList(ResponseModel):
    notifications: list[NotificationOut] = Field(description="Newest first, at most 50.")
    unread: int = Field(description="How many of all the caller's notices are unread.")


NotificationId = Annotated[int, Field(ge=1, le=2**31 - 1)]
"""``notifications.id`` is a 32-bit integer on PostgreSQL: a larger id is refused, not a 500."""


class MarkRead(RequestModel):
    ids: list[NotificationId] | None = Field(
        default=None, max_length=200, description="The notices to mark read; absent: all of mine."
    )


class Unread(ResponseModel):
    unread: int


@api.endpoint(
    "GET",
    "/api/notifications",
    summary="My notices in the app, newest first, read or unread",
    tag="notifications",
    response=NotificationList,
    errors=(401, 422),
    params=(LANGUAGE,),
)
async def my_notifications(ctx: Context) -> NotificationList:
    language = ctx.query["language"] or ctx.user.language
    rows = await inbox.latest(ctx.db, ctx.user.id)
    items = []
    for row in rows:
        subject, body = render(row.kind, language, row.params)
        items.append(
            NotificationOut(
                id=row.id,
                kind=row.kind,
                subject=subject,
                body=body,
                path=row.path,
                created_at=row.created_at,
                read=row.read_at is not None,
            )
        )
    return NotificationList(
        notifications=items, unread=await inbox.unread_count(ctx.db, ctx.user.id)
    )


@api.endpoint(
    "POST",
    "/api/notifications/read",
    summary="Mark some of my notices read (all of them without ids)",
    tag="notifications",
    body=MarkRead,
    response=Unread,
    errors=(401, 422),
)
async def mark_read(ctx: Context, body: MarkRead) -> Unread:
    await inbox.mark_read(ctx.db, ctx.user.id, body.ids, ctx.services.clock())
    await ctx.db.commit()
    return Unread(unread=await inbox.unread_count(ctx.db, ctx.user.id))


# -- how I want to be told ------------------------------------------------------------------


class QuietHours(RequestModel):
    start: int = Field(ge=0, le=23, description="Hour (Kazakhstan time) quiet starts, e.g. 22.")
    end: int = Field(ge=0, le=23, description="Hour it ends, e.g. 8 (the next morning).")


class NoticeSettingsIn(RequestModel):
    channel: Literal["email", "sms", "both"]
    phone: Phone | None = Field(
        default=None, description="My number for SMS; needed once for `sms` or `both`."
    )
    quiet_hours: QuietHours | None = Field(
        default=None, description="Hours when nothing is sent to me; null: any hour."
    )


class QuietHoursOut(ResponseModel):
    start: int
    end: int


class NoticeSettingsOut(ResponseModel):
    channel: str = Field(description="`email` (the default), `sms` or `both`.")
    phone: str | None = Field(description="My number for SMS, in E.164; null: none given.")
    quiet_hours: QuietHoursOut | None
    sms_after_unread_hours: int = Field(
        description="With `both`: the SMS goes only if the notice is still unread this many hours "
        "after its e-mail (`ODR_SMS_AFTER_UNREAD_H`); the page says so beside the choice."
    )


def _settings_out(ctx: Context, preference: preferences.Preference) -> NoticeSettingsOut:
    quiet = None
    if preference.quiet_from is not None and preference.quiet_to is not None:
        quiet = QuietHoursOut(start=preference.quiet_from, end=preference.quiet_to)
    return NoticeSettingsOut(
        channel=preference.channel,
        phone=preference.phone,
        quiet_hours=quiet,
        sms_after_unread_hours=ctx.services.settings.sms_after_unread_h,
    )


@api.endpoint(
    "GET",
    "/api/notifications/settings",
    summary="How I want to be told: e-mail, SMS or both, and quiet hours",
    tag="notifications",
    response=NoticeSettingsOut,
    errors=(401,),
)
async def my_notice_settings(ctx: Context) -> NoticeSettingsOut:
    return _settings_out(ctx, await preferences.preference_of(ctx.db, ctx.user.id))


@api.endpoint(
    "PUT",
    "/api/notifications/settings",
    summary="Choose e-mail, SMS or both, and quiet hours",
    tag="notifications",
    body=NoticeSettingsIn,
    response=NoticeSettingsOut,
    errors=(401, 422),
)
async def set_notice_settings(ctx: Context, body: NoticeSettingsIn) -> NoticeSettingsOut:
    known = await preferences.preference_of(ctx.db, ctx.user.id)
    if body.channel != "email" and not (body.phone or known.phone):
        message = "give a phone number to be told by SMS"
        raise ValidationFailed(
            message,
            code="phone_required",
            fields=[{"field": "phone", "message": message, "code": "phone_required"}],
        )
    quiet = (body.quiet_hours.start, body.quiet_hours.end) if body.quiet_hours else None
    await preferences.save_preference(ctx.db, ctx.user.id, body.channel, body.phone, quiet)
    await ctx.db.commit()
    return _settings_out(ctx, await preferences.preference_of(ctx.db, ctx.user.id))
