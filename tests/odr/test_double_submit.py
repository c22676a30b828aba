"""Double submits: the same request sent several times at once (a double click, a retry on a bad
network) is answered like one. The first wins; the others get the same answer (idempotent) or a
409 in the one error shape with its code; never a 500; nothing stored is lost or doubled.

The requests really run at once (``asyncio.gather`` against the ASGI app), on SQLite and on
PostgreSQL, where two transactions can both pass a "not there yet" check before either commits.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from starlette.applications import Starlette

from odr.persistence.models import (
    Case,
    CaseEvent,
    CaseFeedback,
    CaseParty,
    Centre,
    CentreAdmin,
    CourtImport,
    DeadlineTask,
    OutboxNotice,
    PartyInterests,
    PartySharing,
    Settlement,
    SettlementSignature,
    User,
    UserPhone,
)
from odr.persistence.upsert import is_duplicate_key
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.interests import CLAIMANT as CLAIMANT_INTERESTS
from tests.builders.rows import count
from tests.builders.settlement import agreed_case, complete, sign, signed_case
from tests.conftest import Client, MakeClient, assert_error
from tests.odr.centre_setup import add_mediator, login, new_centre, staff_client

AT_ONCE = 6  # requests per burst
ROUNDS = 4  # bursts per test: one burst does not always hit the gap between check and insert
FEEDBACK = {"service": 5, "procedure": 4, "fairness": 5, "ease": 3, "comment": "Рақмет"}


async def at_once(send: Callable[[], Awaitable[httpx.Response]]) -> list[httpx.Response]:
    """``send`` AT_ONCE times concurrently; the answers in the order they were sent."""
    return list(await asyncio.gather(*(send() for _ in range(AT_ONCE))))


def statuses(responses: list[httpx.Response]) -> Counter[int]:
    return Counter(r.status_code for r in responses)


def one_wins(responses: list[httpx.Response], status: int, code: str) -> httpx.Response:
    """Exactly one answer with ``status``; every other one a 409 ``code`` in the error shape."""
    assert 500 not in statuses(responses), [r.text for r in responses]
    [winner] = [r for r in responses if r.status_code == status]
    for loser in responses:
        if loser is not winner:
            assert_error(loser, 409, code)
    return winner


def all_same(responses: list[httpx.Response], status: int = 200) -> Any:
    """Every answer is the same success (an idempotent request)."""
    bodies = [r.json() for r in responses]
    assert statuses(responses) == {status: AT_ONCE}, [r.text for r in responses]
    assert all(b == bodies[0] for b in bodies), bodies
    return bodies[0]


async def forget(app: Starlette, model: Any, *where: Any) -> None:
    """Delete rows, so that the next burst finds the first write to do again."""
    async with services_of(app).sessions() as db:
        await db.execute(delete(model).where(*where))
        await db.commit()


async def joined_case(make_client: MakeClient) -> tuple[Client, Client, str]:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    created = await open_case(claimant)
    joined = await respondent.post(
        "/api/invitations/accept",
        json={"token": token_of(created), "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    return claimant, respondent, created["case"]["id"]


async def test_rating_twice_at_once_stores_one_rating(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    url = f"/api/cases/{case_id}/feedback"
    for _round in range(ROUNDS):
        await forget(app, CaseFeedback)
        for party in (claimant, respondent):
            answers = await at_once(partial(party.post, url, json=FEEDBACK))
            winner = one_wins(answers, 201, "feedback_given")
            assert winner.json()["comment"] == "Рақмет"
            state = (await party.get(url)).json()
            assert state["open"] is False and state["given"] == winner.json()
        assert await count(app, CaseFeedback) == 2


async def test_joining_twice_at_once_joins_once(app: Starlette, make_client: MakeClient) -> None:
    claimant, respondent = make_client(), make_client()
    await claimant.signup("aigerim@example.kz")
    await respondent.signup("ruslan@example.kz")
    late = make_client()
    await late.signup("late@example.kz")
    for _round in range(ROUNDS):
        created = await open_case(claimant)
        case_id = created["case"]["id"]
        accept = {"token": token_of(created), "consent_to_online_mediation": True}
        answers = await at_once(partial(respondent.post, "/api/invitations/accept", json=accept))
        case = all_same(answers)  # the respondent's twin requests all land on the case
        assert case["status"] == "open" and case["my_role"] == "respondent"
        assert await count(app, CaseParty, CaseParty.case_id == case_id) == 2
        planned = (DeadlineTask.case_id == case_id, DeadlineTask.cancelled.is_(False))
        tasks = await count(app, DeadlineTask, *planned)
        # No centre here: nothing planned, nothing planned twice (joining stopped the reminders
        # of the invitation, the only tasks an unsupervised case had).
        assert tasks == 0
        # Anyone else with the used link is still told it was used.
        used = await late.post("/api/invitations/accept", json=accept)
        assert_error(used, 410, "invitation_used")


async def test_saving_sharing_twice_at_once_keeps_one_choice(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, _respondent, case_id = await joined_case(make_client)
    url = f"/api/cases/{case_id}/sharing"
    for n in range(ROUNDS):
        await forget(app, PartySharing)
        choice = {"interests_with_mediator": n % 2 == 0, "record_with_court": True}
        assert all_same(await at_once(partial(claimant.put, url, json=choice))) == choice
        assert (await claimant.get(url)).json() == choice
        assert await count(app, PartySharing) == 1
    # Different choices at once: one row, holding one of them whole.
    choices = [
        {"interests_with_mediator": bool(n & 1), "record_with_court": bool(n & 2)}
        for n in range(AT_ONCE)
    ]
    answers = await asyncio.gather(*(claimant.put(url, json=c) for c in choices))
    assert statuses(list(answers)) == {200: AT_ONCE}
    assert (await claimant.get(url)).json() in choices
    assert await count(app, PartySharing) == 1


async def test_setting_a_phone_twice_at_once_keeps_one(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    for _round in range(ROUNDS):
        await forget(app, UserPhone)
        answers = await at_once(
            lambda: claimant.put("/api/notify/phone", json={"phone": "+77011234567"})
        )
        assert statuses(answers) == {204: AT_ONCE}, [r.text for r in answers]
        assert await count(app, UserPhone) == 1


async def test_stating_interests_twice_at_once_keeps_one_statement(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, _respondent, case_id = await joined_case(make_client)
    url = f"/api/cases/{case_id}/interests"
    for _round in range(ROUNDS):
        await forget(app, PartyInterests)
        answers = await at_once(lambda: claimant.put(url, json={"answers": CLAIMANT_INTERESTS}))
        assert statuses(answers) == {200: AT_ONCE}, [r.text for r in answers]
        assert {r.json()["all_submitted"] for r in answers} == {False}
        assert (await claimant.get(url)).json()["answers"] == CLAIMANT_INTERESTS
        assert await count(app, PartyInterests) == 1


async def test_opening_the_settlement_at_once_drafts_it_once(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    url = f"/api/cases/{case_id}/settlement"
    for _round in range(ROUNDS):
        await forget(app, Settlement)
        both = [claimant, respondent] * (AT_ONCE // 2)
        answers = list(await asyncio.gather(*(party.get(url) for party in both)))
        drafted = all_same(answers)  # both parties see the one draft
        assert drafted["version"] == 1
        assert await count(app, Settlement) == 1


async def test_signing_twice_at_once_signs_once(app: Starlette, make_client: MakeClient) -> None:
    claimant, respondent, case_id = await agreed_case(app, make_client)
    settlement = await complete(claimant, respondent, case_id)
    record_hash = settlement["record_sha256"]
    first = await at_once(lambda: sign(claimant, case_id, record_hash))
    # Signing what I already signed answers with the same settlement: one signature stands.
    signed = all_same(first, 201)
    assert [s["role"] for s in signed["signatures"]] == ["claimant"]
    assert await count(app, SettlementSignature) == 1
    # The last party's double click seals the document once; the twins are told it is sealed.
    last = await at_once(lambda: sign(respondent, case_id, record_hash))
    sealed = one_wins(last, 201, "settlement_signed")
    assert sealed.json()["status"] == "signed" and sealed.json()["verification_code"]
    assert await count(app, SettlementSignature) == 2
    async with services_of(app).sessions() as db:
        kinds = Counter(await db.scalars(select(OutboxNotice.kind)))
    assert kinds["settlement_signed"] == 2, kinds  # one per party, not one per click


async def test_a_courts_acknowledgement_twice_at_once_files_once(
    app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    _claimant, case_id, signed = await signed_case(app, make_client, court_code="ASTANA-1")
    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    url = f"/api/court/v1/settlements/{signed['id']}/acknowledgement"
    for n in range(ROUNDS):
        await forget(app, CourtImport)
        await forget(app, OutboxNotice, OutboxNotice.kind == "case_filed")
        async with services_of(app).sessions() as db:
            await db.execute(update(Settlement).values(status="signed"))
            await db.execute(update(Case).values(status="signed"))
            await db.commit()
        body = {"court_case_number": f"7594-26-00-2/{n}"}
        answer = all_same(await at_once(partial(court.put, url, json=body)))
        assert answer["court_case_number"] == body["court_case_number"]
        assert await count(app, CourtImport) == 1
        assert await count(app, OutboxNotice, OutboxNotice.kind == "case_filed") == 2
        other = await court.put(url, json={"court_case_number": "another"})
        assert_error(other, 409, "already_acknowledged")
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).status == "filed"


async def test_attesting_twice_at_once_attests_once(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Astana centre", languages=["ru", "kk"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Дана Омарова")
    mediator = await login(make_client(), "dana@centre.kz")
    _claimant, _respondent, case_id = await agreed_case(app, make_client)
    url = f"/api/centre/cases/{case_id}/attest"
    for n in range(ROUNDS):
        body = {"mediation_contract_date": f"2026-11-0{n + 1}"}  # a corrected date attests anew
        view = all_same(await at_once(partial(mediator.post, url, json=body)))
        assert view["mediation_contract_date"] == body["mediation_contract_date"]
        assert [e["event"] for e in view["events"]].count("attested") == n + 1
        assert await count(app, CaseEvent, CaseEvent.type == "attested") == n + 1


async def test_registering_a_centre_or_its_admin_twice_at_once(
    app: Starlette, make_client: MakeClient
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    await staff_client(app, make_client, "chief@centre.kz", "clerk")
    for n in range(ROUNDS):
        body = {"name": f"Centre {n}", "region": "Astana", "languages": ["ru"]}
        answers = await at_once(partial(admin.post, "/api/centres", json=body))
        centre = one_wins(answers, 201, "centre_exists").json()
        assert await count(app, Centre, Centre.name == body["name"]) == 1
        url = f"/api/centres/{centre['id']}/admins"
        answers = await at_once(partial(admin.post, url, json={"email": "chief@centre.kz"}))
        assert statuses(answers) == {204: AT_ONCE}, [r.text for r in answers]
        assert await count(app, CentreAdmin, CentreAdmin.centre_id == centre["id"]) == 1


async def test_signing_up_twice_at_once_makes_one_account(
    app: Starlette, make_client: MakeClient
) -> None:
    """Six sign-ups of one address at once: one account, the others 409 ``email_taken`` (the
    handler decides, so the browser can say "log in instead"; not the app's generic net)."""
    for n in range(ROUNDS):
        body = {"email": f"twin{n}@example.kz", "password": "correct horse battery"}
        clients = [make_client() for _ in range(AT_ONCE)]
        answers = await asyncio.gather(
            *(c.post("/api/auth/signup", json={**body, "display_name": "Twin"}) for c in clients)
        )
        assert 500 not in statuses(list(answers)), [r.text for r in answers]
        [_made] = [r for r in answers if r.status_code == 201]
        for other in answers:
            if other.status_code != 201:
                assert assert_error(other, 409)["code"] == "email_taken"
        assert await count(app, User, User.email == body["email"]) == 1


async def test_only_a_duplicate_key_is_a_conflict(app: Starlette) -> None:
    """The app's net answers 409 for a unique key that refused a write, on either backend; a
    missing value stays a bug (500)."""
    now = services_of(app).clock()
    user: dict[str, Any] = {"email": "one@example.kz", "password_hash": "x", "display_name": "One"}
    user |= {"role": "party", "language": "ru", "created_at": now}
    async with services_of(app).sessions() as db:
        db.add(User(**user))
        await db.commit()
    async with services_of(app).sessions() as db:
        db.add(User(**user))
        with pytest.raises(IntegrityError) as duplicate:
            await db.commit()
    assert is_duplicate_key(duplicate.value)
    async with services_of(app).sessions() as db:
        db.add(User(**{**user, "email": "two@example.kz", "display_name": None}))
        with pytest.raises(IntegrityError) as missing:
            await db.commit()
    assert not is_duplicate_key(missing.value)
