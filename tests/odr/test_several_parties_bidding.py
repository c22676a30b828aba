"""Blind bidding stays two-sided among several parties: the claimant's side demands and the
respondent's side offers, each side bidding as one (its bid counts once every member entered the
same amount); a party on its own side, or a side nobody stands on, cannot bid blind."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from starlette.applications import Starlette

from odr.cases.mechanism import Mechanism, misfit
from odr.negotiating.bidding_sides import sides_problem
from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.bidding import RULES, bid, choose, decided
from tests.builders.cases import CASE
from tests.builders.leak_scan import found, received_by
from tests.builders.parties import seat_party
from tests.builders.room import joined_case
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient


async def _four_parties(
    app: Starlette, address: str, make_client: MakeClient, third_side: str = "claimant"
) -> tuple[str, dict[str, RoomClient]]:
    """Claimant and party3 (on ``third_side``) against the respondent and party4."""
    claimant, respondent, case_id = await joined_case(address)
    async with services_of(app).sessions() as db, db.begin():
        await db.execute(update(Case).where(Case.id == case_id).values(mechanism="bidding"))
    parties = {"claimant": claimant, "respondent": respondent}
    for role, side in (("party3", third_side), ("party4", "respondent")):
        seated = await seat_party(
            app, make_client(), case_id, role, email=f"{role}@example.kz", side=side
        )
        cookies = {name: value for name, value in seated.client.cookies.items() if value}
        parties[role] = RoomClient(address, cookies, seated.client.csrf)
    return case_id, parties


async def _view(party: RoomClient, case_id: str) -> dict[str, Any]:
    return dict((await party.http("GET", f"/api/cases/{case_id}/bidding")).json())


async def test_each_side_bids_as_one_and_never_learns_the_others_entries(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await _four_parties(app, address, make_client)
    proposed = await parties["claimant"].http(
        "POST", f"/api/cases/{case_id}/bidding/rules", json=RULES
    )
    assert proposed.status_code == 200, proposed.text
    accept = {"proposal_seq": proposed.json()["proposal_seq"]}
    url = f"/api/cases/{case_id}/bidding/rules/accept"
    own_side = await parties["party3"].http("POST", url, json=accept)
    assert own_side.status_code == 403 and own_side.json()["error"]["code"] == "own_rules"
    accepted = await parties["party4"].http("POST", url, json=accept)
    assert accepted.status_code == 200 and accepted.json()["status"] == "open"

    # The claimant's side: two members enter different demands; nothing counts until they agree.
    assert (await bid(parties["claimant"], case_id, 1, 900_013)).status_code == 200
    assert (await bid(parties["party3"], case_id, 1, 800_017)).status_code == 200
    side = (await _view(parties["party3"], case_id))["side"]
    assert side["side"] == "claimant" and side["members"] == ["claimant", "party3"]
    assert side["rounds"]["1"] == {
        "entered": {"claimant": 900_013, "party3": 800_017},
        "agreed": None,
        "waiting_for": ["claimant"],
    }
    assert (await bid(parties["claimant"], case_id, 1, 800_017)).status_code == 200
    agreed = (await _view(parties["claimant"], case_id))["side"]["rounds"]["1"]
    assert agreed["agreed"] == 800_017 and agreed["waiting_for"] == []
    sealed = await bid(parties["party3"], case_id, 1, 700_000)
    assert sealed.status_code == 409 and sealed.json()["error"]["code"] == "bid_sealed"
    await decided(app)
    assert (await _view(parties["claimant"], case_id))["status"] == "open"  # one side only

    # The respondent's side sees its own entries only, never the claimant side's.
    assert (await bid(parties["respondent"], case_id, 1, 799_531)).status_code == 200
    theirs = await _view(parties["party4"], case_id)
    assert theirs["side"]["rounds"] == {
        "1": {"entered": {"respondent": 799_531}, "agreed": None, "waiting_for": ["party4"]}
    }
    for role in ("respondent", "party4"):
        seen = await received_by(app, parties[role], case_id)
        assert found(seen, ["900013", "800017"]) == [], role
    for role in ("claimant", "party3"):
        seen = await received_by(app, parties[role], case_id)
        assert found(seen, ["799531"]) == [], role
    assert (await bid(parties["party4"], case_id, 1, 799_531)).status_code == 200
    await decided(app)
    # 800 017 against 799 531: within the 1 000 tiyn the rules bridge, settled between them.
    done = await _view(parties["party4"], case_id)
    assert done["status"] == "settled" and 799_531 <= done["settled_amount"] <= 800_017


async def test_after_no_settlement_packages_needs_every_party(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await _four_parties(app, address, make_client)
    proposed = await parties["party3"].http(
        "POST", f"/api/cases/{case_id}/bidding/rules", json={**RULES, "rounds": 1}
    )
    seq = proposed.json()["proposal_seq"]
    await parties["respondent"].http(
        "POST", f"/api/cases/{case_id}/bidding/rules/accept", json={"proposal_seq": seq}
    )
    for role, amount in (("claimant", 900_000), ("party3", 900_000)):
        await bid(parties[role], case_id, 1, amount)
    for role, amount in (("respondent", 100_000), ("party4", 100_000)):
        await bid(parties[role], case_id, 1, amount)
    await decided(app)
    assert (await _view(parties["claimant"], case_id))["status"] == "no_settlement"
    for role in ("claimant", "respondent", "party3"):
        assert (await choose(parties[role], case_id, "packages")).status_code == 200
    case = (await parties["claimant"].http("GET", f"/api/cases/{case_id}")).json()
    assert case["mechanism"] == "bidding"  # party4 has not chosen yet
    assert (await choose(parties["party4"], case_id, "packages")).status_code == 200
    case = (await parties["claimant"].http("GET", f"/api/cases/{case_id}")).json()
    assert case["mechanism"] == "packages"


async def test_a_side_bids_on_without_a_member_who_withdrew(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await _four_parties(app, address, make_client)
    left = await parties["party3"].http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200 and left.json()["case_status"] == "open", left.text
    url = f"/api/cases/{case_id}/bidding/rules"
    refused = await parties["party3"].http("POST", url, json=RULES)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_a_party"
    proposed = await parties["claimant"].http("POST", url, json=RULES)
    accept = {"proposal_seq": proposed.json()["proposal_seq"]}
    assert (await parties["party4"].http("POST", f"{url}/accept", json=accept)).status_code == 200
    assert (await bid(parties["claimant"], case_id, 1, 500_000)).status_code == 200
    assert (await _view(parties["claimant"], case_id))["side"] is None  # a side of one now
    late = await bid(parties["party3"], case_id, 1, 500_000)
    assert late.status_code == 409 and late.json()["error"]["code"] == "not_a_party"


async def test_a_party_on_its_own_side_cannot_bid_blind(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await _four_parties(app, address, make_client, third_side="own")
    refused = await parties["claimant"].http(
        "POST", f"/api/cases/{case_id}/bidding/rules", json=RULES
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["error"]["code"] == "bidding_needs_two_sides"


def test_two_sides_each_with_someone_on_it_and_nobody_on_its_own() -> None:
    assert sides_problem(["claimant", "respondent"]) is None
    assert sides_problem(["claimant", "claimant", "respondent", "respondent"]) is None
    assert sides_problem(["claimant", "respondent", "own"]) is not None
    assert sides_problem(["claimant", "claimant"]) is not None


def test_choosing_or_switching_to_bidding_needs_two_sides() -> None:
    """``misfit`` (intake's choice and the mediator's switch) refuses blind bidding for parties
    of whom one stands on its own side, and still accepts it for two sides."""
    money = [{"name": "amount", "range": {"min": 0, "max": 100, "step": 1, "unit": "KZT"}}]
    refused = misfit(Mechanism.BIDDING, money, [], None, ["claimant", "respondent", "own"])
    assert refused is not None and refused.code == "bidding_needs_two_sides"
    assert misfit(Mechanism.BIDDING, money, [], None, ["claimant", "respondent"]) is None
    assert misfit(Mechanism.PACKAGES, money, [], None, ["claimant", "own"]) is None


async def test_at_intake_bidding_is_refused_with_a_party_on_its_own_side(
    make_client: MakeClient,
) -> None:
    """Chosen, blind bidding with a co-heir on its own side is refused at the field; not chosen,
    a one-amount case of such parties is recommended packages instead; on two sides it opens."""
    claimant = make_client()
    await claimant.signup("aigerim@example.kz")
    money_only = {**CASE, "issues": CASE["issues"][:1]}
    own = [{"name": "Dana", "email": "dana@example.kz"}]  # on its own side by default
    refused = await claimant.post(
        "/api/cases", json={**money_only, "other_parties": own, "mechanism": "bidding"}
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["code"] == "bidding_needs_two_sides"
    assert [f["field"] for f in refused.json()["error"]["fields"]] == ["mechanism"]
    recommended = await claimant.post("/api/cases", json={**money_only, "other_parties": own})
    assert recommended.status_code == 201, recommended.text
    assert recommended.json()["case"]["mechanism"] == "packages"
    allied = [{"name": "Dana", "email": "dana2@example.kz", "side": "claimant"}]
    opened = await claimant.post(
        "/api/cases", json={**money_only, "other_parties": allied, "mechanism": "bidding"}
    )
    assert opened.status_code == 201 and opened.json()["case"]["mechanism"] == "bidding"
