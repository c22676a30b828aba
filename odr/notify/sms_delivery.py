"""The SMS provider's delivery reports: ``POST /api/notify/sms/status``.

The provider calls back the ``callback_url`` each message carried (``sms.py``) with our ``id``
and its status. The report must carry ``ODR_SMS_CALLBACK_SECRET`` (header ``X-Sms-Secret``, or
``?secret=`` in that URL for providers that cannot add a header), compared in constant time;
without the setting no report is accepted. The id is the row's id and fingerprint, so a report
for a row the database no longer has (purged, restored) changes nothing.

A sent SMS becomes ``delivered`` or ``undelivered`` (the other statuses a provider reports on
the way, *queued*, *sent to the operator*, change nothing). An undelivered SMS of a notice that
went by SMS alone is queued once by e-mail instead, so the person still hears of it: nothing is
lost to a switched-off phone. Reports are idempotent: the same one twice answers the same.
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated

from pydantic import Field
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from odr.errors import Unauthorized
from odr.notify.notice_params import public_params
from odr.notify.resend_guard import fingerprint_of
from odr.notify.sms import CALLBACK_PATH, message_id
from odr.notify.sms_policy import IF_UNREAD
from odr.persistence.models import OutboxNotice, User
from odr.persistence.upsert import insert_unless_present
from odr.web.api import Api, Context
from odr.web.params import QueryParam
from odr.web.schema import Line, RequestModel

api = Api()

DELIVERED = frozenset({"delivered", "delivrd", "success", "ok"})
UNDELIVERED = frozenset(
    {"undelivered", "undeliv", "failed", "rejected", "rejectd", "expired", "error"}
)


class DeliveryReport(RequestModel):
    id: Annotated[str, Line(64)] = Field(description="The `id` the message was sent with.")
    status: Annotated[str, Line(32)] = Field(
        description="The provider's status: `delivered` (also `DELIVRD`, `success`), "
        "`undelivered` (also `failed`, `rejected`, `expired`), or any other (ignored)."
    )
    error: Annotated[str, Line(200)] | None = Field(
        default=None, description="The provider's reason, when not delivered."
    )


SECRET = QueryParam(
    "secret", "The callback secret, for providers that cannot send the header.", max_length=200
)


def _check_secret(ctx: Context) -> None:
    expected = ctx.services.settings.sms_callback_secret
    given = ctx.request.headers.get("x-sms-secret") or ctx.query["secret"] or ""
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("not a report from our SMS provider", code="sms_callback_refused")


@api.endpoint(
    "POST",
    CALLBACK_PATH,
    summary="The SMS provider reports a message delivered or not (needs the callback secret)",
    tag="notifications",
    body=DeliveryReport,
    auth=False,
    status=204,
    errors=(401, 422),
    params=(SECRET,),
)
async def sms_status(ctx: Context, body: DeliveryReport) -> None:
    _check_secret(ctx)
    status = body.status.strip().lower()
    outcome = "delivered" if status in DELIVERED else None
    if status in UNDELIVERED:
        outcome = "undelivered"
    row = await _row_of(ctx.db, body.id)
    if outcome is None or row is None:
        return
    changed = await ctx.db.execute(
        update(OutboxNotice)
        .where(OutboxNotice.id == row.id, OutboxNotice.status == "sent")
        .values(status=outcome, last_error=None if outcome == "delivered" else body.error)
        .execution_options(synchronize_session=False)
    )
    if outcome == "undelivered" and changed.rowcount == 1:  # type: ignore[attr-defined]
        await _by_email_instead(ctx.db, row, ctx.services.clock())
    await ctx.db.commit()


async def _row_of(db: AsyncSession, given: str) -> OutboxNotice | None:
    head = given.partition(".")[0]
    if not head.isdigit() or len(head) > 10 or int(head) > 2**31 - 1:
        return None
    row = await db.get(OutboxNotice, int(head))
    if row is None or row.channel != "sms":
        return None
    if not hmac.compare_digest(message_id(row.id, fingerprint_of(row)), given):
        return None
    return row


async def _by_email_instead(db: AsyncSession, row: OutboxNotice, now: datetime) -> None:
    """Queue the notice by e-mail to the user whose SMS did not arrive, unless an e-mail of it
    went already (an SMS that waited for an unread e-mail) or it has no user (an invitation
    went to its e-mail address as well)."""
    if row.user_id is None or row.params.get(IF_UNREAD):
        return
    user = await db.get(User, row.user_id)
    if user is None:
        return
    await insert_unless_present(
        db,
        OutboxNotice,
        {
            "user_id": user.id,
            "channel": "email",
            "kind": row.kind,
            "language": row.language,
            "recipient": user.email,
            "params": public_params(row.params),
            "dedupe_key": f"email:sms-undelivered:{row.id}",
            "status": "pending",
            "attempts": 0,
            "created_at": now,
        },
        unique=("dedupe_key",),
    )
