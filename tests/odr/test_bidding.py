"""Blind bidding for a money claim over HTTP and the room: rules first, sealed bids, only the
outcome disclosed, the settled amount drafted into the settlement, and the way on without one.

Sentinel bids (odd tiyn amounts no outcome can equal) are planted and every HTTP body and frame
the other party and the mediator receive, and every log line at DEBUG, is scanned for them."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from alembic import command
from sqlalchemy import Connection, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.applications import Starlette

from negotiation import blind_bidding
from odr.logs import configure_logging
from odr.negotiating import bidding
from odr.persistence.engine import make_engine
from odr.persistence.migrate import alembic_config
from odr.persistence.models import (
    Case,
    CaseParty,
    CaseSecret,
    Mediation,
    OutboxNotice,
    PrivateInput,
    User,
)
from odr.privacy.purge import purge
from odr.settings import Settings
from tests.builders.app import services_of
from tests.builders.bidding import (
    RULES,
    agree_rules,
    bid,
    bidding_case,
    choose,
    decided,
    no_settlement,
)
from tests.builders.room import logged
from tests.builders.settlement import complete, sign
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import add_mediator, new_centre, staff_client, staff_login
from tests.odr.room_client import RoomClient

# Round 1 does not settle; round 2 settles strictly between the two bids.
DEMANDS = [52_718_301, 40_123_457]
OFFERS = [21_904_113, 40_123_451]


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The app's own log output (its JSON handler and redaction) at DEBUG, as a string."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


def spellings(tiyn: int) -> list[str]:
    """A bid as it could leak: tiyn, or currency units. (Whole units would be no sentinel: a
    settled amount within the threshold shares them with the bids.)"""
    return [str(tiyn), f"{tiyn / 100:.2f}"]


class Party:
    """A RoomClient's HTTP in the shape of tests.builders.settlement's clients (put, post)."""

    def __init__(self, client: RoomClient) -> None:
        self.client = client

    async def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.http("PUT", url, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.http("POST", url, **kwargs)


def bidding_events(client: RoomClient) -> list[dict[str, Any]]:
    return [e["data"] for e in client.events if e["event"] in ("bidding", "bidding_settled")]


async def test_a_bidding_case_settles_and_is_signed_and_no_bid_leaks(
    address: str, app: Starlette, make_client: MakeClient, debug_log: io.StringIO
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    mediator = await staff_login(address, "dana@centre.kz")
    await mediator.join(case_id)
    await agree_rules(claimant, respondent, case_id)
    seen = {"claimant": [], "respondent": [], "mediator": []}  # type: dict[str, list[str]]

    for number, (demand, offer) in enumerate(zip(DEMANDS, OFFERS, strict=True), 1):
        mine = await bid(claimant, case_id, number, demand)
        theirs = await bid(respondent, case_id, number, offer)
        assert mine.status_code == theirs.status_code == 200, (mine.text, theirs.text)
        assert mine.json() == {"round": number, "amount": demand, "sealed": True}
        seen["claimant"].append(mine.text)
        seen["respondent"].append(theirs.text)
        await decided(app)
    outcome = await mediator.wait_frame(lambda f: f.get("event") == "bidding_settled")
    for client in (claimant, respondent):
        await client.wait_frame(lambda f: f.get("event") == "bidding_settled")
    amount = outcome["data"]["amount"]
    assert OFFERS[1] < amount < DEMANDS[1]
    kinds = [d.get("kind", "settled") for d in bidding_events(claimant)]
    assert kinds == [
        "rules_proposed",
        "rules_agreed",
        "round_opened",
        "not_yet",
        "round_opened",
        "settled",
    ]
    assert kinds == [d.get("kind", "settled") for d in bidding_events(mediator)]

    # The settlement is drafted from the settled amount and both parties sign it.
    for who, client in (("claimant", claimant), ("respondent", respondent)):
        view = await client.http("GET", f"/api/cases/{case_id}/bidding")
        assert view.json()["status"] == "settled" and view.json()["settled_amount"] == amount
        seen[who].append(view.text)
    settlement = await complete(Party(claimant), Party(respondent), case_id)  # type: ignore[arg-type]
    (payment,) = [o for o in settlement["terms"]["obligations"] if o["kind"] == "payment"]
    assert (payment["debtor"], payment["creditor"]) == ("respondent", "claimant")
    assert payment["amount"] == f"{amount / 100:.2f}"
    record = settlement["record_sha256"]
    assert (await sign(Party(claimant), case_id, record)).status_code == 201  # type: ignore[arg-type]
    signed = await sign(Party(respondent), case_id, record)  # type: ignore[arg-type]
    assert signed.status_code == 201, signed.text

    for who, client in (("claimant", claimant), ("respondent", respondent)):
        for path in ("", "/settlement", "/bidding"):
            seen[who].append((await client.http("GET", f"/api/cases/{case_id}{path}")).text)
    seen["mediator"].append((await mediator.http("GET", f"/api/centre/cases/{case_id}")).text)
    for who, client in (("claimant", claimant), ("respondent", respondent), ("mediator", mediator)):
        seen[who].append(json.dumps(client.frames))
    logged = debug_log.getvalue()
    assert logged  # the log was written at DEBUG
    assert "bid_secret" not in logged
    claimant_bids = [s for d in DEMANDS for s in spellings(d)]
    respondent_bids = [s for o in OFFERS for s in spellings(o)]
    for sentinel in claimant_bids:
        assert sentinel not in "".join(seen["respondent"] + seen["mediator"]), sentinel
        assert sentinel not in logged, sentinel
    for sentinel in respondent_bids:
        assert sentinel not in "".join(seen["claimant"] + seen["mediator"]), sentinel
        assert sentinel not in logged, sentinel
    for client in (claimant, respondent, mediator):
        await client.disconnect()


async def test_no_settlement_offers_the_options_and_packages_needs_both(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    early = await claimant.http(
        "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": "packages"}
    )
    assert early.json()["error"]["code"] == "bidding_not_ended"
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    ended = await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    assert ended["data"] == {
        "kind": "no_settlement",
        "round": 1,
        "reason": "bids",
        "options": ["packages", "mediator", "court"],
    }
    late = await bid(claimant, case_id, 2, 800_000)
    assert late.json()["error"]["code"] == "round_closed"
    one = await claimant.http(
        "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": "packages"}
    )
    assert one.status_code == 200 and one.json()["choices"] == {"claimant": "packages"}
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).mechanism == "bidding"
    both = await respondent.http(
        "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": "packages"}
    )
    assert both.status_code == 200, both.text
    await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "switched")
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).mechanism == "packages"
    await claimant.disconnect()
    await respondent.disconnect()


async def test_rules_first_sealed_within_a_round_monotone_across_rounds(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    early = await bid(claimant, case_id, 1, 500_000)
    assert early.status_code == 409 and early.json()["error"]["code"] == "bidding_not_started"
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
    own = await claimant.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert own.json()["error"]["code"] == "own_rules"
    assert (await bid(claimant, case_id, 1, 500_000)).json()["error"][
        "code"
    ] == "bidding_not_started"
    await agree_rules(claimant, respondent, case_id)

    assert (await bid(claimant, case_id, 1, 500_000)).status_code == 200
    assert (await bid(claimant, case_id, 1, 500_000)).status_code == 200  # a retry
    changed = await bid(claimant, case_id, 1, 490_000)
    assert changed.status_code == 409 and changed.json()["error"]["code"] == "bid_sealed"
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    await claimant.wait_frame(lambda f: f.get("data", {}).get("round") == 2)
    up = await bid(claimant, case_id, 2, 500_001)
    assert up.status_code == 422 and up.json()["error"]["code"] == "bid_not_monotone"
    down = await bid(respondent, case_id, 2, 99_999)
    assert down.status_code == 422 and down.json()["error"]["code"] == "bid_not_monotone"
    async with services_of(app).sessions() as db:
        rows = await db.scalars(select(PrivateInput.round).where(PrivateInput.kind == "bid"))
        assert sorted(rows) == [1, 1]  # nothing stored by a refused bid
    await claimant.disconnect()
    await respondent.disconnect()


async def test_a_round_deadline_with_a_missing_bid_is_no_settlement_for_that_round(
    address: str, app: Starlette, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 2})
    assert (await bid(claimant, case_id, 1, 700_000)).status_code == 200
    await decided(app)
    scheduler = services_of(app).scheduler
    assert await scheduler.tick() == 0
    clock.advance(hours=48)
    late = await bid(respondent, case_id, 1, 600_000)
    assert late.json()["error"]["code"] == "round_closed"
    assert await scheduler.tick() == 1
    passed = await respondent.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "deadline"}
    # Round 1's demand still binds round 2.
    await respondent.wait_frame(lambda f: f.get("data", {}).get("round") == 2)
    assert (await bid(claimant, case_id, 2, 700_001)).json()["error"]["code"] == "bid_not_monotone"
    clock.advance(hours=48)
    assert await scheduler.tick() == 1
    ended = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "no_settlement")
    assert ended["data"]["reason"] == "deadline" and ended["data"]["round"] == 2
    await claimant.disconnect()
    await respondent.disconnect()


async def test_the_answer_to_a_bid_is_the_same_whether_or_not_the_other_bid_first(
    address: str, app: Starlette
) -> None:
    answers: list[tuple[int, Any, list[str]]] = []
    for first_bids in (False, True):
        claimant, respondent, case_id = await bidding_case(
            app, address, prefix="b-" if answers else ""
        )
        await agree_rules(claimant, respondent, case_id)
        if first_bids:
            assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
        mine = await bid(claimant, case_id, 1, 900_000)
        answers.append((mine.status_code, mine.json(), sorted(mine.headers.keys())))
        await decided(app)
        await claimant.disconnect()
        await respondent.disconnect()
    assert answers[0] == answers[1]


async def test_the_split_point_secret_is_the_cases_own_and_migrates_off_the_claimants_rows(
    address: str, app: Starlette, settings: Settings
) -> None:
    """The sealing secret belongs to the case (``case_secrets``), never to a party's private
    inputs where an export or a purge of that party would reach it; migration 0007 moves a
    secret stored the old way (under the claimant's user id), and 0006 takes it back."""
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    async with services_of(app).sessions() as db:
        claimant_id = (await db.get_one(Case, case_id)).created_by
        kinds = await db.scalars(select(PrivateInput.kind).where(PrivateInput.case_id == case_id))
        assert list(kinds) == []
        [(kind, payload)] = (
            await db.execute(
                select(CaseSecret.kind, CaseSecret.payload).where(CaseSecret.case_id == case_id)
            )
        ).all()
    assert kind == "bid_secret" and set(payload) == {"secret"}

    engine = make_engine(settings)
    try:
        await migrate(engine, "0006")
        async with engine.connect() as connection:
            old = (
                await connection.execute(
                    text("SELECT user_id, kind, round, payload FROM private_inputs")
                )
            ).all()
        assert [(u, k, r, json.loads(p) if isinstance(p, str) else p) for u, k, r, p in old] == [
            (claimant_id, "bid_secret", 0, payload)
        ]
    finally:
        await migrate(engine, "head")
        await engine.dispose()
    async with services_of(app).sessions() as db:
        kinds = await db.scalars(select(PrivateInput.kind).where(PrivateInput.case_id == case_id))
        assert list(kinds) == []
        moved = await db.scalar(select(CaseSecret.payload).where(CaseSecret.case_id == case_id))
    assert moved == payload

    # The round is decided on the migrated secret.
    assert (await bid(claimant, case_id, 1, 40_000_000)).status_code == 200
    assert (await bid(respondent, case_id, 1, 39_999_500)).status_code == 200
    await decided(app)
    settled = await claimant.wait_frame(lambda f: f.get("event") == "bidding_settled")
    split = bidding.split_point_secret(int(payload["secret"]))
    expected = blind_bidding.settlement_amount(40_000_000, 39_999_500, split)
    assert settled["data"]["amount"] == expected
    await claimant.disconnect()
    await respondent.disconnect()


async def migrate(engine: AsyncEngine, revision: str) -> None:
    """Move the schema (and its data) to ``revision``, up or down."""

    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        if revision == "head":
            command.upgrade(config, "head")
        else:
            command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def test_the_purge_deletes_bids_with_interests_and_the_secret_with_the_case(
    address: str, app: Starlette, clock: FakeClock
) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 1})
    assert (await bid(claimant, case_id, 1, 40_000_000)).status_code == 200
    assert (await bid(respondent, case_id, 1, 39_999_500)).status_code == 200
    await decided(app)
    await claimant.wait_frame(lambda f: f.get("event") == "bidding_settled")
    await claimant.disconnect()
    await respondent.disconnect()
    services = services_of(app)

    async def rows() -> tuple[int, int]:
        async with services.sessions() as db:
            bids = await db.scalars(select(PrivateInput.id).where(PrivateInput.case_id == case_id))
            kept = await db.scalars(select(CaseSecret.id).where(CaseSecret.case_id == case_id))
            return len(list(bids)), len(list(kept))

    clock.advance(days=91)  # past the private interests' period, not the settled case's
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["interests_deleted"] == 2 and report.counts["cases_anonymised"] == 0
    assert await rows() == (0, 1)  # the case is kept, so is its secret
    clock.advance(days=5 * 366)
    report = await purge(services.sessions, services.settings, clock())
    assert report.counts["cases_anonymised"] == 1
    assert await rows() == (0, 0)


