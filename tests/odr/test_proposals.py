"""Private interests in, proposals out: each party sees only its own side."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette

from tests.builders.cases import CASE
from tests.builders.interests import CLAIMANT, CLAIMANT_SECRETS, RESPONDENT, submit
from tests.builders.leak_scan import found, received_by
from tests.builders.room import joined_case
from tests.odr.room_client import RoomClient


async def test_proposals_arrive_live_and_each_party_sees_only_its_own_view(
    app: Starlette, address: str
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    first = await submit(claimant, case_id, CLAIMANT)
    assert first.status_code == 200, first.text
    assert first.json()["all_submitted"] is False
    early = await respondent.http("GET", f"/api/cases/{case_id}/proposals")
    assert early.status_code == 404 and early.json()["error"]["code"] == "no_proposals_yet"
    second = await submit(respondent, case_id, RESPONDENT)
    assert second.json()["all_submitted"] is True

    ready = await respondent.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    assert [e["event"] for e in respondent.events] == [
        "interests_submitted",
        "interests_submitted",
        "proposals_ready",
    ]
    criteria = {p["criterion"] for p in ready["data"]["packages"]}
    assert {"nash", "kalai_smorodinsky", "utilitarian"} <= criteria
    for package in ready["data"]["packages"]:
        assert set(package) == {"id", "criterion", "choice"}  # no utilities in public
        assert package["choice"]["issue2"] != "в рассрочку"  # the claimant's hard limit
        assert 175000 <= int(package["choice"]["amount"]) <= 260000  # both parties' limits

    mine = (await claimant.http("GET", f"/api/cases/{case_id}/proposals")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/proposals")).json()
    assert [p["choice"] for p in mine["packages"]] == [p["choice"] for p in theirs["packages"]]
    assert mine["packages"][0]["explanation"] != theirs["packages"][0]["explanation"]
    assert mine["packages"][0]["explanation"][0]["key"] == "explain.gain_share"

    # Nothing the respondent can receive holds the claimant's private answers.
    respondent_sees = await received_by(app, respondent, case_id)
    assert found(respondent_sees, CLAIMANT_SECRETS) == []
    assert found(await received_by(app, claimant, case_id), CLAIMANT_SECRETS) == CLAIMANT_SECRETS
    own = (await claimant.http("GET", f"/api/cases/{case_id}/interests")).json()
    assert own["answers"] == CLAIMANT

    # A counter-offer can start from a proposal.
    package_id = ready["data"]["packages"][0]["id"]
    choice = ready["data"]["packages"][0]["choice"]
    ack = await respondent.command("offer", package=choice, from_proposal=package_id)
    assert ack["type"] == "ack"
    await claimant.disconnect()
    await respondent.disconnect()


def _percents(view: dict[str, Any]) -> list[int]:
    return [
        next(m["params"]["percent"] for m in p["explanation"] if m["key"] == "explain.gain_share")
        for p in view["packages"]
    ]


async def test_proposals_are_in_one_balanced_order_and_each_explanation_is_consistent(
    address: str,
) -> None:
    """Both parties read the packages in the same order (proposal 2 is one package in the room):
    the one whose least-served party gets the largest share of its possible gain first. Each
    party's percentage agrees with its own comparisons and concessions."""
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await submit(claimant, case_id, CLAIMANT)
    await submit(respondent, case_id, RESPONDENT)
    ready = await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    mine = (await claimant.http("GET", f"/api/cases/{case_id}/proposals")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/proposals")).json()
    public = [(p["id"], p["choice"]) for p in ready["data"]["packages"]]
    assert [(p["id"], p["choice"]) for p in mine["packages"]] == public
    assert [(p["id"], p["choice"]) for p in theirs["packages"]] == public
    assert [p["id"] for p in mine["packages"]] == [f"p{n}" for n in range(1, len(public) + 1)]
    smallest = [min(a, b) for a, b in zip(_percents(mine), _percents(theirs), strict=True)]
    assert smallest == sorted(smallest, reverse=True), smallest
    assert mine["packages"][0]["criterion"] == "kalai_smorodinsky" or smallest[0] == max(smallest)
    for view in (mine, theirs):
        for package in view["packages"]:
            keys = [m["key"] for m in package["explanation"]]
            percent = _percents({"packages": [package]})[0]
            assert "explain.vs_walk_away" in keys
            if percent == 100:
                assert "explain.at_best" in keys and "explain.gives_up" not in keys
            else:
                gap = next(m for m in package["explanation"] if m["key"] == "explain.vs_best")
                assert gap["params"] == {"points": 100 - percent}
                assert "explain.gives_up" in keys
    await claimant.disconnect()


async def test_invalid_answers_name_the_field_and_store_nothing(address: str) -> None:
    claimant, _, case_id = await joined_case(address)
    broken = json.loads(json.dumps(CLAIMANT))
    broken["issues"]["amount"]["limit"] = "a lot"
    response = await submit(claimant, case_id, broken)
    assert response.status_code == 422
    fields = [f["field"] for f in response.json()["error"]["fields"]]
    assert fields == ["answers.issues.amount.limit"]
    missing = await submit(claimant, case_id, {"importance": {"ranking": ["amount", "issue2"]}})
    assert missing.status_code == 422
    assert (await claimant.http("GET", f"/api/cases/{case_id}/interests")).status_code == 404


async def test_no_agreement_zone_gives_each_party_its_own_advice(address: str) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    greedy = json.loads(json.dumps(CLAIMANT))
    greedy["issues"]["amount"] = {"best": 420000, "acceptable": 400000, "limit": 380000}
    stingy = json.loads(json.dumps(RESPONDENT))
    stingy["issues"]["amount"] = {"best": 0, "acceptable": 50000, "limit": 100000}
    await submit(claimant, case_id, greedy)
    await submit(respondent, case_id, stingy)
    await claimant.wait_frame(lambda f: f.get("event") == "no_agreement_zone", within=30)
    mine = (await claimant.http("GET", f"/api/cases/{case_id}/proposals")).json()
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}/proposals")).json()
    assert mine["acceptable"] is False and mine["packages"] == []
    assert mine["advice"] and theirs["advice"]
    assert "100000" not in json.dumps(mine) and "380000" not in json.dumps(theirs)
    await claimant.disconnect()


