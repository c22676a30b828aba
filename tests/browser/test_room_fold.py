"""The browser's reading of a room log equals the engine's: Zulip's ``verify_action`` for the UI.

The room page draws what ``static/app/room/state.js``'s ``foldRoom`` makes of the events it
receives; the server decides every move on what ``negotiation.protocol`` folds from the same log
(``odr/room/moves.py``). If the two ever read a log differently, a person would see an offer as
live that the server no longer takes, or miss an agreement. So a real room log (offers,
counter-offers, a rejection, a withdrawal, messages, an acceptance and the agreement, made by two
parties over a real socket) is folded both ways after every one of its events, and the two must
agree on all they both compute.

How the two states map (they are shaped for different readers), engine → browser:

- ``offer_authors`` (the author of each version in turn) → the ``role`` (the actor's role) of
  each of ``offers``, by version;
- ``last_offer``'s ``version``, ``package``, ``status`` → the same of the latest of ``offers``;
  ``author`` → its ``role`` (the engine keeps no older offer: the log is their history);
- ``live_offer.version`` → ``live.version`` (both null when no offer is live);
- ``accepted_by`` (of the live offer, or of the agreed one; empty when there is neither) →
  ``acceptedBy`` of ``live``, or of the agreed offer once agreed;
- ``agreed_offer``'s ``version`` and ``package`` → ``agreement``;
- ``status`` ``"open"`` / ``"agreed"`` → ``"agreed"`` when ``agreement`` is set, else ``"open"``.

- ``waiting_for`` (the parties taking part yet to accept the live offer) → ``answers(state,
  parties).waiting`` (``static/app/room/state.js``), given the case's parties in party order.

Only the browser keeps messages, proposals, who stated interests, counter-offer links and names
(the engine skips those events); only the engine keeps times and issues. A second log has four
parties, one of whom withdraws (``party_withdrew``) with an offer on the table.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Browser
from starlette.applications import Starlette

from negotiation import protocol
from odr.persistence.models import Case
from odr.room import log, moves
from tests.builders.app import services_of
from tests.builders.parties import seat_party
from tests.builders.room import joined_case, logged, view
from tests.conftest import MakeClient
from tests.odr.room_client import RoomClient

FIRST = {"amount": "400000", "issue2": "сразу"}
COUNTER = {"amount": "150000", "issue2": "в рассрочку"}
THIRD = {"amount": "300000", "issue2": "через месяц"}
MIDDLE = {"amount": "250000", "issue2": "через месяц"}
CLOSE = {"amount": "260000", "issue2": "через месяц"}

# The browser's fold, summarised in the engine's terms (see the table above).
FOLD_EVERY_PREFIX = """
async ([events, parties]) => {
  const { answers, foldRoom } = await import("/app/room/state.js");
  return events.map((_, n) => {
    const state = foldRoom(events.slice(0, n + 1));
    const offers = [...state.offers.values()].sort((a, b) => a.version - b.version);
    const last = offers.at(-1);
    const agreed = state.agreement ? state.offers.get(state.agreement.version) : null;
    const shown = state.live ?? agreed;
    return {
      authors: offers.map((o) => o.role),
      last: last
        ? { version: last.version, author: last.role, package: last.package, status: last.status }
        : null,
      live: state.live ? state.live.version : null,
      accepted_by: shown ? [...shown.acceptedBy].sort() : [],
      agreed: state.agreement
        ? { version: state.agreement.version, package: state.agreement.package }
        : null,
      status: state.agreement ? "agreed" : "open",
      waiting_for: answers(state, parties).waiting,
    };
  });
}
"""


def engine_summary(state: protocol.NegotiationState) -> dict[str, Any]:
    live, agreed, last = state.live_offer, state.agreed_offer, state.last_offer
    return {
        "authors": list(state.offer_authors),
        "last": {
            "version": last.version,
            "author": last.author,
            "package": dict(last.package),
            "status": last.status,
        }
        if last
        else None,
        "live": live.version if live else None,
        "accepted_by": sorted(state.accepted_by),
        "agreed": {"version": agreed.version, "package": dict(agreed.package)} if agreed else None,
        "status": state.status,
        "waiting_for": list(state.waiting_for),
    }


async def engine_fold_every_prefix(
    app: Starlette, case_id: str, parties: list[str]
) -> list[dict[str, Any]]:
    """``negotiation.protocol`` over the stored log, as the room folds it, after each event."""
    async with services_of(app).sessions() as db:
        case = await db.get_one(Case, case_id)
        events = await log.events_after(db, case_id, 0)
    state = moves.opening(parties, case.issues, case.created_at)
    summaries = []
    for event in events:
        for step in moves.to_protocol_events([event]):
            state = protocol.apply(state, step)
        summaries.append(engine_summary(state))
    return summaries


async def test_the_browsers_fold_of_a_room_log_equals_the_engines(
    address: str, app: Starlette, browser: Browser
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    await claimant.join(case_id)
    await respondent.join(case_id)
    moves_made: list[tuple[RoomClient, str, dict[str, Any]]] = [
        (claimant, "message", {"text": "Let us settle this."}),
        (claimant, "offer", {"package": FIRST}),
        (respondent, "offer", {"package": COUNTER, "counter_to": 1}),
        (claimant, "reject", {"version": 2, "reason": "too low"}),
        (respondent, "offer", {"package": THIRD}),
        (respondent, "withdraw", {"version": 3}),
        (claimant, "offer", {"package": MIDDLE}),
        (respondent, "message", {"text": "Почти."}),
        (respondent, "offer", {"package": CLOSE, "counter_to": 4}),
        (claimant, "accept", {"version": 5}),
    ]
    for party, command, body in moves_made:
        answer = await party.command(command, **body)
        assert answer["type"] == "ack", (command, body, answer)
    stored = await logged(app, case_id)
    assert [kind for _, kind, _ in stored] == [
        "message",
        "offer",
        "counter_offer",
        "reject",
        "offer",
        "withdraw",
        "offer",
        "message",
        "counter_offer",
        "accept",
        "agreement",
    ]

    engine_states = await both_folds_agree(
        browser, address, app, case_id, respondent, ["claimant", "respondent"]
    )
    assert engine_states[-1]["status"] == "agreed"  # the log did reach the end of the story
    assert engine_states[-1]["agreed"] == {"version": 5, "package": CLOSE}
    for party in (claimant, respondent):
        await party.disconnect()


async def both_folds_agree(
    browser: Browser,
    address: str,
    app: Starlette,
    case_id: str,
    reader: RoomClient,
    parties: list[str],
) -> list[dict[str, Any]]:
    """The browser's and the engine's folds of the log ``reader`` received, equal after every
    event; the engine's summaries."""
    stored = await logged(app, case_id)
    await reader.wait_seq(len(stored))
    assert view(reader) == stored  # the frames a browser gets are the log
    page = await browser.new_page()
    await page.goto(f"http://{address}/")
    browser_states = await page.evaluate(FOLD_EVERY_PREFIX, [reader.events, parties])
    engine_states = await engine_fold_every_prefix(app, case_id, parties)
    for seq, (seen, decided) in enumerate(zip(browser_states, engine_states, strict=True), 1):
        assert seen == decided, f"after event {seq} ({stored[seq - 1][1]})"
    await page.close()
    return engine_states


