"""The caucus's broker channels and frames: one channel per (case, party role), so a frame of the
claimant's caucus is never even delivered to a socket of the respondent's.

The mediator's socket listens on every party's channel of its case, a party's on its own. The
room's channel (``odr/room/channel.py``) carries nothing of a caucus, so neither the other
party's room socket nor the centre's dashboard feed sees a frame, a seq or a moment of one.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from odr.caucus.schemas import CaucusMessageOut
from realtime import BrokerUnavailable
from realtime.broker import Broker

log = logging.getLogger("odr.caucus")


def channel_name(case_id: str, role: str) -> str:
    return f"kelisim:caucus:{case_id}:{role}"


def message_frame(case_id: str, role: str, message: CaucusMessageOut) -> dict[str, Any]:
    return {
        "type": "caucus_message",
        "case_id": case_id,
        "role": role,
        "message": message.model_dump(mode="json"),
    }


def state_frame(
    case_id: str, role: str, state: str, requested_at: str | None = None
) -> dict[str, Any]:
    return {
        "type": "caucus",
        "case_id": case_id,
        "role": role,
        "state": state,
        "requested_at": requested_at,
    }


async def publish(broker: Broker, frame: dict[str, Any]) -> None:
    """Send ``frame`` to the sockets of its caucus, after the commit. At most once: a socket
    that missed it rereads the history over HTTP when it reconnects."""
    try:
        await broker.publish(
            channel_name(frame["case_id"], frame["role"]), json.dumps(frame).encode()
        )
    except BrokerUnavailable:
        log.warning("broker unavailable; caucus pages reread on reconnect")
