"""Who the client is: its address, believed from ``X-Forwarded-For`` only via a trusted proxy.

Behind a reverse proxy every connection the app sees comes from the proxy. The proxy tells us who
its own client was by appending that address to ``X-Forwarded-For``, but the header arrives with
whatever the client put in it first, and a client that reaches the app directly can send one of
its own. So the header is read only when the connection comes from one of our own proxies
(``ODR_TRUSTED_PROXIES``), and then from the right: skipping the addresses of our proxies, the
first address that is not one of them was written by a proxy we trust about a peer it saw, so it
is the client. Everything to its left was written by that client (or by proxies nobody vouches
for) and is ignored. Taking the left-most address instead would let anyone choose the address they
are throttled under by sending ``X-Forwarded-For: <random>``. This is the rule MDN documents and
uvicorn applies (``forwarded_allow_ips``); ``odr serve`` gives uvicorn the same list, so its own
log lines name the client too, and applying the rule again to an address uvicorn resolved changes
nothing (``resolve`` of an untrusted peer is that peer).

``client_address`` is the one place the service asks who is calling: ``Context.client_address``
(login and re-entry throttling in ``odr/auth/throttle.py``, password-reset limits, the public rate
limits of ``odr/web/ratelimit.py``, the court's audit trail) reads it. ``resolve`` is the rule
itself, pure, with the parsing of header values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from starlette.requests import HTTPConnection

Network = IPv4Network | IPv6Network
UNKNOWN = "unknown"  # no peer address at all (a Unix socket, some test transports)


def client_address(connection: HTTPConnection, trusted: Sequence[Network]) -> str:
    """The address of the client behind ``connection`` (an HTTP request or a WebSocket)."""
    peer = connection.client.host if connection.client else None
    return resolve(peer, connection.headers.getlist("x-forwarded-for"), trusted)


def resolve(peer: str | None, forwarded_for: Iterable[str], trusted: Sequence[Network]) -> str:
    """The client's address from the connection's ``peer`` and its ``X-Forwarded-For`` values.

    ``peer`` itself unless it is a trusted proxy; then the right-most address of the joined
    ``X-Forwarded-For`` values that is not a trusted proxy. When every listed address is a
    trusted proxy (a request from inside our own network), the left-most one; with no usable
    header, the proxy's own address.
    """
    if peer is None:
        return UNKNOWN
    if not is_trusted(peer, trusted):
        return peer
    hops = [host for value in forwarded_for for host in _hosts(value)]
    for host in reversed(hops):
        if not is_trusted(host, trusted):
            return host
    return hops[0] if hops else peer


def is_trusted(host: str, trusted: Sequence[Network]) -> bool:
    """Whether ``host`` is an address inside one of the ``trusted`` networks.

    A name or garbage is never trusted. An IPv4 address written as IPv6 (``::ffff:10.0.0.1``,
    what a dual-stack socket reports) counts as the IPv4 address.
    """
    try:
        address: IPv4Address | IPv6Address = ip_address(host)
    except ValueError:
        return False
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in trusted)


def _hosts(value: str) -> list[str]:
    """The addresses of one ``X-Forwarded-For`` value, ports removed, empty items skipped."""
    return [host for host in (_without_port(item.strip()) for item in value.split(",")) if host]


def _without_port(item: str) -> str:
    """``[2001:db8::1]:443`` → ``2001:db8::1``; ``192.0.2.1:443`` → ``192.0.2.1``."""
    if item.startswith("["):
        end = item.find("]")
        return item[1:end] if end > 0 else item
    if item.count(":") == 1:  # IPv4 with a port; a bare IPv6 address has two colons or more
        return item.split(":", 1)[0]
    return item
