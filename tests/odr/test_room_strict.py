"""Room frames are as strict as the HTTP API: no coercion, no trimming, no control characters,
and a frame PostgreSQL could not store is an ``error`` frame, never a dropped socket."""

from __future__ import annotations

import json

from starlette.applications import Starlette

from tests.builders.room import joined_case, logged
from tests.odr.room_client import RoomClient


async def refused(client: RoomClient, frame: str, field: str) -> dict[str, object]:
    before = len(client.frames)
    await client.send(frame)
    reply = await client.wait_frame(lambda f: f["type"] != "presence", since=before)
    assert reply["type"] == "error" and reply["code"] == "invalid_frame", (frame, reply)
    assert field in str(reply["message"]), (frame, reply)
    return reply


async def test_a_nul_or_coerced_value_gets_an_error_frame_and_the_socket_stays_open(
    address: str, app: Starlette
) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.connect()
    # Before hello: a NUL in the case id used to reach PostgreSQL and drop the socket.
    await refused(claimant, json.dumps({"type": "hello", "case_id": "a\x00b"}), "case_id")
    await refused(claimant, json.dumps({"type": "hello", "case_id": "f" * 5000}), "case_id")
    hello = {"type": "hello", "case_id": case_id, "last_seq": "0"}
    await refused(claimant, json.dumps(hello), "last_seq")
    welcome = await claimant.hello(case_id)
    assert welcome["type"] == "welcome", welcome

    frames = {
        "key": {"type": "message", "key": "  k1  ", "text": "hi"},
        "text": {"type": "message", "key": "k2", "text": "a\x00b"},
        "package": {"type": "offer", "key": "k3", "package": {"amount": "1\x00"}},
        "reason": {"type": "reject", "key": "k4", "version": 1, "reason": "\x1b[31m"},
        "version": {"type": "accept", "key": "k5", "version": "1"},
    }
    for field, frame in frames.items():
        await refused(claimant, json.dumps(frame), field)
    spaces = await refused(claimant, json.dumps(frames["key"]), "key")
    assert spaces["key"] == "  k1  ", "the refusal names the key exactly as it was sent"
    surrogate = '{"type": "message", "key": "k6", "text": "x\\ud800"}'
    await refused(claimant, surrogate, "JSON")
    assert await logged(app, case_id) == []

    # The same socket still works, and free text keeps its line breaks, untrimmed.
    ack = await claimant.command("message", key="k7", text="  two\nlines  ")
    assert ack["type"] == "ack", ack
    await claimant.wait_seq(1)
    assert claimant.events[-1]["data"]["text"] == "  two\nlines  "
    await claimant.disconnect()
