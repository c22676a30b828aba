"""The room in a browser that loses its connection: nothing lost, nothing twice.

One test drives the real thing (two Chromium contexts, one taken offline while the other makes
an offer, a message typed while offline); the other drives the connection module itself with a
scripted socket, to show the cases a real network cannot be made to produce on demand (an ack
lost after the server stored the command, a gap in seq).
"""

from __future__ import annotations

import time

from playwright.async_api import Browser

from tests.browser.conftest import logged_in_page
from tests.browser.parties import log_of, open_case
from tests.builders.browser import Axe, Shots, Watch


async def test_offline_party_catches_up_and_its_queued_message_arrives_once(
    browser: Browser, address: str, shots: Shots, axe: Axe, watch: Watch
) -> None:
    parties = await open_case(address, interests=True)
    room = f"http://{address}/#/cases/{parties.case_id}/room"
    claimant = await logged_in_page(browser, address, parties.claimant.cookies)
    respondent = await logged_in_page(browser, address, parties.respondent.cookies)
    troubles = [watch(claimant), watch(respondent)]
    for page in (claimant, respondent):
        page.set_default_timeout(10000)
        await page.goto(room)
        await page.get_by_text("Connected.").wait_for()
    await respondent.get_by_text("aigerim is here now.").wait_for()
    await axe(respondent, "room (no offer yet)")

    await respondent.context.set_offline(True)
    await respondent.get_by_text("No internet connection.").wait_for()
    await claimant.get_by_text("ruslan is not here right now.").wait_for()

    # While the respondent is away the claimant makes an offer from scratch.
    await claimant.get_by_role("button", name="Make an offer").click()
    await claimant.get_by_label("Amount to pay").fill("300000")
    await claimant.get_by_label("When").select_option("In a month")
    await claimant.get_by_role("button", name="Send the offer").click()
    await claimant.get_by_text("You made an offer (no. 1):").wait_for()
    await claimant.get_by_text("Waiting for ruslan to answer.").wait_for()
    await shots(claimant, "claimant-offer-sent")

    # The respondent, still offline, writes a message: it waits, visibly, to be sent.
    await respondent.get_by_label("Write to aigerim").fill("Can we talk about the date?")
    await respondent.get_by_role("button", name="Send", exact=True).click()
    await respondent.get_by_text("will be sent when the connection is back").wait_for()
    assert await respondent.locator(".timeline .ev-offer").count() == 0
    await axe(respondent, "room (offline)")
    await shots(respondent, "respondent-offline")

    back = time.perf_counter()
    await respondent.context.set_offline(False)
    await respondent.get_by_text("aigerim offers you (offer no. 1):").wait_for()
    print(f"\nback online: caught up after {1000 * (time.perf_counter() - back):.0f} ms")
    await respondent.locator(".timeline .ev-message").wait_for()
    await claimant.locator(".timeline .ev-message").wait_for()
    await respondent.locator(".pending li").first.wait_for(state="detached")
    await shots(respondent, "respondent-back-online")
    for page in (claimant, respondent):
        assert await page.locator(".timeline .ev-offer").count() == 1
        assert await page.locator(".timeline .ev-message").count() == 1
        seqs = await page.locator(".timeline li[data-seq]").evaluate_all(
            "items => items.map(li => Number(li.dataset.seq))"
        )
        assert seqs == list(range(1, len(seqs) + 1)), seqs

    log = await log_of(parties.claimant, parties.case_id)
    assert [e["event"] for e in log].count("message") == 1
    assert [e["event"] for e in log].count("offer") == 1

    # A reload starts from nothing and replays the same story.
    await respondent.reload()
    await respondent.get_by_text("aigerim offers you (offer no. 1):").wait_for()
    assert await respondent.locator(".timeline .ev-message").count() == 1

    # The respondent rejects the offer, saying why, after confirming; the claimant reads why.
    await respondent.get_by_role("button", name="Reject").click()
    dialog = respondent.get_by_role("dialog", name="Reject this offer?")
    await dialog.get_by_label("Why?").fill("Too much for me this month.")
    await dialog.get_by_role("button", name="Yes, reject it").click()
    await claimant.locator(".timeline").get_by_text("ruslan rejected offer no. 1.").wait_for()
    await claimant.get_by_text("Too much for me this month.").wait_for()
    await claimant.get_by_text("There is no offer yet.").wait_for()
    assert troubles == [[], []]
    await claimant.context.close()
    await respondent.context.close()