async def test_a_pause_moves_the_open_rounds_deadline_and_refuses_bids_meanwhile(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    mediator = await staff_login(address, "dana@centre.kz")
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 2})  # 48 h rounds
    opened = (await claimant.http("GET", f"/api/cases/{case_id}/bidding")).json()["deadline_at"]
    deadline = datetime.fromisoformat(opened)
    scheduler = services_of(app).scheduler
    base = f"/api/centre/cases/{case_id}"

    clock.advance(hours=10)
    paused = await mediator.http("POST", f"{base}/pause", json={"reason": "a party is ill"})
    assert paused.status_code == 200, paused.text
    refused = await bid(claimant, case_id, 1, 700_000)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "case_not_open"
    clock.advance(hours=60)  # past the round's deadline as it was planned
    await scheduler.tick()
    resumed = await mediator.http("POST", f"{base}/resume")
    assert resumed.status_code == 200, resumed.text

    moved = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "round_moved")
    assert (moved["actor"]["role"], moved["data"]["round"]) == ("system", 1)
    assert datetime.fromisoformat(moved["data"]["deadline_at"]) == deadline + timedelta(hours=60)
    view = (await respondent.http("GET", f"/api/cases/{case_id}/bidding")).json()
    assert (view["status"], view["round"]) == ("open", 1)
    assert datetime.fromisoformat(view["deadline_at"]) == deadline + timedelta(hours=60)
    # 38 hours of the round were left at the pause, and they are still there.
    assert (await bid(claimant, case_id, 1, 700_000)).status_code == 200
    await decided(app)
    clock.advance(hours=37)
    await scheduler.tick()
    assert (await bid(respondent, case_id, 1, 100_000)).status_code == 200
    await decided(app)
    passed = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "bids"}
    kinds = [d.get("kind") for _s, t, d in await logged(app, case_id) if t == "bidding"]
    assert kinds.count("round_moved") == 1
    for client in (claimant, respondent):
        await client.disconnect()


