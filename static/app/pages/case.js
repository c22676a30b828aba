// One case: where it stands, how it is settled (its mechanism, and a division's items) and what to
// do next by mechanism; with several parties who joined and who is awaited (case_parties.js);
// the mediator's proposal to switch the mechanism, to agree to or decline
// (drawn again as the room logs each step: intake/switch_panel.js);
// what I share (while it runs) and, once it is over, my rating of the process.
import { api } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { t } from "../i18n.js";
import { loginFirst } from "./auth.js";
import { partiesPanel, severalParties } from "./case_parties.js";
import { caucusPanel } from "./caucus.js";
import { currentUser } from "../session.js";
import { documentsPanel } from "./documents.js";
import { feedbackApplies, feedbackPanel } from "./feedback.js";
import { CHANGEABLE } from "./intake/item_photo.js";
import { followSwitch, switchPanel } from "./intake/switch_panel.js";
import { itemsList, mechanismSummary, partyNames } from "./intake/words.js";
import { referralNote } from "./referral_note.js";
import { sessionsPanel } from "./sessions.js";
import { sharingApplies, sharingPanel } from "./sharing.js";

// The other party's name as this reader knows it.
function otherName(c) {
  const other = c.parties.find((party) => party.role !== c.my_role);
  return other ? other.display_name : c.respondent_name;
}

// The case's status in words; with several parties "waiting" means waiting for all invited.
function statusText(c) {
  if (c.status === "awaiting_respondent" && severalParties(c)) return t("intake.parties.awaiting");
  return t(`cases.status.${c.status}`);
}

// What to do next while the case is open, by how it is settled.
function nextSteps(c) {
  const step = (path, label, why) => h("li", {}, h("a", { href: `#/cases/${c.id}/${path}` }, label), " ", why);
  const room = step("room", t("case.room"), t("case.room_why"));
  if (c.mechanism === "bidding") {
    return [step("bidding", t("intake.case.bidding"), t("intake.case.bidding_why")), room];
  }
  if (c.mechanism === "division") {
    return [step("division", t("intake.case.division"), t("intake.case.division_why")), room];
  }
  return [
    step("interests", t("case.interests"), t("case.interests_why")),
    step("proposals", t("case.proposals"), t("case.proposals_why")),
    room,
    step("practice", t("case.practice"), t("case.practice_why")),
  ];
}

// Joining logs no room event, so while the claimant waits its page asks for the case again, less
// often as time goes by (a light poll: 3 s, then up to 30 s), until the respondent has joined or
// the page is left; then it draws the case anew and says so.
const WAIT_STEPS_MS = [3000, 5000, 10000, 20000, 30000];

function awaitRespondent(c, redraw) {
  let timer = null;
  let step = 0;
  let left = false;
  const ask = async () => {
    const now = await api("GET", `/api/cases/${c.id}`).catch(() => null); // offline: ask later
    if (left) return;
    if (now && now.status !== "awaiting_respondent") {
      await redraw();
      announce(t("case.joined", { name: otherName(now) }));
      return;
    }
    if (now && now.parties.length !== c.parties.length) {
      // One more of several parties joined: the page shows it, and keeps waiting (redrawn).
      const known = new Set(c.parties.map((p) => p.role));
      const arrived = now.parties.find((p) => !known.has(p.role));
      await redraw();
      if (arrived) announce(t("intake.parties.joined_one", { name: arrived.display_name }));
      return;
    }
    step = Math.min(step + 1, WAIT_STEPS_MS.length - 1);
    timer = setTimeout(ask, WAIT_STEPS_MS[step]);
  };
  timer = setTimeout(ask, WAIT_STEPS_MS[0]);
  onLeave(() => {
    left = true;
    clearTimeout(timer);
  });
}

// While waiting, a packages case's claimant may already state its interests (the proposals are
// computed once both have): the respondent never sees them.
function whileWaiting(c) {
  if (c.mechanism !== "packages") return [];
  return [
    h("p", {}, t("case.interests_early", { name: c.respondent_name })),
    h("p", {}, h("a", { class: "button", href: `#/cases/${c.id}/interests` }, t("case.interests"))),
  ];
}

