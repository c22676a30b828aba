"""Five parties state their interests privately; the proposals come once every party taking part
has stated them, each party reads them in its own terms, and nothing any party can receive
holds another party's private values."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseProposals
from tests.builders.app import services_of
from tests.builders.interests import submit
from tests.builders.leak_scan import found, received_by
from tests.builders.parties import seat_party
from tests.builders.room import joined_case
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient

ROLES = ("claimant", "respondent", "party3", "party4", "party5")


def _answers(best: int, acceptable: int, limit: int, points: int, term: str) -> dict[str, Any]:
    """A party's answers on ``tests.builders.cases.CASE``'s issues (amount, then the term)."""
    marks = {"сразу": "acceptable", "через месяц": "acceptable", "в рассрочку": "acceptable"}
    return {
        "importance": {"points": {"amount": points, "issue2": 100 - points}},
        "issues": {
            "amount": {"best": best, "acceptable": acceptable, "limit": limit},
            "issue2": {"options": {**marks, term: "ideal"}},
        },
        "walk_away": "flexible",
    }


# Each party's amounts are off the 10,000 grid (no public package can hold them) and
# distinct from everyone else's: the markers the scan looks for. Those who receive (claimant,
# party3, party5) want much, those who pay little; every limit leaves 190,000…250,000 open.
ANSWERS = {
    "claimant": _answers(415_170, 335_170, 175_170, 61, "сразу"),
    "respondent": _answers(21_520, 151_520, 261_520, 72, "в рассрочку"),
    "party3": _answers(401_230, 301_230, 181_230, 55, "через месяц"),
    "party4": _answers(11_340, 141_340, 251_340, 66, "в рассрочку"),
    "party5": _answers(391_450, 291_450, 185_450, 58, "сразу"),
}


def markers(role: str) -> list[str]:
    amount = ANSWERS[role]["issues"]["amount"]
    return [str(amount[k]) for k in ("best", "acceptable", "limit")]


async def computed(app: Starlette, case_id: str) -> None:
    """Wait for the proposals under way for the case (the live server runs in this loop)."""
    task = services_of(app).proposals.tasks.get(case_id)
    if task is not None:
        await task


async def five_parties(
    app: Starlette, address: str, make_client: MakeClient
) -> tuple[str, dict[str, RoomClient]]:
    """A case with its claimant and respondent joined by invitation and three more seated: each
    party's client by role, in the room."""
    claimant, respondent, case_id = await joined_case(address)
    parties = {"claimant": claimant, "respondent": respondent}
    for n in (3, 4, 5):
        seated = await seat_party(
            app, make_client(), case_id, f"party{n}", email=f"heir{n}@example.kz"
        )
        cookies = {name: value for name, value in seated.client.cookies.items() if value}
        parties[seated.role] = RoomClient(address, cookies, seated.client.csrf)
    for party in parties.values():
        await party.join(case_id)
    return case_id, parties


async def test_five_parties_each_read_the_proposals_in_their_own_terms_and_nothing_more(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await five_parties(app, address, make_client)
    for role in ROLES[:-1]:
        stated = await submit(parties[role], case_id, ANSWERS[role])
        assert stated.status_code == 200, stated.text
        assert stated.json()["all_submitted"] is False, role
    early = await parties["claimant"].http("GET", f"/api/cases/{case_id}/proposals")
    assert early.status_code == 404 and early.json()["error"]["code"] == "no_proposals_yet"
    last = await submit(parties["party5"], case_id, ANSWERS["party5"])
    assert last.json()["all_submitted"] is True

    ready = [
        await party.wait_frame(lambda f: f.get("event") == "proposals_ready", within=60)
        for party in parties.values()
    ]
    public = ready[0]["data"]["packages"]
    assert public and all(frame["data"]["packages"] == public for frame in ready)
    for package in public:
        assert set(package) == {"id", "criterion", "choice"}
        assert 190_000 <= int(package["choice"]["amount"]) <= 250_000  # everyone's limits

    views = {}
    for role, party in parties.items():
        view = (await party.http("GET", f"/api/cases/{case_id}/proposals")).json()
        assert [(p["id"], p["choice"]) for p in view["packages"]] == [
            (p["id"], p["choice"]) for p in public
        ]
        for package in view["packages"]:  # every package explained to every party
            assert package["explanation"][0]["key"] == "explain.gain_share", (role, package)
        views[role] = [p["explanation"] for p in view["packages"]]
    assert len({repr(v) for v in views.values()}) == len(ROLES)  # each in its own terms

    # The leak scan: nothing a party can receive holds another party's private values.
    for role, party in parties.items():
        received = await received_by(app, party, case_id)
        assert found(received, markers(role)) == markers(role)  # its own: the scan is live
        others = [m for other in ROLES if other != role for m in markers(other)]
        assert found(received, others) == [], role
    for party in parties.values():
        await party.disconnect()


async def test_a_withdrawn_party_is_not_waited_for(
    app: Starlette, address: str, make_client: MakeClient
) -> None:
    case_id, parties = await five_parties(app, address, make_client)
    for role in ROLES[:-1]:
        await submit(parties[role], case_id, ANSWERS[role])
    services = services_of(app)
    left = await parties["party5"].http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.status_code == 200 and left.json()["case_status"] == "open", left.text
    await computed(app, case_id)
    async with services.sessions() as db:
        stored = await db.scalar(select(CaseProposals).where(CaseProposals.case_id == case_id))
    assert stored is not None and set(stored.views) == set(ROLES[:-1])
    restated = await submit(parties["party4"], case_id, ANSWERS["party4"])
    assert restated.json()["all_submitted"] is True  # party5 is no longer waited for
    late = await submit(parties["party5"], case_id, ANSWERS["party5"])
    assert late.status_code == 409 and late.json()["error"]["code"] == "not_a_party"
    for party in parties.values():
        await party.disconnect()
