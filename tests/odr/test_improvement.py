"""Post-settlement improvement in a package case: offered after the agreement when the engine
finds a package at least as good for both and better for one, each party seeing its own gain
only; adopted when both accept (the agreement and the settlement's draft change), otherwise the
agreement stands. Packages found by brute force over the case's 129 packages."""

from __future__ import annotations

import itertools
import json
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from starlette.applications import Starlette

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from odr.app import create_app
from odr.negotiating.issues import model_issues
from odr.settings import Settings, load_settings
from tests.builders.app import services_of
from tests.builders.cases import CASE
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT, submit
from tests.builders.room import joined_case, logged
from tests.conftest import FakeClock
from tests.odr.room_client import RoomClient, live_server

ISSUES = model_issues([{**CASE["issues"][0]}, {**CASE["issues"][1], "name": "issue2"}])
PREFERENCES = {
    role: build_preferences(role, ISSUES, parse_answers(ISSUES, answers))
    for role, answers in (("claimant", CLAIMANT), ("respondent", RESPONDENT))
}


def packages() -> list[dict[str, str]]:
    """Every package within both parties' hard limits (the improvement respects them)."""
    every = [
        dict(zip([i.name for i in ISSUES], choice, strict=True))
        for choice in itertools.product(*(i.options for i in ISSUES))
    ]
    return [p for p in every if all(q.accepts_options(p) for q in PREFERENCES.values())]


def utilities(package: dict[str, str]) -> tuple[float, float]:
    return (
        PREFERENCES["claimant"].utility(package),
        PREFERENCES["respondent"].utility(package),
    )


def dominated(package: dict[str, str]) -> bool:
    """Some package is at least as good for both and better for one (brute force)."""
    base = utilities(package)
    for other in packages():
        u = utilities(other)
        if all(a >= b - 1e-12 for a, b in zip(u, base, strict=True)) and any(
            a > b + 1e-12 for a, b in zip(u, base, strict=True)
        ):
            return True
    return False


