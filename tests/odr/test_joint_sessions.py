"""Joint sessions (#15): the mediator proposes times, the parties choose, the mediator confirms;
the invite (.ics) reaches each of the three by real SMTP once, in their language; an update keeps
the UID with a higher SEQUENCE, a cancellation is a CANCEL; the .ics is the participants' only."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from icalendar import Calendar
from starlette.applications import Starlette

from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.mail import Smtp
from tests.conftest import FakeClock, MakeClient, assert_error
from tests.odr.joint_sessions_setup import (
    MEDIATOR,
    at,
    calendar_of,
    event_of,
    letters,
    slot,
    world,
    z,
)


@pytest.fixture
def settings(mail_env: dict[str, str]) -> Settings:
    return load_settings({**mail_env, "ODR_SMTP_FROM": "Kelisim <noreply@kelisim.kz>"})


async def test_invites_reach_everyone_once_in_their_language_and_follow_changes(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    mine = f"/api/cases/{w.case_id}/sessions"
    first, second = at(clock.now, 3, 9), at(clock.now, 4, 10)
    proposed = await w.mediator.post(
        staff,
        json={
            "slots": [
                slot(second, 90, place="Астана, Абай 10", meeting_url="https://meet.example.kz/k1"),
                slot(first),
            ]
        },
    )
    assert proposed.status_code == 201, proposed.text
    (session,) = proposed.json()["sessions"]
    assert session["status"] == "proposed"
    assert [s["starts_at"] for s in session["slots"]] == [z(first), z(second)]

    # Each party marks its times; the other party's marks are the mediator's to see, not its.
    assert (await w.claimant.put(f"{mine}/choices", json={"slots": [1, 2]})).status_code == 200
    chosen = await w.respondent.put(f"{mine}/choices", json={"slots": [2]})
    assert chosen.status_code == 200, chosen.text
    seen = chosen.json()["sessions"][0]["slots"]
    assert [(s["mine"], s["chosen_by"]) for s in seen] == [(False, []), (True, ["respondent"])]
    view = (await w.mediator.get(staff)).json()["sessions"][0]
    assert view["suggested_slot"] == 2
    assert [s["chosen_by"] for s in view["slots"]] == [["claimant"], ["claimant", "respondent"]]

    # Confirmed without naming a slot: the first common one. Everyone is invited, once.
    confirmed = await w.mediator.post(f"{staff}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["sessions"][0]["starts_at"] == z(second)
    outbox = services_of(app).outbox
    await outbox.flush()
    assert await outbox.flush() == 0
    subjects = {
        "aigerim@example.kz": f"{w.reference}: бірлескен отырыс",
        "john@example.kz": f"{w.reference}: joint session on",
        MEDIATOR: f"{w.reference}: совместная встреча",
    }
    astana = (second + timedelta(hours=5)).strftime("%d.%m.%Y %H:%M")
    uid = None
    for address, subject in subjects.items():
        invites = [m for m in letters(smtp, address) if "kelisim-1" not in str(m["Subject"])]
        invites = [m for m in invites if m.get_content_type() == "multipart/mixed"]
        assert len(invites) == 1, [m["Subject"] for m in letters(smtp, address)]
        letter = invites[0]
        assert str(letter["Subject"]).startswith(subject)
        assert astana in str(letter["Subject"])
        method, calendar = calendar_of(letter)
        assert method == "REQUEST" and str(calendar["METHOD"]) == "REQUEST"
        event = event_of(calendar)
        assert event.decoded("DTSTART") == second
        assert event.decoded("DTEND") == second + timedelta(minutes=90)
        assert event["DTSTART"].to_ical().decode().endswith("Z")
        assert int(event["SEQUENCE"]) == 0
        assert str(event["URL"]) == "https://meet.example.kz/k1"
        assert w.reference in str(event["SUMMARY"])
        assert [str(a) for a in [event["ATTENDEE"]]] == [f"mailto:{address}"]
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
        uid = uid or str(event["UID"])
        assert str(event["UID"]) == uid
        body = letter.get_body(("plain",))
        assert body is not None and astana in body.get_content()
        assert "https://meet.example.kz/k1" in body.get_content()
    # Each reader's language, in the invite too.
    kk = calendar_of(letters(smtp, "aigerim@example.kz")[-1])[1]
    assert "бірлескен отырыс" in str(event_of(kk)["SUMMARY"])

    # "Add to calendar": the same invite for a party or the mediator; nobody else.
    download = await w.claimant.get(f"/api/cases/{w.case_id}/session.ics")
    assert download.status_code == 200, download.text
    assert download.headers["content-type"].startswith("text/calendar")
    assert str(event_of(Calendar.from_ical(download.text))["UID"]) == uid
    assert (await w.mediator.get(f"/api/cases/{w.case_id}/session.ics")).status_code == 200
    assert_error(await w.outsider.get(f"/api/cases/{w.case_id}/session.ics"), 404)
    assert_error(await w.outsider.get(mine), 404, "case_not_found")
    assert_error(await w.outsider.get(staff), 404, "case_not_found")

    # Moved: an update of the same entry (same UID, SEQUENCE 1) to everyone.
    moved_to = at(clock.now, 5, 6)
    moved = await w.mediator.post(f"{staff}/reschedule", json=slot(moved_to, 45))
    assert moved.status_code == 200, moved.text
    smtp.inbox.messages.clear()
    await outbox.flush()
    for address in subjects:
        (update,) = letters(smtp, address)
        method, calendar = calendar_of(update)
        event = event_of(calendar)
        assert (method, str(event["UID"]), int(event["SEQUENCE"])) == ("REQUEST", uid, 1)
        assert event.decoded("DTSTART") == moved_to.astimezone(UTC)

    # Cancelled: METHOD:CANCEL, the same UID, SEQUENCE 2.
    cancelled = await w.mediator.post(f"{staff}/cancel", json={"reason": "Тарап ауырып қалды"})
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["sessions"][0]["status"] == "cancelled"
    smtp.inbox.messages.clear()
    await outbox.flush()
    for address in subjects:
        (cancel,) = letters(smtp, address)
        method, calendar = calendar_of(cancel)
        event = event_of(calendar)
        assert (method, str(calendar["METHOD"])) == ("CANCEL", "CANCEL")
        assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 2)
        assert str(event["STATUS"]) == "CANCELLED"
    assert_error(await w.claimant.get(f"/api/cases/{w.case_id}/session.ics"), 404)
    assert await outbox.flush() == 0
