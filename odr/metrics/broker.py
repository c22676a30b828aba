"""Broker lag, measured on the room events this process receives, and broker reconnects.

``realtime/`` knows nothing of events or metrics: the hub calls ``on_message`` once per message
a channel brings into this process (before it is copied to the local listeners), and the Redis
broker calls ``on_reconnect``. Here a case channel's event message (``odr/room/channel.py``) is
read for the time its event was logged, the ``"at"`` of its frame, taken by the writer just
before its commit; the lag is this instance's clock now minus that. So it covers commit,
publication, Redis and this process's reader of it, and across machines also their clocks'
difference (kept small by NTP; a negative difference counts as 0).

Only the frame's header and its ``"at"`` are looked at, found by a byte search rather than by
parsing the JSON: ``event_frame`` writes ``"at"`` after ``"actor"`` (whose strings escape their
quotes, so cannot fake the key) and before ``"data"``. Any message that does not fit is skipped:
a metric must never disturb delivery.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from odr.metrics.instruments import Metrics

AT = b',"at":"'


def logged_at(message: bytes) -> datetime | None:
    """The ``at`` of an event message on a case channel; None for any other message."""
    if not message.startswith(b"E"):
        return None
    start = message.find(AT, message.find(b"\n"))
    if start < 0:
        return None
    start += len(AT)
    end = message.find(b'"', start)
    try:
        return datetime.fromisoformat(message[start:end].decode())
    except (ValueError, UnicodeDecodeError):
        return None


def lag_observer(metrics: Metrics, clock: Callable[[], datetime]) -> Callable[[str, bytes], None]:
    """The hub's ``on_message``: observes the lag of each event message."""
    histogram = metrics.broker_lag

    def on_message(channel: str, message: bytes) -> None:
        at = logged_at(message)
        if at is None or at.tzinfo is None:
            return
        histogram.observe(max(0.0, (clock() - at).total_seconds()))

    return on_message


def reconnect_counter(metrics: Metrics) -> Callable[[], None]:
    """The Redis broker's ``on_reconnect``."""
    return metrics.broker_reconnects.inc
