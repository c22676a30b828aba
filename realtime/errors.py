"""Errors raised by the fan-out layer.

Fan-out is at-most-once: the database is the source of truth and clients refill gaps from it.
So these errors are for logging and shutdown, never a reason to fail a committed case action.
"""

from __future__ import annotations


class RealtimeError(Exception):
    """Base class for every error raised by :mod:`realtime`."""


class BrokerUnavailable(RealtimeError):
    """The broker could not take a message (Redis unreachable, or the broker is closed).

    Raised by ``publish``. The event is already committed, so the caller logs this and carries
    on: subscribers elsewhere receive ``GAP`` when their broker reconnects, or notice the missing
    sequence number on the next event, and refill from the database.
    """


class SubscriptionClosed(RealtimeError):
    """``get()`` was called on (or was waiting on) a subscription or listener that is closed.

    A subscription closes when its owner closes it, or when its broker or hub closes.
    ``async for`` loops end quietly instead of raising this.
    """
