"""The room's ``PresenceBook``: who has a case's room open, from the presence broadcasts."""

from __future__ import annotations

from odr.room.channel import channel_name, ephemeral_message
from odr.room.log import encode
from odr.room.presence_book import SWEEP_EVERY, PresenceBook


def presence(role: str, connection: str, *, online: bool = True, ttl: int = 60) -> bytes:
    frame = {
        "type": "presence",
        "connection": connection,
        "who": {"role": role, "name": "Айгерім"},
        "online": online,
        "ttl": ttl,
    }
    return ephemeral_message(encode(frame))


def test_a_party_is_present_until_it_leaves_or_its_presence_expires() -> None:
    now = [100.0]
    book = PresenceBook(clock=lambda: now[0])
    case = channel_name("c1")
    book.heard(case, presence("respondent", "a"))
    book.heard(case, presence("respondent", "b"))  # a second tab
    assert book.present("c1", "respondent") and not book.present("c1", "claimant")
    assert not book.present("c2", "respondent")
    book.heard(case, presence("respondent", "a", online=False))
    assert book.present("c1", "respondent")  # the other tab is still open
    now[0] += 61  # tab b died without saying so: its time to live passed
    assert not book.present("c1", "respondent")


def test_other_messages_and_malformed_frames_are_ignored_and_dead_entries_swept() -> None:
    now = [0.0]
    book = PresenceBook(clock=lambda: now[0])
    case = channel_name("c1")
    book.heard(case, b'E5\n{"type":"event"}')
    book.heard(case, b'P\n{"type":"presence","who":1}')
    book.heard("elsewhere", presence("claimant", "x"))
    assert book._cases == {}
    book.heard(case, presence("claimant", "x", ttl=1))
    now[0] = 5.0
    for number in range(SWEEP_EVERY):
        book.heard(channel_name("c2"), presence("claimant", f"y{number}", online=False))
    assert book._cases == {}
