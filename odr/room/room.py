"""The room service: record events durably, then publish them to every instance.

``record`` is the one way an event enters a case's log: under the case lock it appends, commits,
and only then publishes. A rollback publishes nothing; a publish that fails (Redis down) loses
nothing, because clients detect the gap by ``seq`` and refill from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from odr.persistence.models import CaseEvent, CaseParty
from odr.room import channel, log
from odr.room.log import CaseLocks, NewEvent
from odr.services import Services
from realtime.broker import Broker, BrokerUnavailable
from realtime.hub import Hub

logger = logging.getLogger("odr.room")

Decide = Callable[[AsyncSession], Awaitable[Sequence[NewEvent]]]


@dataclass(frozen=True)
class Recorded:
    """The events a command produced; ``replayed`` when an earlier identical command had."""

    first_seq: int
    events: tuple[CaseEvent, ...]
    replayed: bool = False


class Room:
    def __init__(self, services: Services, broker: Broker, hub: Hub) -> None:
        self.services = services
        self.broker = broker
        self.hub = hub
        self.locks = CaseLocks()

    async def record(
        self,
        case_id: str,
        decide: Decide,
        *,
        actor_user_id: str | None = None,
        key: str | None = None,
    ) -> Recorded:
        """Run ``decide`` under the case lock and log what it returns, exactly once per key.

        ``decide`` reads what it needs through the session it is given and raises a typed
        error to refuse; nothing is written then.
        """
        async with self.locks.for_case(case_id):
            try:
                recorded = await self._record_locked(case_id, decide, actor_user_id, key)
            except IntegrityError:
                # Another instance committed the same key (or seq) first: answer as a retry.
                if key is None or actor_user_id is None:
                    raise
                replayed = await self._replay(case_id, actor_user_id, key)
                if replayed is None:
                    raise
                recorded = replayed
        if not recorded.replayed:
            await self.publish(case_id, recorded.events)
        return recorded

    async def _record_locked(
        self, case_id: str, decide: Decide, actor_user_id: str | None, key: str | None
    ) -> Recorded:
        if key is not None and actor_user_id is not None:
            earlier = await self._replay(case_id, actor_user_id, key)
            if earlier is not None:
                return earlier
        async with self.services.sessions() as db:
            await log.lock_case(db, case_id)
            new_events = await decide(db)
            if not new_events:
                return Recorded(0, ())
            rows = await log.append(
                db, case_id, new_events, self.services.clock(), idempotency_key=key
            )
            await db.commit()
        return Recorded(rows[0].seq, tuple(rows))

    async def _replay(self, case_id: str, user_id: str, key: str) -> Recorded | None:
        async with self.services.sessions() as db:
            rows = await log.find_by_key(db, case_id, user_id, key)
        return Recorded(rows[0].seq, tuple(rows), replayed=True) if rows else None

    async def publish(self, case_id: str, events: Sequence[CaseEvent]) -> None:
        names = await self.actor_names(case_id)
        for event in events:
            frame = log.encode(log.event_frame(event, names.get(event.actor_user_id or "")))
            await self.publish_raw(case_id, channel.event_message(event.seq, frame))

    async def publish_raw(self, case_id: str, message: bytes) -> None:
        try:
            await self.broker.publish(channel.channel_name(case_id), message)
        except BrokerUnavailable:
            logger.warning(
                "broker unavailable; clients will refill from the log", extra={"case_id": case_id}
            )

    async def actor_names(self, case_id: str) -> dict[str, str]:
        async with self.services.sessions() as db:
            rows = await db.execute(
                select(CaseParty.user_id, CaseParty.display_name).where(
                    CaseParty.case_id == case_id
                )
            )
            return {user_id: name for user_id, name in rows}
