"""'Your turn' letters (issue #13): told once, with a link to the page where the step is taken,
only to a party who has not taken it, and never revealing what the room does not show."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from starlette.applications import Starlette

from odr.notify.turns import letters_for
from odr.persistence.models import OutboxNotice
from odr.room.log import LoggedEvent
from tests.builders.app import services_of
from tests.builders.bidding import agree_rules, bidding_case
from tests.builders.interests import CLAIMANT, RESPONDENT, submit
from tests.builders.room import joined_case

NOW = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
ROUND_2 = {"kind": "round_opened", "round": 2, "deadline_at": "2026-12-09T10:30:00+00:00"}


def event(
    type_: str, data: dict[str, object], actor: str | None = "u1", seq: int = 1
) -> LoggedEvent:
    return LoggedEvent("c1", seq, type_, actor, "claimant", data, NOW)


def test_which_events_call_for_which_letters() -> None:
    letters = letters_for(
        "c1",
        [
            event("offer", {"package": {}}),
            event("counter_offer", {"package": {}, "counter_to": 1}, actor="u2"),
            event("interests_submitted", {"role": "claimant"}),
            event("message", {"text": "салем"}),
            event(
                "bidding",
                {"kind": "round_opened", "round": 2, "deadline_at": "2026-12-09T10:30:00+00:00"},
                actor=None,
            ),
            event("bidding", {"kind": "not_yet", "round": 1, "reason": "gap"}, actor=None),
        ],
        NOW,
    )
    assert [(x.kind, x.to, x.page) for x in letters] == [
        ("new_offer", "others", "room"),
        ("new_offer", "others", "room"),
        ("your_turn_interests", "others", "interests"),
        ("your_turn_bid", "everyone", "bidding"),
    ]
    # A round's letter goes to both at once, and says when it closes in Astana's time (UTC+5).
    assert dict(letters[3].params) == {"round": 2, "deadline": "09.12.2026 15:30"}
    assert letters[3].dedupe == "turn:bid:2"


async def letters_to(app: Starlette) -> list[tuple[str, str, str]]:
    await services_of(app).room_letters.flush()
    async with services_of(app).sessions() as db:
        rows = await db.execute(
            select(OutboxNotice.recipient, OutboxNotice.kind, OutboxNotice.params).order_by(
                OutboxNotice.id
            )
        )
        return [
            (recipient.split("@")[0], kind, params.get("path", ""))
            for recipient, kind, params in rows
            if kind.startswith(("your_turn", "proposals_ready"))
        ]


async def test_a_party_is_told_its_turn_once_and_only_if_it_has_not_stated_its_interests(
    address: str, app: Starlette
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    assert (await submit(claimant, case_id, CLAIMANT)).status_code == 200
    assert (await submit(claimant, case_id, CLAIMANT)).status_code == 200  # restated: no 2nd
    assert await letters_to(app) == [
        ("respondent", "your_turn_interests", f"#/cases/{case_id}/interests")
    ]
    assert (await submit(respondent, case_id, RESPONDENT)).status_code == 200
    await claimant.wait_frame(lambda f: f.get("event") == "proposals_ready", within=30)
    told = await letters_to(app)
    # The claimant stated first: no "your turn" for it; both hear that proposals are ready.
    assert sorted(told[1:]) == [
        ("claimant", "proposals_ready", f"#/cases/{case_id}"),
        ("respondent", "proposals_ready", f"#/cases/{case_id}"),
    ]
    await claimant.disconnect()


async def test_a_bidding_round_is_announced_to_both_at_once(address: str, app: Starlette) -> None:
    claimant, respondent, case_id = await bidding_case(app, address)
    await agree_rules(claimant, respondent, case_id)
    told = await letters_to(app)
    assert ("claimant", "your_turn_rules", f"#/cases/{case_id}/bidding") not in told
    assert [t for t in told if t[1] == "your_turn_rules"] == [
        ("respondent", "your_turn_rules", f"#/cases/{case_id}/bidding")
    ]
    assert sorted(t[0] for t in told if t[1] == "your_turn_bid") == ["claimant", "respondent"]
    for client in (claimant, respondent):
        await client.disconnect()
