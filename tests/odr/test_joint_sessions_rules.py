"""Joint sessions (#15): who may do what, invalid times refused with a code and nothing stored,
the reminder the day before sent once, and the outcome in the case log both parties read."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette

from odr.persistence.models import CaseEvent
from odr.persistence.sessions_models import JointSession, SessionChoice, SessionSlot
from odr.privacy.purge import purge
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT
from tests.builders.mail import Smtp
from tests.conftest import FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, login
from tests.odr.joint_sessions_setup import MEDIATOR, PEOPLE, at, letters, slot, world
from tests.odr.room_client import RoomClient

ENDS_BEFORE = "session_ends_before_start"


@pytest.fixture
def settings(mail_env: dict[str, str]) -> Settings:
    return load_settings(mail_env)


async def stored(app: Starlette) -> int:
    async with services_of(app).sessions() as db:
        return int(await db.scalar(select(func.count()).select_from(JointSession)) or 0)


async def test_parties_and_strangers_cannot_propose_confirm_or_see(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    body = {"slots": [slot(at(clock.now, 2, 9))]}
    for client in (w.claimant, w.outsider):
        assert_error(await client.post(staff, json=body), 404, "case_not_found")
        assert_error(await client.post(f"{staff}/confirm", json={}), 404, "case_not_found")
    # Another mediator of the centre is no mediator of this case.
    admin = await login(make_client(), "admin@centre.kz")
    centre_id = (await admin.get("/api/centres")).json()["centres"][0]["id"]
    await add_mediator(app, admin, centre_id, "other@centre.kz")
    other = await login(make_client(), "other@centre.kz")
    assert_error(await other.post(staff, json=body), 404, "case_not_found")
    assert await stored(app) == 0

    assert (await w.mediator.post(staff, json=body)).status_code == 201
    assert_error(await w.outsider.get(f"/api/cases/{w.case_id}/sessions"), 404, "case_not_found")
    assert_error(
        await w.outsider.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [1]}),
        404,
        "case_not_found",
    )
    # The mediator's own endpoints are no party's; a party's choice of a slot that is not there.
    assert_error(
        await w.mediator.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [1]}),
        404,
        "case_not_found",
    )
    assert_error(
        await w.claimant.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [3]}),
        422,
        "session_unknown_slot",
    )
    # Nobody chose yet: nothing to suggest; a second session waits for the first.
    assert_error(await w.mediator.post(f"{staff}/confirm", json={}), 409, "session_no_common_slot")
    assert_error(await w.mediator.post(staff, json=body), 409, "session_already_open")
    assert_error(await w.outsider.get(f"/api/cases/{w.case_id}/session.ics"), 404, "case_not_found")
    assert_error(
        await w.claimant.get(f"/api/cases/{w.case_id}/session.ics"), 404, "no_confirmed_session"
    )


async def test_invalid_times_are_refused_with_a_code_and_nothing_is_stored(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    soon = at(clock.now, 2, 9)
    cases = [
        ([slot(clock.now - timedelta(hours=1))], "session_slot_in_past", "slots[0]"),
        (
            [slot(soon), slot(soon + timedelta(days=1), -30)],
            "session_ends_before_start",
            "slots[1]",
        ),
        ([slot(soon, 0)], ENDS_BEFORE, "slots[0]"),
        ([slot(soon, 5)], "session_bad_duration", "slots[0]"),
        ([slot(soon + timedelta(days=d)) for d in range(6)], "session_too_many_slots", "slots"),
        ([], "session_no_slots", "slots"),
        ([slot(soon, meeting_url="javascript:alert(1)")], "session_bad_link", "slots[0]"),
        ([slot(soon, meeting_url="http://meet.example.kz/x")], "session_bad_link", "slots[0]"),
        ([slot(soon, meeting_url="https://")], "session_bad_link", "slots[0]"),
        ([slot(soon, place=None)], "session_no_link_or_place", "slots[0]"),
        ([slot(soon), slot(soon)], "session_duplicate_slot", "slots[1]"),
        ([slot(at(clock.now, 400, 9))], "session_slot_too_far", "slots[0]"),
        ([slot(soon.replace(tzinfo=None))], "session_time_without_zone", "slots[0]"),
    ]
    for slots, code, field in cases:
        error = assert_error(await w.mediator.post(staff, json={"slots": slots}), 422, code)
        assert [f["field"] for f in error["fields"]][:1] == [field], (code, error)
    garbage = [
        {"slots": "tomorrow"},
        {"slots": [{"starts_at": "tomorrow", "duration_minutes": 60, "place": "A"}]},
        {"slots": [{"starts_at": soon.isoformat(), "duration_minutes": "60", "place": "A"}]},
        {"slots": [{**slot(soon), "place": "x" * 201}]},
        {"slots": [{**slot(soon), "colour": "red"}]},
    ]
    for body in garbage:
        assert_error(await w.mediator.post(staff, json=body), 422)
    assert await stored(app) == 0


async def test_reminder_the_day_before_goes_once_and_a_move_replans_it(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    starts = at(clock.now, 3, 9)
    assert (await w.mediator.post(staff, json={"slots": [slot(starts)]})).status_code == 201
    assert (await w.mediator.post(f"{staff}/confirm", json={"slot": 1})).status_code == 200
    # Moved a day later before the first reminder was due: only the new time's reminder goes.
    later = starts + timedelta(days=1)
    assert (await w.mediator.post(f"{staff}/reschedule", json=slot(later))).status_code == 200
    scheduler, outbox = services_of(app).scheduler, services_of(app).outbox
    clock.now = starts - timedelta(hours=23)
    await scheduler.tick()
    await outbox.flush()
    smtp.inbox.messages.clear()
    clock.now = later - timedelta(hours=23)
    # Two instances' rounds at once: still once each.
    await scheduler.tick()
    await scheduler.tick()
    await outbox.flush()
    await outbox.flush()
    subjects = {
        PEOPLE["claimant"]: f"{w.reference}: ертең бірлескен отырыс",
        PEOPLE["respondent"]: f"{w.reference}: joint session tomorrow",
        MEDIATOR: f"{w.reference}: завтра совместная встреча",
    }
    for address, subject in subjects.items():
        assert [m["Subject"] for m in letters(smtp, address)] == [subject]
    astana = (later + timedelta(hours=5)).strftime("%d.%m.%Y %H:%M")
    assert astana in letters(smtp, PEOPLE["respondent"])[0].get_content()
    listed = (await w.respondent.get("/api/notifications")).json()["notifications"]
    assert [n["kind"] for n in listed].count("session_reminder") == 1


async def test_a_closed_case_reminds_nobody_of_its_session(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    starts = at(clock.now, 3, 9)
    await w.mediator.post(staff, json={"slots": [slot(starts)]})
    assert (await w.mediator.post(f"{staff}/confirm", json={"slot": 1})).status_code == 200
    closed = await w.mediator.post(
        f"/api/centre/cases/{w.case_id}/close", json={"outcome": "failed", "reason": "no"}
    )
    assert closed.status_code == 200, closed.text
    await services_of(app).outbox.flush()
    smtp.inbox.messages.clear()
    clock.now = starts - timedelta(hours=23)
    await services_of(app).scheduler.tick()
    await services_of(app).outbox.flush()
    words = ("session", "встреча", "отырыс")
    subjects = [str(m["Subject"]) for m in smtp.inbox.messages]
    assert [s for s in subjects if any(word in s for word in words)] == []


async def test_the_outcome_is_in_the_case_log_both_parties_read(
    app: Starlette, make_client: MakeClient, clock: FakeClock, address: str
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    starts = at(clock.now, 2, 9)
    await w.mediator.post(staff, json={"slots": [slot(starts)]})
    await w.claimant.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [1]})
    await w.respondent.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [1]})
    assert (await w.mediator.post(f"{staff}/confirm", json={})).status_code == 200
    note = {"outcome": "held", "note": "Тараптар төлем кестесін талқылады."}
    assert_error(await w.mediator.post(f"{staff}/outcome", json=note), 409, "session_not_started")
    assert_error(await w.claimant.post(f"{staff}/outcome", json=note), 404, "case_not_found")
    clock.now = starts + timedelta(hours=2)
    done = await w.mediator.post(f"{staff}/outcome", json=note)
    assert done.status_code == 200, done.text
    assert (done.json()["sessions"][0]["status"], done.json()["sessions"][0]["outcome"]) == (
        "done",
        "held",
    )
    mine = (await w.respondent.get(f"/api/cases/{w.case_id}/sessions")).json()["sessions"][0]
    assert (mine["outcome"], mine["note"]) == ("held", note["note"])

    for party in (w.claimant, w.respondent):
        room = RoomClient(address, dict(party.cookies))
        await room.join(w.case_id)
        welcome = next(f for f in room.frames if f["type"] == "welcome")
        await room.wait_seq(welcome["head_seq"])
        steps = [
            (e["data"]["kind"], e["actor"]["role"])
            for e in room.events
            if e["event"] == "joint_session"
        ]
        assert steps == [
            ("proposed", "mediator"),
            ("chosen", "claimant"),
            ("chosen", "respondent"),
            ("confirmed", "mediator"),
            ("outcome", "mediator"),
        ]
        outcome = [e for e in room.events if e["event"] == "joint_session"][-1]["data"]
        assert (outcome["outcome"], outcome["note"]) == ("held", note["note"])
        assert "meet.example.kz" not in str(room.events)  # the link is not logged
        await room.disconnect()


async def test_purge_takes_the_sessions_link_place_and_note_with_the_case(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    w = await world(app, make_client)
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    starts = at(clock.now, 2, 9)
    both = slot(starts, place="Абай 10, кабинет 7", meeting_url="https://meet.example.kz/secret-9")
    await w.mediator.post(staff, json={"slots": [both]})
    await w.claimant.put(f"/api/cases/{w.case_id}/sessions/choices", json={"slots": [1]})
    assert (await w.mediator.post(f"{staff}/confirm", json={"slot": 1})).status_code == 200
    clock.now = starts + timedelta(hours=2)
    note = {"outcome": "not_held", "note": "Айгерим не пришла"}
    assert (await w.mediator.post(f"{staff}/outcome", json=note)).status_code == 200
    closed = await w.mediator.post(
        f"/api/centre/cases/{w.case_id}/close", json={"outcome": "failed", "reason": "no"}
    )
    assert closed.status_code == 200, closed.text
    clock.advance(days=6 * 365)
    services = services_of(app)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    async with services.sessions() as db:
        for model in (JointSession, SessionSlot, SessionChoice):
            assert await db.scalar(select(func.count()).select_from(model)) == 0, model
        logged = list(
            await db.scalars(select(CaseEvent.data).where(CaseEvent.type == "joint_session"))
        )
    assert logged and "Айгерим" not in str(logged) and "Абай" not in str(logged)


async def test_no_invite_or_notice_carries_a_partys_private_interests(
    app: Starlette, make_client: MakeClient, clock: FakeClock, smtp: Smtp
) -> None:
    w = await world(app, make_client)
    mine = f"/api/cases/{w.case_id}"
    saved = await w.claimant.put(f"{mine}/interests", json={"answers": CLAIMANT})
    assert saved.status_code in (200, 204), saved.text
    await w.respondent.put(f"{mine}/interests", json={"answers": RESPONDENT})
    shared = {"interests_with_mediator": True, "record_with_court": True}
    assert (await w.claimant.put(f"{mine}/sharing", json=shared)).status_code == 200
    staff = f"/api/centre/cases/{w.case_id}/sessions"
    await w.mediator.post(staff, json={"slots": [slot(at(clock.now, 2, 9))]})
    await w.mediator.post(f"{staff}/confirm", json={"slot": 1})
    await w.mediator.post(f"{staff}/reschedule", json=slot(at(clock.now, 3, 9)))
    await w.mediator.post(f"{staff}/cancel", json={"reason": "ill"})
    await services_of(app).outbox.flush()
    assert len(smtp.inbox.messages) >= 9  # 2 "choose", 3 invites, 3 updates, 3 cancellations
    # Every part decoded (a calendar may travel in base64), and what each one reads of it.
    everything = "".join(
        str(part.get_content())
        for m in smtp.inbox.messages
        for part in m.walk()
        if not part.is_multipart()
    )
    assert "BEGIN:VCALENDAR" in everything
    for party in (w.claimant, w.respondent):
        everything += (await party.get(f"{mine}/sessions")).text
    everything += (await w.mediator.get(staff)).text
    own = (await w.claimant.get(f"{mine}/interests")).text
    assert all(secret in own for secret in CLAIMANT_SECRETS[:3]), "the scan would see them"
    for secret in CLAIMANT_SECRETS:
        assert secret not in everything
