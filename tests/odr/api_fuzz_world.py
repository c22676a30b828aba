"""The world the API fuzzer runs in: the real service under uvicorn on a loopback port, and real
objects in it (parties, cases in each state, a signed settlement, a court, a centre and its staff).

The server runs in a thread with an event loop of its own, because schemathesis sends its requests
synchronously (``requests``) from the test's thread: the app, its engine and its pools must all
live on one loop that keeps running while the test thread blocks. The world is built with the
ordinary test helpers, on the server's loop, through the app itself (ASGI), so it is made exactly
the way the other tests make it; the sessions it opens are then used over real HTTP.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from starlette.applications import Starlette

from odr.app import create_app
from odr.court.clients import add_court, issue_client
from odr.room.commands import execute
from odr.room.frames import Accept, MakeOffer
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.interests import CLAIMANT as CLAIMANT_INTERESTS
from tests.builders.interests import RESPONDENT as RESPONDENT_INTERESTS
from tests.builders.settlement import PACKAGE, signed_case, user_of
from tests.conftest import ORIGIN, Client
from tests.odr.centre_setup import (
    PASSWORD,
    add_mediator,
    join,
    login,
    new_centre,
    open_case,
    staff_client,
)
from tests.odr.room_client import live_server

T = TypeVar("T")
COURT = "ASTANA-1"
SESSION_COOKIE = "kelisim_session"


class LiveServer:
    """``create_app(settings)`` served by uvicorn in a thread of its own until ``stop()``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app: Starlette | None = None
        self.url = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, name="api-fuzz-server", daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        self._ready.wait(timeout=60)
        if self._error is not None:
            raise RuntimeError("the server did not start") from self._error
        assert self.url, "the server did not start within 60 s"
        return self

    def stop(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=60)
        if self._error is not None:
            raise RuntimeError("the server failed while stopping") from self._error

    def run(self, work: Callable[[Starlette], Awaitable[T]], timeout: float = 120) -> T:
        """Run ``work(app)`` on the server's event loop and wait for its result."""
        assert self._loop is not None and self.app is not None
        future = asyncio.run_coroutine_threadsafe(_call(work, self.app), self._loop)
        return future.result(timeout=timeout)

    def _main(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported by start() or stop() in the test's thread
            self._error = exc
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        self.app = create_app(self.settings)
        async with self.app.router.lifespan_context(self.app), live_server(self.app) as address:
            self.url = f"http://{address}"
            self._ready.set()
            await self._stop.wait()


async def _call(work: Callable[[Starlette], Awaitable[T]], app: Starlette) -> T:
    return await work(app)


@contextmanager
def serving(settings: Settings) -> Iterator[LiveServer]:
    server = LiveServer(settings).start()
    try:
        yield server
    finally:
        server.stop()


@dataclass(frozen=True)
class Identity:
    """Who a request is sent as: a session (cookie and CSRF token), a court's token, or nobody."""

    name: str
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


ANONYMOUS = Identity("anonymous")


@dataclass
class World:
    """Real ids per path parameter, and the accounts that may act on them."""

    ids: dict[str, list[str]]
    emails: dict[str, str]
    court_headers: dict[str, str]
    notes: dict[str, Any] = field(default_factory=dict)


def identity_of(client: Client, name: str) -> Identity:
    token = client.cookies.get(SESSION_COOKIE)
    assert token, f"{name} has no session"
    return Identity(name, {SESSION_COOKIE: token}, {"x-csrf-token": client.csrf})


async def build_world(app: Starlette) -> World:
    """Parties in a real case in each state the API distinguishes, a court, a centre and staff.

    Opened after the centre and its mediator exist, so every case is assigned to that mediator
    and the centre's endpoints act on real cases too.
    """
    clients: list[Client] = []

    def make_client() -> Client:
        client = Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN)
        clients.append(client)
        return client

    try:
        admin = await staff_client(app, make_client, "admin@fuzz.kelisim.kz", "admin")
        centre = await new_centre(admin, "Fuzz centre", languages=["ru", "kk"])
        mediator = await add_mediator(app, admin, centre["id"], "dana@fuzz.kelisim.kz")
        services = services_of(app)
        async with services.sessions() as db:
            await add_court(db, COURT, "Суд №1 г. Астаны", services.clock())
            court_token = (await issue_client(db, COURT, "fuzz", services.clock())).token
            await db.commit()

        # Signed and addressed to the court: the court API and the PDF have something to serve.
        claimant, signed_id, signed = await signed_case(app, make_client, court_code=COURT)
        respondent = await login(make_client(), "ruslan@example.kz")

        # Running: both parties joined and gave their private interests (proposals exist).
        created = await open_case(claimant)
        running = created["case"]["id"]
        await join(respondent, created)
        for client, answers in ((claimant, CLAIMANT_INTERESTS), (respondent, RESPONDENT_INTERESTS)):
            response = await client.put(
                f"/api/cases/{running}/interests", json={"answers": answers}
            )
            assert response.status_code == 200, response.text

        # Agreed, settlement being drafted: the settlement endpoints accept edits.
        created = await open_case(claimant)
        agreed = created["case"]["id"]
        await join(respondent, created)
        await _agree(app, agreed)

        # Waiting for the respondent: the invitation can be sent again.
        pending = await open_case(
            claimant, respondent={"name": "Bolat", "email": "bolat@example.kz"}
        )
        return World(
            ids={
                "case_id": [running, agreed, signed_id, pending["case"]["id"]],
                "settlement_id": [signed["id"]],
                "code": [signed["verification_code"]],
                "centre_id": [centre["id"]],
                "mediator_id": [mediator["id"]],
                "user_id": [mediator["user_id"]],
                "category": ["family"],
                "item_id": ["item1"],  # no division case here: an item no case has
                "file_id": ["f" * 32],  # no photo here: a file nobody stored
                "document_id": ["d" * 32],  # no document here: the 404 of none
                "referral_id": ["0" * 32],  # no referral here: the 404 of none
                "key": ["1", "9.9"],  # a due of the signed settlement, and one it has not
                "obligation": ["1", "99"],  # an obligation of it, and one it has not
                "writ_id": ["0" * 32],  # no writ application here: the 404 of none
                "application_id": ["a" * 32],  # nor among the creditor's own
            },
            emails={
                "claimant": "aigerim@example.kz",
                "respondent": "ruslan@example.kz",
                "mediator": "dana@fuzz.kelisim.kz",
                "admin": "admin@fuzz.kelisim.kz",
            },
            court_headers={"authorization": f"Bearer {court_token}"},
            notes={"mediator_id": mediator["id"], "invitation": pending["invitation"]["url"]},
        )
    finally:
        for client in clients:
            await client.aclose()


async def _agree(app: Starlette, case_id: str) -> None:
    """Both parties agree on ``PACKAGE`` through the room's own command path."""
    room = services_of(app).room
    claimant = await user_of(app, "aigerim@example.kz")
    respondent = await user_of(app, "ruslan@example.kz")
    offer = MakeOffer(type="offer", key=f"offer-{case_id}", package=PACKAGE)
    await execute(room, claimant, "claimant", case_id, offer)
    accept = Accept(type="accept", key=f"accept-{case_id}", version=1)
    await execute(room, respondent, "respondent", case_id, accept)


async def log_in(app: Starlette, email: str) -> Identity:
    """A fresh session for ``email`` (each fuzzed operation gets its own: one may log out)."""
    async with Client(transport=httpx.ASGITransport(app=app), base_url=ORIGIN) as client:
        response = await client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        assert response.status_code == 200, response.text
        return identity_of(client, email)
