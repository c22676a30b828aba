// Where one proposed allocation stands in the room, and the buttons that go with it: offer it,
// accept it when the other party offered it, or change it (move items). Every allocation on the
// page (maximum Nash welfare, Adjusted Winner's ways) is chosen the same way: the room's offer
// names the proposal it starts from, and both accepting the same offer is the agreement.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { packageView } from "../../issues.js";
import { saveDraft } from "../../room/live.js";
import { confirmDialog } from "../confirm.js";

export const ADJUSTED_WINNER = ["adjusted_winner", "adjusted_winner_sale"];

const same = (a, b) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([item, role]) => b[item] === role);

// Is the room's offer this allocation, as the settlement will read it (odr/negotiating/
// division_agreed.py)? An Adjusted Winner way only when offered from it, unchanged; maximum Nash
// welfare whenever the items go the same way and the offer is not one of Adjusted Winner's.
export function offers(offer, allocation, awIds) {
  if (!offer || !same(offer.package, allocation.choice)) return false;
  if (ADJUSTED_WINNER.includes(allocation.criterion)) return offer.fromProposal === allocation.package_id;
  return !awIds.has(offer.fromProposal);
}

// `view`: what the accept dialog shows of the allocation (default: the items and the equalisation);
// `offerLabel`: the offer button's own name; `changeable`: false leaves out "Change it" (moving an
// item of Adjusted Winner's allocation makes it an ordinary division: the other card's button).
export function offerActions(c, allocation, state, options) {
  const { otherName, send, awIds, view, offerLabel, changeable = true } = options;
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
  if (offers(live, allocation, awIds)) {
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
        body: view ? view() : packageView(c, live.package),
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
        changeable ? change : null,
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
    offerLabel ?? t("division.offer_this"),
  );
  return [
    live ? h("p", {}, t("division.live_other", { version: live.version })) : null,
    h("p", { class: "actions" }, offer, changeable ? change : null, live ? roomLink : null),
  ];
}
