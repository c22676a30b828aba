"""Kelisim behind a real nginx, configured from the shipped ``deploy/nginx/kelisim.conf``.

One deployment as docs/operations.md describes it: nginx terminating TLS (a certificate authority
made by the test) in front of two ``odr serve`` instances on PostgreSQL and Redis, serving the
browser app's files itself. Clients connect from 127.0.0.2 to 127.0.0.6 (loopback source
addresses), so the app has real client addresses to tell apart behind one proxy (127.0.0.1).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect

from odr.resources import folder
from odr.web.middleware import CONTENT_SECURITY_POLICY, STRICT_TRANSPORT_SECURITY
from tests.builders.nginx import (
    NGINX,
    TEMPLATE,
    ThrowawayCertificate,
    loopback_site,
    make_certificate,
)
from tests.builders.processes import ODR
from tests.conftest import Client, _truncate_all, assert_error, run, service_missing
from tests.odr import frame_check
from tests.odr.room_processes import SECRET_KEY, OdrServer, Processes, free_ports
from tests.ops.nginx import NginxServer, wait_for_line

NAME = "localhost"
PROXY = "127.0.0.1"  # where nginx connects to the instances from
# Clients' addresses: Alice and Bob are throttled apart; Eve sends big bodies; Carol and Dan,
# unthrottled, meet in the room.
ALICE, BOB, EVE, CAROL, DAN = "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"
MAX_BODY = 1 << 20  # ODR_MAX_BODY_BYTES's default, unchanged: the template gets the same figure
METRICS_TOKEN = "m" * 40  # ODR_METRICS_TOKEN: at least 32 characters
PASSWORD = "correct horse battery"
CASE = {
    "category": "civil",
    "subject": "Unpaid invoice for furniture",
    "claim": {"amount": 420000, "currency": "KZT"},
    "language": "ru",
    "issues": [{"label": "Срок", "options": ["сразу", "через месяц"]}],
    "respondent": {"name": "Bob", "email": "bob@example.kz"},
    "consent_to_online_mediation": True,
}
# Headers that differ between any two servers of the same file, or describe one connection.
PER_RESPONSE = {
    "date", "etag", "last-modified", "content-length", "x-request-id", "accept-ranges",
    "server", "connection", "keep-alive", "transfer-encoding",
}  # fmt: skip


@dataclass
class Deployment:
    https_port: int
    http_port: int
    nginx: NginxServer
    apps: list[OdrServer]
    certificate: ThrowawayCertificate

    @property
    def base(self) -> str:
        return f"https://{NAME}:{self.https_port}"

    def client(self, source: str, **headers: str) -> Client:
        """A browser-like client on ``source``, talking https to nginx."""
        transport = httpx.AsyncHTTPTransport(
            verify=self.certificate.client_context(), local_address=source
        )
        return Client(transport=transport, base_url=self.base, headers=headers)

    def direct(self, app: OdrServer, source: str, **headers: str) -> Client:
        """A client on ``source`` that goes around nginx, straight to an instance."""
        transport = httpx.AsyncHTTPTransport(local_address=source)
        return Client(transport=transport, base_url=app.origin, headers=headers)

    async def socket(
        self, path: str, client: Client, source: str, *, via: OdrServer | None = None
    ) -> ClientConnection:
        """A WebSocket with ``client``'s cookies: through nginx, or straight to ``via``."""
        cookie = "; ".join(f"{c.name}={c.value}" for c in client.cookies.jar)
        common: dict[str, Any] = {
            "origin": self.base,
            "additional_headers": {"cookie": cookie},
            "compression": None,
            "local_addr": (source, 0),
            "open_timeout": 10,
        }
        if via is not None:
            return await connect(f"ws://{via.address}{path}", **common)
        url = f"wss://{NAME}:{self.https_port}{path}"
        return await connect(url, ssl=self.certificate.client_context(), **common)


@pytest.fixture
def postgres(postgres_url: str) -> str:
    run(_truncate_all(postgres_url))
    return postgres_url