async def test_the_folds_agree_with_four_parties_and_a_withdrawal(
    address: str, app: Starlette, browser: Browser, make_client: MakeClient
) -> None:
    claimant, respondent, case_id = await joined_case(address)
    rooms = [claimant, respondent]
    for role, email in (("party3", "dana@example.kz"), ("party4", "erlan@example.kz")):
        client = make_client()
        await seat_party(app, client, case_id, role, email=email)
        rooms.append(RoomClient(address, dict(client.cookies), client.csrf))
    for room in rooms:
        await room.join(case_id)
    dana, erlan = rooms[2:]
    moves_made: list[tuple[RoomClient, str, dict[str, Any]]] = [
        (claimant, "offer", {"package": FIRST}),
        (respondent, "accept", {"version": 1}),
        (dana, "offer", {"package": COUNTER, "counter_to": 1}),
        (claimant, "accept", {"version": 2}),
        (erlan, "accept", {"version": 2}),
    ]
    for party, command, body in moves_made:
        answer = await party.command(command, **body)
        assert answer["type"] == "ack", (command, body, answer)
    left = await respondent.http("POST", f"/api/cases/{case_id}/withdrawal")
    assert left.json()["case_status"] == "agreed"  # everyone remaining had accepted version 2
    engine_states = await both_folds_agree(
        browser, address, app, case_id, claimant, ["claimant", "respondent", "party3", "party4"]
    )
    assert [s["waiting_for"] for s in engine_states] == [
        ["respondent", "party3", "party4"],
        ["party3", "party4"],
        ["claimant", "respondent", "party4"],
        ["respondent", "party4"],
        ["respondent"],
        [],  # party_withdrew: nobody left to wait for
        [],
    ]
    assert engine_states[-1]["agreed"] == {"version": 2, "package": COUNTER}
    for room in rooms:
        await room.disconnect()
