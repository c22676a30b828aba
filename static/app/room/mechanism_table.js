// The room's table (where the talks stand) for what is not an offer: a closed room with an
// improvement still open, a bidding case (never a bid: the log has none), a settled bidding
// (strings: part "mechanisms"; state from ./mechanism_state.js).
import { h } from "../dom.js";
import { formatMoment } from "../format.js";
import { t } from "../i18n.js";
import { money } from "./mechanism_events.js";

// After the agreement: closed, and an improvement offer still open is linked.
export function closedTable(c, mech) {
  const offer = mech.improvement;
  if (offer?.status !== "open") return [h("p", {}, t("room.closed"))];
  return [
    h("p", {}, t("room.closed")),
    h("p", { class: "notice" }, t("mech.improve.notice", { deadline: formatMoment(offer.expiresAt) })),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/improvement` }, t("mech.improve.link")),
    ),
  ];
}

// What the reader is to do, or waits for, in a bidding (a key of part "mechanisms").
function biddingKey(b, role) {
  if (b.status === "open" && b.deadlineAt) return "mech.table.bidding.open";
  if (b.courtChosen) return "mech.table.bidding.court";
  if (b.status === "no_settlement")
    return b.choices[role] ? "mech.table.bidding.chosen" : "mech.table.bidding.no_settlement";
  if (!b.proposedBy) return "mech.table.bidding.agreeing";
  return b.proposedBy === role ? "mech.table.bidding.proposed" : "mech.table.bidding.proposed_to_me";
}

// Blind bidding has no offers here: where it stands, and the way to its page.
export function biddingTable(c, mech, role) {
  const b = mech.bidding;
  const key = biddingKey(b, role);
  const where = {
    round: b.round,
    rounds: b.rules?.rounds ?? "?",
    deadline: b.deadlineAt && formatMoment(b.deadlineAt),
    option: b.choices[role] && t(`mech.option.${b.choices[role]}`),
  };
  return [
    h("p", { class: "bidding-state" }, t(key, where)),
    h("p", { class: "hint" }, t("mech.table.bidding.no_offers")),
    h(
      "p",
      { class: "actions" },
      h("a", { class: "button primary", href: `#/cases/${c.id}/bidding` }, t("mech.table.bidding.go")),
    ),
  ];
}

// The agreement box's sentence for a bidding that settled.
export function settledText(mech) {
  return t("mech.agreed.settled", { amount: money(mech.bidding.amount, mech.bidding.currency) });
}