@pytest.fixture
async def deployment(tmp_path: Path, postgres: str) -> AsyncIterator[Deployment]:
    if not os.access(NGINX, os.X_OK):
        service_missing("nginx", FileNotFoundError(NGINX))  # .ci/run installs Debian's
    https_port, http_port, redis_port, *app_ports = free_ports(5)
    certificate = make_certificate(tmp_path, NAME)
    async with Processes(tmp_path) as processes:
        redis = processes.redis(redis_port)
        await redis.start()
        env = {
            "ODR_DATABASE_URL": postgres,
            "ODR_REDIS_URL": redis.url,
            "ODR_SECRET_KEY": SECRET_KEY,
            "ODR_PUBLIC_BASE_URL": f"https://{NAME}:{https_port}",
            "ODR_TRUSTED_PROXIES": PROXY,
            "ODR_LOGIN_MAX_FAILURES_ADDRESS": "3",
            "ODR_LOGIN_MAX_FAILURES_ACCOUNT": "100",
            "ODR_PUBLIC_RATE_PER_MIN": "0.1",
            "ODR_PUBLIC_RATE_BURST": "2",
            "ODR_BACKGROUND_WORKERS": "false",
            "ODR_LOG_LEVEL": "INFO",  # the access lines, with their request ids
            "ODR_METRICS_TOKEN": METRICS_TOKEN,
        }
        apps = [processes.odr(f"app{i}", port, **env) for i, port in enumerate(app_ports, 1)]
        await asyncio.gather(*(app.start() for app in apps))
        prefix = tmp_path / "nginx"
        prefix.mkdir()
        site = loopback_site(
            name=NAME,
            https_port=https_port,
            http_port=http_port,
            certificate=certificate,
            apps=(apps[0].address, apps[1].address),
            static_root=folder("static"),
            log_dir=prefix / "logs",
            public_base_url=env["ODR_PUBLIC_BASE_URL"],
            max_body=MAX_BODY,
        )
        nginx = NginxServer(prefix, site, https_port)
        processes.children.append(nginx)
        await nginx.start()
        yield Deployment(https_port, http_port, nginx, apps, certificate)


@pytest.mark.slow
@pytest.mark.postgres
async def test_kelisim_behind_nginx(deployment: Deployment) -> None:
    await http_is_redirected_and_other_names_are_refused(deployment)
    await static_files_are_served_like_the_app_serves_them(deployment)
    await the_api_sets_host_only_secure_cookies_and_keeps_request_ids(deployment)
    await bodies_over_the_limit_are_refused_in_the_apps_shape(deployment)
    await metrics_are_served_by_each_instance_and_never_through_the_proxy(deployment)
    await login_throttling_tells_clients_behind_the_proxy_apart(deployment)
    await the_public_rate_limit_tells_clients_behind_the_proxy_apart(deployment)
    await a_room_and_the_centre_feed_work_through_the_proxy(deployment)
    upstreams = set(re.findall(r"upstream=(\S+)", deployment.nginx.access_log()))
    assert {app.address for app in deployment.apps} <= upstreams, "both instances served"


async def http_is_redirected_and_other_names_are_refused(d: Deployment) -> None:
    async with httpx.AsyncClient(base_url=f"http://{NAME}:{d.http_port}") as http:
        moved = await http.get("/cases/new?from=link")
        assert moved.status_code == 301
        assert moved.headers["location"] == f"{d.base}/cases/new?from=link"
        with pytest.raises(httpx.RemoteProtocolError):  # 444: closed without an answer
            await http.get("/", headers={"host": "elsewhere.example"})
    # No certificate for a name that is not ours: the handshake itself is refused.
    context = d.certificate.client_context()
    context.check_hostname = False
    with pytest.raises(ssl.SSLError):
        await asyncio.open_connection(
            "127.0.0.1", d.https_port, ssl=context, server_hostname="elsewhere.example"
        )
    _, writer = await asyncio.open_connection(
        "127.0.0.1", d.https_port, ssl=d.certificate.client_context(), server_hostname=NAME
    )
    assert writer.get_extra_info("ssl_object").version() in ("TLSv1.2", "TLSv1.3")
    writer.close()


