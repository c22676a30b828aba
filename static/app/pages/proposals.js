// The compromises Kelisim proposes, each explained in my own terms (what I gain, what I give up,
// compared with no agreement and with the best I could get), in the server's order (the same for
// both parties, the most balanced first: negotiation/explain.py `balance_order`), or, when no
// package fits both sides' limits, my own advice. Until every party has stated its interests: a
// waiting page that updates itself when the room announces proposals.
import { api, ApiError } from "../api.js";
import { announce, h, mount, onLeave } from "../dom.js";
import { t } from "../i18n.js";
import { criterionName, criterionText, distinct, explanation, messageText } from "../explain.js";
import { packageView } from "../issues.js";
import { roomFor, saveDraft } from "../room/live.js";
import { currentUser } from "../session.js";

async function load(caseId) {
  try {
    return await api("GET", `/api/cases/${caseId}/proposals`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

async function mine(caseId) {
  try {
    return await api("GET", `/api/cases/${caseId}/interests`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function packageCard(c, pkg, n) {
  const id = `proposal-${pkg.id}`;
  const criteria = [...new Set(pkg.criteria)];
  return h(
    "li",
    { class: "card proposal", "aria-labelledby": `${id}-title`, "data-package": pkg.id },
    h(
      "h2",
      { id: `${id}-title` },
      t("proposals.card_title", { n, criterion: criteria.map(criterionName).join(" · ") }),
    ),
    criteria.map((criterion) => h("p", { class: "hint" }, criterionText(criterion))),
    packageView(c, pkg.choice),
    explanation(c, pkg.explanation, id),
    c.status === "open"
      ? h(
          "p",
          { class: "actions" },
          h(
            "button",
            {
              type: "button",
              class: "button primary",
              onclick: () => {
                saveDraft(c.id, { package: pkg.choice, from_proposal: pkg.id });
                location.hash = `#/cases/${c.id}/room`;
              },
            },
            t("proposals.offer_this"),
          ),
        )
      : null,
  );
}

function waiting(c, interests) {
  if (!interests) {
    return h(
      "div",
      { class: "notice" },
      h("h2", {}, t("proposals.first_yours")),
      h("p", {}, t("proposals.first_yours_text")),
      h(
        "p",
        { class: "actions" },
        h("a", { class: "button primary", href: `#/cases/${c.id}/interests` }, t("case.interests")),
      ),
    );
  }
  return h(
    "div",
    { class: "notice waiting" },
    h("h2", {}, interests.all_submitted ? t("interests.both_in") : t("proposals.waiting")),
    h("p", {}, t("proposals.waiting_text")),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button", href: `#/cases/${c.id}/interests` }, t("proposals.change_mine")),
    ),
  );
}

function noZone(c, proposals) {
  return h(
    "div",
    { class: "notice" },
    h("h2", {}, t("proposals.no_zone")),
    h("p", {}, t("proposals.no_zone_text")),
    proposals.advice.length
      ? h(
          "ul",
          { class: "explain" },
          proposals.advice.map((m) => h("li", {}, messageText(c, m))),
        )
      : null,
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/interests` }, t("proposals.change_mine")),
      h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room")),
    ),
  );
}

export async function proposalsPage(caseId) {
  if (!(await currentUser())) {
    location.hash = "#/login";
    return;
  }
  const c = await api("GET", `/api/cases/${encodeURIComponent(caseId)}`);
  // Fair division and blind bidding have pages of their own (the allocation with its reasons in
  // my points; the rounds): an old link to the package proposals goes there.
  const own = { division: "division", bidding: "bidding" }[c.mechanism];
  if (own) {
    location.replace(`#/cases/${c.id}/${own}`);
    return;
  }
  const body = h("div", { class: "proposals-body", "aria-live": "polite" });
  // Ask only for what exists (a 404 on the normal path is console noise): without my answers
  // there is nothing to read; with them, proposals only once every party has answered
  // (all_submitted) or the room announced them (a 404 is then left only while they compute).
  const draw = async (announced = false) => {
    const interests = !announced && c.my_interests_stated ? await mine(c.id) : null;
    const proposals = announced || interests?.all_submitted ? await load(c.id) : null;
    if (!proposals) {
      body.replaceChildren(waiting(c, interests));
    } else if (!proposals.acceptable) {
      body.replaceChildren(noZone(c, proposals));
    } else {
      body.replaceChildren(
        h("p", {}, t("proposals.intro")),
        h("p", { class: "hint" }, t("proposals.order_note")),
        h(
          "ol",
          { class: "cards" },
          distinct(proposals.packages).map((p, n) => packageCard(c, p, n + 1)),
        ),
        h(
          "p",
          { class: "actions" },
          h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("case.room")),
          h("a", { class: "button", href: `#/cases/${c.id}/interests` }, t("proposals.change_mine")),
        ),
      );
    }
    return proposals;
  };
  mount(
    h("p", { class: "crumbs" }, h("a", { href: `#/cases/${c.id}` }, t("cases.reference", { reference: c.reference }))),
    h("h1", {}, t("proposals.title")),
    body,
  );
  const first = await draw();
  if (c.status !== "open" && c.status !== "agreed") return;
  // New proposals are announced in the room: redraw when they arrive (not on the replay of old ones).
  const room = roomFor(c.id);
  let shownVersion = first?.version ?? 0;
  const stop = room.subscribe(async (change) => {
    if (change.type !== "event") return;
    const { event, data } = change.event;
    if ((event === "proposals_ready" || event === "no_agreement_zone") && data.version > shownVersion) {
      shownVersion = data.version;
      await draw(true);
      announce(t("proposals.arrived"));
    }
  });
  onLeave(stop);
}
