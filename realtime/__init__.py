"""Live fan-out of committed room events: brokers (in-process, Redis) and the per-process hub.

See ``docs/realtime-fanout.md`` for the design: at-most-once delivery, ``GAP`` when messages may
have been lost, and clients refilling from the event log by sequence number.
"""

from realtime.broker import Broker, InProcessBroker, make_broker
from realtime.broker_redis import RedisBroker
from realtime.errors import BrokerUnavailable, RealtimeError, SubscriptionClosed
from realtime.hub import Hub, Listener
from realtime.mailbox import GAP, GapType
from realtime.subscription import Subscription

__all__ = [
    "GAP",
    "Broker",
    "BrokerUnavailable",
    "GapType",
    "Hub",
    "InProcessBroker",
    "Listener",
    "RealtimeError",
    "RedisBroker",
    "Subscription",
    "SubscriptionClosed",
    "make_broker",
]
