// After the agreement: each party says who it is, all check the terms, each signs the exact text
// with its password, and all download the sealed PDF. One page, in steps, that keeps itself up
// to date (it asks the server every 4 s while open) without wiping what a person types.
//
// This module is the route's entry (#/cases/{id}/settlement): it loads the case and the
// settlement, draws the steps (identities.js, terms.js, signing.js, done.js), says notices at the
// top, and polls. Every step gets the one `page` object made here:
//   c, me, url          the case, this person's role, the settlement's API address
//   others, other       every other party's role (two to ten parties), and between two the other's
//   s                   the latest settlement answer the page knows (steps replace it on save)
//   methods             how this person may sign: {eds, simple, ncalayer_url} (signing.js)
//   ui, forms           what is open, what is typed (kept(): an open form survives redraws)
//   generation          bumped by every change this page sends: older poll answers are dropped
//   names(), draw(), say(), progressed(), reload()
import { api, ApiError } from "../../api.js";
import { announce, h, mount, onLeave } from "../../dom.js";
import { t, useStrings } from "../../i18n.js";
import { currentUser } from "../../session.js";
import { nameList, namesOf, otherRole, othersOf } from "../../settlement_text.js";
import { feedbackPanel } from "../feedback.js";
import { doneSections } from "./done.js";
import { identitiesSection } from "./identities.js";
import { signingSection } from "./signing.js";
import { finished, nowText, pollNews, settled, steps } from "./state.js";
import { termsSection } from "./terms.js";
import { trackerPanel } from "./tracker.js";

const POLL_MS = 4000;
// What the polling tells the person (state.pollNews), besides "sealed" which the banner says.
const NEWS = {
  changed: "settlement.notice.changed",
  they_signed: "settlement.notice.they_signed",
  changed_while_typing: "settlement.notice.changed_while_typing",
};

function progress(page) {
  return h(
    "ol",
    { class: "progress", "aria-label": t("settlement.progress") },
    steps(page.s, page.me, page.others).map(([key, state]) =>
      h(
        "li",
        { class: `step-${state}` },
        h("span", { class: "step-mark", "aria-hidden": "true" }, state === "done" ? "✓" : ""),
        h("span", {}, t(key), h("span", { class: "step-state" }, ` — ${t(`settlement.state.${state}`)}`)),
      ),
    ),
  );
}

