"""A blind-bidding case over a live server: both parties joined and in the room, the rules
agreed, sealed bids, and the rounds' decisions waited for."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import update
from starlette.applications import Starlette

from odr.persistence.models import Case
from tests.builders.app import services_of
from tests.builders.room import joined_case
from tests.odr.room_client import RoomClient

RULES: dict[str, Any] = {
    "rounds": 3,
    "threshold": {"kind": "absolute", "value": 1000},
    "round_hours": 48,
    "announce": "when_both_in",
}
"""Rules for tests about other things than when an outcome is announced: a round is decided as
soon as both bids are in, so they need not move the clock to each round's deadline."""


async def bidding_case(
    app: Starlette, address: str, prefix: str = ""
) -> tuple[RoomClient, RoomClient, str]:
    """Two joined parties in a case whose mechanism is blind bidding, both in the room."""
    claimant, respondent, case_id = await joined_case(address, prefix=prefix)
    async with services_of(app).sessions() as db:
        await db.execute(update(Case).where(Case.id == case_id).values(mechanism="bidding"))
        await db.commit()
    await claimant.join(case_id)
    await respondent.join(case_id)
    return claimant, respondent, case_id


async def agree_rules(
    claimant: RoomClient, respondent: RoomClient, case_id: str, rules: dict[str, Any] = RULES
) -> None:
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=rules)
    assert proposed.status_code == 200, proposed.text
    seq = proposed.json()["proposal_seq"]
    accepted = await respondent.http(
        "POST", f"/api/cases/{case_id}/bidding/rules/accept", json={"proposal_seq": seq}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "open" and accepted.json()["round"] == 1


async def bid(client: RoomClient, case_id: str, number: int, amount: int) -> httpx.Response:
    return await client.http(
        "PUT", f"/api/cases/{case_id}/bidding/bid", json={"round": number, "amount": amount}
    )


async def choose(client: RoomClient, case_id: str, option: str) -> httpx.Response:
    return await client.http(
        "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": option}
    )


async def decided(app: Starlette) -> None:
    """Wait for the round decisions under way (they run off the bid's request)."""
    from odr.negotiating.bidding_rounds import decider

    await decider(services_of(app).room).settle()


async def no_settlement(
    app: Starlette, claimant: RoomClient, respondent: RoomClient, case_id: str
) -> None:
    """One round, bids far apart: the bidding ends without settlement, options offered."""
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
