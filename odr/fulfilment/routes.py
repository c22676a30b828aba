"""The signed settlement's schedule over HTTP: the tracker, and a party's step on one due.

``GET …/settlement/schedule`` is for the case's parties and its mediator (anyone else gets the
``case_not_found`` of every case route); ``POST …/schedule/{key}/steps`` for the parties: the
step is judged and stored under the case's lock (``steps.py``) and logged as a
``performance_<kind>`` event; ``POST …/schedule/penalties/{obligation}/steps`` likewise settles
an obligation's default penalty (``penalty_steps.py``, ``penalty_<kind>`` events).
Each answers with the whole tracker as it stands.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from odr.cases.documents import Reader, case_not_found, reader_of
from odr.errors import Forbidden
from odr.fulfilment import penalty_steps, steps
from odr.fulfilment.ledger import today_of
from odr.fulfilment.schedule import KEY_PATTERN
from odr.fulfilment.schemas import PenaltyStepIn, ScheduleOut, StepIn
from odr.fulfilment.view import schedule_out
from odr.room.log import NewEvent
from odr.web import boundary
from odr.web.api import Api, Context
from odr.web.params import PathParam

log = logging.getLogger("odr.fulfilment")
api = Api()

SCHEDULE_PATH = "/api/cases/{case_id}/settlement/schedule"
DUE_KEY = PathParam(
    "key",
    boundary.IdFormat("a due's key", KEY_PATTERN, 7, "1.2"),
    "due_not_found",
    "the signed settlement has no due with this key",
    'The due: "2" (obligation 2), "1.3" (obligation 1, instalment 3), as the schedule lists it.',
)

OBLIGATION = PathParam(
    "obligation",
    boundary.IdFormat("an obligation's number", r"[1-9][0-9]{0,2}", 3, "1"),
    "obligation_not_found",
    "the signed settlement has no payment obligation with this number",
    "The payment obligation's number, as the schedule lists it.",
)


async def _reader(ctx: Context) -> Reader:
    reader = await reader_of(ctx.db, ctx.user, ctx.path_params["case_id"])
    if reader is None:
        raise case_not_found()
    return reader


async def _answer(ctx: Context, reader: Reader) -> ScheduleOut:
    settlement, record = await steps.signed_or_refused(ctx.db, ctx.path_params["case_id"])
    today = today_of(ctx.services.clock())
    return await schedule_out(ctx.db, settlement, record, reader, today)


@api.endpoint(
    "GET",
    SCHEDULE_PATH,
    summary="The signed settlement's schedule: every due's state, days late and steps, and the"
    " sums due now",
    tag="settlement",
    response=ScheduleOut,
    errors=(401, 404, 409),
)
async def get_schedule(ctx: Context) -> ScheduleOut:
    return await _answer(ctx, await _reader(ctx))


@api.endpoint(
    "POST",
    SCHEDULE_PATH + "/{key}/steps",
    summary="Say what I did (paid, done) or what I received (received, confirmed, disputed) on"
    " one due; logged, never edited",
    tag="settlement",
    body=StepIn,
    response=ScheduleOut,
    status=201,
    errors=(401, 403, 404, 409, 422),
    params=(DUE_KEY,),
)
async def post_step(ctx: Context, body: StepIn) -> ScheduleOut:
    key = ctx.path_params["key"]

    async def decide(locked: AsyncSession, reader: Reader, now: datetime) -> list[NewEvent]:
        return await steps.record_step(
            locked,
            ctx.path_params["case_id"],
            reader,
            key,
            body.kind,
            body.reference,
            body.reason,
            body.receipt_document_id,
            now,
        )

    return await _party_step(ctx, "performance step", decide, body.key)


@api.endpoint(
    "POST",
    SCHEDULE_PATH + "/penalties/{obligation}/steps",
    summary="Settle the default penalty of one obligation: paid (the debtor), received, waived"
    " or disputed (the creditor); logged, never edited",
    tag="settlement",
    body=PenaltyStepIn,
    response=ScheduleOut,
    status=201,
    errors=(401, 403, 404, 409, 422),
    params=(OBLIGATION,),
)
async def post_penalty_step(ctx: Context, body: PenaltyStepIn) -> ScheduleOut:
    obligation = int(ctx.path_params["obligation"])

    async def decide(locked: AsyncSession, reader: Reader, now: datetime) -> list[NewEvent]:
        return await penalty_steps.record_penalty_step(
            locked,
            ctx.path_params["case_id"],
            reader,
            obligation,
            body.kind,
            body.amount_tiyn,
            body.reference,
            body.reason,
            now,
        )

    return await _party_step(ctx, "penalty step", decide, body.key)


async def _party_step(
    ctx: Context,
    what: str,
    decide: Callable[[AsyncSession, Reader, datetime], Awaitable[list[NewEvent]]],
    key: str | None,
) -> ScheduleOut:
    """A party's step, decided by ``decide`` in the room's own transaction under the case's
    lock and logged with what it returns; the tracker as it then stands. A step with a ``key``
    already logged by this party is not decided again (``Room.record``'s idempotency)."""
    reader = await _reader(ctx)
    if reader.is_mediator:
        raise Forbidden("only the parties say what they did or received", code="parties_only")
    case_id = ctx.path_params["case_id"]
    await ctx.db.commit()  # nothing of this request's own transaction is kept open meanwhile
    now = ctx.services.clock()

    async def locked_decide(locked: AsyncSession) -> list[NewEvent]:
        return await decide(locked, reader, now)

    await ctx.services.room.record(case_id, locked_decide, actor_user_id=reader.user_id, key=key)
    log.info(what, extra={"case_id": case_id, "user_id": reader.user_id})
    return await _answer(ctx, reader)
