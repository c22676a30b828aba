// The negotiation room: where the talks stand (the offer on the table, who is here), the story so
// far, an offer editor, messages. All connection logic lives in ../room/connection.js; this page
// only draws the folded log (../room/state.js, ../room/mechanism_state.js) and queues commands.
// By mechanism: `packages` and `division` negotiate with offers here (a division's allocation is
// a proposal like the optimizer's); `bidding` has no offers: the table says where the bidding
// stands and leads to its page. After an agreement, an open improvement offer is linked.
// With several parties the table says who has accepted the offer and whom the room is waiting
// for, a dot per party says who is here, and a party may leave the negotiation (the others go on).
// The story's lines are worded in room_story.js, the table while an offer is on it in room_offer.js.
import { api } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { t } from "../i18n.js";
import { packageView, roleName } from "../issues.js";
import { draft, roomFor } from "../room/live.js";
import { MECHANISM_EVENTS } from "../room/mechanism_events.js";
import { agreementInForce, foldMechanisms, isAllocation } from "../room/mechanism_state.js";
import { biddingTable, closedTable, settledText } from "../room/mechanism_table.js";
import { answers, foldRoom, takingPart } from "../room/state.js";
import { offerTermsView } from "./division/offer_terms.js";
import { currentUser } from "../session.js";
import { confirmDialog } from "./confirm.js";
import { offerEditor } from "./offer_editor.js";
import { problemBox } from "./form.js";
import { liveOfferParts } from "./room_offer.js";
import { entry, pendingEntry, SAID } from "./room_story.js";

