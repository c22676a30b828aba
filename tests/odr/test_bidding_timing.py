"""When a blind-bidding round's outcome is announced (#12): "not in timing: answers do not reveal
who bid first". By default a round is decided at its deadline, to both parties (and the mediator)
at once, whatever the order and the time of the bids; until then nothing anyone else can read
changes when a party bids. The parties may agree "announce as soon as both have bid" instead
(which tells each that the other has bid), and rules agreed before the choice existed keep that
behaviour, the only one they knew."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from starlette.applications import Starlette

from odr.persistence.models import CaseEvent
from tests.builders.app import services_of
from tests.builders.bidding import RULES, agree_rules, bid, bidding_case, decided
from tests.builders.room import logged
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login
from tests.odr.room_client import RoomClient

DEFAULT_RULES = {k: v for k, v in RULES.items() if k != "announce"}
"""The rules as proposed without saying when outcomes are announced: the default applies."""


def bidding_kinds(client: RoomClient) -> list[str]:
    """The blind-bidding events a client received, by kind (``settled`` for the settlement)."""
    return [
        e["data"].get("kind", "settled")
        for e in client.events
        if e["event"] in ("bidding", "bidding_settled")
    ]


class Watchers:
    """Everything others may read about a case: the room's log, each party's bidding view and
    the mediator's case view and caseload. Compared before and after a bid."""

    def __init__(
        self,
        app: Starlette,
        case_id: str,
        parties: dict[str, RoomClient],
        mediator: RoomClient,
    ) -> None:
        self.app, self.case_id, self.parties, self.mediator = app, case_id, parties, mediator

    async def read(self) -> dict[str, Any]:
        seen: dict[str, Any] = {"log": await logged(self.app, self.case_id)}
        for role, client in self.parties.items():
            view = await client.http("GET", f"/api/cases/{self.case_id}/bidding")
            seen[role] = view.json()
            seen[f"{role} case"] = (await client.http("GET", f"/api/cases/{self.case_id}")).json()
        centre = f"/api/centre/cases/{self.case_id}"
        seen["mediator"] = (await self.mediator.http("GET", centre)).json()
        seen["caseload"] = (await self.mediator.http("GET", "/api/centre/cases")).json()
        return seen

    async def bid_unseen(self, role: str, number: int, amount: int) -> None:
        """``role`` bids; nobody else can tell (nor can the bidder, of the other's bid)."""
        before = await self.read()
        answer = await bid(self.parties[role], self.case_id, number, amount)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"round": number, "amount": amount, "sealed": True}
        await decided(self.app)
        after = await self.read()
        assert after[role]["my_bids"] == {**before[role]["my_bids"], str(number): amount}
        after[role]["my_bids"] = before[role]["my_bids"]
        assert after == before


