"""Practice against a robot over HTTP: a whole rehearsal stores nothing, reaches nobody, and a
case's rehearsal uses the caller's own interests only (on SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.applications import Starlette

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from odr.logs import configure_logging
from odr.negotiating.issues import model_issues
from odr.persistence.models import Base
from odr.practice.state import Rehearsal, open_state
from tests.builders.app import services_of
from tests.builders.cases import open_case, token_of
from tests.builders.interests import CLAIMANT, RESPONDENT
from tests.conftest import Client, FakeClock, MakeClient, assert_error

START = "/api/practice/start"
OFFER = "/api/practice/offer"


async def all_rows(app: Starlette) -> dict[str, int]:
    """Every table's row count: a rehearsal must leave each as it was."""
    counts: dict[str, int] = {}
    async with services_of(app).sessions() as db:
        for table in Base.metadata.sorted_tables:
            counts[table.name] = int(await db.scalar(select(func.count()).select_from(table)) or 0)
    return counts


async def proposals_done(app: Starlette) -> None:
    """Wait for the proposals both parties' interests started, and for the letters their event
    calls for: rows of the case's own, written off the request's path."""
    services = services_of(app)
    while services.proposals.tasks:
        await asyncio.gather(*list(services.proposals.tasks.values()), return_exceptions=True)
    await services.room_letters.flush()


def opened(app: Starlette, state: str) -> Rehearsal:
    services = services_of(app)
    return open_state(services.settings.secret_key, state, services.clock())


async def two_parties(make_client: MakeClient) -> tuple[Client, Client, str]:
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


def worst_offer(start: dict[str, Any]) -> dict[str, str]:
    """An offer far from the robot's opening: on each issue the option most unlike it."""
    offer = {}
    for issue in start["issues"]:
        robot = start["reply"]["package"][issue["name"]]
        if issue["range"] is not None:
            low, high = issue["range"]["min"], issue["range"]["max"]
            ends = [low, high]
            far = max(ends, key=lambda v: abs(v - float(robot)))
            offer[issue["name"]] = str(int(far)) if float(far).is_integer() else str(far)
        else:
            offer[issue["name"]] = next(o["id"] for o in issue["options"] if o["id"] != robot)
    return offer


async def test_a_whole_template_rehearsal_stores_nothing(app: Starlette, client: Client) -> None:
    before = await all_rows(app)
    started = await client.post(START, json={"category": "family", "seed": 42})
    assert started.status_code == 200, started.text
    start = started.json()
    assert start["source"] == "template" and start["interests_used"] is False
    assert {i["name"] for i in start["issues"]} == {"children_schedule", "alimony", "flat"}
    assert start["reply"]["kind"] == "opening" and start["round"] == 0
    state, offer = start["state"], worst_offer(start)
    kinds = []
    for _ in range(start["max_rounds"] + 1):
        answered = await client.post(
            OFFER, json={"state": state, "action": "offer", "package": offer}
        )
        assert answered.status_code == 200, answered.text
        turn = answered.json()
        kinds.append(turn["reply"]["kind"])
        state = turn["state"]
        if turn["over"]:
            break
    assert kinds[-2:] == ["final", "walked_away"]
    debrief = turn["debrief"]
    assert debrief["agreed"] is None
    assert set(debrief["compromise"]) == set(offer)
    assert debrief["explanation"][0]["key"] == "explain.gain_share"
    assert any(t["key"] == "practice.tip.their_priority" for t in debrief["tips"])
    assert await all_rows(app) == before
    again = await client.post(OFFER, json={"state": state, "action": "offer", "package": offer})
    assert_error(again, 409, "practice_over")


async def test_same_seed_same_robot_and_accepting_its_offer_agrees(client: Client) -> None:
    one = (await client.post(START, json={"category": "labour", "seed": 7})).json()
    two = (await client.post(START, json={"category": "labour", "seed": 7})).json()
    assert one["reply"] == two["reply"] and one["state"] != two["state"]  # sealed afresh
    agreed = await client.post(OFFER, json={"state": one["state"], "action": "accept"})
    assert agreed.status_code == 200, agreed.text
    turn = agreed.json()
    assert turn["over"] and turn["reply"]["kind"] == "agreed"
    assert turn["debrief"]["agreed"] == one["reply"]["package"]


async def test_a_generous_offer_is_accepted(client: Client) -> None:
    start = (await client.post(START, json={"category": "consumer", "role": "respondent"})).json()
    offer = start["reply"]["package"]
    turn = (
        await client.post(
            OFFER, json={"state": start["state"], "action": "offer", "package": offer}
        )
    ).json()
    assert turn["reply"]["kind"] == "accepted" and turn["debrief"]["agreed"] == offer


