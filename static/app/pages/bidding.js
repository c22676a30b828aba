// Blind bidding for a money claim, as a party sees it (docs/api.md "Blind bidding (parties)"):
// agree the rules, then each round one sealed amount, then the outcome ("not yet", "settled at
// X", or the ways on after the last round). The page re-reads GET …/bidding whenever the room
// announces a bidding event, so both parties learn an outcome together without reloading; it
// redraws only when the answer changed, keeping what the person was typing. The screens are in
// ./bidding/: rules.js, round.js, outcome.js; what the answers mean, without DOM, in model.js.
import { api, ApiError } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { keepEdits } from "../edits.js";
import { t } from "../i18n.js";
import { roomFor } from "../room/live.js";
import { currentUser } from "../session.js";
import { news, otherName, signature } from "./bidding/model.js";
import { noSettlementView, settledView } from "./bidding/outcome.js";
import { refusalProblems, STALE } from "./bidding/refusals.js";
import { roundView } from "./bidding/round.js";
import { agreeingView } from "./bidding/rules.js";
import { sayProblems } from "./form.js";

const JOIN_POLL_MS = 5000;
const LIVE_EVENTS = new Set(["bidding", "bidding_settled", "mechanism_switch", "paused", "resumed", "closed"]);

// Round → why it ended "not yet" ("bids" or "deadline"), from the room's public events.
function reasonsOf(room) {
  const reasons = new Map();
  for (const frame of room?.events ?? []) {
    if (frame.event === "bidding" && (frame.data.kind === "not_yet" || frame.data.kind === "no_settlement"))
      reasons.set(frame.data.round, frame.data.reason);
  }
  return reasons;
}

function bodyFor(page) {
  const { c, state } = page;
  if (state.status === "settled") return settledView(page, reasonsOf(page.room));
  if (state.status === "no_settlement") return noSettlementView(page, reasonsOf(page.room));
  if (c.mechanism !== "bidding") {
    return h(
      "div",
      { class: "notice" },
      h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.other_mechanism")),
      h("p", {}, h("a", { href: `#/cases/${c.id}` }, t("bidding.to_case"))),
    );
  }
  if (c.status === "awaiting_respondent") {
    return h(
      "div",
      { class: "notice waiting" },
      h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.not_joined", { name: otherName(c) })),
      h("p", {}, t("bidding.not_joined_text")),
    );
  }
  if (c.status === "paused") {
    return h(
      "div",
      { class: "notice" },
      h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.paused")),
      h("p", {}, t("bidding.paused_text")),
    );
  }
  if (c.status !== "open") {
    return h(
      "div",
      { class: "notice" },
      h("h2", { id: "bidding-now", tabindex: "-1" }, t("bidding.closed")),
      h("p", {}, h("a", { href: `#/cases/${c.id}` }, t("bidding.to_case"))),
    );
  }
  if (state.status === "agreeing") return agreeingView(page);
  return roundView(page, reasonsOf(page.room));
}

// What a newer answer tells the reader, in words ("" when nothing worth saying changed).
function newsText(c, before, after) {
  const said = news(c, before, after);
  if (!said) return "";
  const [key, params] = said;
  return t(key, params.option ? { ...params, option: t(`bidding.option.${params.option}`) } : params);
}

export async function biddingPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const path = `/api/cases/${encodeURIComponent(caseId)}`;
  const [c, state] = await Promise.all([api("GET", path), api("GET", `${path}/bidding`)]);
  const flash = h("p", { class: "flash flash-info", hidden: true }); // said by announce()
  const body = h("div", { class: "bidding-body" });
  const page = { c, state, typed: {}, room: null, send: null };
  // What the page shows: the answer, and why each past round ended (from the room's log, which
  // arrives after the first drawing).
  const sig = () => signature(page.c, page.state) + JSON.stringify([...reasonsOf(page.room)]);
  let shown = sig();
  let left = false;

  // Draws the page for the latest answer; `focus` moves the focus to the new heading (after the
  // reader's own action, and when their part of the page was replaced under them).
  const draw = (focus = false) => {
    const hadFocus = body.contains(document.activeElement);
    const nodes = [bodyFor(page)].flat(Infinity).filter(Boolean);
    keepEdits(body, nodes); // an option ticked or an amount typed, not yet sent, stays
    body.replaceChildren(...nodes);
    if (focus || (hadFocus && !body.contains(document.activeElement))) document.getElementById("bidding-now")?.focus();
  };
  const say = (text) => {
    flash.textContent = text;
    flash.hidden = !text;
  };

  // Reads the case and the bidding again; redraws and announces only what changed. Calls while
  // a read is under way make one more read after it (an event may have come after its answer).
  const readOnce = async (focus) => {
    const [nextCase, nextState] = await Promise.all([api("GET", path), api("GET", `${path}/bidding`)]);
    if (left) return;
    const before = page.state;
    page.c = nextCase;
    page.state = nextState;
    const now = sig();
    if (now === shown && !focus) return;
    shown = now;
    draw(focus);
    const text = newsText(nextCase, before, nextState);
    say(text);
    if (text) announce(text);
  };
  let reading = null;
  let again = false;
  let wantFocus = false;
  const reread = (focus = false) => {
    wantFocus ||= focus;
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        const focusNow = wantFocus;
        wantFocus = false;
        await readOnce(focusNow);
      } while (again && !left);
    })().finally(() => {
      reading = null;
    });
    return reading;
  };

  // Sends one request of the page; a refusal is said at its input (and, when it means the page
  // was out of date, above it, over the page read again).
  page.send = async (form, method, tail, payload, saidKey, onOk = null) => {
    const before = page.state;
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await api(method, `${path}/bidding/${tail}`, payload);
    } catch (error) {
      button.disabled = false;
      if (!(error instanceof ApiError)) throw error;
      const problems = refusalProblems(page.c, page.state, error);
      if (STALE.has(error.code)) {
        await reread(true);
        say(problems[0][1]);
        announce(problems[0][1]);
      } else {
        sayProblems(form, problems);
      }
      return;
    }
    onOk?.();
    await reread(true);
    // What changed since the page was as I acted on it: the room's event may have been read
    // before my answer arrived (my bid was the round's last); accepting opens round 1 itself.
    const extra = tail === "rules/accept" ? "" : newsText(page.c, before, page.state);
    const text = [t(saidKey), extra].filter(Boolean).join(" ");
    say(text);
    announce(text);
  };

  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("bidding.title")),
    h("p", { class: "lead" }, t("bidding.intro", { name: otherName(c) })),
    flash,
    body,
  );
  draw();
  onLeave(() => {
    left = true;
  });
  if (!["open", "awaiting_respondent", "paused"].includes(c.status)) return;
  // Joining logs no room event: until the other party is in, ask now and then.
  if (c.status === "awaiting_respondent") {
    const timer = setInterval(() => {
      if (page.c.status === "awaiting_respondent") reread().catch(() => {});
      else clearInterval(timer);
    }, JOIN_POLL_MS);
    onLeave(() => clearInterval(timer));
  }
  // Every bidding event in the room (rules proposed or agreed, a round's outcome, a choice):
  // read the page's answer again. Replayed events change nothing, so they redraw nothing.
  const room = roomFor(c.id);
  page.room = room;
  const stop = room.subscribe((change) => {
    if (change.type === "event" && LIVE_EVENTS.has(change.event.event)) reread().catch(() => {});
  });
  onLeave(stop);
}
