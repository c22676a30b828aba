// The proposed allocation: who receives which item, the payment that balances the shares, why
// it is fair to me in my own points only (the server's message keys), and what I can do with
// it in the room: offer it, accept it when the other party offered it, or change it.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { packageView, paymentText } from "../../issues.js";
import { saveDraft } from "../../room/live.js";
import { confirmDialog } from "../confirm.js";

const same = (a, b) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([item, role]) => b[item] === role);

// One explanation message (odr/negotiating/division.py explain_share) in the reader's words.
function reason(c, message, otherName) {
  const p = message.params || {};
  switch (message.key) {
    case "division.own_share":
      return t("division.own_share", { points: p.points, total: p.total });
    case "division.their_share":
      return t("division.their_share", { name: otherName, points: p.points });
    case "division.no_envy":
      return t("division.no_envy");
    case "division.envy_free_up_to_one":
      return t("division.envy_free_up_to_one", { item: p.item, points: p.points });
    case "division.equalisation":
      return t("division.equalisation", {
        payment: paymentText(c, { payer: p.payer, payee: p.payee, tiyn: Number(p.tiyn) }),
      });
    default:
      return null; // a message this page does not know yet says nothing rather than a key
  }
}

// Where the allocation stands in the room, and the buttons that go with it.
function roomPart(c, allocation, state, { otherName, send }) {
  const go = (start) => {
    saveDraft(c.id, start);
    location.hash = `#/cases/${c.id}/room`;
  };
  const roomLink = h("a", { class: "button", href: `#/cases/${c.id}/room` }, t("division.to_room"));
  const live = state.live;
  const theirs = live && live.role !== c.my_role;
  const change = h(
    "button",
    {
      type: "button",
      class: "button",
      onclick: () => go({ package: { ...allocation.choice }, ...(theirs ? { counter_to: live.version } : {}) }),
    },
    t("division.change"),
  );
  if (live && same(live.package, allocation.choice)) {
    if (!theirs) {
      return [
        h("p", {}, t("division.live_mine", { version: live.version, name: otherName })),
        h("p", { class: "actions" }, roomLink),
      ];
    }
    const accept = async () => {
      const yes = await confirmDialog({
        title: t("division.accept_q"),
        text: t("division.accept_text"),
        body: packageView(c, live.package),
        yes: t("division.accept_yes"),
      });
      if (yes) send("accept", { version: live.version });
    };
    return [
      h("p", {}, t("division.live_theirs", { name: live.name || otherName, version: live.version })),
      h(
        "p",
        { class: "actions" },
        h("button", { type: "button", class: "button primary", onclick: accept }, t("division.accept")),
        change,
        roomLink,
      ),
    ];
  }
  const offer = h(
    "button",
    {
      type: "button",
      class: "button primary",
      onclick: () =>
        go({
          package: { ...allocation.choice },
          from_proposal: allocation.package_id,
          ...(theirs ? { counter_to: live.version } : {}),
        }),
    },
    t("division.offer_this"),
  );
  return [
    live ? h("p", {}, t("division.live_other", { version: live.version })) : null,
    h("p", { class: "actions" }, offer, change, live ? roomLink : null),
  ];
}

// The agreement, once the room recorded it: what was agreed and where to go next.
export function agreedPart(c, agreement) {
  return h(
    "section",
    { class: "notice saved", "aria-labelledby": "agreed-title" },
    h("h2", { id: "agreed-title", tabindex: "-1" }, t("division.agreed_title")),
    packageView(c, agreement.package),
    h("p", {}, t("division.agreed_text")),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/agreement` }, t("division.to_agreement")),
    ),
  );
}

export function allocationPart(c, allocation, state, options) {
  const reasons = allocation.explanation.map((m) => reason(c, m, options.otherName)).filter(Boolean);
  return h(
    "section",
    { class: "card allocation", "aria-labelledby": "allocation-title" },
    h("h2", { id: "allocation-title", tabindex: "-1" }, t("division.allocation_title")),
    h("p", { class: "hint" }, t("division.allocation_intro")),
    packageView(c, allocation.choice, { "aria-labelledby": "allocation-title" }),
    h("h3", { id: "why-title" }, t("division.why_title")),
    h("p", { class: "hint" }, t("division.why_hint", { name: options.otherName })),
    h(
      "ul",
      { class: "explain", "aria-labelledby": "why-title" },
      reasons.map((text) => h("li", {}, text)),
    ),
    c.status === "open" ? roomPart(c, allocation, state, options) : null,
  );
}
