"""A case with several parties (#17): each invited by its own link and notices, joining with
consent under its own key and side; the case opens once everyone joined, or when the claimant
starts with those who did, and the rest are dropped and told. Over HTTP, on SQLite and
PostgreSQL, with real SMTP (aiosmtpd).
"""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import Case, CaseParty, Invitation, Mediation
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.browser import centre_with_mediator
from tests.builders.cases import CASE
from tests.builders.interests import CLAIMANT as INTERESTS_C
from tests.builders.interests import RESPONDENT as INTERESTS_R
from tests.builders.interests import submit
from tests.builders.mail import Smtp
from tests.builders.parties import OTHERS, RESPONDENT, join_as, token_for
from tests.builders.rows import count
from tests.conftest import Client, FakeClock, MakeClient, assert_error
from tests.odr.room_client import RoomClient


@pytest.fixture
def settings(mail_env: dict[str, str], tmp_path: Path) -> Settings:
    return load_settings(
        {
            **mail_env,
            "ODR_SECRET_KEY": "s" * 48,
            "ODR_SMS_FILE": str(tmp_path / "sms.log"),
            "ODR_INVITATION_REMINDERS_H": "72",
            "ODR_INVITATION_TTL_HOURS": str(14 * 24),
        }
    )


def sms_lines(settings: Settings) -> list[dict[str, Any]]:
    if not settings.sms_file.exists():
        return []
    return [json.loads(line) for line in settings.sms_file.read_text("utf-8").splitlines()]


