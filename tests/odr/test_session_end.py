"""A session that ends takes its sockets with it: room and centre, on every instance.

Logout, expiry, password change, password reset and deactivation each close the user's open
WebSockets with 4401 within a second, and a closed-over session never gets another move in.
In-process on SQLite and PostgreSQL; across two instances through Redis on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import secrets
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select
from starlette.applications import Starlette
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from odr.app import create_app
from odr.auth.session_end import CLOSE_CODE
from odr.persistence.models import AuthSession, CaseEvent
from odr.settings import load_settings
from tests.builders.app import services_of
from tests.builders.room import joined_case
from tests.conftest import FAST_ARGON2, FakeClock
from tests.odr import frame_check
from tests.odr.centre_setup import make_account
from tests.odr.room_client import PASSWORD, RoomClient, live_server
from tests.odr.room_processes import SHARED_REDIS, require_redis

NEW_PASSWORD = "violet tractor meadow"


async def closed_with(client: RoomClient, within: float = 1.5) -> tuple[int | None, str | None]:
    """Wait until the server closes ``client``'s socket; its close code and reason."""
    assert client.reader is not None and client.ws is not None
    async with asyncio.timeout(within):
        await asyncio.shield(client.reader)
    return client.ws.close_code, client.ws.close_reason


async def still_open(client: RoomClient) -> None:
    pong = len(client.frames)
    await client.send({"type": "ping"})
    await client.wait_frame(lambda f: f["type"] == "pong", since=pong, within=5)


class Dashboard:
    """The centre's live socket, read in the background."""

    def __init__(self, address: str, cookies: dict[str, str]) -> None:
        self.address, self.cookies = address, cookies
        self.frames: list[Any] = []

    async def open(self) -> Dashboard:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await connect(
            f"ws://{self.address}/ws/centre",
            origin=f"http://{self.address}",  # type: ignore[arg-type]
            additional_headers={"cookie": cookie},
            compression=None,
        )
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                with contextlib.suppress(frame_check.FrameMismatch):  # the test fails at its end
                    frame_check.centre_frame(raw)
                self.frames.append(raw)
        except ConnectionClosed:
            pass

    async def closed_with(self, within: float = 1.5) -> tuple[int | None, str | None]:
        async with asyncio.timeout(within):
            await asyncio.shield(self.reader)
        return self.ws.close_code, self.ws.close_reason

    async def close(self) -> None:
        await self.ws.close()
        await asyncio.gather(self.reader, return_exceptions=True)


async def staff(address: str, app: Starlette, email: str) -> RoomClient:
    await make_account(app, email, "mediator")
    return await login(address, email)


async def login(address: str, email: str, password: str = PASSWORD) -> RoomClient:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        response = await http.post("/api/auth/login", json={"email": email, "password": password})
        assert response.status_code == 200, response.text
        return RoomClient(address, dict(http.cookies), response.json()["csrf_token"])


async def events_of(app: Starlette, case_id: str) -> list[str]:
    async with services_of(app).sessions() as db:
        rows = await db.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id))
        return [row.type for row in rows]


