"""The centre with several parties (#17): the dashboard and case view list every party, deadlines
and joint sessions reach every party taking part (and no withdrawn one), the mediator's caucus
works with any party, analytics count cases by their number of parties, and a referral package
names every party.

The parties beyond the respondent are seated directly (``tests/builders/parties.py``): how a
party gets in is the cases' business, tested there.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import select, update
from starlette.applications import Starlette

from odr.centre.mechanism_state import LoggedEvent, mechanism_state
from odr.court.referral_pdf import render_html
from odr.persistence.models import CaseParty, Mediation, OutboxNotice, User
from odr.room.log import LoggedEvent as RoomEvent
from tests.builders.app import services_of
from tests.builders.interests import CLAIMANT
from tests.builders.parties import seat_party
from tests.builders.settlement import sign
from tests.builders.several_settlement import NAMES as SETTLEMENT_NAMES
from tests.builders.several_settlement import ROLES as SETTLEMENT_ROLES
from tests.builders.several_settlement import five_party_terms
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, join, login, new_centre, open_case, staff_client

NAMES = {
    "claimant": "aigerim",
    "respondent": "bolat",
    "party3": "dana",
    "party4": "erlan",
    "party5": "zhanna",
}
SIDES = {
    "claimant": "claimant",
    "respondent": "respondent",
    "party3": "own",
    "party4": "respondent",
    "party5": "own",
}


@dataclass
class Heirs:
    case_id: str
    reference: str
    parties: dict[str, Client]
    user_ids: dict[str, str]
    mediator: Client
    admin: Client


async def heirs(app: Starlette, make_client: MakeClient, *, sixth_withdrew: bool = False) -> Heirs:
    """Five heirs in one case of a 5-day centre (party4 on the respondent's side); with
    ``sixth_withdrew`` a sixth, ``party6``, who joined and then withdrew."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"], deadline_days=5)
    await add_mediator(app, admin, centre["id"], "mediator@centre.kz", name="Saule")
    parties = {role: make_client() for role in NAMES}
    await parties["claimant"].signup("aigerim@example.kz")
    await parties["respondent"].signup("bolat@example.kz")
    created = await open_case(parties["claimant"])
    case_id = created["case"]["id"]
    await join(parties["respondent"], created)
    for role in ("party3", "party4", "party5"):
        email = f"{NAMES[role]}@example.kz"
        await seat_party(app, parties[role], case_id, role, email=email, side=SIDES[role])
    if sixth_withdrew:
        await seat_party(app, make_client(), case_id, "party6", email="timur@example.kz")
        await withdraw(app, case_id, "party6")
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(CaseParty.role, CaseParty.user_id).where(CaseParty.case_id == case_id)
        )
        user_ids = {role: user_id for role, user_id in rows}
    mediator = await login(make_client(), "mediator@centre.kz")
    return Heirs(case_id, created["case"]["reference"], parties, user_ids, mediator, admin)


async def withdraw(app: Starlette, case_id: str, role: str) -> None:
    """The party leaves the negotiation (the room's own withdrawal is tested with the room)."""
    services = services_of(app)
    async with services.sessions() as db, db.begin():
        await db.execute(
            update(CaseParty)
            .where(CaseParty.case_id == case_id, CaseParty.role == role)
            .values(withdrawn_at=services.clock())
        )


async def notices(app: Starlette, kind: str) -> Counter[str]:
    """How many notices of ``kind`` each account was sent (by user id)."""
    async with services_of(app).sessions() as db:
        rows = await db.scalars(select(OutboxNotice.user_id).where(OutboxNotice.kind == kind))
        return Counter(user_id for user_id in rows if user_id)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


