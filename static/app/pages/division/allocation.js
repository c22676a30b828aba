// The proposed allocations side by side: maximum Nash welfare (the product of our satisfactions
// as large as it can be) and, for two parties, Adjusted Winner (./adjusted_winner.js: the same
// share for each by our own points, at most one item shared). Each says who receives which item,
// the payment that goes with it, why it is fair to me in my own points only (the server's message
// keys), and what I can do with it in the room (./offer_actions.js). We choose one by offering
// and accepting it: both must accept the same one.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { packageView } from "../../issues.js";
import { adjustedWinnerCard, awItemsView } from "./adjusted_winner.js";
import { ADJUSTED_WINNER, offerActions } from "./offer_actions.js";
import { reason } from "./reasons.js";

function awIdsOf(division) {
  return new Set((division.adjusted_winner || []).map((way) => way.package_id));
}

// The Adjusted Winner way the agreement is, or null: the agreed offer started from it unchanged.
function agreedWay(division, state, agreement) {
  const offer = state.offers.get(agreement.version);
  return (division.adjusted_winner || []).find(
    (way) =>
      ADJUSTED_WINNER.includes(way.criterion) &&
      offer?.fromProposal === way.package_id &&
      Object.entries(way.choice).every(([item, role]) => agreement.package[item] === role),
  );
}

// The agreement, once the room recorded it: what was agreed and where to go next.
export function agreedPart(c, agreement, division, state) {
  const way = division ? agreedWay(division, state, agreement) : null;
  return h(
    "section",
    { class: "notice saved", "aria-labelledby": "agreed-title" },
    h("h2", { id: "agreed-title", tabindex: "-1" }, t("division.agreed_title")),
    way ? h("p", {}, t("division.aw_agreed")) : null,
    way ? awItemsView(c, way) : packageView(c, agreement.package),
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
    c.status === "open" ? offerActions(c, allocation, state, options) : null,
  );
}

// Both allocations, side by side where the screen is wide enough.
export function allocationsPart(c, division, state, options) {
  const awIds = awIdsOf(division);
  const ways = division.adjusted_winner || [];
  const mnw = allocationPart(c, division.allocation, state, { ...options, awIds });
  if (!ways.length) return mnw;
  return h(
    "div",
    { class: "allocations" },
    h("p", { class: "allocations-intro" }, t("division.two_ways", { name: options.otherName })),
    h("div", { class: "allocation-pair" }, mnw, adjustedWinnerCard(c, ways, state, options)),
  );
}
