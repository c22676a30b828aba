"""Accounts, sessions, CSRF and login throttling, on SQLite and PostgreSQL."""

from __future__ import annotations

from argon2 import extract_parameters
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import AuthSession, User
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.rows import count
from tests.conftest import Client, FakeClock, MakeClient, assert_error

PASSWORD = "correct horse battery"


async def stored_user(app: Starlette, email: str) -> User:
    async with services_of(app).sessions() as db:
        return (await db.scalars(select(User).where(User.email == email))).one()


async def test_signup_logs_in_and_session_shows_user(client: Client) -> None:
    body = await client.signup("Aigerim@Example.KZ", display_name="Айгерім", language="kk")
    assert body["user"]["email"] == "aigerim@example.kz"
    assert body["user"]["role"] == "party"
    me = (await client.get("/api/auth/session")).json()
    assert me["user"]["display_name"] == "Айгерім"
    assert me["csrf_token"] == body["csrf_token"]


async def test_session_check_without_a_cookie_is_not_an_error(client: Client) -> None:
    """An anonymous visitor's page asks who is logged in on every load: the answer "nobody" is a
    200, not a 401 the browser would log as a console error on every public page."""
    response = await client.get("/api/auth/session")
    assert response.status_code == 200
    assert response.json() == {"user": None, "csrf_token": None}


async def test_session_cookie_flags(client: Client) -> None:
    response = await client.post(
        "/api/auth/signup",
        json={"email": "a@example.kz", "password": PASSWORD, "display_name": "A"},
    )
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith("kelisim_session=")
    )
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) >= 32  # 256 random bits, URL-safe
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


async def test_cookies_are_secure_when_served_over_https(
    env: dict[str, str], clock: FakeClock
) -> None:
    import httpx

    from odr.app import create_app
    from odr.settings import load_settings

    origin = "https://odr.example.kz"
    app = create_app(load_settings({**env, "ODR_PUBLIC_BASE_URL": origin}), clock=clock)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=origin) as client,
    ):
        response = await client.post(
            "/api/auth/signup",
            json={"email": "s@example.kz", "password": PASSWORD, "display_name": "S"},
            headers={"origin": origin},
        )
    assert response.status_code == 201, response.text
    for cookie in response.headers.get_list("set-cookie"):
        assert "Secure" in cookie


async def test_password_stored_as_argon2id_with_owasp_parameters(
    env: dict[str, str], make_client: MakeClient, app: Starlette
) -> None:
    from odr.settings import load_settings

    defaults = load_settings({k: v for k, v in env.items() if not k.startswith("ODR_ARGON2")})
    assert (defaults.argon2_memory_kib, defaults.argon2_time_cost) == (19456, 2)
    assert defaults.argon2_parallelism == 1
    client = make_client()
    await client.signup("b@example.kz")
    user = await stored_user(app, "b@example.kz")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


async def test_login_rehashes_when_parameters_change(
    env: dict[str, str], clock: FakeClock, make_client: MakeClient, app: Starlette
) -> None:
    from odr.app import create_app
    from odr.settings import load_settings

    await make_client().signup("c@example.kz")
    old_hash = (await stored_user(app, "c@example.kz")).password_hash
    assert extract_parameters(old_hash).memory_cost == 1024
    stronger = create_app(load_settings({**env, "ODR_ARGON2_MEMORY_KIB": "2048"}), clock=clock)
    import httpx

    async with (
        stronger.router.lifespan_context(stronger),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=stronger), base_url="http://127.0.0.1:8000"
        ) as other,
    ):
        response = await other.post(
            "/api/auth/login", json={"email": "c@example.kz", "password": PASSWORD}
        )
        assert response.status_code == 200, response.text
    new_hash = (await stored_user(app, "c@example.kz")).password_hash
    assert extract_parameters(new_hash).memory_cost == 2048
    # and the upgraded hash still verifies
    login = await make_client().post(
        "/api/auth/login", json={"email": "c@example.kz", "password": PASSWORD}
    )
    assert login.status_code == 200


async def test_wrong_password_and_unknown_email_look_the_same(make_client: MakeClient) -> None:
    await make_client().signup("d@example.kz")
    client = make_client()
    wrong = await client.post("/api/auth/login", json={"email": "d@example.kz", "password": "x"})
    unknown = await client.post(
        "/api/auth/login", json={"email": "nobody@example.kz", "password": "x"}
    )
    assert assert_error(wrong, 401, "login_failed") == assert_error(unknown, 401, "login_failed")


async def test_login_rotates_session_and_logout_kills_it(
    make_client: MakeClient, app: Starlette
) -> None:
    client = make_client()
    await client.signup("e@example.kz")
    first = client.cookies["kelisim_session"]
    response = await client.post(
        "/api/auth/login", json={"email": "e@example.kz", "password": PASSWORD}
    )
    assert response.status_code == 200
    second = client.cookies["kelisim_session"]
    assert second != first
    stale = make_client()
    stale.cookies.set("kelisim_session", first)
    assert_error(await stale.get("/api/auth/session"), 401, "session_expired")
    assert (await client.post("/api/auth/logout")).status_code == 204
    assert await count(app, AuthSession) == 0
    replay = make_client()
    replay.cookies.set("kelisim_session", second)
    assert_error(await replay.get("/api/auth/session"), 401)


