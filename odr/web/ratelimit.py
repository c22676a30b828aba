"""A per-key rate limit (a token bucket per client address, e-mail, …), shared through Redis.

For anonymous endpoints that cost us something (verifying an uploaded PDF, looking up a code,
previewing an invitation, asking for a password-reset e-mail): each key may make ``burst``
requests at once and ``rate_per_s`` a second after that; further requests are refused with a
429 that says when to come back.

Where the buckets live:

- with ``ODR_REDIS_URL``, in Redis (``SharedBuckets``), so every instance and every worker of
  ``odr serve --workers N`` spends from the same budget: N processes allow what one does. One
  Lua script refills and spends a bucket atomically on Redis's own clock (instances' clocks
  need not agree). The key is a keyed hash of the address, like the login throttle's
  (``odr/auth/throttle.py``), so Redis never holds an address in clear, and it expires once its
  bucket would be full again, so Redis holds nothing for a client that went quiet;
- without it, or while Redis does not answer within ``SHARED_TIMEOUT_S``, in this process
  (``KeyedRateLimiter``). An outage of Redis must not take the public endpoints down with it:
  requests are counted per process meanwhile (one warning in the log when that starts, one
  line when Redis answers again), and Redis is asked again ``SHARED_PAUSE_S`` later rather than
  on every request.

Two layers, so the logic is testable without a clock:

- ``KeyedRateLimiter.check(key, now)`` is pure: ``now`` is any monotonic time in seconds;
- ``enforce(limiters, name, key, …)`` asks this app's ``RateLimiters``
  (``ctx.services.rate_limiters``: each in-process limiter is created on first use, so every
  app, and every test, starts empty) and raises ``TooManyRequests`` (code
  ``too_many_requests``, with a ``Retry-After`` header) when ``key`` is over its budget.

- ``limit_anonymous(limiters, settings, name, key)`` is ``enforce`` with the budget of the
  anonymous endpoints (``ODR_PUBLIC_RATE_PER_MIN``, ``ODR_PUBLIC_RATE_BURST``).

Usage from a handler (each ``name`` is a separate budget; the key is usually the address)::

    services = ctx.services
    await limit_anonymous(
        services.rate_limiters, services.settings, "verify_upload", ctx.client_address
    )
    await enforce(services.rate_limiters, "password_reset", email_key, rate_per_s=1 / 60,
                  burst=3, what="password-reset requests")
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from odr.auth.tokens import keyed_hash
from odr.errors import TooManyRequests
from odr.settings import Settings
from realtime.ratelimit import TokenBucket

log = logging.getLogger("odr.ratelimit")
DEFAULT_MAX_KEYS = 10_000
SHARED_TIMEOUT_S = 0.5
"""How long a request waits for Redis's answer before it is counted in this process instead."""
SHARED_PAUSE_S = 5.0
"""After Redis failed to answer, how long requests are counted in this process before Redis is
asked again: an outage costs each request nothing, not a timeout each."""
KEY_PREFIX = "kelisim:ratelimit:"


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
        return _refusal(bucket.tokens, self.rate_per_s)  # ``allow`` refilled it up to ``now``

    def __len__(self) -> int:
        return len(self._buckets)