async def open_four(claimant: Client, email: str = "aigerim@example.kz") -> dict[str, Any]:
    """The claimant opens a case with the respondent and two more parties."""
    await claimant.signup(email)
    response = await claimant.post(
        "/api/cases", json={**CASE, "respondent": RESPONDENT, "other_parties": OTHERS}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def case_as(client: Client, case_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/cases/{case_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def links_in(smtp: Smtp) -> dict[str, str]:
    """Each addressee's join link, from the letters received."""
    found = {}
    for letter in smtp.inbox.messages:
        text = letter.get_content()
        if "/join#token=" in text:
            link = text.split("/join#token=", 1)[1].split()[0]
            found[str(letter["To"])] = link
    return found


async def test_each_party_gets_its_own_link_and_letter(
    make_client: MakeClient, app: Starlette, smtp: Smtp, settings: Settings
) -> None:
    created = await open_four(make_client())
    links = created["invitations"]
    assert [(i["role"], i["name"], i["side"], i["email"]) for i in links] == [
        ("respondent", "Ruslan", "respondent", "ruslan@example.kz"),
        ("party3", "Дана", "respondent", "dana@example.kz"),
        ("party4", "Ерлан", "own", "erlan@example.kz"),
    ]
    assert created["invitation"] == links[0], "the respondent's link where it always was"
    assert len({i["url"] for i in links}) == 3
    case = created["case"]
    assert case["status"] == "awaiting_respondent"
    assert [(p["role"], p["side"]) for p in case["parties"]] == [("claimant", "claimant")]
    assert [(p["role"], p["name"], p["status"]) for p in case["invited_parties"]] == [
        ("respondent", "Ruslan", "invited"),
        ("party3", "Дана", "invited"),
        ("party4", "Ерлан", "invited"),
    ]

    assert await services_of(app).outbox.flush() == 4  # three letters, one SMS
    sent = links_in(smtp)
    assert sent == {i["email"]: i["url"].split("#token=", 1)[1] for i in links}
    languages = {str(m["To"]): m["Content-Language"] for m in smtp.inbox.messages}
    assert languages == {
        "ruslan@example.kz": "ru",
        "dana@example.kz": "kk",
        "erlan@example.kz": "ru",
    }
    [sms] = sms_lines(settings)
    assert sms["to"] == "+77015554433" and token_for(created, "party4") in sms["text"]


BAD_PARTIES = [
    ([{"name": "A", "email": "ruslan@example.kz"}], "other_parties[0].email", "duplicate_email"),
    (
        [{"name": "A", "email": "a@example.kz"}, {"name": "B", "email": "A@example.kz"}],
        "other_parties[1].email",
        "duplicate_email",
    ),
    ([{"name": "A", "email": "aigerim@example.kz"}], "other_parties[0].email", "own_email"),
    (
        [{"name": f"P{n}", "email": f"p{n}@example.kz"} for n in range(9)],
        "other_parties",
        "too_many_parties",
    ),
    ([{"name": "A", "email": "a@example.kz", "side": "judge"}], "other_parties[0].side", ""),
    ([{"name": "A"}], "other_parties[0].email", ""),
]


@pytest.mark.parametrize(("others", "field", "code"), BAD_PARTIES)
async def test_bad_parties_are_refused_naming_the_field_and_store_nothing(
    client: Client, app: Starlette, others: list[dict[str, Any]], field: str, code: str
) -> None:
    await client.signup("aigerim@example.kz")
    response = await client.post("/api/cases", json={**CASE, "other_parties": others})
    error = assert_error(response, 422)
    fields = {f["field"]: f["code"] for f in error["fields"]}
    assert field in fields, error
    if code:
        assert fields[field] == code, error
    for model in (Case, CaseParty, Invitation):
        assert await count(app, model) == 0


async def test_the_claimants_own_address_for_the_respondent(client: Client) -> None:
    await client.signup("aigerim@example.kz")
    own = {"name": "Me", "email": "Aigerim@example.kz"}
    error = assert_error(await client.post("/api/cases", json={**CASE, "respondent": own}), 422)
    assert error["fields"][0]["field"] == "respondent.email"
    assert error["fields"][0]["code"] == "own_email"


async def test_ten_parties_in_all_may_be_invited(client: Client) -> None:
    await client.signup("aigerim@example.kz")
    others = [{"name": f"P{n}", "email": f"p{n}@example.kz"} for n in range(8)]
    response = await client.post("/api/cases", json={**CASE, "other_parties": others})
    assert response.status_code == 201, response.text
    roles = [i["role"] for i in response.json()["invitations"]]
    assert roles == ["respondent", *(f"party{n}" for n in range(3, 11))]


async def test_the_case_opens_once_everyone_joined_and_the_mediation_starts_then(
    make_client: MakeClient, app: Starlette, clock: FakeClock
) -> None:
    await centre_with_mediator(app, make_client)
    claimant = make_client()
    created = await open_four(claimant)
    opened = clock()
    case_id = created["case"]["id"]
    dana, ruslan, erlan = make_client(), make_client(), make_client()

    preview = await dana.post(
        "/api/invitations/preview", json={"token": token_for(created, "party3")}
    )
    assert preview.status_code == 200, preview.text
    shown = preview.json()
    assert (shown["role"], shown["name"], shown["side"]) == ("party3", "Дана", "respondent")
    assert [(p["role"], p["name"], p["joined"]) for p in shown["parties"]] == [
        ("claimant", "aigerim", True),
        ("respondent", "Ruslan", False),
        ("party3", "Дана", False),
        ("party4", "Ерлан", False),
    ]
    assert "@" not in preview.text, "the join page shows names, never addresses"

    joined = await join_as(dana, "dana@example.kz", token_for(created, "party3"))
    assert joined["my_role"] == "party3" and joined["status"] == "awaiting_respondent"
    assert [(p["role"], p["side"]) for p in joined["parties"]] == [
        ("claimant", "claimant"),
        ("party3", "respondent"),
    ]
    clock.advance(hours=1)
    await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))
    assert (await case_as(claimant, case_id))["status"] == "awaiting_respondent"
    async with services_of(app).sessions() as db:
        mediation = await db.get_one(Mediation, case_id)
        assert mediation.started_at == opened, "the mediation waits for every party's consent"

    clock.advance(hours=1)
    last = await join_as(erlan, "erlan@example.kz", token_for(created, "party4"))
    assert last["status"] == "open"
    assert [p["role"] for p in last["parties"]] == ["claimant", "respondent", "party3", "party4"]
    assert last["invited_parties"] == []
    async with services_of(app).sessions() as db:
        mediation = await db.get_one(Mediation, case_id)
        assert mediation.started_at == clock()
    assert_error(await claimant.post(f"/api/cases/{case_id}/start"), 409, "not_awaiting")


async def test_each_link_seats_its_own_party_once(make_client: MakeClient) -> None:
    claimant, dana = make_client(), make_client()
    created = await open_four(claimant)
    party3 = token_for(created, "party3")
    await join_as(dana, "dana@example.kz", party3)
    again = await dana.post(
        "/api/invitations/accept", json={"token": party3, "consent_to_online_mediation": True}
    )
    assert again.status_code == 200 and again.json()["my_role"] == "party3"
    other = await dana.post(
        "/api/invitations/accept",
        json={"token": token_for(created, "party4"), "consent_to_online_mediation": True},
    )
    assert_error(other, 409, "already_party")


async def test_parties_see_each_other_by_name_and_only_the_claimant_the_addresses(
    make_client: MakeClient,
) -> None:
    claimant, dana = make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    await join_as(dana, "dana@example.kz", token_for(created, "party3"))

    mine = await case_as(claimant, case_id)
    assert {p["role"]: p["email"] for p in mine["invited_parties"]} == {
        "respondent": "ruslan@example.kz",
        "party4": "erlan@example.kz",
    }
    theirs = await case_as(dana, case_id)
    assert [(p["role"], p["name"], p["side"], p["status"]) for p in theirs["invited_parties"]] == [
        ("respondent", "Ruslan", "respondent", "invited"),
        ("party4", "Ерлан", "own", "invited"),
    ]
    assert theirs["pending_invitation"] is None
    listed = (await dana.get("/api/cases")).json()["cases"]
    for shown in (json.dumps(theirs), json.dumps(listed)):
        for address in ("ruslan@example.kz", "erlan@example.kz", "8 701", "+7701"):
            assert address not in shown


async def test_a_new_link_replaces_only_that_partys(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    claimant, erlan, ruslan = make_client(), make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    again = await claimant.post(
        f"/api/cases/{case_id}/invitations", json={"role": "party4", "email": "erlan2@example.kz"}
    )
    assert again.status_code == 201, again.text
    link = again.json()
    assert (link["role"], link["name"], link["side"]) == ("party4", "Ерлан", "own")

    assert await services_of(app).outbox.flush() == 3  # the old link's letter and SMS withdrawn
    assert set(links_in(smtp)) == {"ruslan@example.kz", "dana@example.kz", "erlan2@example.kz"}
    accept = {"consent_to_online_mediation": True}
    await erlan.signup("erlan2@example.kz")
    old = await erlan.post(
        "/api/invitations/accept", json={"token": token_for(created, "party4"), **accept}
    )
    assert_error(old, 410, "invitation_revoked")
    new_token = link["url"].split("#token=", 1)[1]
    joined = await erlan.post("/api/invitations/accept", json={"token": new_token, **accept})
    assert joined.status_code == 200 and joined.json()["my_role"] == "party4"
    await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))  # still works

    for role, code, status in (
        ("party4", "party_joined", 409),
        ("respondent", "respondent_joined", 409),
        ("party5", "unknown_party", 422),
    ):
        body = {"role": role, "email": "x@example.kz"}
        refused = await claimant.post(f"/api/cases/{case_id}/invitations", json=body)
        assert_error(refused, status, code)
    bad = await claimant.post(
        f"/api/cases/{case_id}/invitations", json={"role": "party11", "email": "x@example.kz"}
    )
    assert assert_error(bad, 422)["fields"][0]["field"] == "role"


