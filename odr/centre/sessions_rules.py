"""Joint sessions' rules, pure: which proposed slots are acceptable, which slot every party can
attend, and how a time reads in Astana.

No database, no clock: ``now`` is passed in. A problem is a ``SlotProblem`` with a stable code
(the browser says it in the reader's words) and the slot's position, so the form can mark it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import urlsplit

MAX_SLOTS = 5
MIN_MINUTES, MAX_MINUTES = 15, 8 * 60
HORIZON = timedelta(days=366)
"""A slot more than a year ahead is a typo (2072 for 2027), not a plan."""
REMIND_BEFORE = timedelta(days=1)
ASTANA = timezone(timedelta(hours=5), "Astana")
"""Kazakhstan has kept one time zone, UTC+5, since March 2024; texts show times there."""


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    duration_min: int
    meeting_url: str | None = None
    place: str | None = None

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_min)


@dataclass(frozen=True)
class SlotProblem:
    code: str
    message: str
    index: int | None = None  # the slot's position in the request (0-based), None: the list


def slot_problems(slots: Sequence[Slot], now: datetime) -> list[SlotProblem]:
    """Everything wrong with a proposal of ``slots``, in order; empty when it may be proposed."""
    if not slots:
        return [SlotProblem("session_no_slots", "propose at least one time")]
    if len(slots) > MAX_SLOTS:
        return [SlotProblem("session_too_many_slots", f"propose at most {MAX_SLOTS} times at once")]
    problems = [p for i, slot in enumerate(slots) if (p := slot_problem(slot, now, i))]
    seen: set[datetime] = set()
    for i, slot in enumerate(slots):
        if slot.starts_at in seen:
            problems.append(SlotProblem("session_duplicate_slot", "this time is proposed twice", i))
        seen.add(slot.starts_at)
    return problems


def slot_problem(slot: Slot, now: datetime, index: int | None = None) -> SlotProblem | None:
    """What is wrong with one slot (also a rescheduled time), or None."""
    if slot.starts_at.tzinfo is None:
        return SlotProblem("session_time_without_zone", "give the time with its UTC offset", index)
    if slot.duration_min <= 0:
        return SlotProblem(
            "session_ends_before_start", "the session must end after it starts", index
        )
    if not MIN_MINUTES <= slot.duration_min <= MAX_MINUTES:
        return SlotProblem(
            "session_bad_duration",
            f"a session lasts {MIN_MINUTES} to {MAX_MINUTES} minutes",
            index,
        )
    if slot.starts_at <= now:
        return SlotProblem("session_slot_in_past", "this time has already passed", index)
    if slot.starts_at > now + HORIZON:
        return SlotProblem("session_slot_too_far", "propose a time within a year", index)
    if slot.meeting_url is not None and not is_meeting_url(slot.meeting_url):
        return SlotProblem(
            "session_bad_link", "the meeting link must be an https:// address", index
        )
    if slot.meeting_url is None and not slot.place:
        return SlotProblem(
            "session_no_link_or_place", "give a meeting link or a place (or both)", index
        )
    return None


def is_meeting_url(url: str) -> bool:
    """An https address with a host: what a video service gives (nothing else is linked)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return (
        parts.scheme == "https"
        and bool(parts.hostname)
        and "." in (parts.hostname or "")
        and not any(c.isspace() or c in "<>\"'" for c in url)
    )


def common_slots(
    numbers: Iterable[int], choices: Mapping[str, set[int]], parties: Iterable[str]
) -> list[int]:
    """The slot numbers (in the given order) that every party in ``parties`` marked."""
    wanted = list(parties)
    return [n for n in numbers if wanted and all(n in choices.get(p, set()) for p in wanted)]


def suggested(
    slots: Mapping[int, Slot], choices: Mapping[str, set[int]], parties: Iterable[str]
) -> int | None:
    """The earliest slot every party can attend, or None: what the mediator is offered first."""
    order = sorted(slots, key=lambda n: slots[n].starts_at)
    found = common_slots(order, choices, parties)
    return found[0] if found else None


def reminder_due(starts_at: datetime, now: datetime) -> datetime | None:
    """When the day-before reminder goes; None when that moment has passed (the invite is
    recent enough)."""
    due = starts_at - REMIND_BEFORE
    return due if due > now else None


def astana(at: datetime) -> str:
    """``07.12.2026 15:00`` in Astana time, as texts show a moment (stored and sent in UTC)."""
    return at.astimezone(ASTANA).strftime("%d.%m.%Y %H:%M")


def as_utc(at: datetime) -> datetime:
    return at.astimezone(UTC)