export async function roomPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  let c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const room = roomFor(c.id);
  let state = foldRoom(room.events);
  let mech = foldMechanisms(room.events);
  const me = () => room.role || c.my_role;
  const roles = () => (c.parties || []).map((p) => p.role);
  const several = () => roles().length > 2;
  const nameOf = (role) => c.parties.find((p) => p.role === role)?.display_name || roleName(role);
  const label = (role) => (role === me() ? t("room.parties.you") : nameOf(role));
  const list = (someRoles) => someRoles.map(label).join(", ");
  // Everyone else still taking part, by name (with two parties: the other party's name).
  const otherName = () => list(takingPart(state, roles()).filter((role) => role !== me())) || t("room.parties.others");

  const connection = h("div", { class: "connection", role: "status" });
  const presence = h("p", { class: "presence" });
  const dots = h("ul", { class: "presence-dots", "aria-label": t("room.parties.who") });
  const leaveBox = h("p", { class: "actions leave" });
  const agreed = h("div", { class: "agreed", hidden: true });
  const table = h("section", { class: "table", "aria-labelledby": "table-title" });
  const editorBox = h("section", { class: "editor-box", hidden: true, "aria-labelledby": "editor-title" });
  const timeline = h("ol", { class: "timeline", "aria-labelledby": "timeline-title" });
  const pendingList = h("ul", { class: "timeline pending", "aria-label": t("room.pending_title") });
  const problem = problemBox();
  const messageBox = h("textarea", { id: "message", name: "message", rows: 2, maxlength: 4000 });
  const messageForm = h(
    "form",
    { class: "message-form" },
    h("p", { class: "field" }, h("label", { for: "message" }, t("room.write", { name: otherName() })), messageBox),
    h("button", { type: "submit", class: "button" }, t("room.send")),
  );
  messageForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = messageBox.value.trim();
    if (!text) return;
    room.send("message", { text });
    messageBox.value = "";
  });

  const drawn = new Set();
  // The mechanism as the log last switched it, else as the case was read.
  const mechanism = () => mech.mechanism || c.mechanism || "packages";
  const agreement = () => agreementInForce(state, mech);

  const openEditor = (start) => {
    editorBox.hidden = false;
    editorBox.replaceChildren(
      offerEditor(c, start, {
        onSend: (frame) => {
          room.send("offer", frame);
          editorBox.hidden = true;
          editorBox.replaceChildren();
          announce(t("room.offer_queued"));
          table.querySelector("h2")?.focus();
        },
        onCancel: () => {
          editorBox.hidden = true;
          editorBox.replaceChildren();
          table.querySelector("button")?.focus();
        },
        proposals: state.proposals, // an Adjusted Winner offer says its own terms, not a payment
      }),
    );
    editorBox.querySelector("h2").focus();
  };

  // A dot per other party: here, away, or gone from the negotiation.
  const drawDots = (online) => {
    const words = { here: t("room.parties.here"), away: t("room.parties.away"), left: t("room.parties.left") };
    const here = new Set(online.map((who) => who.role));
    const rows = (c.parties || [])
      .filter((p) => p.role !== me())
      .map((p) => {
        const status = state.withdrawn.has(p.role) ? "left" : here.has(p.role) ? "here" : "away";
        return h(
          "li",
          { class: `party-dot party-${status}`, "data-role": p.role },
          h("span", { class: "dot", "aria-hidden": "true" }),
          `${p.display_name} · ${words[status]}`,
        );
      });
    dots.replaceChildren(...rows);
  };

  const drawConnection = () => {
    const status = room.status;
    connection.className = `connection connection-${status}`;
    connection.textContent = t(`room.conn.${status}`);
    // While cut off we cannot know who is here. Several parties: a dot each, not one line.
    presence.hidden = status !== "live" || several();
    dots.hidden = status !== "live" || !several();
    drawDots(room.online());
    const here = room.online().filter((who) => who.role !== room.role);
    presence.textContent = here.length
      ? t("room.here", { name: here.map((w) => w.name).join(", ") })
      : t("room.away", { name: otherName() });
    presence.className = `presence ${here.length ? "presence-here" : ""}`;
    messageForm.querySelector("label").textContent = t("room.write", { name: otherName() });
  };

  // Who has accepted the live offer and whom the room waits for (several parties only: with two,
  // the lines of the table say it).
  const answersView = () => {
    if (!several()) return null;
    const { accepted, waiting } = answers(state, roles());
    return h(
      "div",
      { class: "answers" },
      accepted.length ? h("p", { class: "accepted-by" }, t("room.parties.accepted", { names: list(accepted) })) : null,
      waiting.length ? h("p", { class: "waiting-for" }, t("room.parties.waiting", { names: list(waiting) })) : null,
    );
  };

  const leave = async () => {
    const yes = await confirmDialog({
      title: t("room.parties.leave_q"),
      text: t("room.parties.leave_text"),
      yes: t("room.parties.leave_yes"),
    });
    if (!yes) return;
    try {
      await api("POST", `/api/cases/${encodeURIComponent(c.id)}/withdrawal`);
    } catch {
      problem.textContent = t("room.parties.leave_failed");
      return;
    }
    await reread(); // the log's party_withdrew redraws the rest as it arrives
  };

  const drawLeave = () => {
    const can = c.status === "open" && !state.withdrawn.has(me()) && !agreement() && room.role !== "mediator";
    leaveBox.hidden = !can;
    leaveBox.replaceChildren(
      can ? h("button", { type: "button", class: "button danger", onclick: leave }, t("room.parties.leave")) : "",
    );
  };

  const counterButton = (live) =>
    h(
      "button",
      {
        type: "button",
        class: "button",
        onclick: () => openEditor({ package: live.package, counter_to: live.version }),
      },
      t("room.counter"),
    );

  const drawTable = () => {
    const live = state.live;
    const parts = [h("h2", { id: "table-title", tabindex: "-1" }, t("room.table"))];
    const division = mechanism() === "division";
    const mine = live && live.role === me();
    const acceptedIt = live && !mine && live.acceptedBy.has(me());
    if (agreement()) {
      parts.push(...closedTable(c, mech));
    } else if (state.withdrawn.has(me())) {
      parts.push(h("p", {}, t("room.parties.you_left")));
      if (live) parts.push(offerTermsView(c, live, state.proposals), answersView());
      editorBox.hidden = true;
      editorBox.replaceChildren();
    } else if (mechanism() === "bidding") {
      parts.push(...biddingTable(c, mech, room.role || c.my_role));
      editorBox.hidden = true; // an offer begun before a switch to bidding cannot be sent
      editorBox.replaceChildren();
    } else if (!live && division && mech.allocation) {
      // The engine's allocation, to offer as it is or changed first (like a proposal).
      const { id, choice } = mech.allocation;
      parts.push(
        h("p", {}, t("mech.table.division.proposed")),
        packageView(c, choice),
        h(
          "p",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "button primary",
              onclick: () => openEditor({ package: choice, from_proposal: id }),
            },
            t("mech.table.division.offer_it"),
          ),
          h("a", { class: "button", href: `#/cases/${c.id}/division` }, t("mech.go.why_fair")),
        ),
      );
    } else if (!live) {
      parts.push(
        h("p", {}, t(division ? "mech.table.division.no_offer" : "room.no_offer")),
        h(
          "p",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "button primary", onclick: () => openEditor(null) },
            t("room.make_offer"),
          ),
          division
            ? h("a", { class: "button", href: `#/cases/${c.id}/division` }, t("mech.table.division.go"))
            : h("a", { class: "button", href: `#/cases/${c.id}/proposals` }, t("room.see_proposals")),
        ),
      );
    } else {
      const view = {
        get c() {
          return c;
        },
        get state() {
          return state;
        },
        room,
        several,
        otherName,
        nameOf,
        answersView,
        counterButton,
        openEditor,
      };
      parts.push(...liveOfferParts(view, live, mine, acceptedIt));
    }
    table.replaceChildren(...parts);
    drawLeave();
    drawDots(room.online()); // a party that left shows so at once
    agreed.hidden = !agreement();
    if (agreement()) {
      agreed.replaceChildren(
        h("h2", {}, t("room.agreed_title")),
        h(
          "p",
          {},
          state.agreement ? t(several() ? "room.parties.agreed_text" : "room.agreed_text") : settledText(mech),
        ),
        h(
          "p",
          { class: "actions" },
          h("a", { class: "button primary", href: `#/cases/${c.id}/agreement` }, t("room.review")),
        ),
      );
      messageForm.hidden = true;
      editorBox.hidden = true;
    }
  };

  const drawPending = () => {
    pendingList.replaceChildren(...[...room.pending.values()].map((cmd) => pendingEntry(cmd, room.status)));
  };

  const addEvents = (frames) => {
    const items = frames
      .filter((f) => !drawn.has(f.seq))
      .map((f) => {
        drawn.add(f.seq);
        return entry(c, room, f);
      });
    timeline.append(...items);
  };

  const redrawAll = () => {
    state = foldRoom(room.events);
    mech = foldMechanisms(room.events);
    timeline.replaceChildren();
    drawn.clear();
    if (room.role) addEvents(room.events);
    drawTable();
    drawPending();
    drawConnection();
  };

  const reread = async () => {
    try {
      c = await api("GET", `/api/cases/${encodeURIComponent(c.id)}`);
    } catch {
      return; // the page keeps the case as it was read; a reload reads it again
    }
    redrawAll();
  };

  const stop = room.subscribe((change) => {
    if (change.type === "event") {
      state = foldRoom(room.events);
      mech = foldMechanisms(room.events);
      if (!room.role) return;
      addEvents([change.event]);
      drawTable();
      const { event, actor, data } = change.event;
      if (
        actor.role !== room.role &&
        (SAID.includes(event) || MECHANISM_EVENTS.includes(event) || isAllocation(change.event))
      ) {
        announce(entry(c, room, change.event).querySelector(".ev-text").textContent);
      }
      if (event === "agreement") announce(t("room.agreed_title"));
      // A switched case has other issues (a division's items) and another table: read it again.
      if (data.kind === "switched" && ["mechanism_switch", "bidding"].includes(event)) reread();
    } else if (change.type === "reset") {
      redrawAll();
    } else if (change.type === "status") {
      if (change.status === "live") redrawAll();
      drawConnection();
      drawPending();
    } else if (change.type === "presence") {
      drawConnection();
    } else if (change.type === "pending" || change.type === "ack") {
      drawPending();
      problem.textContent = "";
    } else if (change.type === "refused") {
      drawPending();
      problem.textContent =
        t(`room.refused.${change.code}`) === `room.refused.${change.code}`
          ? t("room.refused.other") // never the server's English message
          : t(`room.refused.${change.code}`);
    }
  });
  const tick = setInterval(drawConnection, 15000); // presence entries expire
  onLeave(() => {
    stop();
    clearInterval(tick);
  });

  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("room.title")),
    h("p", { class: "subject" }, c.subject),
    connection,
    presence,
    dots,
    agreed,
    problem,
    table,
    editorBox,
    h("h2", { id: "timeline-title" }, t("room.story")),
    timeline,
    pendingList,
    messageForm,
    leaveBox,
  );
  redrawAll();

  const start = draft(c.id);
  if (start && !agreement() && mechanism() !== "bidding") openEditor(start);
}
