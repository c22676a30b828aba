"""odr serve's WebSocket protocol (odr/ws_protocol.py): uvicorn's, holding less per idle socket.

Every room test runs through it (``tests/odr/room_client.py``'s live server uses it, as
``odr serve`` does); here are the contracts of its queue and event, its memory, and that the
handshake's request and response are let go once the socket is accepted.
"""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
import types

from starlette.applications import Starlette

from odr.ws_protocol import FrameQueue, LeanWebSocketProtocol, Writable
from tests.builders.room import joined_case


async def test_frames_come_out_in_order_and_a_get_waits_for_one() -> None:
    queue = FrameQueue()
    queue.put_nowait({"n": 1})
    queue.put_nowait({"n": 2})
    assert not queue.empty()
    assert [await queue.get(), await queue.get()] == [{"n": 1}, {"n": 2}]
    assert queue.empty()
    waiting = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    assert not waiting.done()
    queue.put_nowait({"n": 3})
    assert await asyncio.wait_for(waiting, 1) == {"n": 3}


async def test_a_cancelled_get_leaves_the_queue_usable() -> None:
    queue = FrameQueue()
    first = asyncio.create_task(queue.get())
    second = asyncio.create_task(queue.get())
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.gather(first, return_exceptions=True)
    queue.put_nowait("frame")
    assert await asyncio.wait_for(second, 1) == "frame"
    queue.put_nowait("next")
    assert await queue.get() == "next"


async def test_writable_waits_only_while_cleared() -> None:
    writable = Writable()
    assert writable.is_set() and await writable.wait()
    writable.clear()
    waiters = [asyncio.create_task(writable.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    assert not any(w.done() for w in waiters)
    writable.set()
    assert await asyncio.wait_for(asyncio.gather(*waiters), 1) == [True, True]


async def test_an_idle_queue_and_event_hold_little_memory() -> None:
    """uvicorn's asyncio.Queue and Event cost 3.7 KiB per socket before any frame; these don't."""
    count = 200
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        kept = [(FrameQueue(), Writable()) for _ in range(count)]
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    held = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    assert len(kept) == count
    assert held / count < 300, f"{held / count:.0f} bytes per idle queue and event"


async def test_an_open_socket_keeps_neither_handshake_request_nor_response(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    gc.collect()  # earlier tests' closed sockets, cyclic garbage: not among those looked at
    sockets = [o for o in gc.get_objects() if isinstance(o, LeanWebSocketProtocol)]
    open_ = [s for s in sockets if s.handshake_complete and not s.disconnected]
    assert len(open_) == 2
    for protocol in open_:
        assert protocol.request is None and protocol.response is None
        assert isinstance(protocol.queue, FrameQueue) and isinstance(protocol.writable, Writable)
    ack = await claimant.command("message", text="through the lean protocol")
    await respondent.wait_seq(ack["seq"])
    await claimant.disconnect()
    await respondent.disconnect()


async def test_a_waiting_room_socket_holds_futures_not_coroutine_chains(
    app: Starlette, address: str
) -> None:
    """Between frames a room socket's reader waits on ``take_frame``'s future and its pump on
    the listener's: no ``receive``/``get`` coroutines that would live until the next message
    in the young generation (#16: those were most of what each young collection traversed)."""
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    ack = await claimant.command("message", text="after this, both wait")
    await respondent.wait_seq(ack["seq"])
    await claimant.wait_seq(ack["seq"])
    await asyncio.sleep(0.05)
    coroutines = [
        o for o in gc.get_objects() if type(o) is types.CoroutineType and o.cr_frame is not None
    ]
    waiting = {c.cr_code.co_qualname for c in coroutines}
    assert {"RoomConnection._read_loop", "RoomConnection._pump_until_closed"} <= waiting
    assert not any(name.startswith("Hub.") for name in waiting)  # the hub copies on, no task
    per_wait = {"WebSocket.receive", "FrameQueue.get", "Stream.get", "Mailbox.get"}
    # Who awaits such a coroutine now, among the room's waits (the instance's one session-end
    # watcher may: one per instance, not per socket or room).
    held_by = {
        c.cr_code.co_qualname
        for c in coroutines
        if getattr(getattr(c.cr_await, "cr_code", None), "co_qualname", None) in per_wait
    }
    room_waits = {"RoomConnection._read_loop", "RoomConnection._pump_until_closed"}
    assert not held_by & room_waits, sorted(held_by)
    await claimant.disconnect()
    await respondent.disconnect()