async def test_the_dashboard_and_the_case_view_list_every_party(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    h = await heirs(app, make_client)
    joined_at = clock.now
    clock.advance(hours=2)
    stated = await h.parties["claimant"].put(
        f"/api/cases/{h.case_id}/interests", json={"answers": CLAIMANT}
    )
    assert stated.status_code == 200, stated.text
    clock.advance(hours=1)
    await withdraw(app, h.case_id, "party5")

    [row] = (await h.mediator.get("/api/centre/dashboard")).json()["cases"]
    assert row["parties"] == list(NAMES.values())
    expected = [
        {
            "role": role,
            "name": name,
            "side": SIDES[role],
            "state": "withdrawn" if role == "party5" else "joined",
            "joined_at": iso(joined_at),
            "withdrawn_at": iso(clock.now) if role == "party5" else None,
            "last_active_at": iso(joined_at + timedelta(hours=2)) if role == "claimant" else None,
        }
        for role, name in NAMES.items()
    ]
    assert row["roster"] == expected
    view = (await h.mediator.get(f"/api/centre/cases/{h.case_id}")).json()
    assert view["case"]["roster"] == expected
    centre_wide = (await h.admin.get("/api/centre/dashboard")).json()["cases"]
    assert [p["role"] for p in centre_wide[0]["roster"]] == list(NAMES)


async def test_a_party_still_invited_is_listed_under_the_name_it_was_invited_by(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "mediator@centre.kz")
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    created = await open_case(
        claimant, respondent={"name": "Болат Сериков", "email": "bolat@example.kz"}
    )
    mediator = await login(make_client(), "mediator@centre.kz")
    [row] = (await mediator.get("/api/centre/dashboard")).json()["cases"]
    assert row["parties"] == ["aigerim"]
    assert [(p["role"], p["name"], p["side"], p["state"]) for p in row["roster"]] == [
        ("claimant", "aigerim", "claimant", "joined"),
        ("respondent", "Болат Сериков", "respondent", "invited"),
    ]
    assert created["case"]["id"] == row["id"]


async def test_deadline_reminders_and_expiry_reach_every_party_taking_part(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    h = await heirs(app, make_client, sixth_withdrew=True)
    scheduler = services_of(app).scheduler
    clock.advance(days=2, hours=1)  # the 72-hour reminder of a 5-day deadline
    assert await scheduler.tick() == 1
    reminded = await notices(app, "deadline_reminder")
    assert reminded == Counter({h.user_ids[role]: 1 for role in NAMES})  # five, not party6
    clock.advance(days=3)
    await scheduler.tick()
    expired = await notices(app, "deadline_expired")
    assert set(expired) == {h.user_ids[role] for role in NAMES} | {await _mediator_id(app)}
    assert h.user_ids["party6"] not in expired and sum(expired.values()) == 6


async def _mediator_id(app: Starlette) -> str:
    async with services_of(app).sessions() as db:
        found = await db.scalar(select(User.id).where(User.email == "mediator@centre.kz"))
        assert found is not None
        return found


async def test_the_mediator_holds_a_caucus_with_party4_and_nobody_else_sees_it(
    app: Starlette, make_client: MakeClient
) -> None:
    h = await heirs(app, make_client)
    staff = f"/api/centre/cases/{h.case_id}/caucus"
    mine = f"/api/cases/{h.case_id}/caucus"
    asked = await h.parties["party4"].post(f"{mine}/request")
    assert (asked.status_code, asked.json()["state"]) == (200, "requested")
    threads = (await h.mediator.get(staff)).json()["caucuses"]
    assert [(c["role"], c["name"], c["state"]) for c in threads] == [
        (role, name, "requested" if role == "party4" else "none") for role, name in NAMES.items()
    ]
    opened = await h.mediator.post(f"{staff}/open", json={"role": "party4"})
    assert opened.status_code == 200, opened.text
    said = await h.mediator.post(
        f"{staff}/messages", json={"role": "party4", "text": "ERLAN-only-77: what matters most?"}
    )
    assert said.status_code == 201, said.text
    answered = await h.parties["party4"].post(f"{mine}/messages", json={"text": "The house."})
    assert answered.status_code == 201, answered.text

    theirs = (await h.parties["party4"].get(mine)).json()
    assert [m["text"] for m in theirs["messages"]] == [
        "ERLAN-only-77: what matters most?",
        "The house.",
    ]
    for role in ("claimant", "respondent", "party3", "party5"):
        other = (await h.parties[role].get(mine)).json()
        assert (other["state"], other["messages"]) == ("none", []), role
        assert "ERLAN-only-77" not in (await h.parties[role].get("/api/notifications")).text
    # A role the case has no party for, and a key no party can have.
    refused = await h.mediator.post(f"{staff}/open", json={"role": "party7"})
    assert_error(refused, 404, "party_not_found")
    assert_error(await h.mediator.post(f"{staff}/open", json={"role": "party11"}), 422)


async def test_analytics_count_cases_by_their_number_of_parties(
    app: Starlette, make_client: MakeClient
) -> None:
    h = await heirs(app, make_client)
    pair = make_client()
    await pair.signup("pair@example.kz")
    await open_case(pair)  # its respondent invited, not joined: a two-party case
    report = (await h.admin.get("/api/centre/analytics")).json()
    by_parties = {b["key"]: b["cases"] for b in report["by_parties"]}
    assert by_parties == {"2": 1, "3–5": 1}
    csv_text = (await h.admin.get("/api/centre/analytics.csv")).text
    assert "parties,3–5,1," in csv_text and "parties,2,1," in csv_text


async def test_a_joint_session_invites_every_party_taking_part(
    app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    h = await heirs(app, make_client, sixth_withdrew=True)
    staff = f"/api/centre/cases/{h.case_id}/sessions"
    mine = f"/api/cases/{h.case_id}/sessions"
    starts = (clock.now + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    slot = {
        "starts_at": starts.isoformat(),
        "duration_minutes": 60,
        "meeting_url": "https://m.kz/1",
    }
    proposed = await h.mediator.post(staff, json={"slots": [slot]})
    assert proposed.status_code == 201, proposed.text
    assert set(await notices(app, "session_proposed")) == {h.user_ids[r] for r in NAMES}
    for role in NAMES:
        chose = await h.parties[role].put(f"{mine}/choices", json={"slots": [1]})
        assert chose.status_code == 200, chose.text
    view = (await h.mediator.get(staff)).json()["sessions"][0]
    assert view["slots"][0]["chosen_by"] == list(NAMES)  # in party order
    assert view["suggested_slot"] == 1  # the withdrawn sixth is not waited for
    confirmed = await h.mediator.post(f"{staff}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.text
    invited = await notices(app, "session_invite")
    assert set(invited) == {h.user_ids[r] for r in NAMES} | {await _mediator_id(app)}


async def test_a_referral_package_names_every_party_with_its_side(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    h = await heirs(app, make_client)
    await withdraw(app, h.case_id, "party5")
    closed = await h.mediator.post(
        f"/api/centre/cases/{h.case_id}/close", json={"outcome": "failed", "reason": "no deal"}
    )
    assert closed.status_code == 200, closed.text
    referred = await h.mediator.post(
        f"/api/centre/cases/{h.case_id}/refer", json={"reason": "no deal", "court_code": "ASTANA-1"}
    )
    assert referred.status_code == 201, referred.text
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    got = (await court.get(f"/api/court/v1/referrals/{referred.json()['id']}")).json()
    package = got["package"]
    assert [(p["role"], p["name"], p["side"], p["withdrawn"]) for p in package["parties"]] == [
        (role, name, SIDES[role], role == "party5") for role, name in NAMES.items()
    ]
    for language, words in {
        "kk": ("Талапкер", "3-тарап", "4-тарап, жауапкер жағында", "келіссөзден шықты"),
        "ru": ("Заявитель", "Сторона 3", "Сторона 4, на стороне ответчика", "вышла из"),
        "en": ("Claimant", "Party 3", "Party 4, on the respondent&#39;s side", "withdrew from"),
    }.items():
        html = render_html(package, got["package_sha256"], language)
        for name in NAMES.values():
            assert name in html, (language, name)
        for word in words:
            assert word in html, (language, word)
    pdf = await court.get(f"/api/court/v1/referrals/{referred.json()['id']}/pdf?language=ru")
    assert pdf.status_code == 200, pdf.text
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert all(name in text for name in NAMES.values())


def test_the_mechanisms_public_state_names_any_party_in_party_order() -> None:
    """A switch's consents and division's "points stated" with five parties: every key, in
    party order (party10 after party3, as string order would not have it)."""
    log = [
        LoggedEvent(3, "mechanism_switch", "system", {"kind": "proposed", "to": "packages"}),
        *(
            LoggedEvent(seq, "mechanism_switch", role, {"kind": "consented", "proposal_seq": 3})
            for seq, role in ((4, "party10"), (5, "party4"), (6, "claimant"))
        ),
    ]
    switch = mechanism_state("division", "open", "KZT", log).switch
    assert switch is not None and switch.consented == ["claimant", "party4", "party10"]
    stated = [
        LoggedEvent(seq, "points_submitted", role, {"role": role})
        for seq, role in ((7, "party5"), (8, "respondent"), (9, "party3"))
    ]
    state = mechanism_state("division", "open", "KZT", [*log, *stated])
    assert state.points_stated == ["respondent", "party3", "party5"]


async def test_a_new_offer_letter_goes_to_every_other_party_taking_part(
    app: Starlette, make_client: MakeClient
) -> None:
    """Room letters with six parties: the offer's author is not told, a withdrawn party is not
    either; one transaction for the batch whatever the number of parties."""
    h = await heirs(app, make_client, sixth_withdrew=True)
    letters = services_of(app).room_letters
    offer = RoomEvent(
        h.case_id, 9, "offer", h.user_ids["party3"], "party3", {}, services_of(app).clock()
    )
    letters.note(h.case_id, [offer])
    assert await letters.flush() == 1
    told = await notices(app, "new_offer")
    assert told == Counter({h.user_ids[r]: 1 for r in NAMES if r != "party3"})


async def test_the_courts_listing_names_every_party_of_a_signed_settlement(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    parties, case_id, ready = await five_party_terms(app, make_client)
    for party in parties:
        signed = await sign(party.client, case_id, ready["record_sha256"])
        assert signed.status_code == 201, signed.text
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    (item,) = (await court.get("/api/court/v1/settlements")).json()["settlements"]
    assert [(p["role"], p["name"]) for p in item["parties"]] == list(
        zip(SETTLEMENT_ROLES, SETTLEMENT_NAMES, strict=True)
    )


async def test_a_mediator_who_is_one_of_the_parties_never_mediates_the_case(
    app: Starlette, make_client: MakeClient
) -> None:
    """Saule mediates; Timur, the centre's other mediator, is also party4 (an heir). Saule
    declares a conflict: the case does not go to Timur but waits unassigned, and an
    administrator cannot give it to him either."""
    h = await heirs(app, make_client)
    timur = await add_mediator(app, h.admin, await _centre_id(app), "timur@centre.kz")
    services = services_of(app)
    async with services.sessions() as db, db.begin():
        await db.execute(
            update(CaseParty)
            .where(CaseParty.case_id == h.case_id, CaseParty.role == "party4")
            .values(user_id=timur["user_id"])
        )
    declared = await h.mediator.post(
        f"/api/centre/cases/{h.case_id}/conflict", json={"reason": "I know the family"}
    )
    assert declared.status_code == 204, declared.text
    [row] = (await h.admin.get("/api/centre/dashboard")).json()["cases"]
    assert row["mediator_id"] is None
    refused = await h.admin.post(
        f"/api/centre/cases/{h.case_id}/reassign",
        json={"mediator_id": timur["id"], "reason": "he is free"},
    )
    assert_error(refused, 409, "mediator_conflicted")


async def _centre_id(app: Starlette) -> str:
    async with services_of(app).sessions() as db:
        found = await db.scalar(select(Mediation.centre_id))
        assert found is not None
        return str(found)
