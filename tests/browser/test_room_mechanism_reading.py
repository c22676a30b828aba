"""How the room reads the mechanisms' events, checked against the server in real Chromium.

The room's reading of a bidding log (static/app/room/mechanism_state.js) equals the server's
(odr.negotiating.bidding.public_state) after every event: re-proposed rules, rounds, a settlement,
no settlement and the choices, a pause that moves the open round's deadline (which the room then
says and shows). Every kind of mechanism event the server may log (its schema in
odr/room/event_data.py) is worded in kk, ru and en, so a new kind fails here until the room words
it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from playwright.async_api import Browser
from starlette.applications import Starlette

from odr.negotiating import bidding
from odr.room.event_data import EVENT_DATA
from tests.browser.parties import log_of
from tests.builders.browser import Axe, Watch, centre_with_mediator, new_page
from tests.builders.mechanism_room import (
    DEMANDS,
    DESKTOP,
    MONEY_CLAIM,
    OFFERS,
    RULES,
    bid,
    parties,
    room_page,
    says,
    wait_for_round,
)
from tests.conftest import FakeClock, MakeClient
from tests.odr.centre_setup import login

# The browser's fold of the bidding events, after every prefix of a log, in the server's terms.
FOLD_BIDDING = """
async (events) => {
  const { foldMechanisms } = await import("/app/room/mechanism_state.js");
  return events.map((_, n) => {
    const b = foldMechanisms(events.slice(0, n + 1)).bidding;
    return {
      status: b.status, round: b.round, deadline_at: b.deadlineAt, rules: b.rules,
      proposed_by: b.proposedBy, choices: b.choices,
      settled_amount: b.status === "settled" ? b.amount : null,
    };
  });
}
"""


def server_fold(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``odr.negotiating.bidding.public_state`` (what the server decides by) after each event."""
    rows = [(e["seq"], e["event"], e["actor"]["role"], e["data"]) for e in events]
    summaries = []
    for n in range(1, len(rows) + 1):
        state = bidding.public_state(rows[:n])
        summaries.append(
            {
                "status": state.status,
                "round": state.round,
                "deadline_at": state.deadline_at,
                "rules": state.rules,
                "proposed_by": state.proposed_by if state.proposal_seq else None,
                "choices": dict(state.choices or {}),
                "settled_amount": state.settled_amount,
            }
        )
    return summaries


def assert_same_fold(seen: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    for n, (mine, theirs) in enumerate(zip(seen, server_fold(events), strict=True)):
        if mine["deadline_at"] is not None:
            mine["deadline_at"] = datetime.fromisoformat(mine["deadline_at"])
        assert mine == theirs, f"after event {n + 1} ({events[n]['event']} {events[n]['data']})"


async def test_the_browsers_fold_of_a_bidding_log_equals_the_servers(
    browser: Browser, address: str
) -> None:
    page = await new_page(browser, DESKTOP, "en-US")
    await page.goto(f"http://{address}/")
    for rounds, outcome in ((3, "settled"), (1, "no_settlement")):
        claimant, respondent, case_id = await parties(address, MONEY_CLAIM, f"{rounds}")
        other = {**RULES, "rounds": rounds, "round_hours": 24}
        first = await respondent.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
        again = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=other)
        assert first.status_code == again.status_code == 200, (first.text, again.text)
        accepted = await respondent.http(
            "POST",
            f"/api/cases/{case_id}/bidding/rules/accept",
            json={"proposal_seq": again.json()["proposal_seq"]},
        )
        assert accepted.status_code == 200, accepted.text
        for number, (demand, offer) in enumerate(zip(DEMANDS, OFFERS, strict=True), 1):
            if number > rounds:
                break
            await bid(respondent, case_id, number, offer)  # the respondent first this time
            await bid(claimant, case_id, number, demand)
            await wait_for_round(claimant, case_id, number)
        if outcome == "no_settlement":
            for client, option in ((claimant, "court"), (respondent, "mediator")):
                chosen = await client.http(
                    "POST", f"/api/cases/{case_id}/bidding/choice", json={"option": option}
                )
                assert chosen.status_code == 200, chosen.text
        events = await log_of(claimant, case_id)
        seen = await page.evaluate(FOLD_BIDDING, events)
        assert_same_fold(seen, events)
        assert seen[-1]["status"] == outcome, seen[-1]
    await page.context.close()