async def static_files_are_served_like_the_app_serves_them(d: Deployment) -> None:
    """Every file: the app's headers (cache rule, types, compression, security) and bytes."""
    root = folder("static")
    files = sorted(p for p in root.rglob("*") if p.is_file())
    assert len(files) > 10
    gzip = {"accept-encoding": "gzip"}
    async with d.client(ALICE) as proxy, d.direct(d.apps[0], ALICE) as app:
        for n, path in enumerate(files):
            url = "/" + path.relative_to(root).as_posix()
            ours = await proxy.get(url, headers={**gzip, "x-request-id": f"static-{n:03}"})
            theirs = await app.get(url, headers=gzip)
            assert ours.status_code == theirs.status_code == 200, url
            assert ours.content == theirs.content == path.read_bytes(), url
            assert "upstream=- " in await d.nginx.logged(f"request_id=static-{n:03}"), url
            for name, value in theirs.headers.items():
                if name not in PER_RESPONSE:
                    assert ours.headers.get(name) == value, (url, name)
            assert ours.headers["etag"] and ours.headers["last-modified"], url
            assert ours.headers["x-request-id"], url
            again = await proxy.get(url, headers={**gzip, "if-none-match": ours.headers["etag"]})
            assert again.status_code == 304, url
        home = await proxy.get("/", headers=gzip)
        assert home.content == (root / "index.html").read_bytes()
        assert home.headers["cache-control"] == "no-cache"
        assert home.headers["content-encoding"] == "gzip"
        # What is not a file goes to the app, which answers as it would alone.
        shell = await proxy.get("/join")
        assert shell.content == home.content
        for name in ("content-security-policy", "x-request-id", "strict-transport-security"):
            assert len(shell.headers.get_list(name)) == 1, f"{name} once, from the app alone"
        assert (await proxy.get("/readyz")).json() == {"status": "ready"}
        assert_error(await proxy.get("/no/such/file.js"), 404)
        assert_error(await proxy.post("/index.html", content=b"x"), 405)


async def the_api_sets_host_only_secure_cookies_and_keeps_request_ids(d: Deployment) -> None:
    async with d.client(ALICE) as alice:
        answer = await alice.post(
            "/api/auth/signup",
            json={"email": "alice@example.kz", "password": PASSWORD, "display_name": "Alice"},
            headers={"x-request-id": "ops-signup-1"},
        )
        assert answer.status_code == 201, answer.text
        cookies = answer.headers.get_list("set-cookie")
        assert cookies
        for cookie in cookies:
            name, *attributes = [part.strip() for part in cookie.split(";")]
            flags = {a.split("=")[0].lower() for a in attributes}
            assert name.startswith("__Host-"), cookie
            assert {"secure", "path"} <= flags and "domain" not in flags, cookie
            assert "path=/" in (a.lower() for a in attributes), cookie
        assert answer.headers["strict-transport-security"] == STRICT_TRANSPORT_SECURITY[1].decode()
        assert (await alice.get("/api/auth/session")).json()["user"]["email"] == "alice@example.kz"

        # The client's request id reaches the app and both logs; without one, nginx makes one.
        assert answer.headers["x-request-id"] == "ops-signup-1"
        unnamed = await alice.get("/api/auth/session")
        made = unnamed.headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", made), made
    for request_id in ("ops-signup-1", made):
        assert "upstream=127.0.0.1:" in await d.nginx.logged(f"request_id={request_id}")
        await wait_for_line(
            lambda: "".join(app.log_path.read_text() for app in d.apps),
            f'"request_id": "{request_id}"',
        )