async def test_the_claimant_starts_without_those_who_did_not_join_who_are_told(
    make_client: MakeClient, app: Starlette, smtp: Smtp, settings: Settings
) -> None:
    services = services_of(app)
    claimant, ruslan, dana = make_client(), make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    start = f"/api/cases/{case_id}/start"
    assert_error(await claimant.post(start), 409, "nobody_joined")
    await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))
    assert_error(await ruslan.post(start), 403, "not_claimant")

    started = await claimant.post(start)
    assert started.status_code == 200, started.text
    case = started.json()
    assert case["status"] == "open"
    assert [(p["role"], p["status"]) for p in case["invited_parties"]] == [
        ("party3", "dropped"),
        ("party4", "dropped"),
    ]
    assert_error(await claimant.post(start), 409, "not_awaiting")
    assert (await case_as(ruslan, case_id))["status"] == "open"

    # The dropped parties' invitations never go out; each is told instead, in its language.
    await services.outbox.flush()
    letters = {str(m["To"]): m for m in smtp.inbox.messages}
    assert "/join#token=" not in letters["dana@example.kz"].get_content()
    assert letters["dana@example.kz"]["Content-Language"] == "kk"
    assert "сізсіз" in letters["dana@example.kz"]["Subject"]
    assert "без вас" in letters["erlan@example.kz"]["Subject"]
    assert created["case"]["reference"] in letters["erlan@example.kz"]["Subject"]
    assert "«Unpaid invoice for furniture»" in letters["erlan@example.kz"].get_content()
    [sms] = sms_lines(settings)
    assert sms["to"] == "+77015554433" and "без вас" in sms["text"]
    assert "#token=" not in sms["text"]

    for role in ("party3", "party4"):
        late = await dana.post("/api/invitations/preview", json={"token": token_for(created, role)})
        assert_error(late, 410, "invitation_revoked")
    again = await claimant.post(
        f"/api/cases/{case_id}/invitations", json={"role": "party3", "email": "d@example.kz"}
    )
    assert_error(again, 409, "not_awaiting")


