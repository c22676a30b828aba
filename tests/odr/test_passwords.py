"""Passwords and the edges of sessions: strength, no trimming, change, reset by e-mail, the
throttled re-entry for signing, Origin on every state change, ``__Host-`` cookies behind https."""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import time

import httpx
from sqlalchemy import select
from starlette.applications import Starlette

from odr.app import create_app
from odr.persistence.models import AuthSession, OutboxNotice, PasswordReset, User
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.rows import count
from tests.builders.settlement import agreed_case, complete, sign
from tests.conftest import Client, FakeClock, MakeClient, assert_error

PASSWORD = "correct horse battery"
NEW_PASSWORD = "violet tractor meadow"

# Fourteen passwords from every published top list; the old built-in list knew two of them.
COMMON = [
    "P@ssw0rd",
    "qwertyuiop",
    "letmein123",
    "welcome1",
    "sunshine1",
    "football1",
    "dragon123",
    "monkey123",
    "1q2w3e4r5t",
    "zaq12wsx",
    "Qwerty123!",
    "Password123!",
    "iloveyou12",
    "Aa123456!",
]


async def reset_link_token(app: Starlette, email: str) -> str:
    """The token of the newest reset e-mail to ``email``, as sent (to the development mail
    file): the outbox row holds the link only sealed, and only until it is sent."""
    mail_file = services_of(app).settings.mail_file
    async with asyncio.timeout(5):  # this instance's worker may be sending it right now
        while True:
            await services_of(app).outbox.flush()
            sent = mail_file.read_text("utf-8").splitlines() if mail_file.exists() else []
            links = [
                found.group(0)
                for letter in map(json.loads, sent)
                if letter["to"] == email
                and (found := re.search(r"\S+/reset#token=\S+", letter["body"]))
            ]
            if links:
                break
            await asyncio.sleep(0.02)
    assert links[-1].startswith("http://127.0.0.1:8000/reset#token="), links[-1]
    return links[-1].split("#token=")[1]


async def test_common_passwords_are_refused_with_a_reason(client: Client, app: Starlette) -> None:
    for password in COMMON:
        response = await client.post(
            "/api/auth/signup",
            json={"email": "w@example.kz", "password": password, "display_name": "W"},
        )
        error = assert_error(response, 422, "password_weak")
        assert error["fields"][0]["field"] == "password"
        assert error["fields"][0]["code"] == "password_weak"
        assert "too weak" in error["message"]
    assert await count(app, User) == 0


async def test_a_password_with_my_email_or_name_is_refused(client: Client) -> None:
    for email, name, password in [
        ("aigerim.nur@example.kz", "A", "aigerim-blue-kettle-77"),
        ("zz@example.kz", "Ruslan Bekov", "bekov blue kettle 77"),
    ]:
        response = await client.post(
            "/api/auth/signup", json={"email": email, "password": password, "display_name": name}
        )
        error = assert_error(response, 422, "password_weak")
        assert "e-mail address or your name" in error["message"]


async def test_passwords_are_taken_exactly_as_typed(make_client: MakeClient) -> None:
    await make_client().signup("t@example.kz", password="  Horse-Battery-91  ")
    client = make_client()
    trimmed = await client.post(
        "/api/auth/login", json={"email": "t@example.kz", "password": "Horse-Battery-91"}
    )
    assert_error(trimmed, 401, "login_failed")
    exact = await client.post(
        "/api/auth/login", json={"email": "t@example.kz", "password": "  Horse-Battery-91  "}
    )
    assert exact.status_code == 200, exact.text


async def test_change_password_keeps_this_session_and_ends_the_others(
    make_client: MakeClient, app: Starlette
) -> None:
    me = make_client()
    await me.signup("c@example.kz")
    other = make_client()
    login = await other.post(
        "/api/auth/login", json={"email": "c@example.kz", "password": PASSWORD}
    )
    assert login.status_code == 200
    old_cookie = me.cookies["kelisim_session"]

    wrong = await me.post(
        "/api/auth/password",
        json={"current_password": "not my password", "new_password": NEW_PASSWORD},
    )
    assert_error(wrong, 403, "password_wrong")
    weak = await me.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": "password1"}
    )
    assert_error(weak, 422, "password_weak")
    assert await count(app, AuthSession) == 2  # refused: nothing changed

    changed = await me.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert changed.status_code == 200, changed.text
    assert me.cookies["kelisim_session"] != old_cookie  # rotated
    assert (await me.get("/api/auth/session")).status_code == 200
    assert_error(await other.get("/api/auth/session"), 401, "session_expired")
    assert await count(app, AuthSession) == 1
    fresh = make_client()
    old = await fresh.post("/api/auth/login", json={"email": "c@example.kz", "password": PASSWORD})
    assert_error(old, 401)
    new = await fresh.post(
        "/api/auth/login", json={"email": "c@example.kz", "password": NEW_PASSWORD}
    )
    assert new.status_code == 200


