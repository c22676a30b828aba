"""The per-key rate limiter (odr/web/ratelimit.py), with time passed in: no clock, no sleeps."""

from __future__ import annotations

import pytest

from odr.web.ratelimit import Decision, KeyedRateLimiter


def test_a_burst_then_the_rate() -> None:
    limiter = KeyedRateLimiter(rate_per_s=0.5, burst=3)
    assert [limiter.check("a", 0.0).allowed for _ in range(3)] == [True, True, True]
    assert limiter.check("a", 0.0) == Decision(False, 2)  # one token every 2 s
    assert limiter.check("a", 1.0) == Decision(False, 1)
    assert limiter.check("a", 2.0).allowed
    assert not limiter.check("a", 2.0).allowed


def test_keys_are_counted_apart() -> None:
    limiter = KeyedRateLimiter(rate_per_s=1 / 60, burst=1)
    assert limiter.check("198.51.100.1", 0.0).allowed
    assert limiter.check("198.51.100.2", 0.0).allowed
    refused = limiter.check("198.51.100.1", 0.0)
    assert not refused.allowed and refused.retry_after_s == 60


def test_refill_stops_at_the_burst() -> None:
    limiter = KeyedRateLimiter(rate_per_s=10, burst=2)
    limiter.check("a", 0.0)
    assert [limiter.check("a", 3600.0).allowed for _ in range(3)] == [True, True, False]


def test_retry_after_is_a_whole_second_at_least() -> None:
    limiter = KeyedRateLimiter(rate_per_s=100, burst=1)
    limiter.check("a", 0.0)
    assert limiter.check("a", 0.0) == Decision(False, 1)


def test_memory_is_bounded_by_forgetting_the_least_recently_seen() -> None:
    limiter = KeyedRateLimiter(rate_per_s=1 / 60, burst=1, max_keys=3)
    for key in ("a", "b", "c"):
        assert limiter.check(key, 0.0).allowed
    assert not limiter.check("a", 1.0).allowed  # "a" is now the most recently seen
    assert limiter.check("d", 1.0).allowed  # evicts "b"
    assert len(limiter) == 3
    assert not limiter.check("a", 2.0).allowed, "a busy key is kept"
    assert limiter.check("b", 2.0).allowed, "a forgotten key starts afresh"


@pytest.mark.parametrize(
    "arguments", [{"rate_per_s": 0, "burst": 1}, {"rate_per_s": 1, "burst": 0}]
)
def test_nonsense_parameters_are_refused(arguments: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        KeyedRateLimiter(**arguments)  # type: ignore[arg-type]
