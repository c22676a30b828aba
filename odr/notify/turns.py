"""Which letters a committed room event calls for: "a new offer", and "your turn".

Pure: from the events the room just committed to the letters to queue, each with the rule for
its recipients. The writer (``room_letters.py``) resolves the recipients in the database.

"Your turn" says only what the room already shows the reader: that another party stated its
interests or points (the room logs ``interests_submitted``/``points_submitted`` with the role),
that a bidding round opened (to both at once: it never tells who bid first), that rules were
proposed, that proposals are ready. Each once (``dedupe``), to a recipient who has not done the
step yet (``unless_done``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from odr.room.log import LoggedEvent

ASTANA = timedelta(hours=5)
"""Kazakhstan's one time zone since 2024 (UTC+5): the time a deadline is written in."""


@dataclass(frozen=True)
class Letter:
    kind: str
    """A notice kind of ``templates.TEMPLATES``."""
    case_id: str
    dedupe: str
    """The notice's dedupe key without the recipient: once per recipient and this key."""
    to: Literal["others", "everyone"]
    """The case's parties other than ``actor_user_id``, or all of them."""
    actor_user_id: str | None
    page: str
    """The case's page the letter links to: ``room``, ``interests``, … ("" the case's own)."""
    params: tuple[tuple[str, Any], ...] = ()
    unless_done: Literal["interests", "points"] | None = None
    """Skip a recipient who has already stated its interests / its points."""
    unless_present: bool = False
    """Skip a recipient who has the case's room open now: it sees the event as it happens."""


def hour_of(now: datetime) -> str:
    return now.strftime("%Y-%m-%dT%H")


def astana_time(moment: datetime) -> str:
    """``dd.mm.yyyy HH:MM``, as Kazakh and Russian write it, in Astana's time."""
    return (moment.astimezone(UTC) + ASTANA).strftime("%d.%m.%Y %H:%M")


def letters_for(case_id: str, events: Sequence[LoggedEvent], now: datetime) -> list[Letter]:
    letters: list[Letter] = []
    for event in events:
        letter = _letter(case_id, event, now)
        if letter is not None:
            letters.append(letter)
    return letters


def _letter(case_id: str, event: LoggedEvent, now: datetime) -> Letter | None:
    actor = event.actor_user_id
    if event.type in ("offer", "counter_offer") and actor is not None:
        # A party makes offers in bursts: one "come back" per recipient and clock hour.
        return Letter(
            "new_offer", case_id, f"new_offer:{hour_of(now)}", "others", actor, "room",
            unless_present=True,
        )  # fmt: skip
    if event.type == "interests_submitted" and actor is not None:
        return Letter(
            "your_turn_interests", case_id, "turn:interests", "others", actor, "interests",
            unless_done="interests",
        )  # fmt: skip
    if event.type == "points_submitted" and actor is not None:
        return Letter(
            "your_turn_points", case_id, "turn:points", "others", actor, "division",
            unless_done="points",
        )  # fmt: skip
    if event.type == "document" and event.data.get("kind") in ("added", "shared") and actor:
        # A document shown to everyone (never a mediator-only one: it logs no event at all).
        return Letter(
            "new_document", case_id, f"new_document:{hour_of(now)}", "others", actor, "",
            unless_present=True,
        )  # fmt: skip
    if event.type == "proposals_ready":
        return Letter(
            "proposals_ready", case_id, f"proposals:{hour_of(now)}", "everyone", None, ""
        )  # the case's page leads to the mechanism's page: proposals, or the division
    if event.type == "bidding":
        kind = event.data.get("kind")
        if kind == "round_opened":
            deadline = datetime.fromisoformat(str(event.data["deadline_at"]))
            number = int(event.data["round"])
            return Letter(
                "your_turn_bid", case_id, f"turn:bid:{number}", "everyone", None, "bidding",
                params=(("round", number), ("deadline", astana_time(deadline))),
            )  # fmt: skip
        if kind == "rules_proposed" and actor is not None:
            return Letter(
                "your_turn_rules", case_id, f"turn:rules:{event.seq}", "others", actor, "bidding"
            )
    return None