async def test_reminders_go_to_each_party_once_and_stop_for_those_who_joined(
    make_client: MakeClient, app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    services = services_of(app)
    claimant, dana = make_client(), make_client()
    created = await open_four(claimant)
    await services.outbox.flush()
    await join_as(dana, "dana@example.kz", token_for(created, "party3"))
    await services.outbox.flush()  # the claimant hears Dana joined
    before = len(smtp.inbox.messages)
    joined = smtp.inbox.messages[-1]
    assert joined["To"] == "aigerim@example.kz" and "dana" in joined["Subject"]

    clock.advance(hours=72, minutes=1)
    await services.scheduler.tick()
    await services.scheduler.tick()
    assert await services.outbox.flush() == 3  # Ruslan's letter, Erlan's letter and SMS
    reminded = sorted(str(m["To"]) for m in smtp.inbox.messages[before:])
    assert reminded == ["erlan@example.kz", "ruslan@example.kz"]
    assert links_in(smtp)["ruslan@example.kz"] == token_for(created, "respondent")


async def test_the_last_two_joining_at_once_open_the_case_once(
    make_client: MakeClient, app: Starlette
) -> None:
    await centre_with_mediator(app, make_client)
    claimant, dana, ruslan, erlan = (make_client() for _ in range(4))
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    await join_as(dana, "dana@example.kz", token_for(created, "party3"))
    await ruslan.signup("ruslan@example.kz")
    await erlan.signup("erlan@example.kz")
    accept = {"consent_to_online_mediation": True}
    answers = await asyncio.gather(
        ruslan.post(
            "/api/invitations/accept", json={"token": token_for(created, "respondent"), **accept}
        ),
        erlan.post(
            "/api/invitations/accept", json={"token": token_for(created, "party4"), **accept}
        ),
    )
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    assert (await case_as(claimant, case_id))["status"] == "open"
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Mediation, case_id)).started_at is not None


async def test_a_start_and_a_join_at_once_never_fail(
    make_client: MakeClient, app: Starlette
) -> None:
    claimant, dana, ruslan = make_client(), make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    await join_as(dana, "dana@example.kz", token_for(created, "party3"))
    await ruslan.signup("ruslan@example.kz")
    accept = {"token": token_for(created, "respondent"), "consent_to_online_mediation": True}
    start, join = await asyncio.gather(
        claimant.post(f"/api/cases/{case_id}/start"),
        ruslan.post("/api/invitations/accept", json=accept),
    )
    assert start.status_code == 200, start.text
    assert join.status_code in (200, 410), join.text
    case = await case_as(claimant, case_id)
    seated = [p["role"] for p in case["parties"]]
    dropped = [p["role"] for p in case["invited_parties"]]
    assert sorted(seated + dropped) == sorted(["claimant", "respondent", "party3", "party4"])
    assert ("respondent" in seated) == (join.status_code == 200)
    async with services_of(app).sessions() as db:
        rows = await db.scalars(select(CaseParty.role).where(CaseParty.case_id == case_id))
        assert sorted(rows) == sorted(seated)


async def test_a_two_party_case_reads_as_before(make_client: MakeClient) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    body = copy.deepcopy(CASE)
    response = await claimant.post("/api/cases", json=body)
    created = response.json()
    assert [i["role"] for i in created["invitations"]] == ["respondent"]
    assert created["invitation"]["url"] == created["invitations"][0]["url"]
    ruslan = make_client()
    joined = await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))
    assert joined["status"] == "open"
    assert [(p["role"], p["side"]) for p in joined["parties"]] == [
        ("claimant", "claimant"),
        ("respondent", "respondent"),
    ]