def improvable() -> dict[str, str]:
    """A package with an improvement: the respondent's best amount paid later than it must."""
    found = [p for p in packages() if dominated(p)]
    assert found, "the test's case must have a package that can be improved"
    return found[len(found) // 2]


def pareto_optimal() -> dict[str, str]:
    best = max(packages(), key=lambda p: sum(utilities(p)))
    assert not dominated(best)
    return best


async def agree(app: Starlette, address: str, package: dict[str, str]) -> tuple[Any, ...]:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    assert (await submit(claimant, case_id, CLAIMANT)).status_code == 200
    assert (await submit(respondent, case_id, RESPONDENT)).status_code == 200
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    offered = await claimant.command("offer", package=package)
    assert offered["type"] == "ack", offered
    accepted = await respondent.command("accept", version=1)
    assert accepted["type"] == "ack", accepted
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")
    return claimant, respondent, case_id


async def settled(app: Starlette) -> None:
    """Wait until the engine has looked for an improvement (it runs off the request)."""
    tasks = list(services_of(app).improvements.tasks.values())
    for task in tasks:
        await task


async def draft(client: RoomClient, case_id: str) -> dict[str, Any]:
    response = await client.http("GET", f"/api/cases/{case_id}/settlement")
    assert response.status_code == 200, response.text
    return dict(response.json())


def amount_of(settlement: dict[str, Any]) -> str:
    payments = [o for o in settlement["terms"]["obligations"] if o["kind"] == "payment"]
    return str(payments[0]["amount"])


async def answer(client: RoomClient, case_id: str, accept: bool, round_: int = 1) -> Any:
    return await client.http(
        "POST",
        f"/api/cases/{case_id}/improvement/answer",
        json={"round": round_, "accept": accept},
    )


async def test_both_accept_and_the_improvement_replaces_the_agreement(
    app: Starlette, address: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="odr")
    agreed = improvable()
    claimant, respondent, case_id = await agree(app, address, agreed)
    before = await draft(claimant, case_id)  # drafted from the room's agreement
    offered = await respondent.wait_frame(lambda f: f.get("event") == "improvement_offered", 30)
    package = offered["data"]["package"]
    assert offered["data"]["replaces_version"] == 1 and package != agreed
    assert set(offered["data"]) == {"round", "package", "replaces_version", "expires_at"}
    # Brute force agrees it is an improvement, and that it cannot be improved again.
    new, old = utilities(package), utilities(agreed)
    assert all(a >= b - 1e-12 for a, b in zip(new, old, strict=True)) and new != old
    assert not dominated(package)

    mine = (await claimant.http("GET", f"/api/cases/{case_id}/improvement")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/improvement")).json()
    assert mine["status"] == theirs["status"] == "open"
    assert mine["agreed"] == agreed and mine["package"] == package
    assert mine["my_gain"]["points"] == round(100 * (new[0] - old[0]), 1)
    assert theirs["my_gain"]["points"] == round(100 * (new[1] - old[1]), 1)
    assert mine["my_gain"] != theirs["my_gain"] or new[0] - old[0] == new[1] - old[1]

    # The claimant accepts: nothing public yet, the respondent does not learn of it.
    seen = len(respondent.frames)
    first = await answer(claimant, case_id, True)
    assert first.status_code == 200, first.text
    assert first.json()["my_answer"] == "accepted" and first.json()["status"] == "open"
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/improvement")).json()
    assert theirs["my_answer"] is None
    second = await answer(respondent, case_id, True)
    assert second.status_code == 200, second.text
    assert second.json()["status"] == "adopted"
    adopted = await claimant.wait_frame(lambda f: f.get("event") == "improvement_adopted")
    assert adopted["data"] == {"round": 1, "version": 1, "package": package}
    new_frames = [f.get("event") for f in respondent.frames[seen:] if f["type"] == "event"]
    assert "improvement_lapsed" not in new_frames

    after = await draft(claimant, case_id)
    assert after["version"] == before["version"] + 1
    assert after["record"] is None or after["record"] != before.get("record")
    if package["amount"] != agreed["amount"]:
        assert amount_of(before) == agreed["amount"] and amount_of(after) == package["amount"]
    late = await answer(claimant, case_id, False)
    assert late.status_code == 409 and late.json()["error"]["code"] == "improvement_closed"

    # Nothing the respondent received, nor any log line, holds the claimant's interests.
    respondent_sees = json.dumps(respondent.frames) + json.dumps(theirs) + second.text
    for secret in CLAIMANT_SECRETS:
        assert secret not in respondent_sees, secret
        assert secret not in caplog.text, secret
    for record in caplog.records:
        assert "points" not in record.getMessage()
    await claimant.disconnect()
    await respondent.disconnect()


async def test_a_decline_leaves_the_agreement_and_the_draft_as_they_were(
    app: Starlette, address: str
) -> None:
    agreed = improvable()
    claimant, respondent, case_id = await agree(app, address, agreed)
    before = await draft(claimant, case_id)
    await claimant.wait_frame(lambda f: f.get("event") == "improvement_offered", 30)
    assert (await answer(claimant, case_id, True)).status_code == 200
    declined = await answer(respondent, case_id, False)
    assert declined.status_code == 200, declined.text
    assert declined.json()["status"] == "lapsed" and declined.json()["reason"] == "declined"
    lapsed = await claimant.wait_frame(lambda f: f.get("event") == "improvement_lapsed")
    assert lapsed["data"] == {"round": 1, "reason": "declined"}
    assert await draft(claimant, case_id) == before
    again = await answer(claimant, case_id, True)
    assert again.status_code == 409 and again.json()["error"]["code"] == "improvement_closed"
    wrong = await answer(claimant, case_id, True, round_=2)
    assert wrong.status_code == 409
    await claimant.disconnect()
    await respondent.disconnect()


async def test_no_offer_when_the_agreement_is_already_pareto_optimal(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await agree(app, address, pareto_optimal())
    await settled(app)
    for client in (claimant, respondent):
        response = await client.http("GET", f"/api/cases/{case_id}/improvement")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "no_improvement"
        assert not [f for f in client.frames if str(f.get("event", "")).startswith("improve")]
    refused = await answer(claimant, case_id, True)
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "no_improvement"
    await claimant.disconnect()
    await respondent.disconnect()


async def test_an_unanswered_offer_lapses_at_its_deadline(
    app: Starlette, address: str, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await agree(app, address, improvable())
    await claimant.wait_frame(lambda f: f.get("event") == "improvement_offered", 30)
    assert (await answer(claimant, case_id, True)).status_code == 200
    clock.advance(hours=49)
    assert (await services_of(app).scheduler.tick()) >= 1
    lapsed = await respondent.wait_frame(lambda f: f.get("event") == "improvement_lapsed")
    assert lapsed["data"] == {"round": 1, "reason": "expired"}
    late = await answer(respondent, case_id, True)
    assert late.status_code == 409
    await claimant.disconnect()
    await respondent.disconnect()


async def test_the_answer_window_is_a_setting_and_a_restart_still_lapses_the_offer_once(
    env: dict[str, str], clock: FakeClock
) -> None:
    """The offer's expiry is a deadline task in the database: an instance stopped while the
    offer is open, and another started after, lapses it at ``ODR_IMPROVEMENT_ANSWER_H``, once."""
    settings = load_settings({**env, "ODR_IMPROVEMENT_ANSWER_H": "2"})
    first = create_app(settings, clock=clock)
    async with first.router.lifespan_context(first), live_server(first) as where:
        claimant, respondent, case_id = await agree(first, where, improvable())
        offered = await claimant.wait_frame(lambda f: f.get("event") == "improvement_offered", 30)
        expires = datetime.fromisoformat(offered["data"]["expires_at"])
        assert expires == clock() + timedelta(hours=2)
        assert (await answer(claimant, case_id, True)).status_code == 200
        await claimant.disconnect()
        await respondent.disconnect()

    clock.advance(hours=1)
    second = create_app(settings, clock=clock)
    async with second.router.lifespan_context(second):
        scheduler = services_of(second).scheduler
        assert await scheduler.tick() == 0  # not due yet
        clock.advance(hours=1)
        assert await scheduler.tick() == 1
        assert await scheduler.tick() == 0
    third = create_app(settings, clock=clock)  # and another restart finds nothing left to do
    async with third.router.lifespan_context(third):
        clock.advance(hours=48)
        assert await services_of(third).scheduler.tick() == 0
        lapses = [d for _s, t, d in await logged(third, case_id) if t == "improvement_lapsed"]
        assert lapses == [{"round": 1, "reason": "expired"}]
        adopted = [t for _s, t, _d in await logged(third, case_id) if t == "improvement_adopted"]
        assert adopted == []


async def test_an_agreement_a_stopped_instance_never_looked_at_gets_its_offer_after_restart(
    env: dict[str, str], clock: FakeClock
) -> None:
    """The search for an improvement runs in memory after the agreement's commit: an instance
    stopped in between (here: before it ran at all) leaves it to the next one to start."""
    settings = load_settings(env)
    first = create_app(settings, clock=clock)
    async with first.router.lifespan_context(first), live_server(first) as where:
        services_of(first).room.on_agreement.clear()  # it stops right after the commit
        claimant, respondent, case_id = await agree(first, where, improvable())
        await claimant.disconnect()
        await respondent.disconnect()
    assert not [t for _s, t, _d in await logged_in(settings, case_id) if t.startswith("improv")]

    clock.advance(hours=1)
    for _restart in range(2):  # every instance looks; only one offer is ever made
        again = create_app(settings, clock=clock)
        async with again.router.lifespan_context(again):
            await settled(again)
            offers = [d for _s, t, d in await logged(again, case_id) if t == "improvement_offered"]
    assert len(offers) == 1 and offers[0]["replaces_version"] == 1


async def logged_in(settings: Settings, case_id: str) -> list[tuple[int, str, dict[str, Any]]]:
    """The case's log read by an instance of its own (none is running)."""
    instance = create_app(replace(settings, background_workers=False))
    async with instance.router.lifespan_context(instance):
        return await logged(instance, case_id)
