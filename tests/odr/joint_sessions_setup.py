"""What the joint-session tests share: a case with two parties (Kazakh and English readers) and
its mediator (Russian), the letters the SMTP server received, their calendar parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from icalendar import Calendar
from starlette.applications import Starlette

from tests.builders.mail import Smtp
from tests.conftest import Client, MakeClient
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

PEOPLE = {"claimant": "aigerim@example.kz", "respondent": "john@example.kz"}
MEDIATOR = "dana@centre.kz"
LINK = "https://meet.example.kz/kelisim-1"


@dataclass
class World:
    case_id: str
    reference: str
    claimant: Client
    respondent: Client
    mediator: Client
    outsider: Client


async def world(app: Starlette, make_client: MakeClient) -> World:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["kk", "ru", "en"])
    await add_mediator(app, admin, centre["id"], MEDIATOR, name="Dana")
    claimant = make_client()
    await claimant.signup(PEOPLE["claimant"], language="kk")
    respondent = make_client()
    await respondent.signup(PEOPLE["respondent"], language="en")
    created = await open_case(claimant)
    await join(respondent, created)
    outsider = make_client()
    await outsider.signup("stranger@example.kz")
    mediator = await login(make_client(), MEDIATOR)
    case = created["case"]
    return World(case["id"], case["reference"], claimant, respondent, mediator, outsider)


def at(now: datetime, days: int, hour: int) -> datetime:
    """``days`` ahead of ``now``, at ``hour``:00 UTC."""
    day = (now + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)
    return day


def slot(starts_at: datetime, minutes: int = 60, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"starts_at": starts_at.isoformat(), "duration_minutes": minutes}
    return body | (extra or {"meeting_url": LINK})


def letters(smtp: Smtp, to: str) -> list[EmailMessage]:
    return [m for m in smtp.inbox.messages if m["To"] == to]


def calendar_of(message: EmailMessage) -> tuple[str, Calendar]:
    """The calendar part's METHOD (from its Content-Type) and the parsed calendar."""
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in message.walk()]
    part = parts[0]
    return str(part.get_param("method")), Calendar.from_ical(part.get_content())


def event_of(calendar: Calendar) -> Any:
    (event,) = calendar.walk("VEVENT")
    return event


def z(moment: datetime) -> str:
    """A UTC moment as the API writes it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
