// The mediator's open proposal to switch the case's mechanism (`mechanism_switch` of the case),
// on the case page: what is proposed, who has agreed, and Agree / Decline, each asked first.
// The page follows the room (`followSwitch`): a proposal, an answer or the switch itself made
// elsewhere redraws it without a reload.
import { api } from "../../api.js";
import { announce, h, onLeave } from "../../dom.js";
import { t } from "../../i18n.js";
import { roomFor } from "../../room/live.js";
import { confirmDialog } from "../confirm.js";
import { problemBox, sayProblems } from "../form.js";
import { refusalText } from "../../refusals.js";
import { namesList, otherParties } from "../other_parties.js";
import { itemsList, mechanismName, mechanismText, partyNames } from "./words.js";

// The open proposal after the room's `mechanism_switch` events, as the server folds them
// (odr/cases/switching.py `pending`): {seq, to, consented} or null; and the mechanism the last
// switch chose (null: none in the log).
export function switchFromLog(events) {
  let open = null;
  let switchedTo = null;
  for (const { event, seq, actor, data } of events) {
    if (event !== "mechanism_switch") continue;
    if (data.kind === "proposed") open = { seq, to: data.to, consented: [] };
    else if (data.kind === "switched") {
      open = null;
      switchedTo = data.to;
    } else if (!open || data.proposal_seq !== open.seq) continue;
    else if (data.kind === "consented") open = { ...open, consented: [...open.consented, actor.role] };
    else open = null;
  }
  return { open, switchedTo };
}

// Whether the page drawn from case `c` still says what the log says.
function drawnAsLogged(c, { open, switchedTo }) {
  const drawn = c.mechanism_switch;
  if (switchedTo && switchedTo !== c.mechanism) return false;
  if (!open || !drawn) return !open && !drawn;
  const same = (a, b) => a.length === b.length && a.every((role) => b.includes(role));
  return open.seq === drawn.proposal_seq && same(open.consented, drawn.consented);
}

// Whether three or more parties take part: "both of you" becomes "all of you" (key + "_all").
function several(c) {
  return otherParties(c).length > 1;
}

// "You both agreed" with two parties, "Everyone agreed" with more.
function switchedText(c, mechanism) {
  return t(several(c) ? "intake.switch.switched_all" : "intake.switch.switched", { mechanism });
}

// What the page says aloud for a switch step someone else took (mine I announce as I answer),
// naming the party who took it.
function liveNews(c, otherName, { actor, data }) {
  if (actor.role === c.my_role) return null;
  const name = partyNames(c.parties ?? [])[actor.role] ?? otherName;
  if (data.kind === "proposed") return t("intake.switch.arrived", { mechanism: mechanismName(data.to) });
  if (data.kind === "consented") return t("intake.switch.other_agreed", { name });
  if (data.kind === "declined") return t("intake.switch.other_declined", { name });
  return switchedText(c, mechanismName(data.to));
}

// Who has agreed so far and whom the switch waits for, in words: two parties as before ("Ruslan
// has agreed", "Waiting for Ruslan's answer"), several by name ("Dana and Erlan have agreed",
// "Waiting for the answers of Aigul").
function answersText(c, proposal) {
  const mine = proposal.consented.includes(c.my_role);
  const others = otherParties(c);
  const agreed = others.filter((p) => proposal.consented.includes(p.role)).map((p) => p.display_name);
  const waited = others.filter((p) => !proposal.consented.includes(p.role)).map((p) => p.display_name);
  const who = [];
  if (mine) who.push(t("intake.switch.you_agreed"));
  if (agreed.length > 1) who.push(t("intake.switch.others_agreed", { names: namesList(agreed) }));
  if (agreed.length === 1) who.push(t("intake.switch.other_agreed", { name: agreed[0] }));
  if (!mine && !agreed.length) who.push(t("intake.switch.nobody"));
  if (mine && waited.length > 1) who.push(t("intake.switch.waiting_for", { names: namesList(waited) }));
  if (mine && waited.length === 1) who.push(t("intake.switch.waiting", { name: waited[0] }));
  return who.join(" ");
}

