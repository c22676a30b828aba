"""A blind-bidding case both parties took to court (#15): referred by its mediator, its package
reaches the court with the public record both parties agreed to share, and never a bid."""

from __future__ import annotations

from starlette.applications import Starlette

from tests.builders.bidding import RULES, agree_rules, bid, bidding_case, choose, decided
from tests.conftest import MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login

# The sealed bids, in tiyn: distinctive, so that a leak in any form would show.
CLAIMANT_BID, RESPONDENT_BID = 913_579, 124_681
BID_TRACES = ["913579", "9135.79", "9 135", "124681", "1246.81", "1 246"]


async def test_both_choosing_court_refer_the_case_with_the_shared_record_and_no_bid(
    address: str, app: Starlette, make_client: MakeClient, court_token: dict[str, str]
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    mediator = await staff_login(address, "dana@centre.kz")
    for party in (claimant, respondent):  # both share the room's record with the court
        shared = await party.http(
            "PUT",
            f"/api/cases/{case_id}/sharing",
            json={"interests_with_mediator": False, "record_with_court": True},
        )
        assert shared.status_code == 200, shared.text
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    assert (await bid(claimant, case_id, 1, CLAIMANT_BID)).status_code == 200
    assert (await bid(respondent, case_id, 1, RESPONDENT_BID)).status_code == 200
    await decided(app)
    await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    for party in (claimant, respondent):
        assert (await choose(party, case_id, "court")).status_code == 200
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "court_chosen")

    referred = await mediator.http(
        "POST",
        f"/api/centre/cases/{case_id}/refer",
        json={"reason": "both chose court", "court_code": "ALMATY-2"},
    )
    assert referred.status_code == 201, referred.text

    court = make_client()
    court.headers["authorization"] = f"Bearer {court_token['ALMATY-2']}"
    (item,) = (await court.get("/api/court/v1/referrals")).json()["referrals"]
    fetched = await court.get(item["links"]["json"])
    package = fetched.json()["package"]
    assert package["mediation"]["ended"] == "failed"
    assert package["mediation"]["ended_by"] == "parties_chose_court"
    assert package["mediation"]["mechanisms"] == ["bidding"]
    shared = package["shared"]
    assert shared["consented"] == ["claimant", "respondent"] and shared["record_shared"] is True
    kinds = [e["data"].get("kind") for e in shared["events"] if e["type"] == "bidding"]
    assert "no_settlement" in kinds and "court_chosen" in kinds
    assert {e["type"] for e in shared["events"]} <= {"bidding", "message"}
    for trace in BID_TRACES:
        assert trace not in fetched.text, trace
    other = make_client()
    other.headers["authorization"] = f"Bearer {court_token['ASTANA-1']}"
    assert (await other.get(item["links"]["json"])).status_code == 404
    for client in (claimant, respondent):
        await client.disconnect()
