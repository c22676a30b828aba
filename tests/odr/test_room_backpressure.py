"""A client that stops reading is dropped (1013) and nobody else waits; idle sockets close."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseParty, User
from odr.room import presence
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
        self.scope: dict[str, Any] = {"type": "websocket"}  # no odr.frames: frames by receive()

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


async def test_a_socket_that_keeps_talking_is_not_idle(address: str) -> None:
    """The idle limit (1 s here) counts from the last frame, not from when the socket opened."""
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    for _ in range(8):  # 2.4 s of pings, each well within the limit of the one before
        await asyncio.sleep(0.3)
        await claimant.send({"type": "ping"})
    assert not claimant.closed
    async with asyncio.timeout(10):  # and once it falls silent, it is closed as before
        assert claimant.reader is not None
        await claimant.reader
    assert claimant.ws is not None and claimant.ws.close_code == 1001
    await claimant.disconnect()


async def test_presence_is_announced_again_until_the_client_leaves(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Presence has a TTL, so a joined client says it is here every PRESENCE_EVERY_S (0.2 s
    here), while the room goes on delivering; once it leaves, it says so and stops."""
    monkeypatch.setattr(presence, "PRESENCE_EVERY_S", 0.2)
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)

    def online() -> list[dict[str, Any]]:
        return [
            f
            for f in claimant.frames
            if f["type"] == "presence" and f["who"]["role"] == "respondent" and f["online"]
        ]

    ack = await claimant.command("message", text="still here?")
    await respondent.wait_seq(ack["seq"])
    joined = len(online())
    for _ in range(4):  # 1.2 s, pinging within this file's idle limit of 1 s
        await asyncio.sleep(0.3)
        await claimant.send({"type": "ping"})
        await respondent.send({"type": "ping"})
    assert len(online()) >= joined + 3  # one every 0.2 s (not all 6: the machine is busy)
    await respondent.disconnect()
    await claimant.wait_frame(
        lambda f: f["type"] == "presence" and f["who"]["role"] == "respondent" and not f["online"]
    )
    after_leaving = len(online())
    for _ in range(2):
        await asyncio.sleep(0.3)
        await claimant.send({"type": "ping"})
    assert len(online()) == after_leaving
    await claimant.disconnect()
