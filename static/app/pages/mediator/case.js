// One case as its mediator sees it: where it stands (status, mechanism and its public state,
// deadline, parties: case_summary.js), the public room record (record.js; never private
// interests unless a party shared them, never a bid or points), messages to the parties over the
// room's socket, the actions the case's state allows (case_actions.js), and a proposal to switch
// the mechanism with the parties' consents as they arrive (switch.js). A centre's administrator
// follows it read-only and, while the mediation runs, may give it to another of the centre's
// mediators (reassign.js).
import { api } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t, useStrings } from "../../i18n.js";
import { actionsContent, allowed, messageBox } from "./case_actions.js";
import { summaryOf } from "./case_summary.js";
import { mediatorCaucus } from "./caucus.js";
import { centreStyles, fill, isClosed, takingPart } from "./common.js";
import { referralNote } from "../referral_note.js";
import { eventLine } from "./record.js";
import { centreMediators, reassignForm } from "./reassign.js";
import { mediatorSessions } from "./sessions.js";
import { documentsPanel } from "../documents.js";
import { trackerPanel } from "../settlement/tracker.js";
import { canSwitch, switchForm, switchStatus } from "./switch.js";

const REASSIGNABLE = ["awaiting_respondent", "open", "paused"]; // the server refuses concluded cases

// What the parties said to the latest switch proposal, to announce what changed.
function answers(view) {
  const s = view.case.mechanism.switch;
  return s ? `${s.proposal_seq}:${s.status}:${s.consented.join(",")}` : "";
}

