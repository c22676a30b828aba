"""``/api/notifications``: the caller's own notices in the app, newest first, and marking them
read (``inbox.py``). Each is rendered in the language the app asks for (the page's), else the
person's, from the same kk/ru/en texts as the e-mails, without their secrets."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from odr.notify import inbox
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


class MarkRead(RequestModel):
    ids: list[int] | None = Field(
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