async def test_change_password_is_throttled_like_login(
    make_client: MakeClient, settings: Settings
) -> None:
    me = make_client()
    await me.signup("d@example.kz")
    statuses = []
    for _ in range(settings.login_max_failures_account + 1):
        response = await me.post(
            "/api/auth/password",
            json={"current_password": "guess guess", "new_password": NEW_PASSWORD},
        )
        statuses.append(response.status_code)
    assert statuses[-1] == 429 and set(statuses[:-1]) == {403}, statuses
    right = await me.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    error = assert_error(right, 429, "reauth_throttled")
    assert int(right.headers["retry-after"]) > 0 and "minute" in error["message"]


async def test_signing_reauthentication_is_throttled(
    app: Starlette, make_client: MakeClient, settings: Settings, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    record_hash = (await complete(claimant, respondent, case_id))["record_sha256"]
    statuses = [
        (await sign(claimant, case_id, record_hash, f"guess {n}")).status_code for n in range(30)
    ]
    limit = settings.login_max_failures_account
    assert statuses[:limit] == [403] * limit, statuses
    assert set(statuses[limit:]) == {429}, statuses
    blocked = await sign(claimant, case_id, record_hash)  # even the right one waits
    assert_error(blocked, 429, "reauth_throttled")
    assert int(blocked.headers["retry-after"]) > 0
    clock.advance(seconds=settings.login_window_s + 1)
    assert (await sign(claimant, case_id, record_hash)).status_code == 201


async def test_reset_by_email_end_to_end(make_client: MakeClient, app: Starlette) -> None:
    me = make_client()
    await me.signup("r@example.kz", language="kk")
    anyone = make_client()
    asked = await anyone.post("/api/auth/password-reset", json={"email": "R@example.kz"})
    assert asked.status_code == 202
    token = await reset_link_token(app, "r@example.kz")
    async with services_of(app).sessions() as db:
        stored = (await db.scalars(select(PasswordReset))).one()
        notice = (await db.scalars(select(OutboxNotice))).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64  # a hash only
    assert notice.language == "kk"

    weak = await anyone.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": "password1"}
    )
    assert_error(weak, 422, "password_weak")  # and the link still works
    done = await anyone.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert done.status_code == 204, done.text
    assert_error(await me.get("/api/auth/session"), 401, "session_expired")
    again = await anyone.post(
        "/api/auth/password-reset/confirm", json={"token": token, "new_password": NEW_PASSWORD}
    )
    assert_error(again, 400, "reset_token_invalid")
    login = await anyone.post(
        "/api/auth/login", json={"email": "r@example.kz", "password": NEW_PASSWORD}
    )
    assert login.status_code == 200


async def test_reset_links_expire_and_unknown_ones_look_the_same(
    make_client: MakeClient, app: Starlette, clock: FakeClock, settings: Settings
) -> None:
    await make_client().signup("x@example.kz")
    anyone = make_client()
    assert (
        await anyone.post("/api/auth/password-reset", json={"email": "x@example.kz"})
    ).status_code == 202
    token = await reset_link_token(app, "x@example.kz")
    clock.advance(seconds=settings.password_reset_ttl_s + 1)
    body = {"token": token, "new_password": NEW_PASSWORD}
    expired = await anyone.post("/api/auth/password-reset/confirm", json=body)
    unknown = await anyone.post(
        "/api/auth/password-reset/confirm", json={**body, "token": "no-such-token"}
    )
    assert assert_error(expired, 400, "reset_token_invalid") == assert_error(unknown, 400)


async def test_reset_request_says_the_same_whether_or_not_the_account_exists(
    make_client: MakeClient, app: Starlette
) -> None:
    await make_client().signup("known@example.kz")
    answers = {}
    for email in ("known@example.kz", "nobody@example.kz"):
        response = await make_client().post("/api/auth/password-reset", json={"email": email})
        answers[email] = (response.status_code, response.content)
    assert answers["known@example.kz"] == answers["nobody@example.kz"]
    assert answers["known@example.kz"][0] == 202
    assert await count(app, OutboxNotice) == 1  # only the real account gets an e-mail