async def test_proposals_come_once_the_claimant_starts_with_those_who_stated(
    address: str,
) -> None:
    """The claimant and the respondent state their interests while two parties are still
    invited: no proposals then; the start leaves the two of them, who have both stated."""
    claimant = await RoomClient.signup(address, "aigerim@example.kz")
    body = {**CASE, "respondent": RESPONDENT, "other_parties": OTHERS}
    created = (await claimant.http("POST", "/api/cases", json=body)).json()
    case_id = created["case"]["id"]
    respondent = await RoomClient.signup(address, "ruslan@example.kz")
    accept = {"token": token_for(created, "respondent"), "consent_to_online_mediation": True}
    assert (await respondent.http("POST", "/api/invitations/accept", json=accept)).is_success
    assert (await submit(claimant, case_id, INTERESTS_C)).json()["all_submitted"] is False
    assert (await submit(respondent, case_id, INTERESTS_R)).json()["all_submitted"] is False
    await claimant.join(case_id)
    started = await claimant.http("POST", f"/api/cases/{case_id}/start")
    assert started.status_code == 200, started.text
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    await claimant.disconnect()


async def test_starting_twice_at_once_starts_once_and_tells_the_dropped_once(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    claimant, ruslan = make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))
    answers = await asyncio.gather(
        *(claimant.post(f"/api/cases/{case_id}/start") for _ in range(6))
    )
    codes = sorted(a.status_code for a in answers)
    assert codes == [200, 409, 409, 409, 409, 409], [a.text for a in answers]
    assert {a.json()["error"]["code"] for a in answers if a.status_code == 409} == {"not_awaiting"}
    await services_of(app).outbox.flush()
    went_ahead = ("без вас", "сізсіз")  # Erlan reads Russian, Dana Kazakh
    told = [m["To"] for m in smtp.inbox.messages if any(w in m["Subject"] for w in went_ahead)]
    assert sorted(told) == ["dana@example.kz", "erlan@example.kz"]


async def test_a_new_link_has_its_own_reminders_and_the_others_keep_theirs(
    make_client: MakeClient, app: Starlette, smtp: Smtp, clock: FakeClock
) -> None:
    services = services_of(app)
    claimant = make_client()
    created = await open_four(claimant)
    await services.outbox.flush()
    clock.advance(hours=24)
    again = await claimant.post(
        f"/api/cases/{created['case']['id']}/invitations",
        json={"role": "party3", "email": "dana2@example.kz"},
    )
    assert again.status_code == 201, again.text
    await services.outbox.flush()
    before = len(smtp.inbox.messages)

    clock.advance(hours=48, minutes=1)  # 72 h after the first links: theirs are reminded
    await services.scheduler.tick()
    await services.outbox.flush()
    first = sorted(str(m["To"]) for m in smtp.inbox.messages[before:])
    assert first == ["erlan@example.kz", "ruslan@example.kz"]

    clock.advance(hours=24)  # 72 h after Dana's new link: hers, with the new link
    await services.scheduler.tick()
    await services.outbox.flush()
    [late] = smtp.inbox.messages[before + 2 :]
    assert late["To"] == "dana2@example.kz"
    assert links_in(smtp)["dana2@example.kz"] == again.json()["url"].split("#token=", 1)[1]


async def test_the_dropped_party_is_told_where_its_latest_link_went_even_at_the_same_moment(
    make_client: MakeClient, app: Starlette, smtp: Smtp
) -> None:
    """A new link made in the same instant as the one it replaced (the tests' clock stands still;
    a fast double send) is still the latest: not whichever of the two random ids sorts last."""
    services = services_of(app)
    claimant, ruslan = make_client(), make_client()
    created = await open_four(claimant)
    case_id = created["case"]["id"]
    again = await claimant.post(
        f"/api/cases/{case_id}/invitations", json={"role": "party4", "email": "erlan2@example.kz"}
    )
    assert again.status_code == 201, again.text
    async with services.sessions() as db, db.begin():
        links = list(await db.scalars(select(Invitation).where(Invitation.role == "party4")))
        [replaced] = [i for i in links if i.revoked_at is not None]
        [latest] = [i for i in links if i.revoked_at is None]
        assert replaced.created_at == latest.created_at  # the same instant
        # Ids are random: make the replaced one sort last, as it does half the time.
        latest.id, replaced.id = "0" * 32, "f" * 32
    await join_as(ruslan, "ruslan@example.kz", token_for(created, "respondent"))
    assert (await claimant.post(f"/api/cases/{case_id}/start")).status_code == 200
    await services.outbox.flush()
    told = [str(m["To"]) for m in smtp.inbox.messages if "без вас" in m["Subject"]]
    assert told == ["erlan2@example.kz"]