// The consent's question: two parties as before; several: whom it still waits for, or that mine
// is the last consent.
function consentText(c, proposal, otherName, mechanism) {
  if (!several(c)) return t("intake.switch.consent_text", { name: otherName, mechanism });
  const waited = otherParties(c).filter((p) => !proposal.consented.includes(p.role));
  if (!waited.length) return t("intake.switch.consent_text_last", { mechanism });
  return t("intake.switch.consent_text_all", { names: namesList(waited.map((p) => p.display_name)), mechanism });
}

let following = null;
let lastRedrawn = null; // the log's state the last redraw was for: never twice for the same

// While the case can still switch (open or paused), follow its room: when the log's proposal or
// mechanism differs from what `c` drew, `redraw()` asks for the case again. One follower at a
// time: a redraw replaces it; leaving the page stops it.
export function followSwitch(c, otherName, redraw) {
  following?.();
  following = null;
  if (c.status !== "open" && c.status !== "paused") return;
  const room = roomFor(c.id);
  let redrawing = false;
  const check = async (news) => {
    const logged = switchFromLog(room.events);
    const key = JSON.stringify([c.id, logged]);
    if (redrawing || drawnAsLogged(c, logged) || key === lastRedrawn) return;
    redrawing = true;
    lastRedrawn = key;
    await redraw();
    if (news) announce(news);
  };
  // The replay after (re)connecting goes up to the welcome's head: only then is the log whole
  // enough to compare, and only later events are news.
  const caughtUp = () => room.headSeq !== undefined && room.lastSeq >= room.headSeq;
  const stop = room.subscribe((change) => {
    if (!caughtUp()) return;
    if (change.type === "event") {
      const { event, seq } = change.event;
      const live = seq > room.headSeq && event === "mechanism_switch";
      if (live || seq === room.headSeq) check(live ? liveNews(c, otherName, change.event) : null);
    } else if (change.type === "status" && change.status === "live") {
      check(null); // nothing to replay: the log was whole already
    }
  });
  if (caughtUp()) check(null); // the room was open already (another page of the case)
  following = stop;
  onLeave(() => {
    stop();
    if (following === stop) following = null;
  });
}

// `reload()` draws the case page again from the server's answer.
export function switchPanel(c, otherName, reload) {
  const proposal = c.mechanism_switch;
  const mine = proposal.consented.includes(c.my_role);
  const proposed = mechanismName(proposal.mechanism);
  const box = h("div", {}, problemBox());
  const answer = async (consent) => {
    const key = consent ? "consent" : "decline";
    const asked = await confirmDialog({
      title: t(`intake.switch.${key}_title`),
      text: consent
        ? consentText(c, proposal, otherName, proposed)
        : t("intake.switch.decline_text", { mechanism: mechanismName(c.mechanism) }),
      yes: t(`intake.switch.${key}_yes`),
    });
    if (!asked) return;
    try {
      const updated = await api("POST", `/api/cases/${encodeURIComponent(c.id)}/mechanism-switch`, { consent });
      if (!consent) announce(t("intake.switch.declined"));
      else if (updated.mechanism === proposal.mechanism) announce(switchedText(c, proposed));
      else announce(t("intake.switch.agreed_now"));
      await reload();
    } catch (error) {
      sayProblems(box, [[null, refusalText(error)]]);
    }
  };
  return h(
    "section",
    { class: "notice switch-panel", id: "mechanism-switch", "aria-labelledby": "switch-title" },
    h("h2", { id: "switch-title" }, t("intake.switch.title")),
    h("p", {}, t(several(c) ? "intake.switch.text_all" : "intake.switch.text", { mechanism: proposed })),
    h("p", { class: "hint" }, mechanismText(proposal.mechanism)),
    proposal.items
      ? itemsList(proposal.items, {
          currency: c.claim?.currency,
          myRole: c.my_role,
          names: partyNames(c.parties ?? []),
          otherName,
        })
      : null,
    h("p", { class: "strong" }, answersText(c, proposal)),
    box,
    mine
      ? null
      : h(
          "p",
          { class: "actions" },
          h(
            "button",
            { type: "button", class: "button primary", onclick: () => answer(true) },
            t("intake.switch.consent"),
          ),
          h("button", { type: "button", class: "button", onclick: () => answer(false) }, t("intake.switch.decline")),
        ),
  );
}