async def test_a_case_rehearsal_uses_my_own_interests_and_never_the_other_party(
    app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await two_parties(make_client)
    path = f"/api/cases/{case_id}/practice/start"
    put = await claimant.put(f"/api/cases/{case_id}/interests", json={"answers": CLAIMANT})
    assert put.status_code == 200, put.text
    first = await claimant.post(path, json={"seed": 5})
    assert first.status_code == 200, first.text
    start = first.json()
    assert start["source"] == "case" and start["interests_used"] is True
    assert start["role"] == "claimant" and start["category"] == "civil"
    labels = {i["name"]: i["label"] for i in start["issues"]}
    assert labels == {"amount": "Сумма", "issue2": "Срок"}
    options = next(i for i in start["issues"] if i["name"] == "issue2")["options"]
    assert [(o["id"], o["label"]) for o in options] == [
        ("0", "сразу"),
        ("1", "через месяц"),
        ("2", "в рассрочку"),
    ]
    mine = opened(app, start["state"]).sandbox
    issues = model_issues((await claimant.get(f"/api/cases/{case_id}")).json()["issues"])
    own = build_preferences("you", issues, parse_answers(issues, CLAIMANT))
    assert dict(mine.party.weights) == dict(own.weights)
    assert mine.party.utilities["issue2"]["0"] == own.utilities["issue2"]["сразу"]

    # The other party states its interests: the same seed gives the very same rehearsal.
    put = await respondent.put(f"/api/cases/{case_id}/interests", json={"answers": RESPONDENT})
    assert put.status_code == 200, put.text
    await proposals_done(app)  # their notices are the case's, not the rehearsal's
    before = await all_rows(app)
    again = (await claimant.post(path, json={"seed": 5})).json()
    assert opened(app, again["state"]).sandbox == mine
    turn = await claimant.post(
        OFFER, json={"state": again["state"], "action": "offer", "package": worst_offer(again)}
    )
    assert turn.status_code == 200, turn.text
    ended = await claimant.post(OFFER, json={"state": turn.json()["state"], "action": "end"})
    assert ended.status_code == 200 and ended.json()["reply"]["kind"] == "ended"
    # Nothing stored: no event in the case's room, no notice, no row anywhere.
    assert await all_rows(app) == before


async def test_a_foreign_case_is_404_and_a_stranger_401(make_client: MakeClient) -> None:
    _, _, case_id = await two_parties(make_client)
    stranger = make_client()
    path = f"/api/cases/{case_id}/practice/start"
    assert_error(await stranger.post(path, json={}), 401)
    await stranger.signup("stranger@example.kz")
    assert_error(await stranger.post(path, json={}), 404, "case_not_found")


async def test_a_respondent_rehearses_on_the_case_without_interests(
    make_client: MakeClient,
) -> None:
    _, respondent, case_id = await two_parties(make_client)
    answered = await respondent.post(f"/api/cases/{case_id}/practice/start", json={})
    assert answered.status_code == 200, answered.text
    assert answered.json()["role"] == "respondent"
    assert answered.json()["interests_used"] is False


async def test_a_state_made_up_changed_or_too_old_is_refused(
    app: Starlette, client: Client, clock: FakeClock
) -> None:
    start = (await client.post(START, json={"category": "civil", "seed": 1})).json()
    state = start["state"]
    error = assert_error(
        await client.post(OFFER, json={"state": "p1.AAAA", "action": "end"}),
        422,
        "practice_state_invalid",
    )
    assert error["fields"][0]["field"] == "state"
    changed = state[:-6] + ("AAAAAA" if not state.endswith("AAAAAA") else "BBBBBB")
    assert_error(
        await client.post(OFFER, json={"state": changed, "action": "end"}),
        422,
        "practice_state_invalid",
    )
    assert_error(await client.post(OFFER, json={"state": "not a state", "action": "end"}), 422)
    clock.advance(hours=25)
    assert_error(
        await client.post(OFFER, json={"state": state, "action": "end"}), 410, "practice_expired"
    )


async def test_an_offer_that_does_not_fit_the_issues_names_each_field(client: Client) -> None:
    start = (await client.post(START, json={"category": "family", "seed": 3})).json()
    offer = dict(start["reply"]["package"])
    offer["children_schedule"] = "every_day"
    del offer["flat"]
    offer["pets"] = "cat"
    error = assert_error(
        await client.post(
            OFFER, json={"state": start["state"], "action": "offer", "package": offer}
        ),
        422,
        "validation_failed",
    )
    fields = {(f["field"], f["code"]) for f in error["fields"]}
    assert fields == {
        ("package.pets", "extra_forbidden"),
        ("package.children_schedule", "enum"),
        ("package.flat", "missing"),
    }
    missing = await client.post(OFFER, json={"state": start["state"], "action": "offer"})
    assert assert_error(missing, 422)["fields"][0]["field"] == "package"
    assert_error(await client.post(START, json={"category": "space"}), 422, "validation_failed")


@pytest.fixture
def env(env: dict[str, str]) -> dict[str, str]:
    """40 requests at once, then one a minute: a rehearsal is at most a dozen."""
    return {**env, "ODR_PUBLIC_RATE_PER_MIN": "1", "ODR_PUBLIC_RATE_BURST": "40"}


async def test_rehearsals_are_rate_limited_per_address(client: Client) -> None:
    for _ in range(40):
        assert (await client.post(START, json={"category": "civil"})).status_code == 200
    refused = await client.post(START, json={"category": "civil"})
    assert_error(refused, 429, "too_many_requests")
    assert int(refused.headers["retry-after"]) >= 1


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """The service's own logging at its most verbose level, captured."""
    stream = io.StringIO()
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    configure_logging("DEBUG", stream)
    yield stream
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]


async def test_a_rehearsal_leaves_no_content_in_the_logs(
    make_client: MakeClient, log_lines: io.StringIO
) -> None:
    claimant, _, case_id = await two_parties(make_client)
    await claimant.put(f"/api/cases/{case_id}/interests", json={"answers": CLAIMANT})
    start = (await claimant.post(f"/api/cases/{case_id}/practice/start", json={})).json()
    offer = worst_offer(start)
    turn = (
        await claimant.post(
            OFFER, json={"state": start["state"], "action": "offer", "package": offer}
        )
    ).json()
    await claimant.post(OFFER, json={"state": turn["state"], "action": "end"})
    text = log_lines.getvalue()
    assert "/api/practice/offer" in text  # the access log has the path
    for content in (start["state"][:40], turn["state"][:40], "через месяц", '"package"', "debrief"):
        assert content not in text
