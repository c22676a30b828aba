"""Who the client is: the rule (pure) and the app's throttles and rate limits that depend on it.

The app is reached through ``httpx.ASGITransport`` with a chosen peer address, the way a socket
from a proxy or from a client would reach it; ``test_nginx.py`` does the same through a real nginx.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from ipaddress import ip_network

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette

from odr.settings import SettingsError, load_settings
from odr.web.client_address import UNKNOWN, is_trusted, resolve
from tests.conftest import ORIGIN, Client, assert_error

PROXIES = (ip_network("127.0.0.1"), ip_network("10.0.0.0/8"), ip_network("fd00::/8"))


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        # Not from a proxy: the peer, whatever it claims.
        ("203.0.113.5", [], "203.0.113.5"),
        ("203.0.113.5", ["198.51.100.1"], "203.0.113.5"),
        # From our proxy: the address the proxy appended.
        ("127.0.0.1", ["198.51.100.1"], "198.51.100.1"),
        # The client's own entries are to the left of the proxy's: ignored.
        ("127.0.0.1", ["1.2.3.4, 198.51.100.1"], "198.51.100.1"),
        ("127.0.0.1", ["1.2.3.4", "198.51.100.1"], "198.51.100.1"),  # two header lines
        # A chain of our proxies: skipped from the right.
        ("127.0.0.1", ["1.2.3.4, 198.51.100.1, 10.1.2.3"], "198.51.100.1"),
        # Everyone listed is ours: the left-most (a request from inside the network).
        ("127.0.0.1", ["10.0.0.9, 10.1.2.3"], "10.0.0.9"),
        # No usable header: the proxy itself.
        ("127.0.0.1", [], "127.0.0.1"),
        ("127.0.0.1", [" , "], "127.0.0.1"),
        # Ports and brackets are not part of the address.
        ("127.0.0.1", ["198.51.100.1:4711"], "198.51.100.1"),
        ("127.0.0.1", ["[2001:db8::7]:4711"], "2001:db8::7"),
        ("127.0.0.1", ["2001:db8::7"], "2001:db8::7"),
        # A dual-stack socket reports our IPv4 proxy as IPv6.
        ("::ffff:127.0.0.1", ["198.51.100.1"], "198.51.100.1"),
        ("fd00::1", ["198.51.100.1"], "198.51.100.1"),
        (None, ["198.51.100.1"], UNKNOWN),
    ],
)
def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy(
    peer: str | None, forwarded_for: list[str], client: str
) -> None:
    assert resolve(peer, forwarded_for, PROXIES) == client


def test_nothing_is_trusted_by_default_and_names_never_are() -> None:
    assert resolve("127.0.0.1", ["198.51.100.1"], ()) == "127.0.0.1"
    assert not is_trusted("localhost", PROXIES)
    assert not is_trusted("10.0.0.1.example", PROXIES)
    assert is_trusted("10.255.255.255", PROXIES) and not is_trusted("11.0.0.0", PROXIES)


ours = st.sampled_from(["127.0.0.1", "10.1.2.3", "10.0.0.9", "fd00::5", "::ffff:10.0.0.1"])
addresses = st.one_of(ours, st.ip_addresses(v=4).map(str), st.ip_addresses(v=6).map(str))


@given(peer=addresses, chain=st.lists(addresses, max_size=5))
def test_resolving_an_address_already_resolved_changes_nothing(peer: str, chain: list[str]) -> None:
    """uvicorn applies the same rule first (``odr serve``); the app's second pass is a no-op."""
    header = [", ".join(chain)] if chain else []
    once = resolve(peer, header, PROXIES)
    assert resolve(once, header, PROXIES) == once