async def test_reset_request_takes_the_same_time_either_way(
    make_client: MakeClient, app: Starlette
) -> None:
    """Medians of alternating requests; the account's lookup happens after the answer."""
    await make_client().signup("known@example.kz")
    times: dict[str, list[float]] = {"known@example.kz": [], "nobody@example.kz": []}
    for _ in range(3):  # the per-account limit is 3 in the window
        for email in times:
            client = make_client()
            started = time.perf_counter()
            response = await client.post("/api/auth/password-reset", json={"email": email})
            times[email].append(time.perf_counter() - started)
            assert response.status_code == 202
    known, unknown = (statistics.median(t) for t in times.values())
    print(f"reset request median: known {known * 1000:.1f} ms, unknown {unknown * 1000:.1f} ms")


async def test_reset_requests_are_limited_per_account_and_per_address(
    make_client: MakeClient, settings: Settings
) -> None:
    client = make_client()
    statuses = [
        (await client.post("/api/auth/password-reset", json={"email": "y@example.kz"})).status_code
        for _ in range(settings.password_reset_max_account + 1)
    ]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {202}
    assert_error(
        await client.post("/api/auth/password-reset", json={"email": "y@example.kz"}),
        429,
        "reset_throttled",
    )
    spread = [
        (
            await client.post("/api/auth/password-reset", json={"email": f"s{n}@example.kz"})
        ).status_code
        for n in range(settings.password_reset_max_address)
    ]
    assert spread[-1] == 429  # the address has used its requests, whatever the e-mail


async def test_foreign_origin_is_refused_even_with_a_valid_csrf_token(
    client: Client, app: Starlette
) -> None:
    await client.signup("o@example.kz")
    evil = await client.post("/api/auth/logout", headers={"origin": "https://evil.example"})
    assert_error(evil, 403, "origin_not_allowed")
    assert await count(app, AuthSession) == 1
    same = await client.post("/api/auth/logout", headers={"origin": "http://127.0.0.1:8000"})
    assert same.status_code == 204
    # Without Origin (curl, the CLI) the CSRF token alone decides, as before.
    await client.post("/api/auth/login", json={"email": "o@example.kz", "password": PASSWORD})
    assert (await client.post("/api/auth/logout")).status_code == 204


async def test_cookies_are_host_prefixed_behind_https(
    env: dict[str, str], clock: FakeClock
) -> None:
    origin = "https://odr.example.kz"
    app = create_app(load_settings({**env, "ODR_PUBLIC_BASE_URL": origin}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        Client(transport=httpx.ASGITransport(app=app), base_url=origin) as client,
    ):
        response = await client.post(
            "/api/auth/signup",
            json={"email": "h@example.kz", "password": PASSWORD, "display_name": "H"},
            headers={"origin": origin},
        )
        assert response.status_code == 201, response.text
        for cookie in response.headers.get_list("set-cookie"):
            assert cookie.startswith("__Host-kelisim_"), cookie
            assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
        # The prefixed cookies are what the server reads back.
        assert (await client.get("/api/auth/session")).json()["user"]["email"] == "h@example.kz"
        logged_in = await client.post(
            "/api/auth/login",
            json={"email": "h@example.kz", "password": PASSWORD},
            headers={"origin": origin},
        )
        assert "__Host-kelisim_device" in logged_in.cookies
        # An unprefixed cookie planted by a sibling host is not a session.
        planted = Client(transport=httpx.ASGITransport(app=app), base_url=origin)
        planted.cookies.set("kelisim_session", client.cookies["__Host-kelisim_session"])
        assert (await planted.get("/api/auth/session")).json() == {"user": None, "csrf_token": None}
        assert_error(await planted.get("/api/cases"), 401)
        await planted.aclose()
        assert (
            await client.post("/api/auth/logout", headers={"origin": origin})
        ).status_code == 204
    await asyncio.sleep(0)


async def test_reset_answer_says_how_long_the_link_works(
    env: dict[str, str], clock: FakeClock
) -> None:
    """The page after asking tells the person for how long the e-mailed link works, as the letter
    does; the answer is the same bytes for an address with or without an account."""
    app = create_app(load_settings({**env, "ODR_PASSWORD_RESET_TTL_S": "600"}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        Client(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1:8000") as client,
    ):
        await client.signup("t@example.kz")
        answers = []
        for email in ("t@example.kz", "nobody@example.kz"):
            response = await client.post("/api/auth/password-reset", json={"email": email})
            assert response.status_code == 202, response.text
            answers.append(response.content)
        assert answers[0] == answers[1]
        assert response.json()["expires_in_minutes"] == 10
        async with services_of(app).sessions() as db:
            notice = (await db.scalars(select(OutboxNotice))).one()
        assert notice.params["minutes"] == 10  # the letter says the same
    await asyncio.sleep(0)