async def supervised(
    address: str, app: Starlette, make_client: MakeClient
) -> tuple[RoomClient, RoomClient, RoomClient, str]:
    """A blind-bidding case of a centre whose mediator Dana has it; all three in the room."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    mediator = await staff_login(address, "dana@centre.kz")
    await mediator.join(case_id)
    return claimant, respondent, mediator, case_id


async def test_by_default_a_round_is_announced_at_its_deadline_to_all_at_once(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    claimant, respondent, mediator, case_id = await supervised(address, app, make_client)
    await agree_rules(claimant, respondent, case_id, DEFAULT_RULES)
    view = (await claimant.http("GET", f"/api/cases/{case_id}/bidding")).json()
    assert view["rules"]["announce"] == "at_deadline"
    first_deadline = datetime.fromisoformat(view["deadline_at"])
    watch = Watchers(app, case_id, {"claimant": claimant, "respondent": respondent}, mediator)
    scheduler = services_of(app).scheduler
    everyone = (claimant, respondent, mediator)
    opened = ["rules_proposed", "rules_agreed", "round_opened"]

    # Round 1: the claimant bids, then the respondent, far apart. The second bid decides nothing.
    await watch.bid_unseen("claimant", 1, 52_718_301)
    clock.advance(hours=20)
    await watch.bid_unseen("respondent", 1, 21_904_113)
    assert await scheduler.tick() == 0
    clock.advance(hours=27, minutes=59)
    assert await scheduler.tick() == 0
    for client in everyone:
        assert bidding_kinds(client) == opened
    # At the deadline, the outcome reaches all three, from the scheduler.
    clock.advance(minutes=1)
    assert clock() == first_deadline
    assert await scheduler.tick() == 1
    for client in everyone:
        frame = await client.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
        assert frame["data"] == {"kind": "not_yet", "round": 1, "reason": "bids"}
        assert frame["actor"]["role"] == "system"
        opened_2 = await client.wait_frame(lambda f: f.get("data", {}).get("round") == 2)
        assert datetime.fromisoformat(opened_2["data"]["deadline_at"]) == clock() + timedelta(
            hours=48
        )

    # Round 2: the respondent first this time, within the gap: still nothing until the deadline.
    await watch.bid_unseen("respondent", 2, 40_123_451)
    await watch.bid_unseen("claimant", 2, 40_123_457)
    clock.advance(hours=47)
    assert await scheduler.tick() == 0
    for client in everyone:
        assert "settled" not in bidding_kinds(client)
    clock.advance(hours=1)
    assert await scheduler.tick() == 1
    for client in everyone:
        settled = await client.wait_frame(lambda f: f.get("event") == "bidding_settled")
        assert 40_123_451 <= settled["data"]["amount"] <= 40_123_457
        assert bidding_kinds(client) == [
            *opened,
            "not_yet",
            "round_opened",
            "settled",
        ]
    for client in everyone:
        await client.disconnect()


async def test_announce_when_both_in_decides_at_the_second_bid_and_is_public(
    address: str, app: Starlette, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    bad = await claimant.http(
        "POST", f"/api/cases/{case_id}/bidding/rules", json={**RULES, "announce": "at_once"}
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_failed"
    await agree_rules(claimant, respondent, case_id, {**RULES, "announce": "when_both_in"})
    agreed = await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "rules_agreed")
    assert agreed["data"]["rules"]["announce"] == "when_both_in"
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    await decided(app)
    assert bidding_kinds(respondent)[-1] == "round_opened"
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    passed = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "bids"}
    view = (await claimant.http("GET", f"/api/cases/{case_id}/bidding")).json()
    assert (view["round"], view["rules"]["announce"]) == (2, "when_both_in")
    await claimant.disconnect()
    await respondent.disconnect()


async def test_rules_proposed_before_the_choice_existed_announce_when_both_are_in(
    address: str, app: Starlette
) -> None:
    """A proposal logged before announcing had a choice (no ``announce`` in its rules), accepted
    now: the rules the parties read are the ones they get, decided when both bids are in."""
    claimant, respondent, case_id = await bidding_case(app, address)
    proposed = await claimant.http(
        "POST", f"/api/cases/{case_id}/bidding/rules", json=DEFAULT_RULES
    )
    seq = proposed.json()["proposal_seq"]
    async with services_of(app).sessions() as db:
        event = await db.scalar(
            select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.seq == seq)
        )
        assert event is not None and event.data["rules"]["announce"] == "at_deadline"
        event.data = {**event.data, "rules": DEFAULT_RULES}  # as it was logged then
        await db.commit()
    view = (await respondent.http("GET", f"/api/cases/{case_id}/bidding")).json()
    assert view["proposed_rules"]["announce"] == "when_both_in"
    accepted = await respondent.http(
        "POST", f"/api/cases/{case_id}/bidding/rules/accept", json={"proposal_seq": seq}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["rules"]["announce"] == "when_both_in"
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    await decided(app)
    passed = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "bids"}
    await claimant.disconnect()
    await respondent.disconnect()


async def test_resuming_a_pause_keeps_an_at_deadline_round_for_its_moved_deadline(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    """Both bids in before a pause: on resume the round is not decided at once (that would tell
    both they were in), its deadline moves by the pause and decides it then."""
    claimant, respondent, mediator, case_id = await supervised(address, app, make_client)
    await agree_rules(claimant, respondent, case_id, {**DEFAULT_RULES, "rounds": 1})
    deadline = datetime.fromisoformat(
        (await claimant.http("GET", f"/api/cases/{case_id}/bidding")).json()["deadline_at"]
    )
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    base = f"/api/centre/cases/{case_id}"
    assert (await mediator.http("POST", f"{base}/pause", json={"reason": "x"})).status_code == 200
    clock.advance(hours=5)
    assert (await mediator.http("POST", f"{base}/resume")).status_code == 200
    moved = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "round_moved")
    assert datetime.fromisoformat(moved["data"]["deadline_at"]) == deadline + timedelta(hours=5)
    scheduler = services_of(app).scheduler
    clock.advance(hours=47)
    assert await scheduler.tick() == 0
    assert "no_settlement" not in bidding_kinds(claimant)
    clock.advance(hours=1)
    assert await scheduler.tick() == 1
    ended = await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    assert (ended["data"]["round"], ended["data"]["reason"]) == (1, "bids")
    for client in (claimant, respondent, mediator):
        await client.disconnect()
