"""What travels on a case's broker channel, and how to read it cheaply.

Each message starts with a one-line header so a connection can dedupe and detect gaps without
parsing the JSON of every frame: ``E<seq>\\n<frame>`` for a logged event, ``P\\n<frame>`` for an
ephemeral frame (presence), ``Q\\n`` for "who is here?" (every connection re-announces itself).
"""

from __future__ import annotations

from dataclasses import dataclass


def channel_name(case_id: str) -> str:
    return f"kelisim:case:{case_id}"


def event_message(seq: int, frame: bytes) -> bytes:
    return b"E%d\n" % seq + frame


def ephemeral_message(frame: bytes) -> bytes:
    return b"P\n" + frame


PRESENCE_QUERY = b"Q\n"


@dataclass(frozen=True)
class ChannelMessage:
    kind: str  # "event", "ephemeral" or "query"
    seq: int
    frame: bytes


def read(message: bytes) -> ChannelMessage | None:
    """Split a channel message; None for anything malformed (ignored, never fatal)."""
    header, _, frame = message.partition(b"\n")
    if header.startswith(b"E") and header[1:].isdigit():
        return ChannelMessage("event", int(header[1:]), frame)
    if header == b"P":
        return ChannelMessage("ephemeral", 0, frame)
    if header == b"Q":
        return ChannelMessage("query", 0, b"")
    return None