export async function settlementPage(caseId) {
  const user = await currentUser();
  if (!user) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  const url = `/api/cases/${c.id}/settlement`;
  const head = [
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", { id: "settlement-title" }, t("settlement.title")),
    h("p", { class: "subject" }, c.subject),
  ];
  let s;
  try {
    s = await api("GET", url);
  } catch (error) {
    if (error instanceof ApiError && error.code === "role_not_allowed") {
      // Withdrew before the agreement (#17): the settlement is between the others.
      await useStrings("signing");
      mount(...head, h("p", {}, t("signing.party.not_yours")));
      return;
    }
    if (!(error instanceof ApiError) || error.code !== "no_agreement") throw error;
    mount(
      ...head,
      h("p", {}, t("agreement.none")),
      h("p", { class: "actions" }, h("a", { class: "button primary", href: `#/cases/${c.id}/room` }, t("case.room"))),
    );
    return;
  }
  const [methods] = await Promise.all([api("GET", `${url}/signing-methods`), useStrings("signing")]);
  const me = c.my_role;
  const notice = h("div", { class: "notice-area", tabindex: "-1" });
  const body = h("div", { class: "settlement-body" });
  // Once signed, the rating form goes under the document; drawn once and never redrawn by the
  // polling, so what a person is choosing or typing there stays.
  const rating = h("div", { class: "settlement-rating" });
  let ratingAsked = false;
  // Once signed, the schedule to follow (tracker.js): drawn once, it keeps itself up to date.
  const tracker = h("div", { class: "settlement-tracker" });
  let trackerAsked = false;

  const page = {
    c,
    me,
    other: otherRole(me),
    others: othersOf(s, me),
    url,
    s,
    methods,
    ui: {
      details: false, // step 1's form open although the identity is saved
      terms: false, // step 2's form open although the place is set
      dirty: null, // "details", "terms" or "sign" while the person types there
      notice: null, // { kind: "problem" | "info", text } shown at the top
      kind: s.parties[me]?.kind || "person", // the identity form's choice
      repTyped: null, // the representative as typed, across the identity form's redraws
    },
    // An open form the person has changed is kept as it is when the page redraws (another step
    // opened or saved, the other side's news), so nothing typed is lost; closed or saved, it goes.
    forms: { details: null, terms: null },
    generation: 0,
    names: () => namesOf(page.s, c),
    kept(name, build) {
      if (!page.forms[name]?.touched) page.forms[name] = build();
      return page.forms[name];
    },
    draw,
    say,
    progressed,
    reload,
  };

  // A message at the top of the page: problems as an alert, the rest through the page's one
  // status region (so a screen reader hears each exactly once).
  function flash() {
    const { notice: said } = page.ui;
    return said
      ? h("p", { class: `flash flash-${said.kind}`, role: said.kind === "problem" ? "alert" : null }, said.text)
      : "";
  }

  function say(kind, text) {
    if (page.ui.notice?.kind === kind && page.ui.notice.text === text && notice.firstChild) return; // said already
    page.ui.notice = { kind, text };
    notice.replaceChildren(flash());
    if (kind !== "problem") announce(text);
  }

  function quiet() {
    page.ui.notice = null;
    notice.replaceChildren();
  }

  // A step is done: the banner at the top now says what comes next; it gets the focus, and a
  // screen reader hears what just happened.
  function progressed(text) {
    quiet();
    page.ui.dirty = null;
    announce(text);
    draw();
    const now = body.querySelector(".now");
    now.focus();
    now.scrollIntoView({ block: "start" });
  }

  function draw() {
    const focusWasInside = body.contains(document.activeElement);
    const done = finished(page.s);
    document.getElementById("settlement-title").textContent = t(done ? "settlement.title_done" : "settlement.title");
    body.replaceChildren(
      h(
        "p",
        { class: `now${done ? " now-done" : ""}`, tabindex: "-1" },
        nowText(page.s, me, page.others, page.names(), methods.eds),
      ),
      progress(page),
      ...(done ? doneSections(page) : [identitiesSection(page), termsSection(page), signingSection(page)]),
    );
    if (done && !ratingAsked) {
      ratingAsked = true;
      feedbackPanel(c).then(
        (panel) => rating.append(panel),
        () => {
          ratingAsked = false; // retried on the next draw
        },
      );
    }
    if (done && !trackerAsked) {
      trackerAsked = true;
      trackerPanel(page).then(
        (panel) => tracker.append(panel),
        () => {
          trackerAsked = false; // retried on the next draw
        },
      );
    }
    if (focusWasInside && !body.contains(document.activeElement)) notice.focus();
  }

  // What was typed met a newer version: the forms show the latest, and the notice says why.
  async function reload(kind, text) {
    page.generation++;
    page.ui.dirty = null;
    page.forms.details = null;
    page.forms.terms = null;
    page.s = await api("GET", url);
    say(kind, text);
    draw();
    notice.focus();
    notice.scrollIntoView({ block: "start" });
  }

  // -- keeping up with the other party (state.pollNews says what a newer answer changes) --------

  const typing = () => Boolean(page.ui.dirty || page.forms.details?.touched || page.forms.terms?.touched);

  async function poll() {
    if (settled(page.s)) {
      clearInterval(timer); // both signed and nothing left to file: nothing can change now
      return;
    }
    if (document.hidden) return;
    const asked = page.generation;
    let next;
    try {
      next = await api("GET", url);
    } catch {
      return; // offline for a moment: the next round tries again
    }
    if (asked !== page.generation) return;
    const { adopt, redraw, news } = pollNews(page.s, next, page.others, typing());
    const before = new Set(page.s.signatures.map((x) => x.role));
    const fresh = next.signatures.map((x) => x.role).filter((role) => role !== me && !before.has(role));
    const name = nameList(namesOf(next, c), fresh.length ? fresh : page.others);
    if (adopt) page.s = next;
    if (redraw) page.ui.dirty = null;
    if (news === "sealed") {
      // The banner says it in big letters; a screen reader hears it once.
      quiet();
      announce(nowText(page.s, me, page.others, page.names(), methods.eds));
    } else if (news) {
      say("info", t(NEWS[news], { name }));
    }
    if (redraw) draw();
  }

  mount(...head, notice, body, tracker, rating);
  draw();
  const timer = setInterval(poll, POLL_MS);
  onLeave(() => clearInterval(timer));
}