// focus = "sharing" (#/cases/{id}/sharing): the page opens at the "What I share" panel.
export async function casePage(caseId, focus = null) {
  const user = await currentUser();
  if (!user) {
    loginFirst();
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const parts = [
    h("h1", {}, t("cases.reference", { reference: c.reference })),
    h("p", { class: "subject" }, c.subject),
    h("p", { class: `badge status-${c.status}` }, statusText(c)),
    ...mechanismSummary(c.mechanism, t("intake.case.mechanism")),
  ];
  const redraw = () => casePage(caseId);
  const panel = partiesPanel(c, redraw); // several parties: who joined, the claimant's start
  if (panel) parts.push(panel);
  if (c.items) {
    parts.push(
      h("h2", {}, t("intake.case.items")),
      itemsList(c.items, {
        currency: c.claim?.currency,
        myRole: c.my_role,
        names: partyNames(c.parties, c.invited_parties ?? []),
        otherName: otherName(c),
        photos: { caseId: c.id, editable: CHANGEABLE.includes(c.status) },
      }),
    );
  }
  if (c.mechanism_switch) parts.push(switchPanel(c, otherName(c), () => casePage(caseId)));
  const link = sessionStorage.getItem(`kelisim.link.${c.id}`);
  if (c.status === "awaiting_respondent" && c.my_role === "claimant" && !severalParties(c)) {
    parts.push(
      h("h2", {}, t("case.invite_title")),
      h("p", {}, t("case.invite_text", { name: c.respondent_name })),
      h("p", { class: "hint" }, t("case.waiting_live", { name: c.respondent_name })),
    );
    if (link) {
      const box = h("input", { id: "invite-link", readonly: true, value: link });
      parts.push(
        h("p", { class: "field" }, h("label", { for: "invite-link" }, t("case.invite_link")), box),
        h(
          "button",
          { type: "button", class: "button", onclick: () => navigator.clipboard?.writeText(link) },
          t("case.copy"),
        ),
      );
    }
  }
  if (c.status === "awaiting_respondent" && c.my_role === "claimant") parts.push(...whileWaiting(c));
  if (c.status === "open") {
    parts.push(h("h2", {}, t("case.next")), h("ol", { class: "steps" }, nextSteps(c)));
  }
  if (c.status === "agreed") {
    parts.push(
      h("p", {}, t("case.settle_why")),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.settlement")),
        h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement")),
        h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room")),
      ),
    );
  }
  if (c.status === "signed" || c.status === "filed") {
    parts.push(
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/settlement` }, t("case.document")),
        h("a", { class: "button", href: `#/cases/${c.id}/agreement` }, t("case.agreement")),
      ),
    );
  }
  if (["failed", "expired", "referred"].includes(c.status)) parts.push(h("p", {}, t(`case.over.${c.status}`)));
  if (c.status === "referred") {
    const note = await referralNote(c.id).catch(() => null); // when, which court, its case number
    if (note) parts.push(note);
  }
  // Both panels show what the server holds for this person (asked for together).
  parts.push(
    ...(await Promise.all([
      sharingApplies(c.status) ? sharingPanel(c) : null,
      feedbackApplies(c.status) ? feedbackPanel(c) : null,
      documentsPanel(c.id, c.my_role, c.status), // documents and evidence (#15)
      caucusPanel(c), // null unless the case has a mediator to talk with privately
      sessionsPanel(c), // null unless the mediator ever proposed a joint session
    ]).then((panels) => panels.filter(Boolean))),
  );
  mount(...parts);
  // Several parties: everyone in the case sees the others join (the claimant alone otherwise).
  const watching = c.my_role === "claimant" || severalParties(c);
  if (c.status === "awaiting_respondent" && watching) awaitRespondent(c, redraw);
  followSwitch(c, otherName(c), () => casePage(caseId)); // the mediator's proposal, live
  const target = focus && document.getElementById(focus);
  if (target) {
    const heading = target.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    target.scrollIntoView({ block: "start" });
  }
}