async def test_logout_closes_the_room_socket_and_it_can_no_longer_move(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    assert (await claimant.command("message", text="before"))["type"] == "ack"

    logout = await claimant.http("POST", "/api/auth/logout")
    assert logout.status_code == 204
    code, reason = await closed_with(claimant)
    assert code == CLOSE_CODE and reason and "log in again" in reason
    with pytest.raises(ConnectionClosed):
        await claimant.send({"type": "message", "key": "after", "text": "after logout"})
    await still_open(respondent)  # the other party is not affected
    assert await events_of(app, case_id) == ["message"]
    # and the cookie no longer opens a socket
    with pytest.raises(Exception):  # noqa: B017 (the handshake is refused)
        await claimant.join(case_id)
    await respondent.disconnect()


async def test_logout_closes_the_centre_dashboard_socket(address: str, app: Starlette) -> None:
    mediator = await staff(address, app, "dana@centre.kz")
    dashboard = await Dashboard(address, mediator.cookies).open()
    try:
        assert (await mediator.http("POST", "/api/auth/logout")).status_code == 204
        code, _ = await dashboard.closed_with()
        assert code == CLOSE_CODE
    finally:
        await dashboard.close()


async def test_an_expired_session_cannot_move_and_its_socket_closes(
    address: str, app: Starlette, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    clock.advance(seconds=services_of(app).settings.session_max_age_s + 1)
    # Sent at once: the connection checks the expiry itself, whatever the watch has done yet.
    await claimant.send({"type": "message", "key": "late", "text": "too late"})
    code, _ = await closed_with(claimant, within=3)
    assert code == CLOSE_CODE
    assert await events_of(app, case_id) == []
    await respondent.disconnect()


async def test_a_session_ended_without_a_message_is_found_on_recheck(
    address: str, app: Starlette
) -> None:
    """The broker message can be lost: the database recheck still closes the socket."""
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    async with services_of(app).sessions() as db:
        await db.execute(delete(AuthSession))  # behind the service's back: nothing announced
        await db.commit()
    await still_open(claimant)
    await services_of(app).session_watch.recheck()
    code, _ = await closed_with(claimant)
    assert code == CLOSE_CODE


async def test_password_change_closes_the_other_sessions_sockets(
    address: str, app: Starlette
) -> None:
    claimant, _, case_id = await joined_case(address)
    phone = await login(address, "claimant@example.kz")  # a second session of the same person
    await claimant.join(case_id)
    await phone.join(case_id)
    changed = await phone.http(
        "POST",
        "/api/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    assert changed.status_code == 200, changed.text
    code, _ = await closed_with(claimant)
    assert code == CLOSE_CODE
    # The session that changed it goes on, under a new cookie, and opens a room again.
    phone.cookies.update(dict(changed.cookies))
    phone.csrf = changed.json()["csrf_token"]
    await phone.reconnect()
    assert (await phone.command("message", text="new password, same me"))["type"] == "ack"
    await phone.disconnect()


async def test_password_reset_closes_every_socket_of_the_account(
    address: str, app: Starlette
) -> None:
    claimant, _, case_id = await joined_case(address)
    await claimant.join(case_id)
    async with httpx.AsyncClient(base_url=f"http://{address}") as anyone:
        asked = await anyone.post("/api/auth/password-reset", json={"email": "claimant@example.kz"})
        assert asked.status_code == 202
        await asyncio.sleep(0)  # the link is issued after the response
        token = await reset_token(app)
        done = await anyone.post(
            "/api/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
        )
        assert done.status_code == 204, done.text
    code, _ = await closed_with(claimant)
    assert code == CLOSE_CODE


async def reset_token(app: Starlette, within: float = 5) -> str:
    """The token of the reset e-mail once sent (to the development mail file): the outbox row
    holds the link only sealed, and only until it is sent, which this instance's worker may do
    at any moment."""
    mail_file = services_of(app).settings.mail_file
    async with asyncio.timeout(within):
        while True:
            await services_of(app).outbox.flush()
            sent = mail_file.read_text("utf-8") if mail_file.exists() else ""
            if found := re.search(r"/reset#token=([\w-]+)", sent):
                return found.group(1)
            await asyncio.sleep(0.02)


async def test_deactivating_a_user_ends_its_sessions_and_sockets(
    env: dict[str, str], clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from odr.cli import main

    # No broker reaches this instance from the CLI: it finds out on its (here fast) recheck.
    app = create_app(load_settings({**env, "ODR_SESSION_RECHECK_S": "0.2"}), clock=clock)
    async with app.router.lifespan_context(app), live_server(app) as where:
        claimant, _, case_id = await joined_case(where)
        await claimant.join(case_id)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        status = await asyncio.to_thread(
            main, ["deactivate-user", "--email", "Claimant@Example.kz"]
        )
        assert status == 0
        code, _ = await closed_with(claimant, within=3)
        assert code == CLOSE_CODE
        async with httpx.AsyncClient(base_url=f"http://{where}") as http:
            refused = await http.post(
                "/api/auth/login", json={"email": "claimant@example.kz", "password": PASSWORD}
            )
            assert refused.status_code == 401
            assert refused.json()["error"]["code"] == "login_failed"


# -- two instances, one PostgreSQL database, Redis between them --------------------------------


@pytest.mark.postgres
@pytest.mark.redis
async def test_logout_on_one_instance_closes_sockets_on_the_other(
    postgres_url: str, tmp_path: Path
) -> None:
    await require_redis(*SHARED_REDIS)
    env = {
        "ODR_DATA_DIR": str(tmp_path / "data"),
        "ODR_DATABASE_URL": postgres_url,
        "ODR_REDIS_URL": "redis://127.0.0.1:6379/0",
        "ODR_SECRET_KEY": "session-end-tests-shared-secret-key-0123456789",
        "ODR_SESSION_RECHECK_S": "3600",  # only the broker can be fast enough here
        **FAST_ARGON2,
    }
    first, second = (create_app(load_settings(env)) for _ in range(2))
    async with (
        first.router.lifespan_context(first),
        second.router.lifespan_context(second),
        live_server(first) as a,
        live_server(second) as b,
    ):
        prefix = secrets.token_hex(4)
        _, signed_up, case_id = await joined_case(a, prefix=prefix)
        respondent = RoomClient(b, signed_up.cookies, signed_up.csrf)
        await respondent.join(case_id)  # on instance B
        await make_account(second, f"{prefix}dana@centre.kz", "mediator")
        mediator = await login(b, f"{prefix}dana@centre.kz")
        dashboard = await Dashboard(b, mediator.cookies).open()
        try:
            # Logged out on instance A: the respondent's socket on B closes within a second.
            other = RoomClient(a, respondent.cookies, respondent.csrf)
            assert (await other.http("POST", "/api/auth/logout")).status_code == 204
            code, _ = await closed_with(respondent, within=1.0)
            assert code == CLOSE_CODE
            mediator_on_a = RoomClient(a, mediator.cookies, mediator.csrf)
            changed = await mediator_on_a.http(
                "POST",
                "/api/auth/password",
                json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
            )
            assert changed.status_code == 200, changed.text
            code, _ = await dashboard.closed_with(within=1.0)
            assert code == CLOSE_CODE
        finally:
            await dashboard.close()
            await respondent.disconnect()
