"""The improvement after an agreement among several parties (#17): offered when a package is at
least as good for every party of the agreement and better for one, adopted only once every one of
them accepted, each reading its own gain only; a party that withdrew before the agreement is
neither waited for nor asked."""

from __future__ import annotations

import itertools
import json
from typing import Any

from starlette.applications import Starlette

from negotiation.elicitation import build_preferences
from negotiation.elicitation_answers import parse_answers
from negotiation.model import Issue, PartyPreferences
from odr.negotiating.issues import model_issues
from tests.builders.app import services_of
from tests.builders.cases import CASE
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT, submit
from tests.builders.parties import seat_party
from tests.builders.room import joined_case
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient

ISSUES = model_issues([{**CASE["issues"][0]}, {**CASE["issues"][1], "name": "issue2"}])
# A guarantor beside the respondent: it would rather pay in instalments, and less, and weighs
# the two issues otherwise than the respondent does.
PARTY3: dict[str, Any] = {
    "importance": {"points": {"amount": 45, "issue2": 55}},
    "issues": {
        "amount": {"best": 31_770, "acceptable": 161_770, "limit": 271_770},
        "issue2": {
            "options": {"сразу": "acceptable", "через месяц": "acceptable", "в рассрочку": "ideal"}
        },
    },
    "walk_away": "flexible",
}
PARTY3_SECRETS = ["31770", "161770", "271770"]
ANSWERS = {"claimant": CLAIMANT, "respondent": RESPONDENT, "party3": PARTY3}


def preferences(issues: tuple[Issue, ...]) -> dict[str, PartyPreferences]:
    return {
        role: build_preferences(role, issues, parse_answers(issues, answers))
        for role, answers in ANSWERS.items()
    }


PREFERENCES = preferences(ISSUES)


def utilities(package: dict[str, str]) -> tuple[float, ...]:
    return tuple(p.utility(package) for p in PREFERENCES.values())


def packages() -> list[dict[str, str]]:
    """Every package within the three parties' hard limits (the improvement respects them)."""
    every = [
        dict(zip([i.name for i in ISSUES], choice, strict=True))
        for choice in itertools.product(*(i.options for i in ISSUES))
    ]
    return [p for p in every if all(q.accepts_options(p) for q in PREFERENCES.values())]


def better_for_all(new: tuple[float, ...], old: tuple[float, ...]) -> bool:
    pairs = list(zip(new, old, strict=True))
    return all(a >= b - 1e-12 for a, b in pairs) and any(a > b + 1e-12 for a, b in pairs)


def improvable() -> dict[str, str]:
    """A package some other package beats for all three (brute force)."""
    found = [
        p for p in packages() if any(better_for_all(utilities(q), utilities(p)) for q in packages())
    ]
    assert found, "the test's case must have a package all three can improve on"
    return found[len(found) // 2]


async def agreed_by_three(
    app: Starlette, address: str, make_client: MakeClient, *, quitter: bool
) -> tuple[str, dict[str, RoomClient]]:
    """Claimant, respondent and party3 agree on ``improvable()`` in the room; with ``quitter``,
    a party4 seated too withdraws before stating anything."""
    claimant, respondent, case_id = await joined_case(address)
    parties = {"claimant": claimant, "respondent": respondent}
    for role in ("party3", "party4") if quitter else ("party3",):
        seated = await seat_party(app, make_client(), case_id, role, email=f"{role}@example.kz")
        cookies = {name: value for name, value in seated.client.cookies.items() if value}
        parties[role] = RoomClient(address, cookies, seated.client.csrf)
    for party in parties.values():
        await party.join(case_id)
    if quitter:
        left = await parties["party4"].http("POST", f"/api/cases/{case_id}/withdrawal")
        assert left.status_code == 200 and left.json()["case_status"] == "open", left.text
    for role, answers in ANSWERS.items():
        assert (await submit(parties[role], case_id, answers)).status_code == 200
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=60)
    offered = await claimant.command("offer", package=improvable())
    assert offered["type"] == "ack", offered
    for role in ("respondent", "party3"):
        accepted = await parties[role].command("accept", version=1)
        assert accepted["type"] == "ack", accepted
    await claimant.wait_frame(lambda f: f.get("event") == "agreement")
    return case_id, parties


async def answer(client: RoomClient, case_id: str, accept: bool) -> Any:
    return await client.http(
        "POST", f"/api/cases/{case_id}/improvement/answer", json={"round": 1, "accept": accept}
    )


async def test_every_party_of_the_agreement_accepts_before_it_is_adopted(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await agreed_by_three(app, address, make_client, quitter=True)
    offered = await parties["party3"].wait_frame(
        lambda f: f.get("event") == "improvement_offered", 30
    )
    package, agreed = offered["data"]["package"], improvable()
    assert better_for_all(utilities(package), utilities(agreed))

    views = {}
    for n, role in enumerate(ANSWERS):
        view = await parties[role].http("GET", f"/api/cases/{case_id}/improvement")
        assert view.status_code == 200, view.text
        views[role] = view.json()
        gain = utilities(package)[n] - utilities(agreed)[n]
        assert views[role]["my_gain"]["points"] == round(100 * gain, 1), role
    # The party that withdrew is not asked, and may not answer.
    gone = await parties["party4"].http("GET", f"/api/cases/{case_id}/improvement")
    assert gone.status_code == 409 and gone.json()["error"]["code"] == "not_a_party", gone.text
    refused = await answer(parties["party4"], case_id, True)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_a_party"

    # Two of the three accept: still open, nothing public, the third does not learn of it.
    for role in ("claimant", "respondent"):
        done = await answer(parties[role], case_id, True)
        assert done.status_code == 200 and done.json()["status"] == "open", done.text
    third = (await parties["party3"].http("GET", f"/api/cases/{case_id}/improvement")).json()
    assert (third["status"], third["my_answer"]) == ("open", None)
    last = await answer(parties["party3"], case_id, True)
    assert last.status_code == 200 and last.json()["status"] == "adopted", last.text
    adopted = await parties["claimant"].wait_frame(
        lambda f: f.get("event") == "improvement_adopted"
    )
    assert adopted["data"]["package"] == package

    # Each party's explanation is its own: nothing the others received holds its private values.
    for role, secrets in (("claimant", CLAIMANT_SECRETS), ("party3", PARTY3_SECRETS)):
        for other, client in parties.items():
            if other == role:
                continue
            seen = json.dumps(client.frames) + json.dumps(views.get(other, {}))
            for secret in secrets:
                assert secret not in seen, (role, other, secret)
    for client in parties.values():
        await client.disconnect()


async def test_one_party_of_three_declining_ends_the_offer(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await agreed_by_three(app, address, make_client, quitter=False)
    await parties["party3"].wait_frame(lambda f: f.get("event") == "improvement_offered", 30)
    assert (await answer(parties["claimant"], case_id, True)).json()["status"] == "open"
    declined = await answer(parties["party3"], case_id, False)
    assert declined.status_code == 200 and declined.json()["status"] == "lapsed", declined.text
    late = await answer(parties["respondent"], case_id, True)
    assert late.status_code == 409 and late.json()["error"]["code"] == "improvement_closed"
    assert services_of(app).improvements.tasks == {}
    for client in parties.values():
        await client.disconnect()