async def test_the_claimant_states_its_interests_while_waiting_for_the_respondent(
    address: str,
) -> None:
    """The claimant answers while the respondent has not joined: stored, shown as stated on its
    case, no proposals from one party's answers; once the respondent joins and answers, the
    proposals come. Each party's case says whether *it* has stated, nothing about the other."""
    claimant = await RoomClient.signup(address, "alone@example.kz")
    created = (await claimant.http("POST", "/api/cases", json=CASE)).json()
    case_id = created["case"]["id"]
    assert created["case"]["my_interests_stated"] is False
    assert created["case"]["my_points_stated"] is False
    response = await submit(claimant, case_id, CLAIMANT)
    assert response.status_code == 200, response.text
    assert response.json()["all_submitted"] is False
    case = (await claimant.http("GET", f"/api/cases/{case_id}")).json()
    assert case["status"] == "awaiting_respondent" and case["my_interests_stated"] is True
    assert (await claimant.http("GET", f"/api/cases/{case_id}/proposals")).status_code == 404

    respondent = await RoomClient.signup(address, "late@example.kz")
    token = created["invitation"]["url"].split("#token=", 1)[1]
    joined = await respondent.http(
        "POST",
        "/api/invitations/accept",
        json={"token": token, "consent_to_online_mediation": True},
    )
    assert joined.status_code == 200, joined.text
    theirs = (await respondent.http("GET", f"/api/cases/{case_id}")).json()
    assert theirs["my_interests_stated"] is False
    await claimant.join(case_id)
    answered = await submit(respondent, case_id, RESPONDENT)
    assert answered.json()["all_submitted"] is True
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    await claimant.disconnect()
