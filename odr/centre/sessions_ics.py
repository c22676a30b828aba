"""A joint session as an iCalendar invite (RFC 5545/5546), pure: built with ``icalendar``.

One invite per recipient, in the recipient's language, naming only that recipient as attendee:
the parties' e-mail addresses are not each other's to know. The session's id is the UID and
``sequence`` the SEQUENCE, so a calendar replaces its entry on an update (METHOD:REQUEST with a
higher SEQUENCE) and removes it on METHOD:CANCEL. Times are written in UTC (``…Z``); the text
gives Astana time. The invite carries the case's reference, the time, the link and the place,
never anything a party keeps private.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from odr.centre.sessions_rules import Slot, as_utc, astana

PRODID = "-//Kelisim//Joint sessions//EN"
ALARM_BEFORE = timedelta(hours=1)

SUMMARY = {
    "kk": "{reference}: бірлескен отырыс (медиация)",
    "ru": "{reference}: совместная встреча (медиация)",
    "en": "{reference}: joint mediation session",
}
DESCRIPTION = {
    "kk": "{reference} ісі бойынша медиатор мен тараптардың бірлескен отырысы, {when} (Астана "
    "уақыты).",
    "ru": "Совместная встреча медиатора и сторон по делу {reference}, {when} (время Астаны).",
    "en": "Joint session of the mediator and the parties in case {reference}, {when} "
    "(Astana time).",
}
LINK = {"kk": "Бейне байланыс: {url}", "ru": "Видеосвязь: {url}", "en": "Video link: {url}"}
PLACE = {"kk": "Орны: {place}", "ru": "Место: {place}", "en": "Place: {place}"}
ALARM = {
    "kk": "{reference}: бірлескен отырыс бір сағаттан кейін",
    "ru": "{reference}: совместная встреча через час",
    "en": "{reference}: joint session in one hour",
}


@dataclass(frozen=True)
class Invite:
    uid: str
    sequence: int
    reference: str
    slot: Slot
    organizer: str  # the address invites come from (the platform's), with the mediator's name
    organizer_name: str
    attendee: str
    attendee_name: str
    language: str
    stamp: datetime
    page: str | None = None  # the case's page in the app


def _say(texts: dict[str, str], language: str, **values: str) -> str:
    return (texts.get(language) or texts["ru"]).format(**values)


def calendar_text(invite: Invite, *, cancel: bool = False) -> str:
    """The ``.ics`` of ``invite``: METHOD:REQUEST, or METHOD:CANCEL with ``cancel``."""
    lang, slot, ref = invite.language, invite.slot, invite.reference
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", invite.uid)
    event.add("sequence", invite.sequence)
    event.add("dtstamp", as_utc(invite.stamp))
    event.add("dtstart", as_utc(slot.starts_at))
    event.add("dtend", as_utc(slot.ends_at))
    event.add("summary", _say(SUMMARY, lang, reference=ref))
    lines = [_say(DESCRIPTION, lang, reference=ref, when=astana(slot.starts_at))]
    if slot.meeting_url:
        lines.append(_say(LINK, lang, url=slot.meeting_url))
        event.add("url", slot.meeting_url)
    if slot.place:
        lines.append(_say(PLACE, lang, place=slot.place))
    if invite.page:
        lines.append(invite.page)
    event.add("description", "\n".join(lines))
    event.add("location", slot.place or slot.meeting_url or "")
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{invite.organizer}")
    organizer.params["cn"] = vText(invite.organizer_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{invite.attendee}")
    attendee.params["cn"] = vText(invite.attendee_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    if not cancel:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        alarm.add("description", _say(ALARM, lang, reference=ref))
        event.add_component(alarm)
    cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
