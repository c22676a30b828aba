"""A token bucket per connection: bursts are fine, a sustained flood is refused.

Pure: the caller passes the current monotonic time, so tests need no clock.
"""

from __future__ import annotations


class TokenBucket:
    def __init__(self, rate_per_s: float, burst: int, now: float) -> None:
        self.rate = rate_per_s
        self.burst = float(burst)
        self.tokens = float(burst)
        self.updated = now

    def allow(self, now: float) -> bool:
        """Take one token if there is one (refilled at ``rate_per_s`` up to ``burst``)."""
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