SCRIPT = """
async () => {
  const { RoomConnection } = await import("/app/room/connection.js");
  const sockets = [];
  class ScriptedSocket {
    constructor(url) {
      this.url = url; this.sent = []; this.readyState = 0; sockets.push(this);
      setTimeout(() => { this.readyState = 1; this.onopen && this.onopen(); }, 0);
    }
    send(data) { this.sent.push(JSON.parse(data)); }
    close() { this.readyState = 3; }
    deliver(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
    drop() { this.readyState = 3; this.onclose && this.onclose({}); }
  }
  const until = async (check) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    if (!check()) throw new Error("timed out");
  };
  const event = (seq, event = "message") => ({ type: "event", seq, event,
    at: "2025-01-01T00:00:00Z", actor: { role: "respondent", name: "R" }, data: { text: "t" } });
  const room = new RoomConnection("c1",
    { WebSocket: ScriptedSocket, storage: null, isOnline: () => true });
  const statuses = [];
  room.subscribe((c) => { if (c.type === "status") statuses.push(c.status); });
  room.start();
  await until(() => sockets[0] && sockets[0].sent.length === 1);
  const first = sockets[0];
  first.deliver({ type: "welcome", case_id: "c1", role: "claimant", head_seq: 2 });
  first.deliver(event(1)); first.deliver(event(2)); first.deliver(event(2));  // a duplicate
  const key = room.send("message", { text: "hello" });
  first.drop();  // the server stored it, but the ack never arrived
  await until(() => sockets[1] && sockets[1].sent.length === 1);
  const second = sockets[1];
  second.deliver({ type: "welcome", case_id: "c1", role: "claimant", head_seq: 3 });
  const resent = second.sent.filter((f) => f.type === "message");
  second.deliver(event(3));
  second.deliver({ type: "ack", key, seq: 3 });
  second.deliver(event(5));  // a gap: 4 is missing
  await until(() => sockets[2] && sockets[2].sent.length === 1);
  room.close();
  return {
    hellos: sockets.map((s) => s.sent[0]),
    sentFirst: first.sent.filter((f) => f.type === "message"),
    resent, pending: room.pending.size, seqs: room.events.map((e) => e.seq), statuses,
  };
}
"""


async def test_connection_resends_with_the_same_key_and_resumes_after_a_gap(
    browser: Browser, address: str
) -> None:
    page = await browser.new_page()
    await page.goto(f"http://{address}/")
    result = await page.evaluate(SCRIPT)
    assert [h["last_seq"] for h in result["hellos"]] == [0, 2, 3]
    assert all(
        h == {"type": "hello", "case_id": "c1", "last_seq": h["last_seq"]} for h in result["hellos"]
    )
    [sent] = result["sentFirst"]
    assert result["resent"] == [sent], "the retry must carry the original idempotency key"
    assert result["pending"] == 0
    assert result["seqs"] == [1, 2, 3], "duplicates ignored, nothing past a gap kept"
    assert "reconnecting" in result["statuses"] and result["statuses"][-1] == "closed"
    await page.close()


HANDOVER_SCRIPT = """
async () => {
  const { RoomConnection } = await import("/app/room/connection.js");
  const sockets = [];
  class ScriptedSocket {
    constructor(url) {
      this.url = url; this.sent = []; this.readyState = 0; this.made = performance.now();
      sockets.push(this);
      setTimeout(() => { this.readyState = 1; this.onopen && this.onopen(); }, 0);
    }
    send(data) { this.sent.push(JSON.parse(data)); }
    close() { this.readyState = 3; }
    deliver(frame) { this.onmessage({ data: JSON.stringify(frame) }); }
    restart() {
      this.readyState = 3; this.closed = performance.now(); this.onclose({ code: 1012 });
    }
  }
  const until = async (check) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    if (!check()) throw new Error("timed out");
  };
  const event = (seq) => ({ type: "event", seq, event: "message",
    at: "2025-01-01T00:00:00Z", actor: { role: "respondent", name: "R" }, data: { text: "t" } });
  const room = new RoomConnection("c1",
    { WebSocket: ScriptedSocket, storage: null, isOnline: () => true });
  const statuses = [];
  room.subscribe((c) => { if (c.type === "status") statuses.push(c.status); });
  room.start();
  await until(() => sockets[0] && sockets[0].sent.length === 1);
  sockets[0].deliver({ type: "welcome", case_id: "c1", role: "claimant", head_seq: 1 });
  sockets[0].deliver(event(1));
  const key = room.send("message", { text: "sent as the server stops" });
  sockets[0].restart();  // the server handed the socket over before acknowledging it
  await until(() => sockets[1] && sockets[1].sent.length === 1);
  sockets[1].deliver({ type: "welcome", case_id: "c1", role: "claimant", head_seq: 1 });
  const resent = sockets[1].sent.filter((f) => f.type === "message").map((f) => f.key);
  room.close();
  return { hello: sockets[1].sent[0], after_ms: sockets[1].made - sockets[0].closed,
           resent, key, statuses };
}
"""


async def test_a_socket_handed_over_with_1012_reconnects_at_once_without_saying_so(
    browser: Browser, address: str
) -> None:
    page = await browser.new_page()
    await page.goto(f"http://{address}/")
    result = await page.evaluate(HANDOVER_SCRIPT)
    assert result["hello"] == {"type": "hello", "case_id": "c1", "last_seq": 1}
    assert result["after_ms"] < 50, "no back-off after a service restart"
    assert result["resent"] == [result["key"]], "the unacknowledged command, with its key"
    assert result["statuses"] == ["live", "closed"], "no 'reconnecting' on a handover"
    await page.close()