export async function mediatorCasePage(caseId) {
  await centreStyles();
  const base = `/api/centre/cases/${caseId}`;
  // The signing part words the EDS attestation (attest_eds.js).
  let [view] = await Promise.all([api("GET", base), useStrings("signing", "referral", "fulfilment")]);
  const issues = view.issues;
  const line = (e) => eventLine(e, issues, view.case.mechanism.currency, view.case.roster);
  // Joint sessions (#15); their strings are loaded before the record below words their events.
  const sessions = await mediatorSessions(caseId, view.case.mine).catch(() => null);
  // Documents and evidence (#15): the case's mediator only; a centre's administrator sees none
  // of them (its request would be refused as if the case did not exist).
  const documents = view.case.mine ? await documentsPanel(caseId, "mediator").catch(() => null) : null;
  // Signed: the settlement's schedule as the parties keep it (#18), to read; the case's mediator only.
  const signed = view.case.mine && ["signed", "filed"].includes(view.case.status);
  const schedulePage = { url: `/api/cases/${caseId}/settlement`, c: { id: caseId }, say: () => {} };
  const tracker = signed ? await trackerPanel(schedulePage).catch(() => null) : null;
  const summary = h("div", { id: "case-summary", class: "case-summary" });
  // Referred: when, to which court, and the court's case number (referral_note.js).
  const referral = h("div", { id: "case-referral" });
  const showReferral = async () =>
    fill(referral, view.case.status === "referred" ? await referralNote(caseId).catch(() => null) : null);
  const events = h("ol", { class: "timeline events", "aria-live": "polite" }, view.events.map(line));
  const actions = h("section", { "aria-labelledby": "actions-title", id: "case-actions" });
  const switchBox = h("section", { "aria-labelledby": "switch-title", id: "case-switch" });
  const link = h("p", { class: "meta", id: "room-link", hidden: true });
  const reassignBox = h("section", { "aria-labelledby": "reassign-title", id: "case-reassign", hidden: true });
  let shown = "";
  let shownReassign = "";
  let shownSwitch = "";
  let heard = answers(view);
  // Only a centre's administrators see a case that is not theirs; they get its mediators.
  let mediators = view.case.mine ? null : await centreMediators(view.case);
  const names = () => new Map((mediators || []).map((m) => [m.id, m.name]));
  // Private conversations with each party: the case's mediator only, never an administrator.
  const caucus = view.case.mine ? await mediatorCaucus(caseId).catch(() => null) : null;

  // Messages go through the room, like the parties' own; each one waits for the room's ack.
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  let socket = null;
  let left = false;
  let lastSeq = view.events.length ? view.events[view.events.length - 1].seq : 0;
  const pending = new Map();
  let reload = null;

  const act = async (path, body) => {
    const result = await api("POST", `${base}/${path}`, body);
    if (result?.case) {
      view = result;
      draw();
    }
  };
  const refer = async (reason, court_code) => {
    await api("POST", `${base}/refer`, { reason, court_code });
    view = await api("GET", base);
    draw();
    await showReferral();
  };
  const reread = async () => {
    view = await api("GET", base);
    draw();
  };
  const say = (text) =>
    new Promise((resolve, reject) => {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        reject(new Error(t("centre.not_connected")));
        return;
      }
      const key = crypto.randomUUID();
      pending.set(key, { resolve, reject });
      socket.send(JSON.stringify({ type: "message", key, text }));
      setTimeout(() => pending.delete(key) && reject(new Error(t("centre.not_connected"))), 10000);
    });
  const message = messageBox(say);

  const drawActions = () => {
    const signature = JSON.stringify([view.case.mine, allowed(view)]);
    if (signature === shown) return; // keep what the mediator is typing
    shown = signature;
    fill(actions, h("h2", { id: "actions-title" }, t("centre.actions")), actionsContent(view, act, refer, reread));
    message.hidden = !view.case.mine || isClosed(view.case.status);
  };
  const drawSwitch = () => {
    const status = switchStatus(view.case.mechanism, takingPart(view.case));
    const open = canSwitch(view);
    const signature = JSON.stringify([open, view.case.mechanism.mechanism]);
    if (signature === shownSwitch) {
      document.getElementById("switch-status")?.replaceWith(status); // keep what is typed
    } else {
      shownSwitch = signature; // other choices: a new form
      fill(
        switchBox,
        h("h2", { id: "switch-title" }, t("centre.switch.title")),
        status,
        open ? switchForm(view, (body) => act("mechanism", body)) : null,
      );
    }
    const now = answers(view);
    if (now !== heard) {
      heard = now; // a party consented or declined, or the case switched: say so
      announce(status.textContent);
    }
  };
  const drawReassign = () => {
    const open = Boolean(mediators) && REASSIGNABLE.includes(view.case.status);
    const signature = JSON.stringify([open, view.case.mediator_id]);
    if (signature === shownReassign) return; // keep what the administrator is typing
    shownReassign = signature;
    reassignBox.hidden = !open;
    if (!open) return reassignBox.replaceChildren();
    fill(
      reassignBox,
      h("h2", { id: "reassign-title" }, t("centre.reassign.title")),
      reassignForm(view, mediators, async (body) => {
        const fresh = await api("POST", `${base}/reassign`, body);
        // Done: the loads have changed, but an outdated list is no reason to report a failure.
        mediators = (await centreMediators(fresh.case).catch(() => null)) || mediators;
        view = fresh;
        for (const e of fresh.events.filter((added) => added.seq > lastSeq)) {
          // no room socket here
          lastSeq = e.seq;
          events.append(line(e));
        }
        draw();
        announce(t("centre.reassign.done"));
        document.getElementById("assignments-title")?.focus();
      }),
    );
  };
  const draw = () => {
    fill(summary, summaryOf(view, names()));
    drawActions();
    drawSwitch();
    drawReassign();
  };
  // Another party's move may change the status, the deadline or the mechanism's state: reread
  // the case, debounced.
  const refresh = () => {
    clearTimeout(reload);
    reload = setTimeout(async () => {
      try {
        view = await api("GET", base);
        draw();
      } catch {
        // the next event or a reload tries again
      }
    }, 300);
  };

  const connect = () => {
    if (left) return; // the page was left while waiting to reconnect
    socket = new WebSocket(`${scheme}://${location.host}/ws`);
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "hello", case_id: caseId, last_seq: lastSeq }));
      link.hidden = true;
    });
    socket.addEventListener("message", (incoming) => {
      const frame = JSON.parse(incoming.data);
      if (frame.type === "event" && frame.seq === lastSeq + 1) {
        lastSeq = frame.seq;
        events.append(
          line({ seq: frame.seq, role: frame.actor.role, event: frame.event, data: frame.data, at: frame.at }),
        );
        refresh();
      } else if (frame.type === "error" && frame.code === "case_not_found") {
        left = true; // no longer this mediator's case (reassigned): stop following the room
        socket.close();
        link.textContent = t("centre.room_refused");
        link.hidden = false;
      } else if ((frame.type === "ack" || frame.type === "error") && pending.has(frame.key)) {
        const { resolve, reject } = pending.get(frame.key);
        pending.delete(frame.key);
        if (frame.type === "ack") resolve();
        else reject(new Error(frame.message || frame.code));
      }
    });
    socket.addEventListener("close", (event) => {
      if (left) return;
      if (event.code === 1012) {
        connect(); // service restart: another instance takes over at once, nothing to show
        return;
      }
      link.textContent = t("centre.reconnecting");
      link.hidden = false;
      setTimeout(connect, 2000);
    });
  };
  draw();
  await showReferral();
  if (view.case.mine) connect(); // the room is the case mediator's; administrators only look
  const ping = setInterval(() => socket?.readyState === 1 && socket.send('{"type":"ping"}'), 25000);
  onLeave(() => {
    left = true;
    clearInterval(ping);
    clearTimeout(reload);
    socket?.close();
  });

  mount(
    h(
      "div",
      { class: "centre centre-case" },
      h("p", { class: "crumbs" }, h("a", { href: "#/mediator" }, t("centre.back"))),
      h("h1", {}, t("centre.case_title", { reference: view.case.reference })),
      summary,
      referral,
      tracker,
      switchBox,
      h("h2", {}, t("centre.record")),
      events,
      link,
      message,
      caucus,
      sessions,
      documents,
      actions,
      reassignBox,
    ),
  );
}
