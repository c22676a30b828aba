// An offer of Adjusted Winner's equal shares, wherever the room shows a package (the room's table,
// the accept dialog, the agreement page, the offer editor): no equalisation payment beside it, but
// the shared item's way (kept and paid for, or sold), as the settlement will draft it
// (odr/negotiating/division_agreed.py: from that proposal, unchanged). Any other package is
// shown as before, with the payment that balances the shares.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { packageView } from "../../issues.js";

const WAYS = { adjusted_winner: "division.aw_room_keep", adjusted_winner_sale: "division.aw_room_sale" };

const same = (a, b) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([item, role]) => b[item] === role);

// The Adjusted Winner proposal `offer` ({package, fromProposal}) is, unchanged, among `proposals`
// (the room's latest {packages}), or null.
export function equalSharesOf(offer, proposals) {
  if (!offer?.fromProposal || !proposals) return null;
  const way = proposals.packages.find((p) => p.id === offer.fromProposal);
  return way && way.criterion in WAYS && same(way.choice, offer.package) ? way : null;
}

// What an equal-shares offer means beside its items, in a sentence.
export function equalSharesText(way) {
  return t(WAYS[way.criterion]);
}

export function offerTermsView(c, offer, proposals, attrs = {}) {
  const way = equalSharesOf(offer, proposals);
  if (!way) return packageView(c, offer.package, attrs);
  return h(
    "div",
    { class: "equal-shares" },
    packageView(c, offer.package, attrs, { payment: null }),
    h(
      "p",
      { class: "hint" },
      `${equalSharesText(way)} `,
      h("a", { href: `#/cases/${c.id}/division` }, t("division.aw_room_link")),
    ),
  );
}

// The proposals in force before `seq` ({packages} of the last proposals_ready), and the offer
// `version` as logged before it.
function logBefore(events, seq, version = null) {
  let proposals = null;
  let offer = null;
  for (const { event, data, seq: at } of events) {
    if (at >= seq) break;
    if (event === "proposals_ready") proposals = { packages: data.packages || [] };
    else if ((event === "offer" || event === "counter_offer") && data.version === version) {
      offer = { package: data.package, fromProposal: data.from_proposal ?? null, proposals };
    }
  }
  return { proposals, offer };
}

// A room story line (`line`: {text, extra}) about an offer of equal shares, or the agreement on
// one: its terms in place of the package with a balancing payment. Any other line as it is.
export function equalSharesLine(c, events, frame, line) {
  const { event, data, seq } = frame;
  let offer = null;
  let proposals = null;
  if (event === "offer" || event === "counter_offer") {
    offer = { package: data.package, fromProposal: data.from_proposal ?? null };
    proposals = logBefore(events, seq).proposals;
  } else if (event === "agreement") {
    const agreed = logBefore(events, seq, data.version).offer;
    if (agreed) [offer, proposals] = [{ ...agreed, package: data.package }, agreed.proposals];
  }
  if (!offer || !equalSharesOf(offer, proposals)) return line;
  return { ...line, extra: [offerTermsView(c, offer, proposals)] };
}
