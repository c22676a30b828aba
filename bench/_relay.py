"""The baseline of ``bench/realtime.py``: a bare ``websockets`` relay speaking the room's frames,
the machine's ceiling (run as ``python bench/_relay.py PORT``, by ``_rooms.baseline_server``)."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time

from _rooms import run_fast


async def _baseline(port: int) -> None:
    """The same frames as the room, with nothing behind them: hello joins a room, an offer gets a
    per-room seq and an ack, and its event goes to everyone in the room (JSON in, JSON out)."""
    from websockets.asyncio.server import ServerConnection, broadcast, serve
    from websockets.datastructures import Headers
    from websockets.http11 import Request, Response

    rooms: dict[str, set[ServerConnection]] = {}
    seqs: dict[str, int] = {}

    async def handler(ws: ServerConnection) -> None:
        room: str | None = None
        role = "?"
        try:
            async for raw in ws:
                frame = json.loads(raw)
                kind = frame.get("type")
                if kind == "hello":
                    room, role = frame["case_id"], frame.get("role", "?")
                    rooms.setdefault(room, set()).add(ws)
                    head = seqs.get(room, 0)
                    await ws.send(
                        json.dumps(
                            {"type": "welcome", "case_id": room, "role": role, "head_seq": head}
                        )
                    )
                elif kind == "offer" and room is not None:
                    seq = seqs[room] = seqs.get(room, 0) + 1
                    event = {
                        "type": "event",
                        "seq": seq,
                        "event": "offer",
                        "actor": {"role": role, "name": role},
                        "at": time.time(),
                        "data": {"version": seq, "package": frame["package"]},
                    }
                    broadcast(rooms[room], json.dumps(event))
                    await ws.send(json.dumps({"type": "ack", "key": frame["key"], "seq": seq}))
        finally:
            if room is not None:
                rooms[room].discard(ws)

    def ready(connection: ServerConnection, request: Request) -> Response | None:
        if request.path == "/ready":
            return Response(200, "OK", Headers([("Content-Length", "2")]), b"OK")
        return None

    async with serve(
        handler, "127.0.0.1", port, process_request=ready, compression=None, max_size=1 << 20
    ) as server:
        loop = asyncio.get_running_loop()
        stop = loop.create_future()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set_result, None)
        await stop
        server.close()


if __name__ == "__main__":
    run_fast(_baseline(int(sys.argv[1])))