async def test_session_expires(
    make_client: MakeClient, clock: FakeClock, settings: Settings
) -> None:
    client = make_client()
    await client.signup("f@example.kz")
    clock.advance(seconds=settings.session_max_age_s + 1)
    assert_error(await client.get("/api/auth/session"), 401, "session_expired")


async def test_state_change_without_csrf_token_is_refused_and_changes_nothing(
    make_client: MakeClient, app: Starlette
) -> None:
    client = make_client()
    await client.signup("g@example.kz")
    client.csrf = ""
    assert_error(await client.post("/api/auth/logout"), 403, "csrf_failed")
    assert_error(await client.post("/api/auth/logout", headers={"x-csrf-token": "forged"}), 403)
    assert await count(app, AuthSession) == 1


async def test_cross_site_signup_and_login_are_refused(
    make_client: MakeClient, app: Starlette
) -> None:
    client = make_client()
    evil = {"origin": "https://evil.example"}
    body = {"email": "h@example.kz", "password": PASSWORD, "display_name": "H"}
    assert_error(await client.post("/api/auth/signup", json=body, headers=evil), 403)
    assert await count(app, User) == 0
    ok = await client.post(
        "/api/auth/signup", json=body, headers={"origin": "http://127.0.0.1:8000"}
    )
    assert ok.status_code == 201


async def test_signup_rejects_weak_or_bad_input_and_stores_nothing(
    client: Client, app: Starlette
) -> None:
    cases = [
        ({"email": "not-an-email", "password": PASSWORD, "display_name": "X"}, "email"),
        ({"email": "x@example.kz", "password": "short", "display_name": "X"}, "password"),
        ({"email": "x@example.kz", "password": "password1", "display_name": "X"}, "password"),
        ({"email": "x@example.kz", "password": PASSWORD, "display_name": ""}, "display_name"),
        (
            {"email": "x@example.kz", "password": PASSWORD, "display_name": "X", "role": "admin"},
            "role",
        ),
        ({"email": "x@example.kz", "password": 12345678, "display_name": "X"}, "password"),
    ]
    for body, bad_field in cases:
        error = assert_error(await client.post("/api/auth/signup", json=body), 422)
        assert bad_field in [f["field"] for f in error["fields"]], error
    assert await count(app, User) == 0


async def test_duplicate_email_is_a_clear_conflict(make_client: MakeClient) -> None:
    await make_client().signup("i@example.kz")
    response = await make_client().post(
        "/api/auth/signup",
        json={"email": "I@example.kz", "password": PASSWORD, "display_name": "I"},
    )
    assert_error(response, 409, "email_taken")


async def failed_logins(client: Client, email: str, times: int) -> list[int]:
    statuses = []
    for _ in range(times):
        response = await client.post(
            "/api/auth/login", json={"email": email, "password": "wrong password"}
        )
        statuses.append(response.status_code)
    return statuses


async def test_attacker_is_throttled_but_owner_on_trusted_device_gets_in(
    make_client: MakeClient, clock: FakeClock, settings: Settings
) -> None:
    owner = make_client()
    await owner.signup("j@example.kz")
    await owner.post("/api/auth/logout")
    login = await owner.post(
        "/api/auth/login", json={"email": "j@example.kz", "password": PASSWORD}
    )
    assert login.status_code == 200 and "kelisim_device" in owner.cookies  # now a trusted device

    attacker = make_client()
    limit = settings.login_max_failures_account
    statuses = await failed_logins(attacker, "j@example.kz", limit + 1)
    assert statuses[:limit] == [401] * limit
    assert statuses[limit] == 429
    blocked = await attacker.post(
        "/api/auth/login", json={"email": "j@example.kz", "password": PASSWORD}
    )
    error = assert_error(blocked, 429, "login_throttled")
    assert "minute" in error["message"] and int(blocked.headers["retry-after"]) > 0

    # The owner's device is not locked out by the attacker's failures.
    again = await owner.post(
        "/api/auth/login", json={"email": "j@example.kz", "password": PASSWORD}
    )
    assert again.status_code == 200, again.text

    # After the window the account accepts attempts from new devices again.
    clock.advance(seconds=settings.login_window_s + 1)
    fresh = make_client()
    late = await fresh.post("/api/auth/login", json={"email": "j@example.kz", "password": PASSWORD})
    assert late.status_code == 200


async def test_unknown_account_is_throttled_like_a_known_one(
    make_client: MakeClient, settings: Settings
) -> None:
    limit = settings.login_max_failures_account
    statuses = await failed_logins(make_client(), "ghost@example.kz", limit + 1)
    assert statuses[-1] == 429


async def test_one_address_is_throttled_across_accounts(
    env: dict[str, str], make_client: MakeClient, app: Starlette
) -> None:
    limit = services_of(app).settings.login_max_failures_address
    client = make_client()
    statuses = []
    for n in range(limit + 1):
        response = await client.post(
            "/api/auth/login", json={"email": f"spray{n}@example.kz", "password": "x"}
        )
        statuses.append(response.status_code)
    assert statuses[:limit] == [401] * limit and statuses[limit] == 429


async def test_forged_device_cookie_is_not_trusted(
    make_client: MakeClient, settings: Settings
) -> None:
    await make_client().signup("k@example.kz")
    attacker = make_client()
    attacker.cookies.set("kelisim_device", "0" * 32 + ".nonce." + "f" * 64)
    statuses = await failed_logins(
        attacker, "k@example.kz", settings.login_max_failures_account + 1
    )
    assert statuses[-1] == 429
