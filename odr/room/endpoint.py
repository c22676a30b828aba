"""The room's WebSocket endpoint (``/ws``): origin and session checks, then a RoomConnection.

The socket holds a ``Ticket`` on its session for as long as it is open: when the session ends
(logout, password change or reset, deactivation, expiry) it is closed with 4401 on whichever
instance serves it (``odr/auth/session_end.py``). When the instance stops, it is closed with 1012
once its command in hand is done, and the client reconnects elsewhere (``odr/shutdown.py``).
"""

from __future__ import annotations

from functools import partial

from starlette.routing import WebSocketRoute
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket

from odr.auth import cookies
from odr.auth.sessions import live_session_by_id, origin_allowed
from odr.auth.tokens import token_hash
from odr.room.connection import RoomConnection
from odr.room.member import Member
from odr.services import Services

POLICY_VIOLATION = 1008
ROOM_PATH = "/ws"


async def room_socket(websocket: WebSocket, services: Services) -> None:
    room, watch = services.room, services.session_watch
    origin = websocket.headers.get("origin", "")
    host = websocket.headers.get("host", "")
    # Both checks come before accepting: a foreign page, or nobody logged in, gets no socket at all
    # (closing before accept refuses the handshake: HTTP 403, ASGI close code 1008).
    if not origin or not origin_allowed(services.settings, origin, host):
        await websocket.close(POLICY_VIOLATION, "origin not allowed")
        return
    token = cookies.read_cookie(services.settings, websocket.cookies, cookies.SESSION)
    if not token:
        await websocket.close(POLICY_VIOLATION, "log in first")
        return
    # Registered before the session is read: an end announced from now on reaches this ticket.
    ticket = watch.register(token_hash(token))
    try:
        async with services.sessions() as db:
            session = await live_session_by_id(db, ticket.session_id, services.clock())
        if session is None or not ticket.alive(services.clock()):
            await websocket.close(POLICY_VIOLATION, "log in first")
            return
        ticket.expires_at = session.expires_at
        member = Member.of(session.user)
        del session  # the socket keeps three fields of the account, not its ORM rows
        await websocket.accept()
        with services.shutdown.socket():  # handed over (closed 1012) when the instance stops
            await RoomConnection(websocket, room, member, ticket, services.shutdown).run()
    finally:
        ticket.release()


def room_routes(services: Services) -> list[WebSocketRoute]:
    return [WebSocketRoute(ROOM_PATH, partial(room_socket, services=services), name="room")]


def sockets_first(stack: ASGIApp, room_socket_app: ASGIApp) -> ASGIApp:
    """The app's entry: a room socket (``/ws``) goes straight to ``room_socket_app``; everything
    else through ``stack`` (Starlette's middleware, exception handlers and router).

    Why: a socket keeps every frame of the path that leads to it suspended for as long as it is
    open. Through the whole stack that was seven (the error middleware, the request context and
    its ``send`` wrapper, the body limit, the exception middleware, the router, the route's
    exception wrapper): about 7 KiB per idle socket (bench/realtime.py --memory), for nothing a
    socket needs but the request context, which ``room_socket_app`` keeps.
    """

    async def entry(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and scope["path"] == ROOM_PATH:
            await room_socket_app(scope, receive, send)
        else:
            await stack(scope, receive, send)

    return entry


def room_socket_app(route: WebSocketRoute) -> ASGIApp:
    """``route``'s endpoint as a plain ASGI app, with the scope's ``endpoint`` set as the router
    would (the metrics label sockets by it)."""
    endpoint = route.endpoint

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        scope["endpoint"] = endpoint
        await endpoint(WebSocket(scope, receive, send))

    return app