async def metrics_are_served_by_each_instance_and_never_through_the_proxy(d: Deployment) -> None:
    """Prometheus scrapes the instances directly; the public address has no /metrics at all,
    not even for a request carrying the right token."""
    bearer = {"authorization": f"Bearer {METRICS_TOKEN}"}
    async with d.client(EVE) as eve, d.direct(d.apps[0], EVE) as app:
        public = await eve.get("/metrics", headers=bearer)
        assert_error(public, 404, "not_found")
        assert public.headers["x-request-id"]
        scraped = await app.get("/metrics", headers=bearer)
        assert scraped.status_code == 200
        assert "kelisim_http_request_duration_seconds" in scraped.text


async def bodies_over_the_limit_are_refused_in_the_apps_shape(d: Deployment) -> None:
    pdf = {"content-type": "application/pdf"}
    async with d.client(EVE) as eve, d.direct(d.apps[0], EVE) as app:
        refused = await eve.post("/api/verify", content=b"%" * (MAX_BODY + 1), headers=pdf)
        alone = await app.post("/api/verify", content=b"%" * (MAX_BODY + 1), headers=pdf)
        assert_error(refused, 413, "payload_too_large")
        assert refused.json() == alone.json()
        assert refused.headers["x-request-id"]
        at_limit = await eve.post("/api/verify", content=b"%" * MAX_BODY, headers=pdf)
        assert at_limit.status_code == 200 and at_limit.json()["valid"] is False


async def wrong_login(client: Client, n: int) -> httpx.Response:
    return await client.post(
        "/api/auth/login", json={"email": f"nobody{n}@example.kz", "password": "wrong one"}
    )


async def login_throttling_tells_clients_behind_the_proxy_apart(d: Deployment) -> None:
    """ODR_LOGIN_MAX_FAILURES_ADDRESS is 3; the count is in PostgreSQL, shared by both."""
    async with (
        d.client(ALICE) as alice,
        d.client(BOB) as bob,
        d.client(ALICE, **{"x-forwarded-for": "198.51.100.7"}) as alice_disguised,
        d.direct(d.apps[1], ALICE, **{"x-forwarded-for": "198.51.100.8"}) as alice_direct,
        d.direct(d.apps[0], BOB, **{"x-forwarded-for": ALICE}) as bob_posing,
    ):
        for n in range(3):
            assert_error(await wrong_login(alice, n), 401, "login_failed")
        assert_error(await wrong_login(alice, 3), 429, "login_throttled")
        assert_error(await wrong_login(bob, 4), 401, "login_failed")
        # Alice's own X-Forwarded-For, through nginx or straight to an instance, is not believed.
        assert_error(await wrong_login(alice_disguised, 5), 429, "login_throttled")
        assert_error(await wrong_login(alice_direct, 6), 429, "login_throttled")
        # Nor is Bob's claim to be Alice: he is counted as himself (his second failure).
        assert_error(await wrong_login(bob_posing, 7), 401, "login_failed")


async def the_public_rate_limit_tells_clients_behind_the_proxy_apart(d: Deployment) -> None:
    """A burst of 2 per address and instance (counted per process): 429 by the 5th request."""
    code = "/api/verify/ABCDE-FGHJK"
    async with (
        d.client(ALICE) as alice,
        d.client(BOB) as bob,
        d.client(ALICE, **{"x-forwarded-for": "198.51.100.9"}) as alice_disguised,
    ):
        statuses = []
        while 429 not in statuses:
            statuses.append((await alice.get(code)).status_code)
            assert len(statuses) <= 5, statuses
        assert statuses[:2] == [404, 404], statuses
        assert (await bob.get(code)).status_code == 404, "Bob has his own budget"
        assert_error(await alice_disguised.get(code), 429, "too_many_requests")


