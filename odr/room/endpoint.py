"""The room's WebSocket endpoint (``/ws``): origin and session checks, then a RoomConnection."""

from __future__ import annotations

from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket

from odr.auth.sessions import SESSION_COOKIE, live_session, origin_allowed
from odr.room.connection import RoomConnection
from odr.room.room import Room
from odr.services import Services

POLICY_VIOLATION = 1008


async def room_socket(websocket: WebSocket) -> None:
    services: Services = websocket.app.state.services
    room: Room = websocket.app.state.room
    origin = websocket.headers.get("origin", "")
    host = websocket.headers.get("host", "")
    # Both checks come before accepting: a foreign page, or nobody logged in, gets no socket at all
    # (closing before accept refuses the handshake: HTTP 403, ASGI close code 1008).
    if not origin or not origin_allowed(services.settings, origin, host):
        await websocket.close(POLICY_VIOLATION, "origin not allowed")
        return
    token = websocket.cookies.get(SESSION_COOKIE, "")
    async with services.sessions() as db:
        session = await live_session(db, token, services.clock()) if token else None
    if session is None:
        await websocket.close(POLICY_VIOLATION, "log in first")
        return
    await websocket.accept()
    await RoomConnection(websocket, room, session.user).run()


def room_routes() -> list[WebSocketRoute]:
    return [WebSocketRoute("/ws", room_socket, name="room")]