async def test_the_moved_deadline_passes_a_round_with_a_missing_bid_once(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    mediator = await staff_login(address, "dana@centre.kz")
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 2})
    scheduler = services_of(app).scheduler
    base = f"/api/centre/cases/{case_id}"
    assert (await mediator.http("POST", f"{base}/pause", json={"reason": "x"})).status_code == 200
    clock.advance(hours=24)
    assert (await mediator.http("POST", f"{base}/resume")).status_code == 200
    clock.advance(hours=47)  # 71 hours after opening: the old deadline is past, the new not
    await scheduler.tick()
    assert (await bid(claimant, case_id, 1, 700_000)).status_code == 200
    await decided(app)
    clock.advance(hours=1)
    await scheduler.tick()
    await scheduler.tick()
    passed = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "deadline"}
    logged_kinds = [d.get("kind") for _s, t, d in await logged(app, case_id) if t == "bidding"]
    assert logged_kinds.count("not_yet") == 1 and logged_kinds.count("round_moved") == 1
    for client in (claimant, respondent):
        await client.disconnect()


async def supervised_bidding_case(
    address: str, app: Starlette, make_client: MakeClient
) -> tuple[RoomClient, RoomClient, RoomClient, str]:
    """A bidding case of a centre whose mediator Dana has it; the parties are in the room."""
    admin = await staff_client(app, make_client, "admin@centre.kz", "admin")
    centre = await new_centre(admin, "Shymkent centre", languages=["ru"])
    await add_mediator(app, admin, centre["id"], "dana@centre.kz", name="Dana")
    claimant, respondent, case_id = await bidding_case(app, address)
    return claimant, respondent, await staff_login(address, "dana@centre.kz"), case_id