async def test_a_pause_moves_the_open_rounds_deadline_and_the_room_says_so(
    browser: Browser,
    address: str,
    app: Starlette,
    make_client: MakeClient,
    clock: FakeClock,
    axe: Axe,
    watch: Watch,
) -> None:
    centre = await centre_with_mediator(app, make_client)
    mediator = await login(make_client(), centre.mediator_email)
    claimant, respondent, case_id = await parties(address, MONEY_CLAIM)
    proposed = await claimant.http("POST", f"/api/cases/{case_id}/bidding/rules", json=RULES)
    accepted = await respondent.http(
        "POST",
        f"/api/cases/{case_id}/bidding/rules/accept",
        json={"proposal_seq": proposed.json()["proposal_seq"]},
    )
    assert accepted.status_code == 200, accepted.text
    desk = await room_page(browser, respondent, case_id, DESKTOP, "ru-RU")
    troubles = [watch(desk)]
    await says(desk, "Открыт раунд 1")
    base = f"/api/centre/cases/{case_id}"
    assert (await mediator.post(f"{base}/pause", json={"reason": "болезнь"})).status_code == 200
    clock.advance(hours=30)
    assert (await mediator.post(f"{base}/resume")).status_code == 200
    await says(desk, "Медиация приостанавливалась, поэтому раунд 1 теперь закрывается")
    # The mediation's own steps are worded too, the mediator's reason as written.
    await says(desk, "Медиатор приостановил медиацию: болезнь.")
    await says(desk, "Медиатор возобновил медиацию. Новый срок:")
    moved = (await respondent.http("GET", f"/api/cases/{case_id}/bidding")).json()["deadline_at"]
    table = await desk.locator(".table").inner_text()
    assert "раунд 1 из 3 открыт до" in table
    # The table's deadline is the moved one, in the reader's words (Intl, ru).
    shown = await desk.evaluate(
        """(at) => new Intl.DateTimeFormat("ru", {dateStyle: "long", timeStyle: "short"})
            .format(new Date(at))""",
        moved,
    )
    assert shown in table, (shown, table)
    await axe(desk, "bidding room after a pause (ru)")
    events = await log_of(claimant, case_id)
    seen = await desk.evaluate(FOLD_BIDDING, events)
    assert_same_fold(seen, events)
    assert troubles == [[]]


