"""A client that stops reading is dropped (1013) and nobody else waits; idle sockets close."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseParty, User
from odr.room.connection import RoomConnection
from tests.builders.app import services_of
from tests.builders.room import joined_case

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


class StuckSocket:
    """A WebSocket whose peer never reads: every send blocks forever."""

    def __init__(self) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.closed: tuple[int, str] | None = None
        self.sent = 0

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()

    async def send_text(self, data: str) -> None:
        self.sent += 1
        await asyncio.Event().wait()

    async def close(self, code: int, reason: str = "") -> None:
        self.closed = (code, reason)


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {**env, "ODR_WS_SEND_QUEUE": "8", "ODR_WS_IDLE_TIMEOUT_S": "1"}


async def test_slow_client_is_dropped_and_others_keep_receiving(
    app: Starlette, address: str
) -> None:
    claimant, _, case_id = await joined_case(address)
    room = services_of(app).room
    async with services_of(app).sessions() as db:
        user = await db.scalar(
            select(User)
            .join(CaseParty, CaseParty.user_id == User.id)
            .where(CaseParty.case_id == case_id, CaseParty.role == "respondent")
        )
    assert user is not None
    stuck = StuckSocket()
    connection = RoomConnection(stuck, room, user)  # type: ignore[arg-type]
    running = asyncio.create_task(connection.run())
    hello = {"type": "hello", "case_id": case_id, "last_seq": 0}
    await stuck.incoming.put({"type": "websocket.receive", "text": json.dumps(hello)})

    await claimant.join(case_id)
    for n in range(20):  # more than the stuck client's queue of 8 can hold
        ack = await claimant.command("message", text=f"m{n}")
        assert ack["type"] == "ack"
    async with asyncio.timeout(10):
        await running  # the stuck connection ended by itself
    assert stuck.closed is not None and stuck.closed[0] == 1013
    await claimant.wait_seq(20)  # the healthy client got everything, in order
    assert claimant.violations == []
    await claimant.disconnect()


async def test_idle_socket_is_closed(address: str) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    assert claimant.reader is not None
    async with asyncio.timeout(10):
        await claimant.reader  # ends when the server closes the idle socket
    assert claimant.ws is not None and claimant.ws.close_code == 1001
    await claimant.disconnect()