async def notices_to(app: Starlette, kind: str) -> list[str]:
    """The e-mail addresses a notice of ``kind`` was queued for."""
    async with services_of(app).sessions() as db:
        rows = await db.scalars(
            select(User.email)
            .join(OutboxNotice, OutboxNotice.user_id == User.id)
            .where(OutboxNotice.kind == kind)
        )
        return sorted(rows)


async def test_a_party_asking_for_a_live_mediator_tells_the_mediator_and_the_case_shows_it(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await supervised_bidding_case(
        address, app, make_client
    )
    await no_settlement(app, claimant, respondent, case_id)
    view = await respondent.http("GET", f"/api/cases/{case_id}/bidding")
    assert view.json()["live_mediator_requested"] is False
    assert (await choose(claimant, case_id, "mediator")).status_code == 200
    assert await notices_to(app, "live_mediator_requested") == ["dana@centre.kz"]
    for party in (claimant, respondent):
        view = await party.http("GET", f"/api/cases/{case_id}/bidding")
        assert view.json()["live_mediator_requested"] is True
        assert view.json()["choices"] == {"claimant": "mediator"}
    staff_view = await mediator.http("GET", f"/api/centre/cases/{case_id}")
    assert staff_view.status_code == 200, staff_view.text
    assert '"mediator"' in staff_view.text  # the choice, in the case's public mechanism state
    # The other party asks too: the mediator was told already, once is enough.
    assert (await choose(respondent, case_id, "mediator")).status_code == 200
    assert await notices_to(app, "live_mediator_requested") == ["dana@centre.kz"]
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).status == "open"  # the mediator takes it on
    for client in (claimant, respondent):
        await client.disconnect()