AT = "2026-12-01T09:30:00+00:00"
SAMPLE_RULES = {"rounds": 3, "threshold": {"kind": "percent", "value": 5}, "round_hours": 72}
# One event of each mechanism event's kind, as odr/ logs it: (event, role of the actor, data).
SAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("bidding", "claimant", {"kind": "rules_proposed", "rules": SAMPLE_RULES}),
    ("bidding", "respondent", {"kind": "rules_agreed", "rules": SAMPLE_RULES}),
    ("bidding", "system", {"kind": "round_opened", "round": 1, "deadline_at": AT}),
    ("bidding", "system", {"kind": "round_moved", "round": 1, "deadline_at": AT}),
    ("bidding", "system", {"kind": "not_yet", "round": 1, "reason": "deadline"}),
    (
        "bidding",
        "system",
        {"kind": "no_settlement", "round": 3, "reason": "bids", "options": ["packages", "court"]},
    ),
    ("bidding", "claimant", {"kind": "choice", "option": "mediator"}),
    ("bidding", "system", {"kind": "switched", "mechanism": "packages"}),
    ("bidding", "system", {"kind": "court_chosen"}),
    (
        "bidding_settled",
        "system",
        {"version": 1, "round": 2, "amount": 15000050, "currency": "KZT", "package": {}},
    ),
    ("points_submitted", "claimant", {"role": "claimant"}),
    ("points_submitted", "respondent", {"role": "respondent"}),
    (
        "proposals_ready",
        "system",
        {"version": 1, "packages": [{"id": "p1", "criterion": "max_nash_welfare", "choice": {}}]},
    ),
    (
        "improvement_offered",
        "system",
        {"round": 1, "package": {}, "replaces_version": 2, "expires_at": AT},
    ),
    ("improvement_adopted", "system", {"round": 1, "version": 2, "package": {}}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "declined"}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "expired"}),
    ("improvement_lapsed", "system", {"round": 1, "reason": "signed"}),
    ("mechanism_switch", "mediator", {"kind": "proposed", "current": "packages", "to": "division"}),
    ("mechanism_switch", "claimant", {"kind": "consented", "proposal_seq": 3}),
    ("mechanism_switch", "respondent", {"kind": "declined", "proposal_seq": 3}),
    (
        "mechanism_switch",
        "system",
        {"kind": "switched", "current": "packages", "to": "bidding", "proposal_seq": 3},
    ),
    (
        "mechanism_switch",
        "system",
        {"kind": "switched", "current": "bidding", "to": "packages", "proposal_seq": None},
    ),
]

WORD_ALL = """
async ([samples, languages]) => {
  const i18n = await import("/app/i18n.js");
  const { mechanismEntry, MECHANISM_EVENTS } = await import("/app/room/mechanism_events.js");
  const c = { id: "c1", issues: [], claim: { currency: "KZT" } };
  const said = {};
  for (const lang of languages) {
    await i18n.useLanguage(lang);
    await i18n.useStrings("mechanisms");
    said[lang] = samples.map(([event, role, data]) => {
      const frame = { event, data, seq: 1, at: "2026-12-01T09:30:00Z",
                      actor: { role, name: role === "system" ? null : "Aigerim" } };
      const line = mechanismEntry(c, { role: "respondent" }, frame);
      const extra = [line?.extra].flat().filter(Boolean).map((n) => n.textContent).join(" ");
      return line ? `${line.text} ${extra}` : null;
    });
  }
  return { said, events: MECHANISM_EVENTS };
}
"""


def kinds_of(event: str) -> set[str]:
    """The kinds an event's data may have (its schema's discriminator), or {""} for one shape."""
    schema = EVENT_DATA[event].json_schema()
    return set(schema.get("discriminator", {}).get("mapping", {})) or {""}


async def test_every_kind_of_mechanism_event_is_worded_in_three_languages(
    browser: Browser, address: str
) -> None:
    page = await new_page(browser, DESKTOP, "en-US")
    await page.goto(f"http://{address}/")
    result = await page.evaluate(WORD_ALL, [SAMPLES, ["kk", "ru", "en"]])
    # Every kind the server may log (odr/room/event_data.py) has a sample, so a new kind fails
    # here until the room words it.
    for event in result["events"]:
        sampled = {data.get("kind", "") for name, _, data in SAMPLES if name == event}
        assert kinds_of(event) <= sampled, (event, kinds_of(event) - sampled)
    for lang, lines in result["said"].items():
        for (event, _, data), line in zip(SAMPLES, lines, strict=True):
            where = f"{lang}: {event} {data}"
            assert line, where
            assert "{" not in line and "mech." not in line and "undefined" not in line, (
                where,
                line,
            )
    # Each language its own words: no line is left in English in Kazakh or Russian.
    for lang in ("kk", "ru"):
        same = [
            a for a, b in zip(result["said"][lang], result["said"]["en"], strict=True) if a == b
        ]
        assert not same, (lang, same)
    await page.context.close()
