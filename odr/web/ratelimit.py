"""A per-key rate limit (a token bucket per client address, e-mail, …), kept in memory per process.

For anonymous endpoints that cost us something (verifying an uploaded PDF, looking up a code,
previewing an invitation, asking for a password-reset e-mail): each key may make ``burst``
requests at once and ``rate_per_s`` a second after that; further requests are refused with a
429 that says when to come back. It is not a security boundary between instances: each process
counts on its own, so N instances allow N times the rate. That is enough to stop one client
from exhausting a process; login throttling, which must hold across instances, lives in the
database (``odr/auth/throttle.py``).

Two layers, so the logic is testable without a clock:

- ``KeyedRateLimiter.check(key, now)`` is pure: ``now`` is any monotonic time in seconds;
- ``enforce(limiters, name, key, …)`` takes the limiter called ``name`` from this app's
  ``RateLimiters`` (``ctx.services.rate_limiters``: each limiter is created on first use, so
  every app, and every test, starts empty), reads ``time.monotonic()`` and raises
  ``TooManyRequests`` (code ``too_many_requests``, with a ``Retry-After`` header) when ``key`` is
  over its budget.

- ``limit_anonymous(limiters, settings, name, key)`` is ``enforce`` with the budget of the
  anonymous endpoints (``ODR_PUBLIC_RATE_PER_MIN``, ``ODR_PUBLIC_RATE_BURST``).

Usage from a handler (each ``name`` is a separate budget; the key is usually the address)::

    services = ctx.services
    limit_anonymous(services.rate_limiters, services.settings, "verify_upload", ctx.client_address)
    enforce(services.rate_limiters, "password_reset", email_key, rate_per_s=1 / 60, burst=3,
            what="password-reset requests")
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from dataclasses import dataclass

from odr.errors import TooManyRequests
from odr.settings import Settings
from realtime.ratelimit import TokenBucket

DEFAULT_MAX_KEYS = 10_000


@dataclass(frozen=True)
class Decision:
    """Whether a request may go ahead; if not, how many seconds until it may (at least 1)."""

    allowed: bool
    retry_after_s: int = 0


class KeyedRateLimiter:
    """A token bucket per key: ``burst`` requests at once, then ``rate_per_s`` a second.

    Memory is bounded: at most ``max_keys`` buckets are kept. When a new key arrives and the
    table is full, the least recently used bucket is forgotten (that key then starts afresh
    with a full burst, the price of not growing without limit under a flood of addresses).
    """

    def __init__(self, rate_per_s: float, burst: int, *, max_keys: int = DEFAULT_MAX_KEYS) -> None:
        if rate_per_s <= 0 or burst < 1 or max_keys < 1:
            raise ValueError("rate_per_s must be positive, burst and max_keys at least 1")
        self.rate_per_s = rate_per_s
        self.burst = burst
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def check(self, key: str, now: float) -> Decision:
        """Spend one request of ``key``'s budget at time ``now``, or say how long to wait."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.rate_per_s, self.burst, now)
            self._buckets[key] = bucket
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        if bucket.allow(now):
            return Decision(True)
        missing = 1.0 - bucket.tokens  # ``allow`` has just refilled the bucket up to ``now``
        return Decision(False, max(1, math.ceil(missing / self.rate_per_s)))

    def __len__(self) -> int:
        return len(self._buckets)


class RateLimiters:
    """One app's limiters by name, each created on first use with the parameters it is asked for."""

    def __init__(self) -> None:
        self._by_name: dict[str, KeyedRateLimiter] = {}

    def get(self, name: str, *, rate_per_s: float, burst: int) -> KeyedRateLimiter:
        limiter = self._by_name.get(name)
        if limiter is None:
            limiter = self._by_name[name] = KeyedRateLimiter(rate_per_s, burst)
        return limiter


def enforce(
    limiters: RateLimiters,
    name: str,
    key: str,
    *,
    rate_per_s: float,
    burst: int,
    what: str = "requests",
) -> None:
    """Raise ``TooManyRequests`` (429, ``Retry-After``) when ``key`` is over ``name``'s budget.

    ``what`` names the requests in the message people see ("verification requests").
    """
    limiter = limiters.get(name, rate_per_s=rate_per_s, burst=burst)
    decision = limiter.check(key, time.monotonic())
    if not decision.allowed:
        seconds = decision.retry_after_s
        raise TooManyRequests(
            f"too many {what} from your address; please wait {seconds} s and try again",
            code="too_many_requests",
            headers={"Retry-After": str(seconds)},
        )


def limit_anonymous(
    limiters: RateLimiters, settings: Settings, name: str, key: str, *, what: str = "requests"
) -> None:
    """``enforce`` with the anonymous endpoints' budget from the settings."""
    enforce(
        limiters,
        name,
        key,
        rate_per_s=settings.public_rate_per_min / 60,
        burst=settings.public_rate_burst,
        what=what,
    )