async def test_both_choosing_court_fail_the_case_and_the_mediator_refers_it(
    address: str, app: Starlette, make_client: MakeClient
) -> None:
    claimant, respondent, mediator, case_id = await supervised_bidding_case(
        address, app, make_client
    )
    await no_settlement(app, claimant, respondent, case_id)
    refer = f"/api/centre/cases/{case_id}/refer"
    assert (await choose(claimant, case_id, "court")).status_code == 200
    early = await mediator.http("POST", refer, json={"reason": "both chose court"})
    assert early.status_code == 409 and early.json()["error"]["code"] == "not_referable"
    assert (await choose(respondent, case_id, "mediator")).status_code == 200
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case_id)).status == "open"  # one court, one mediator

    claimant2, respondent2, case2 = await bidding_case(app, address, prefix="b-")
    await no_settlement(app, claimant2, respondent2, case2)
    for party in (claimant2, respondent2):
        assert (await choose(party, case2, "court")).status_code == 200
    ended = await claimant2.wait_frame(lambda f: f.get("data", {}).get("kind") == "court_chosen")
    assert ended["actor"]["role"] == "system"
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case2)
        mediation = await db.get_one(Mediation, case2)
        assert case.status == "failed"
        assert (mediation.outcome, mediation.close_reason) == ("failed", "court_chosen")
    assert await notices_to(app, "court_chosen") == [
        "b-claimant@example.kz",
        "b-respondent@example.kz",
        "dana@centre.kz",
    ]
    late = await choose(claimant2, case2, "packages")
    assert late.status_code == 409 and late.json()["error"]["code"] == "case_not_open"
    referred = await mediator.http(
        "POST", f"/api/centre/cases/{case2}/refer", json={"reason": "both chose court"}
    )
    assert referred.status_code == 201, referred.text
    async with services_of(app).sessions() as db:
        assert (await db.get_one(Case, case2)).status == "referred"
    for client in (claimant, respondent, claimant2, respondent2):
        await client.disconnect()


async def test_a_round_whose_bids_met_a_pause_is_decided_on_resume(
    address: str, app: Starlette, make_client: MakeClient, clock: FakeClock
) -> None:
    """Both bids came in just before the pause, whose lock the round's decision met second (it
    then decides nothing: the case is paused): resuming decides the round at once."""
    claimant, respondent, mediator, case_id = await supervised_bidding_case(
        address, app, make_client
    )
    await agree_rules(claimant, respondent, case_id, {**RULES, "rounds": 2})
    assert (await bid(claimant, case_id, 1, 900_000)).status_code == 200
    await decided(app)
    base = f"/api/centre/cases/{case_id}"
    assert (await mediator.http("POST", f"{base}/pause", json={"reason": "x"})).status_code == 200
    async with services_of(app).sessions() as db:  # the respondent's bid, committed just before
        respondent_id = await db.scalar(
            select(CaseParty.user_id).where(
                CaseParty.case_id == case_id, CaseParty.role == "respondent"
            )
        )
        assert respondent_id is not None
        db.add(
            PrivateInput(
                case_id=case_id,
                user_id=respondent_id,
                kind="bid",
                round=1,
                payload={"amount": 100_000},
                submitted_at=clock(),
            )
        )
        await db.commit()
    await decided(app)
    clock.advance(hours=5)
    assert (await mediator.http("POST", f"{base}/resume")).status_code == 200
    passed = await claimant.wait_frame(lambda f: f.get("data", {}).get("kind") == "not_yet")
    assert passed["data"] == {"kind": "not_yet", "round": 1, "reason": "bids"}
    opened = await claimant.wait_frame(lambda f: f.get("data", {}).get("round") == 2)
    assert datetime.fromisoformat(opened["data"]["deadline_at"]) == clock() + timedelta(hours=48)
    for client in (claimant, respondent):
        await client.disconnect()