def test_trusted_proxies_setting(tmp_path: object) -> None:
    def read(**env: str) -> tuple[str, ...]:
        settings = load_settings({"ODR_DATA_DIR": str(tmp_path), **env})
        return tuple(map(str, settings.trusted_proxies))

    assert read() == ()
    assert read(ODR_TRUSTED_PROXIES=" 127.0.0.1, 10.0.0.0/8,::1 ") == (
        "127.0.0.1/32",
        "10.0.0.0/8",
        "::1/128",
    )
    # The deprecated boolean means what uvicorn trusted with it before; the list wins.
    assert read(ODR_TRUST_PROXY_HEADERS="true") == ("127.0.0.1/32",)
    assert read(ODR_TRUST_PROXY_HEADERS="false") == ()
    assert read(ODR_TRUST_PROXY_HEADERS="true", ODR_TRUSTED_PROXIES="10.0.0.0/8") == ("10.0.0.0/8",)
    for bad in ("*", "proxy.internal", "10.0.0.5/8"):
        with pytest.raises(SettingsError, match="ODR_TRUSTED_PROXIES"):
            read(ODR_TRUSTED_PROXIES=bad)


# -- the app ----------------------------------------------------------------------------------

PROXY = "127.0.0.1"


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    return {
        **env,
        "ODR_TRUSTED_PROXIES": PROXY,
        "ODR_LOGIN_MAX_FAILURES_ADDRESS": "2",
        "ODR_LOGIN_MAX_FAILURES_ACCOUNT": "100",
        "ODR_PUBLIC_RATE_PER_MIN": "1",
        "ODR_PUBLIC_RATE_BURST": "2",
    }


Peer = Callable[..., Client]


@pytest.fixture
async def peer(app: Starlette) -> AsyncIterator[Peer]:
    """A client whose connection comes from ``address``, sending ``X-Forwarded-For`` if given."""
    clients: list[Client] = []

    def make(address: str, forwarded_for: str | None = None) -> Client:
        headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
        client = Client(
            transport=httpx.ASGITransport(app=app, client=(address, 40000)),
            base_url=ORIGIN,
            headers=headers,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


async def wrong_login(client: Client, n: int) -> httpx.Response:
    return await client.post(
        "/api/auth/login", json={"email": f"nobody{n}@example.kz", "password": "not it at all"}
    )


async def test_login_throttling_counts_the_client_behind_the_proxy(peer: Peer) -> None:
    first, second = peer(PROXY, "198.51.100.1"), peer(PROXY, "198.51.100.2")
    for n in range(2):
        assert_error(await wrong_login(first, n), 401, "login_failed")
    assert_error(await wrong_login(first, 2), 429, "login_throttled")
    # The proxy's other client is another address; the proxy itself is nobody's address.
    assert_error(await wrong_login(second, 3), 401, "login_failed")
    # Prepending an address of one's own through the proxy changes nothing.
    assert_error(await wrong_login(peer(PROXY, "203.0.113.9, 198.51.100.1"), 4), 429)


async def test_a_client_reaching_the_app_directly_is_not_believed(peer: Peer) -> None:
    for n in range(2):
        assert_error(await wrong_login(peer("203.0.113.5", f"198.51.100.{n + 10}"), n), 401)
    # Every claim so far was ignored: the two failures count against 203.0.113.5 itself...
    assert_error(await wrong_login(peer("203.0.113.5", "198.51.100.99"), 2), 429)
    # ...and nobody was throttled under the addresses it named.
    assert_error(await wrong_login(peer(PROXY, "198.51.100.10"), 3), 401, "login_failed")


async def test_the_public_rate_limit_counts_the_client_behind_the_proxy(peer: Peer) -> None:
    flooder, neighbour = peer(PROXY, "198.51.100.1"), peer(PROXY, "198.51.100.2")
    for _ in range(2):
        assert (await flooder.get("/api/verify/ABCDE-FGHJK")).status_code == 404
    assert_error(await flooder.get("/api/verify/ABCDE-FGHJK"), 429, "too_many_requests")
    assert (await neighbour.get("/api/verify/ABCDE-FGHJK")).status_code == 404
    spoofing = peer("198.51.100.1", "192.0.2.77")  # the flooder, directly, claiming another
    assert_error(await spoofing.get("/api/verify/ABCDE-FGHJK"), 429, "too_many_requests")