# KEYS[1] the bucket; ARGV[1] tokens a second, ARGV[2] the burst. Returns {1 or 0, tokens left}
# (tokens as a string: Redis would cut a Lua number to an integer). Redis's clock, not the
# callers': TIME in a script is allowed since Redis 5 (scripts replicate their effects).
TOKEN_BUCKET = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', string.format('%.6f', now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
"""


def _refusal(tokens: float, rate_per_s: float) -> Decision:
    """Refused with ``tokens`` left: come back when one whole token has refilled."""
    return Decision(False, max(1, math.ceil((1.0 - tokens) / rate_per_s)))


class SharedBuckets:
    """Token buckets in Redis, shared by every instance configured with the same Redis and
    ``ODR_SECRET_KEY``; ``check`` answers None when Redis cannot say (see the module docstring).
    """

    def __init__(self, url: str, secret_key: str) -> None:
        self.url = url
        self._secret_key = secret_key
        self._client: Redis | None = None
        self._script: Any = None
        self._failing = False
        self._retry_at = 0.0

    def _connect(self) -> Any:
        """The script on a client made on first use (inside the running loop, not at import)."""
        if self._client is None:
            # No retries and a short connect timeout: a request must not wait on an outage. No
            # socket_timeout either (odr's broker explains why); ``check`` bounds each call.
            self._client = Redis.from_url(
                self.url,
                client_name="kelisim-ratelimit",
                retry=Retry(NoBackoff(), 0),
                socket_connect_timeout=SHARED_TIMEOUT_S,
                socket_keepalive=True,
            )
            self._script = self._client.register_script(TOKEN_BUCKET)
        return self._script

    def key(self, name: str, key: str) -> str:
        """The Redis key of ``key``'s bucket for ``name``: the address itself is never stored."""
        return KEY_PREFIX + name + ":" + keyed_hash(self._secret_key, "ratelimit:" + key)

    async def check(self, name: str, key: str, rate_per_s: float, burst: int) -> Decision | None:
        """Spend one request of ``key``'s shared budget, or None when Redis does not answer."""
        if self._failing and time.monotonic() < self._retry_at:
            return None
        try:
            async with asyncio.timeout(SHARED_TIMEOUT_S):
                allowed, tokens = await self._connect()(
                    keys=[self.key(name, key)], args=[repr(rate_per_s), burst]
                )
        except (RedisError, OSError, TimeoutError) as exc:
            if not self._failing:
                log.warning(
                    "rate limits: Redis does not answer (%s); counting per process until it does",
                    type(exc).__name__,
                )
            self._failing, self._retry_at = True, time.monotonic() + SHARED_PAUSE_S
            return None
        if self._failing:
            log.info("rate limits: Redis answers again; counting across instances")
            self._failing = False
        if int(allowed):
            return Decision(True)
        return _refusal(float(tokens), rate_per_s)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


class RateLimiters:
    """One app's budgets by name: in Redis when ``shared``, else (and during an outage of Redis)
    in this process, each in-process limiter created on first use with the parameters asked for.
    """

    def __init__(self, shared: SharedBuckets | None = None) -> None:
        self.shared = shared
        self._by_name: dict[str, KeyedRateLimiter] = {}

    @classmethod
    def for_settings(cls, settings: Settings) -> RateLimiters:
        """Shared through ``ODR_REDIS_URL`` when it is set, else per process."""
        if settings.redis_url is None:
            return cls()
        return cls(SharedBuckets(settings.redis_url, settings.secret_key))

    def get(self, name: str, *, rate_per_s: float, burst: int) -> KeyedRateLimiter:
        limiter = self._by_name.get(name)
        if limiter is None:
            limiter = self._by_name[name] = KeyedRateLimiter(rate_per_s, burst)
        return limiter

    async def check(self, name: str, key: str, *, rate_per_s: float, burst: int) -> Decision:
        """Spend one request of ``key``'s budget for ``name``, or say how long to wait."""
        if self.shared is not None:
            decision = await self.shared.check(name, key, rate_per_s, burst)
            if decision is not None:
                return decision
        limiter = self.get(name, rate_per_s=rate_per_s, burst=burst)
        return limiter.check(key, time.monotonic())

    async def close(self) -> None:
        """Close the connection to Redis, if any (the app's lifespan, on the way out)."""
        if self.shared is not None:
            await self.shared.close()


async def enforce(
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
    decision = await limiters.check(name, key, rate_per_s=rate_per_s, burst=burst)
    if not decision.allowed:
        seconds = decision.retry_after_s
        raise TooManyRequests(
            f"too many {what} from your address; please wait {seconds} s and try again",
            code="too_many_requests",
            headers={"Retry-After": str(seconds)},
        )


async def limit_anonymous(
    limiters: RateLimiters, settings: Settings, name: str, key: str, *, what: str = "requests"
) -> None:
    """``enforce`` with the anonymous endpoints' budget from the settings."""
    await enforce(
        limiters,
        name,
        key,
        rate_per_s=settings.public_rate_per_min / 60,
        burst=settings.public_rate_burst,
        what=what,
    )