async def a_room_and_the_centre_feed_work_through_the_proxy(d: Deployment) -> None:
    async with d.client(CAROL) as carol, d.client(DAN) as dan, d.client(DAN) as admin:
        await carol.signup("carol@example.kz")
        created = await carol.post("/api/cases", json=CASE)
        assert created.status_code == 201, created.text
        case_id = created.json()["case"]["id"]
        token = created.json()["invitation"]["url"].split("#token=", 1)[1]
        await dan.signup("dan@example.kz")
        joined = await dan.post(
            "/api/invitations/accept", json={"token": token, "consent_to_online_mediation": True}
        )
        assert joined.status_code == 200, joined.text

        # Both parties through nginx, and Dan's other devices on each instance directly: a
        # message reaches every socket whichever instance each one landed on.
        sockets = [
            await d.socket("/ws", carol, CAROL),
            await d.socket("/ws", dan, DAN),
            *[await d.socket("/ws", dan, DAN, via=app) for app in d.apps],
        ]
        try:
            for ws in sockets:
                await ws.send(json.dumps({"type": "hello", "case_id": case_id, "last_seq": 0}))
                assert (await next_frame(ws, "welcome"))["type"] == "welcome"
            await sockets[0].send(
                json.dumps({"type": "message", "key": "k1", "text": "Сәлеметсіз бе!"})
            )
            assert (await next_frame(sockets[0], "ack"))["seq"] == 1
            for ws in sockets[1:]:
                event = await next_frame(ws, "event")
                assert (event["seq"], event["data"]) == (1, {"text": "Сәлеметсіз бе!"})
        finally:
            await asyncio.gather(*(ws.close() for ws in sockets))

        # The centre's live feed: an administrator's dashboard socket answers its pings.
        admin_email = "admin@example.kz"
        created_admin = await asyncio.create_subprocess_exec(
            *ODR, "create-user", "--email", admin_email, "--name", "Admin", "--role", "admin",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT, env={**os.environ, **d.apps[0].env},
        )  # fmt: skip
        output, _ = await created_admin.communicate(PASSWORD.encode() + b"\n")
        assert created_admin.returncode == 0, output
        logged_in = await admin.post(
            "/api/auth/login", json={"email": admin_email, "password": PASSWORD}
        )
        assert logged_in.status_code == 200, logged_in.text
        feed = await d.socket("/ws/centre", admin, DAN)
        try:
            await feed.send(json.dumps({"type": "ping"}))
            assert (await next_frame(feed, "pong"))["type"] == "pong"
        finally:
            await feed.close()


async def next_frame(ws: ClientConnection, kind: str, within: float = 10) -> dict[str, Any]:
    """The next frame of type ``kind`` (or an error frame), skipping others; each one checked
    against its documented schema (``tests/odr/frame_check.py``)."""
    centre = ws.request is not None and ws.request.path.endswith("/ws/centre")
    check = frame_check.centre_frame if centre else frame_check.room_frame
    async with asyncio.timeout(within):
        while True:
            frame = check(await ws.recv())
            if frame["type"] in (kind, "error"):
                return dict(frame)


# -- the template itself (fast) ---------------------------------------------------------------


def test_the_template_keeps_the_apps_headers_limits_and_timeouts() -> None:
    template = TEMPLATE.read_text()
    csp = CONTENT_SECURITY_POLICY.decode()
    assert f'add_header Content-Security-Policy "{csp}" always;' in template
    hsts = STRICT_TRANSPORT_SECURITY[1].decode()
    # Every answer nginx makes itself (static files, the 413, the /metrics refusal) carries HSTS
    # like the app's; the proxied locations get the app's own header.
    answered_here = [
        block for block in re.split(r"\n    location ", template)[1:] if "proxy_pass" not in block
    ]
    assert len(answered_here) == 3, [block.split("{", 1)[0] for block in answered_here]
    for block in answered_here:
        assert f'add_header Strict-Transport-Security "{hsts}" always;' in block, block[:40]
    assert "the request body is larger than the limit of {{MAX_BODY_BYTES}} bytes" in template
    # Sockets: longer than the app's idle timeout (90 s) and its ping every 20 s.
    for path in ("/ws", "/ws/centre"):
        block = template.split(f"location = {path} {{", 1)[1].split("}", 1)[0]
        for timeout in ("proxy_read_timeout", "proxy_send_timeout"):
            seconds = int(re.search(rf"{timeout} (\d+)s;", block).group(1))  # type: ignore[union-attr]
            assert seconds > 90, (path, timeout)
